package nl.ivz.warehouse.service.odata;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL of one feed request. User values only ever travel as bind parameters; identifiers come from the
 * feed's own catalog (never from the request text), quoted.
 */
final class FeedSql {
    private FeedSql() { }

    /** A piece of SQL with the values of its {@code ?} markers, in order. */
    record Fragment(String sql, List<Object> binds) {
        static Fragment of(String sql) { return new Fragment(sql, List.of()); }

        static Fragment join(String prefix, List<Fragment> parts, String separator, String suffix) {
            List<Object> binds = new ArrayList<>();
            parts.forEach(p -> binds.addAll(p.binds()));
            return new Fragment(parts.stream().map(Fragment::sql).collect(Collectors.joining(separator, prefix, suffix)), binds);
        }
    }

    /** A statement without trailing semicolons, so it can be wrapped as a subquery. */
    static String body(String sql) {
        String b = sql.strip();
        while (b.endsWith(";")) b = b.substring(0, b.length() - 1).strip();
        return b;
    }

    /**
     * The set as a relation with the feed's column names and types and its key columns: the source cast to the
     * declared types, plus the synthetic row key (row_number over all columns, per load batch where there is one).
     */
    static String keyed(FeedSet set, String sourceSql) {
        List<String> sourceCols = new ArrayList<>();
        for (FeedColumn c : set.columns()) if (!c.synthetic()) sourceCols.add(FeedColumn.quote(c.sqlName()));
        StringBuilder b = new StringBuilder("SELECT ");
        boolean first = true;
        for (FeedColumn c : set.columns()) {
            if (!first) b.append(", ");
            first = false;
            if (c.synthetic()) {
                b.append("row_number() OVER (");
                List<String> order = new ArrayList<>(sourceCols);
                if (c.name().endsWith(FeedSet.ROW_IN_BATCH)) {
                    b.append("PARTITION BY src.\"batch_id\" ");
                    order.remove("\"batch_id\"");
                }
                if (!order.isEmpty()) b.append("ORDER BY ").append(order.stream().map(o -> "src." + o).collect(Collectors.joining(", ")));
                b.append(")");
            } else {
                b.append("CAST(src.").append(FeedColumn.quote(c.sqlName())).append(" AS ").append(c.sqlType()).append(")");
            }
            b.append(" AS ").append(FeedColumn.quote(c.name()));
        }
        b.append(" FROM (\n").append(body(sourceSql)).append("\n) AS src");
        return b.toString();
    }

    static String tableSource(FeedSet set) {
        return "SELECT * FROM " + FeedColumn.quote(set.table());
    }

    /** One page: selected columns (keys always included), filter, order (then the keys), limit and offset. */
    static Fragment page(FeedSet set, String keyedSql, List<Object> sourceBinds, List<FeedColumn> columns, Fragment filter,
                         List<String> orderBy, long limit, long offset) {
        List<Object> binds = new ArrayList<>(sourceBinds);
        StringBuilder b = new StringBuilder("SELECT ");
        b.append(columns.stream().map(c -> "feed." + FeedColumn.quote(c.name())).collect(Collectors.joining(", ")));
        b.append(" FROM (").append(keyedSql).append(") AS feed");
        if (filter != null) {
            b.append(" WHERE ").append(filter.sql());
            binds.addAll(filter.binds());
        }
        List<String> order = new ArrayList<>(orderBy);
        for (String k : set.keys()) order.add("feed." + FeedColumn.quote(k));
        b.append(" ORDER BY ").append(String.join(", ", order));
        b.append(" LIMIT ? OFFSET ?");
        binds.add(limit);
        binds.add(offset);
        return new Fragment(b.toString(), binds);
    }

    static Fragment count(String keyedSql, List<Object> sourceBinds, Fragment filter) {
        List<Object> binds = new ArrayList<>(sourceBinds);
        StringBuilder b = new StringBuilder("SELECT count(*) FROM (").append(keyedSql).append(") AS feed");
        if (filter != null) {
            b.append(" WHERE ").append(filter.sql());
            binds.addAll(filter.binds());
        }
        return new Fragment(b.toString(), binds);
    }
}
