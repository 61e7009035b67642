package nl.ivz.warehouse.cubes;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.conf.ParamType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One cube call, the same for the CLI, the HTTP service, the OData feed and the Spark and Trino paths: the cube
 * found by name, its parameter names checked, the query built (parameters resolved against the warehouse
 * {@code ctx} is connected to) and rendered with its values inlined, optionally projected onto some columns.
 * What runs it (JDBC, the service's limits, Spark) and where the rows go stay with the caller.
 */
public final class CubeRun {
    private final Cube cube;
    private final Map<String, String> params;
    private final ResultQuery<? extends Record> query;
    private final String cubeSql;
    private final String sql;

    private CubeRun(Cube cube, Map<String, String> params, ResultQuery<? extends Record> query, String cubeSql, String sql) {
        this.cube = cube;
        this.params = params;
        this.query = query;
        this.cubeSql = cubeSql;
        this.sql = sql;
    }

    /** The cube called {@code name} (any case) among {@code cubes}; an unknown name lists them (parameter null). */
    public static Cube find(List<Cube> cubes, String name) throws CubeException {
        String n = name == null ? "" : name.trim();
        for (Cube c : cubes) if (c.name().equalsIgnoreCase(n)) return c;
        List<String> names = cubes.stream().map(Cube::name).collect(Collectors.toList());
        throw new CubeException(null, "Unknown cube '" + name + "'" + Lookup.didYouMean(n, names) + "; cubes: " + String.join(", ", names));
    }

    /**
     * Checks the parameters and columns and builds the query. {@code columns} null or empty = every column, in
     * the cube's order.
     */
    public static CubeRun prepare(DSLContext ctx, Cube cube, Map<String, String> params, List<String> columns) throws CubeException {
        Map<String, String> given = params == null ? Map.of() : new LinkedHashMap<>(params);
        checkNames(cube, given);
        ResultQuery<? extends Record> q = cube.query(ctx, given);
        // Inlined (jOOQ escapes the literals): with bind markers DuckDB cannot type the result before running it.
        String cubeSql = q.getSQL(ParamType.INLINED);
        String sql = cubeSql;
        if (columns != null && !columns.isEmpty()) {
            List<String> known = cube.columns().stream().map(CubeColumn::name).collect(Collectors.toList());
            for (String c : columns) {
                if (!known.contains(c)) {
                    throw new CubeException("columns", "Cube " + cube.name() + " has no column '" + c + "'" + Lookup.didYouMean(c, known)
                            + "; columns: " + String.join(", ", known));
                }
            }
            // DuckDB keeps the subquery's row order for a plain projection
            sql = "SELECT " + String.join(", ", columns) + " FROM (" + cubeSql + ") cube_result";
        }
        return new CubeRun(cube, given, q, cubeSql, sql);
    }

    /** Parameter names the cube does not take are refused with the close matches and the list of its parameters. */
    public static void checkNames(Cube cube, Map<String, String> given) throws CubeException {
        List<String> names = cube.params().stream().map(CubeParam::name).collect(Collectors.toList());
        for (String k : given.keySet()) {
            if (!names.contains(k.trim().toLowerCase(Locale.ROOT))) {
                throw new CubeException(k, "Unknown parameter '" + k + "' for cube " + cube.name() + Lookup.didYouMean(k, names)
                        + " (parameters: " + String.join(", ", names) + ")");
            }
        }
    }

    public Cube cube() { return cube; }

    public Map<String, String> params() { return params; }

    /** The jOOQ query (Spark fetches through it). */
    public ResultQuery<? extends Record> query() { return query; }

    /** The statement to run: the cube's SQL with its values inlined, projected onto the chosen columns. */
    public String sql() { return sql; }

    /** The question as typed: "PREFIX NAME key=value ...". */
    public String question(String prefix, String separator) {
        StringBuilder q = new StringBuilder(prefix + cube.name());
        params.forEach((k, v) -> q.append(separator).append(k).append('=').append(v));
        return q.toString();
    }

    /**
     * What an answer misses (its distinct coverage_note values), for the outputs that show a note beside the rows;
     * empty when the answer is complete or the cube has no coverage column.
     */
    public List<String> coverageNotes(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        if (cube.columns().stream().noneMatch(x -> x.name().equals("coverage_note"))) return out;
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT DISTINCT coverage_note FROM (" + cubeSql + ") answer WHERE coverage_note IS NOT NULL ORDER BY 1")) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    /** A result column: its name and type as the engine reports them for the query, with the cube's notes on it. */
    public record TypedColumn(String name, String type, CubeColumn about) { }

    /**
     * The columns of the answer with their types as the engine gives them (the statement is prepared, not run), in
     * answer order, each with the cube's declared unit, decimals and description where it has one.
     */
    public List<TypedColumn> columns(Connection c) throws SQLException {
        Map<String, CubeColumn> about = cube.columns().stream().collect(Collectors.toMap(CubeColumn::name, x -> x, (a, b) -> a, LinkedHashMap::new));
        List<TypedColumn> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ResultSetMetaData md = ps.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                String n = md.getColumnLabel(i);
                out.add(new TypedColumn(n, md.getColumnTypeName(i), about.get(n)));
            }
        }
        return out;
    }

    /**
     * The typed columns of {@code cube} on the warehouse {@code c} is connected to, from its query with the default
     * parameters; null when the defaults do not resolve there (an empty warehouse, or one without those areas).
     */
    public static List<TypedColumn> describe(DSLContext ctx, Connection c, Cube cube) throws SQLException {
        try {
            return prepare(ctx, cube, Map.of(), null).columns(c);
        } catch (CubeException | org.jooq.exception.DataAccessException e) {
            return null;
        }
    }
}
