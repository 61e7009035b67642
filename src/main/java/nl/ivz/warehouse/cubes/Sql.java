package nl.ivz.warehouse.cubes;

import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.util.List;

import static org.jooq.impl.DSL.name;

/** Short typed references to columns of CTEs and derived tables, so cube queries read like their SQL. */
final class Sql {
    private Sql() { }

    static Field<Double> d(String table, String col) { return DSL.field(name(table, col), SQLDataType.DOUBLE); }
    static Field<String> s(String table, String col) { return DSL.field(name(table, col), SQLDataType.VARCHAR); }
    static Field<Integer> i(String table, String col) { return DSL.field(name(table, col), SQLDataType.INTEGER); }
    static Field<Long> l(String table, String col) { return DSL.field(name(table, col), SQLDataType.BIGINT); }
    static Field<Boolean> b(String table, String col) { return DSL.field(name(table, col), SQLDataType.BOOLEAN); }
    static Table<?> t(String table) { return DSL.table(name(table)); }

    /**
     * Years from..to as table g(generate_series): DuckDB's generate_series, and a VALUES list for the engines the
     * lake export serves (Spark has no generate_series table function; issue 8).
     */
    static Table<?> yearSeries(org.jooq.DSLContext ctx, int from, int to) {
        if (ctx.dialect() == org.jooq.SQLDialect.DUCKDB || from > to) {
            return DSL.generateSeries(DSL.inline(from), DSL.inline(to)).as("g");
        }
        @SuppressWarnings("unchecked")
        org.jooq.Row1<Integer>[] rows = new org.jooq.Row1[to - from + 1];
        for (int y = from; y <= to; y++) rows[y - from] = DSL.row(DSL.inline(y));
        return DSL.values(rows).as("g", "generate_series");
    }

    /**
     * Values joined with ", " in their order: DuckDB's ordered string_agg, Trino's LISTAGG, and for Spark (jOOQ's
     * DEFAULT rendering) a sorted collect_list (issue 8: the cubes on other engines).
     */
    static Field<String> orderedNames(org.jooq.DSLContext ctx, Field<String> f) {
        switch (ctx.dialect()) {
            case DUCKDB: return DSL.field("string_agg({0}, ', ' order by {0})", SQLDataType.VARCHAR, f);
            case TRINO: return DSL.field("listagg({0}, ', ') within group (order by {0})", SQLDataType.VARCHAR, f);
            default: return DSL.field("array_join(array_sort(collect_list({0})), ', ')", SQLDataType.VARCHAR, f);
        }
    }

    static Field<Double> dbl(Field<? extends Number> f) { return f.cast(SQLDataType.DOUBLE); }

    /** A typed empty text value (Spark has no VARCHAR without a length). */
    static Field<String> nullText(org.jooq.DSLContext ctx) {
        return ctx.dialect() == org.jooq.SQLDialect.DEFAULT ? DSL.field("cast(null as string)", SQLDataType.VARCHAR) : DSL.castNull(SQLDataType.VARCHAR);
    }

    /** A number as text for a message: Spark (jOOQ's DEFAULT rendering) has no VARCHAR without a length. */
    static Field<String> text(org.jooq.DSLContext ctx, Field<?> f) {
        return ctx.dialect() == org.jooq.SQLDialect.DEFAULT ? DSL.field("cast({0} as string)", SQLDataType.VARCHAR, f) : f.cast(SQLDataType.VARCHAR);
    }

    static Field<String>[] strings(List<String> xs) {
        @SuppressWarnings("unchecked")
        Field<String>[] out = new Field[xs.size()];
        for (int k = 0; k < xs.size(); k++) out[k] = DSL.inline(xs.get(k));
        return out;
    }

    /**
     * Constant rows (each a list of values in the order of {@code names}) as a derived table {@code alias}(names). DuckDB
     * plans a VALUES list of a few hundred rows slowly (each literal an expression to bind: ~20-40 ms for the national
     * trend's leaves), so for DuckDB each column is one '|'-joined string literal that string_split and unnest take apart
     * (NULL as the empty string); a column with a '|' or an empty string in it is a typed list literal instead. The
     * other engines (Spark, Trino: the lake export) keep VALUES. No rows: an empty table of the same columns.
     */
    static Table<?> constants(org.jooq.DSLContext ctx, String alias, List<String> names, List<DataType<?>> types, List<? extends List<?>> rows) {
        int n = names.size();
        if (rows.isEmpty()) {
            List<Field<?>> cols = new java.util.ArrayList<>();
            for (int c = 0; c < n; c++) cols.add(typedNull(ctx, types.get(c)).as(names.get(c)));
            return DSL.select(cols).where(DSL.falseCondition()).asTable(alias);
        }
        if (ctx.dialect() != org.jooq.SQLDialect.DUCKDB) {
            org.jooq.RowN[] out = new org.jooq.RowN[rows.size()];
            for (int r = 0; r < out.length; r++) {
                List<Field<?>> cells = new java.util.ArrayList<>();
                for (int c = 0; c < n; c++) {
                    Object v = rows.get(r).get(c);
                    cells.add(v == null ? typedNull(ctx, types.get(c)) : DSL.inline(v, types.get(c)));
                }
                out[r] = DSL.row(cells);
            }
            return DSL.values(out).as(alias, names.toArray(new String[0]));
        }
        List<Field<?>> cols = new java.util.ArrayList<>();
        for (int c = 0; c < n; c++) {
            List<Object> vals = new java.util.ArrayList<>(rows.size());
            for (List<?> r : rows) vals.add(r.get(c));
            cols.add(column(ctx, vals, types.get(c)).as(names.get(c)));
        }
        return DSL.select(cols).asTable(alias);
    }

    /**
     * {@code f} among {@code codes}: for DuckDB a long list is a semi-join on its codes as constants (binding and
     * rewriting several IN lists of ~400 literals took the benchmark cube's national question ~30 ms of planning); a
     * short list, and every list on the other engines, stays an IN list of literals.
     */
    static org.jooq.Condition in(org.jooq.DSLContext ctx, Field<String> f, List<String> codes) {
        if (ctx.dialect() != org.jooq.SQLDialect.DUCKDB || codes.size() <= 20) return f.in(strings(codes));
        List<List<String>> rows = new java.util.ArrayList<>();
        for (String c : codes) rows.add(List.of(c));
        return f.in(DSL.select(s("in_codes", "code")).from(constants(ctx, "in_codes", List.of("code"), List.of(SQLDataType.VARCHAR), rows)));
    }

    private static Field<?> typedNull(org.jooq.DSLContext ctx, DataType<?> type) {
        return type.getSQLDataType() == SQLDataType.VARCHAR ? nullText(ctx) : DSL.castNull(type);
    }

    /** One DuckDB column of constants: a split string where the values allow it, else a typed list; unnested. */
    private static Field<?> column(org.jooq.DSLContext ctx, List<Object> vals, DataType<?> type) {
        String cast = duckType(type);
        boolean split = true;
        boolean nulls = false;
        StringBuilder joined = new StringBuilder();
        for (int k = 0; k < vals.size(); k++) {
            Object v = vals.get(k);
            if (k > 0) joined.append('|');
            if (v == null) {
                nulls = true;
                continue;
            }
            String text = v.toString();
            if (text.isEmpty() || text.indexOf('|') >= 0) split = false;
            joined.append(text);
        }
        if (split) {
            String e = "unnest(string_split({0}, '|'))";
            if (nulls) e = "nullif(" + e + ", '')";
            if (!cast.equals("VARCHAR")) e = "cast(" + e + " as " + cast + ")";
            return DSL.field(e, type, DSL.inline(joined.toString()));
        }
        StringBuilder list = new StringBuilder("unnest(cast([");
        for (int k = 0; k < vals.size(); k++) {
            if (k > 0) list.append(", ");
            list.append(vals.get(k) == null ? "NULL" : ctx.renderInlined(DSL.inline(vals.get(k), type)));
        }
        return DSL.field(list.append("] as ").append(cast).append("[]))").toString(), type);
    }

    private static String duckType(DataType<?> type) {
        DataType<?> t = type.getSQLDataType();
        if (t == SQLDataType.VARCHAR) return "VARCHAR";
        if (t == SQLDataType.DOUBLE) return "DOUBLE";
        if (t == SQLDataType.INTEGER) return "INTEGER";
        if (t == SQLDataType.BIGINT) return "BIGINT";
        throw new IllegalArgumentException("No constant column of type " + type);
    }
}
