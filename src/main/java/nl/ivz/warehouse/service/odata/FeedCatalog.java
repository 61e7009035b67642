package nl.ivz.warehouse.service.odata;

import nl.ivz.warehouse.core.Warehouse;
import nl.ivz.warehouse.cubes.Cube;
import nl.ivz.warehouse.cubes.CubeColumn;
import nl.ivz.warehouse.cubes.CubeRun;
import nl.ivz.warehouse.cubes.CubeParam;
import nl.ivz.warehouse.service.ApiException;
import nl.ivz.warehouse.service.CannedQueries;
import nl.ivz.warehouse.service.CannedQuery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The entity sets of the feed, read once when the server starts: every table of the star schema (from
 * DuckDB's catalog, with its column types, comments and primary key), every cube (its declared columns)
 * and every canned query (column types from preparing it with its default parameters).
 */
final class FeedCatalog {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FeedCatalog.class);
    private final Map<String, FeedSet> sets;

    private FeedCatalog(Map<String, FeedSet> sets) {
        this.sets = sets;
    }

    List<FeedSet> all() { return List.copyOf(sets.values()); }

    FeedSet byName(String name) { return sets.get(name); }

    static FeedCatalog read(Connection c, List<Cube> cubes, CannedQueries canned) throws SQLException {
        Map<String, FeedSet> out = new LinkedHashMap<>();
        for (FeedSet s : tables(c)) out.put(s.name(), s);
        for (Cube cube : cubes) {
            FeedSet s = cube(c, cube);
            if (s != null) out.put(s.name(), s);
        }
        for (CannedQuery q : canned.all()) {
            FeedSet s = query(c, canned.byName(q.name()).orElseThrow());
            out.put(s.name(), s);
        }
        return new FeedCatalog(out);
    }

    private static List<FeedSet> tables(Connection c) throws SQLException {
        Map<String, String> comments = new LinkedHashMap<>();
        Map<String, List<FeedColumn>> columns = new HashMap<>();
        Map<String, List<String>> primaryKeys = new HashMap<>();
        String where = "WHERE database_name = current_database() AND schema_name = 'main' AND table_name <> 'flyway_schema_history'";
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT table_name, comment FROM duckdb_tables() " + where + " ORDER BY table_name")) {
                while (rs.next()) comments.put(rs.getString(1), rs.getString(2));
            }
            try (ResultSet rs = st.executeQuery("SELECT table_name, column_name, data_type, is_nullable, comment FROM duckdb_columns() "
                    + where + " ORDER BY table_name, column_index")) {
                while (rs.next()) {
                    columns.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(FeedColumn.of(rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getString(5), null));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT table_name, array_to_string(constraint_column_names, chr(31)) FROM duckdb_constraints() "
                    + where + " AND constraint_type = 'PRIMARY KEY'")) {
                while (rs.next()) primaryKeys.put(rs.getString(1), List.of(rs.getString(2).split("\u001f")));
            }
        }
        List<FeedSet> out = new ArrayList<>();
        for (Map.Entry<String, String> t : comments.entrySet()) {
            List<FeedColumn> cols = new ArrayList<>(columns.getOrDefault(t.getKey(), List.of()));
            List<String> keys = new ArrayList<>();
            List<String> pk = primaryKeys.get(t.getKey());
            if (pk != null) {
                for (String k : pk) keys.add(FeedColumn.identifier(k));
            } else if (cols.stream().anyMatch(col -> col.name().equals("batch_id"))) {
                keys.add("batch_id");
                keys.add(addKey(cols, FeedSet.ROW_IN_BATCH, "Key with batch_id: the row's number within its load batch, "
                        + "counted in the order of all columns; stable as long as that batch is loaded"));
            } else {
                keys.add(addKey(cols, FeedSet.ROW_NUMBER, "Key: the row's number when the table is sorted by all its columns; "
                        + "stable while the table does not change"));
            }
            out.add(new FeedSet(FeedColumn.identifier(t.getKey()), FeedSet.Kind.TABLE, t.getKey(), t.getValue(), List.copyOf(cols),
                    List.copyOf(keys), List.of(), t.getKey(), null, null));
        }
        return out;
    }

    /** A cube's set, typed by its answer to the default parameters; null when those do not resolve on this warehouse. */
    private static FeedSet cube(Connection c, Cube cube) throws SQLException {
        List<CubeRun.TypedColumn> typed = CubeRun.describe(Warehouse.dsl(c), c, cube);
        if (typed == null) {
            LOG.warn("OData: cube {} is left out of the feed: its default parameters do not resolve on this warehouse", cube.name());
            return null;
        }
        List<FeedColumn> cols = new ArrayList<>();
        for (CubeRun.TypedColumn tc : typed) {
            CubeColumn cc = tc.about();
            cols.add(FeedColumn.of(tc.name(), tc.type(), true, cc == null ? null : cc.description(), cc == null ? null : cc.unit()));
        }
        String key = addKey(cols, FeedSet.ROW_NUMBER, "Key: the row's number when the answer is sorted by all its columns; "
                + "stable for the same parameters while the warehouse is not reloaded");
        List<FeedSet.Param> params = cube.params().stream()
                .map((CubeParam p) -> new FeedSet.Param(p.name(), p.type(), p.defaultValue(), p.description())).toList();
        return new FeedSet("cube_" + FeedColumn.identifier(cube.name()), FeedSet.Kind.CUBE, "Cube " + cube.name(), cube.description(),
                List.copyOf(cols), List.of(key), params, null, cube, null);
    }

    private static FeedSet query(Connection c, CannedQueries.Entry e) throws SQLException {
        CannedQuery q = e.query();
        List<Object> binds = new ArrayList<>();
        Map<String, Object> defaults;
        try {
            defaults = q.values(Map.of());
        } catch (ApiException required) {
            defaults = Map.of();
        }
        for (String p : e.checked().parameterNames()) binds.add(defaults.get(p));
        List<FeedColumn> cols = new ArrayList<>();
        // The shape of the answer with the default parameters, without running it.
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM (\n" + FeedSql.body(e.checked().sql()) + "\n) AS shape LIMIT 0")) {
            for (int i = 0; i < binds.size(); i++) ps.setObject(i + 1, binds.get(i));
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    cols.add(FeedColumn.of(md.getColumnLabel(i), md.getColumnTypeName(i), true, null, null));
                }
            }
        }
        String key = addKey(cols, FeedSet.ROW_NUMBER, "Key: the row's number when the answer is sorted by all its columns; "
                + "stable for the same parameters while the warehouse is not reloaded");
        List<FeedSet.Param> params = q.params().stream()
                .map(p -> new FeedSet.Param(p.name(), p.type(), p.defaultValue(), p.description())).toList();
        return new FeedSet("query_" + FeedColumn.identifier(q.name()), FeedSet.Kind.QUERY, q.title(), q.description(),
                List.copyOf(cols), List.of(key), params, null, null, e);
    }

    /** Adds a synthetic key column, with a leading underscore if the result already has a column of that name. */
    private static String addKey(List<FeedColumn> cols, String name, String description) {
        String n = name;
        while (true) {
            String candidate = n;
            if (cols.stream().noneMatch(col -> col.name().equals(candidate))) break;
            n = "_" + n;
        }
        cols.add(0, FeedColumn.key(n, description));
        return n;
    }
}
