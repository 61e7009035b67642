package nl.ivz.warehouse.bench;

import nl.ivz.warehouse.core.Warehouse;
import nl.ivz.warehouse.cubes.Cube;
import nl.ivz.warehouse.cubes.CubeException;
import nl.ivz.warehouse.cubes.CubeParam;
import nl.ivz.warehouse.cubes.CubeRun;
import nl.ivz.warehouse.cubes.Cubes;
import org.jooq.DSLContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Each cube against its hand-written DuckDB SQL twin, on the loaded synthetic country. Both run through the same
 * JDBC loop (createStatement, every value read with getObject); the cube's time also holds CubeRun.prepare (parameters
 * resolved, SQL rendered), so the ratio compares the SQL and the cost of building it, not two JDBC paths (the same
 * statement is 3-12 ms slower through prepareStatement). The CLI and the service do not run it this way: they prepare
 * it (export.Results, QueryService) and read DuckDB's chunks, so a user waits that much longer for either. Alternating
 * runs (at least 15, median) after untimed warm-up builds and runs of each, so that both are measured as a running service
 * answers them: with the Java side compiled by the JIT (building a query took 1.5 ms after one warm-up and 0.3 ms after 300 calls).
 * The twins are analysts' SQL files (src/bench/sql, in the jar under bench/sql) with named placeholders ${area}, ${level},
 * ${year}, ${from}, ${to} that the bench fills with its own parameters.
 */
public final class CubeBench {
    private CubeBench() { }

    /** Alternating runs per question at least, whatever --runs says: single runs of 5-30 ms scatter by a few ms. */
    private static final int MIN_RUNS = 15;

    /** Untimed runs of each side before the timed ones. */
    private static final int WARM_UP_RUNS = 20;

    /**
     * Untimed builds of the cube's query (CubeRun.prepare only, no SQL run) before the warm-up runs: the JIT compiles
     * the building code after a few hundred calls (target: 1.1 ms after 20 calls, 0.24-0.4 ms after 300-5,000).
     */
    private static final int WARM_UP_BUILDS = 300;

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z_]+)}");

    /**
     * The hand-written SQL of {@code cube} for the bench's {@code params}: whole numbers inlined as they are, other values as
     * quoted strings (the bench's own values, never user input); null when the cube has no twin. A placeholder the
     * parameters do not fill is an error.
     */
    public static String handWrittenSql(String cube, Map<String, String> params) {
        String text;
        try (InputStream in = CubeBench.class.getResourceAsStream("/bench/sql/" + cube + ".sql")) {
            if (in == null) return null;
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = params.get(m.group(1));
            if (v == null) throw new IllegalArgumentException("bench/sql/" + cube + ".sql needs parameter " + m.group(1) + "; given " + params.keySet());
            m.appendReplacement(out, Matcher.quoteReplacement(v.matches("-?\\d+") ? v : "'" + v.replace("'", "''") + "'"));
        }
        m.appendTail(out);
        String sql = out.toString().strip();
        return sql.endsWith(";") ? sql.substring(0, sql.length() - 1) : sql;
    }

    /**
     * The hand-written SQL file (bench/sql/NAME.sql) for a cube question: the trend of a land (NL01) rolls up along
     * the bestuurlijk hierarchy, not the police one of trend.sql, so it has its own file.
     */
    public static String twinOf(String cube, Map<String, String> params, DSLContext dsl) {
        if (!"trend".equals(cube) || params.get("area") == null) return cube;
        String level = dsl.resultQuery("SELECT region_level FROM dim_region WHERE region_code = ?", params.get("area")).fetchOne(0, String.class);
        return "land".equals(level) ? "trend-national" : cube;
    }

    /** Parameters that fit the synthetic country: the biggest unit, its districts, years the data has. */
    static List<Map<String, String>> paramsFor(Cube cube, DSLContext dsl) {
        String unit = dsl.resultQuery("SELECT parent_code FROM dim_region_parent p JOIN dim_region r ON r.region_code = p.region_code "
                + "WHERE p.hierarchy = 'politie' AND r.region_level = 'district' GROUP BY parent_code ORDER BY count(*) DESC, parent_code LIMIT 1").fetchOne(0, String.class);
        // the hierarchy covers the whole country at every scale: the district with the most municipalities that have data
        String district = dsl.resultQuery("SELECT p.parent_code FROM dim_region_parent p JOIN dim_region b ON b.region_code = p.region_code "
                + "JOIN dim_region_parent g ON g.parent_code = b.region_code WHERE b.region_level = 'basisteam' AND p.hierarchy = 'politie' "
                + "AND g.region_code IN (SELECT region_code FROM fct_population) "
                + "GROUP BY p.parent_code ORDER BY count(DISTINCT g.region_code) DESC, p.parent_code LIMIT 1").fetchOne(0, String.class);
        Map<String, String> base = new LinkedHashMap<>();
        for (CubeParam p : cube.params()) {
            switch (p.name()) {
                // benchmark and significance compare the areas below a unit; the others answer for one district
                case "area": base.put("area", List.of("benchmark", "significance").contains(cube.name()) ? unit : district); break;
                case "year": base.put("year", "2016"); break;
                case "from": base.put("from", "2013"); break;
                case "to": base.put("to", "2017"); break;
                default: break;
            }
        }
        List<Map<String, String>> out = new ArrayList<>();
        switch (cube.name()) {
            case "benchmark": {
                // counts are loaded per municipality (and buurt): compare the municipalities of a unit and of the country
                Map<String, String> a = new LinkedHashMap<>(base);
                a.put("level", "gemeente");
                out.add(a);
                Map<String, String> b = new LinkedHashMap<>(base);
                b.put("area", "NL01");
                b.put("level", "gemeente");
                out.add(b);
                break;
            }
            case "trend": {
                Map<String, String> a = new LinkedHashMap<>(base);
                a.put("level", "gemeente");
                out.add(a);
                Map<String, String> b = new LinkedHashMap<>(base);
                b.put("area", "NL01");
                b.put("level", "gemeente");
                b.put("from", "2012");
                b.put("to", "2025");
                out.add(b);
                break;
            }
            case "survey-sample": {
                // the generated response counts are for the VM rounds 2021, 2023, 2025
                Map<String, String> a = new LinkedHashMap<>(base);
                a.put("year", "2021");
                out.add(a);
                break;
            }
            default:
                out.add(base);
        }
        return out;
    }

    static void run(Suite s, Path warehouse) throws SQLException {
        List<Cube> cubes = Cubes.all();
        try (Warehouse w = Warehouse.open(warehouse)) {
            DSLContext dsl = w.dsl();
            for (Cube cube : cubes) {
                for (Map<String, String> params : paramsFor(cube, dsl)) {
                    measure(s, w, dsl, cube, params);
                }
            }
            growth(s, dsl);
        }
    }

    /** The first scale of this run (label and cost of each growth question), to compare the later scales with. */
    private static String firstScale;
    private static final Map<String, Measure.Stat> FIRST_COST = new LinkedHashMap<>();
    private static final Map<String, Long> FIRST_ROWS = new LinkedHashMap<>();

    /**
     * Cost growth with the warehouse: the same questions at every scale of one run (trend and target of Amsterdam's
     * district, benchmark of the municipalities of its unit). The generator gives every municipality of that unit
     * buurten at every scale (Country.GROWTH_UNIT), so the answer keeps its size while the fact table grows ~10x a step.
     */
    private static void growth(Suite s, DSLContext dsl) {
        String district = dsl.resultQuery("SELECT d.region_code FROM dim_region d JOIN dim_region_parent b ON b.parent_code = d.region_code "
                + "JOIN dim_region_parent g ON g.parent_code = b.region_code WHERE g.region_code = 'GM0363' AND d.region_level = 'district' "
                + "AND b.hierarchy = 'politie' AND g.hierarchy = 'politie' ORDER BY 1 LIMIT 1").fetchOne(0, String.class);
        String unit = district == null ? null : dsl.resultQuery("SELECT parent_code FROM dim_region_parent WHERE region_code = ? AND hierarchy = 'politie' "
                + "ORDER BY valid_to DESC, parent_code LIMIT 1", district).fetchOne(0, String.class);
        if (district == null || unit == null) {
            s.add(s.line("cubes", "cost growth", "ms", null, null, null, Report.Better.LOWER, 1.5, "not measured: Amsterdam (GM0363) has no district or unit"));
            return;
        }
        String scale = Suite.trim(s.options().scale());
        List<Object[]> questions = List.of(
                new Object[] {"trend", Map.of("area", district, "level", "gemeente", "from", "2013", "to", "2017")},
                new Object[] {"benchmark", Map.of("area", unit, "level", "gemeente", "year", "2016")},
                new Object[] {"target", Map.of("area", district, "from", "2013", "to", "2017")});
        for (Object[] q : questions) {
            Cube cube = Cubes.byName((String) q[0]).orElseThrow();
            @SuppressWarnings("unchecked")
            Map<String, String> params = new java.util.TreeMap<>((Map<String, String>) q[1]);
            String what = cube.name() + " " + params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
            List<Double> ms = new ArrayList<>();
            long rows = 0;
            try {
                ours(cube, dsl, params);
                for (int run = 0; run < Math.max(3, s.options().runs()); run++) {
                    long t0 = System.nanoTime();
                    rows = ours(cube, dsl, params);
                    ms.add((System.nanoTime() - t0) / 1e6);
                }
            } catch (CubeException | RuntimeException e) {
                s.add(s.line("cubes", "cost growth: " + what, "ms", null, null, null, Report.Better.LOWER, 1.5, "failed: " + firstLine(e.getMessage())));
                continue;
            }
            Measure.Stat stat = Measure.Stat.of(ms);
            if (firstScale == null || firstScale.equals(scale)) {
                firstScale = scale;
                FIRST_COST.put(what, stat);
                FIRST_ROWS.put(what, rows);
                s.add(s.line("cubes", "cost growth: " + what + " (" + rows + " rows)", "ms", stat, null, null, Report.Better.LOWER, null,
                        "first scale of this run: the growth is reported at the next scale (bench run --scale " + scale + ",...)"));
            } else {
                Measure.Stat first = FIRST_COST.get(what);
                Long firstRows = FIRST_ROWS.get(what);
                // a different answer size is another question: no ratio, so the goal is NOT met
                boolean same = first != null && firstRows != null && firstRows == rows;
                s.add(s.line("cubes", "cost growth " + firstScale + " -> " + scale + ": " + what + " (" + rows + " rows)", "ms", stat,
                        "same question at scale " + firstScale, same ? first : null, Report.Better.LOWER, 1.5,
                        first == null ? "no figure at scale " + firstScale
                                : (same ? "same answer size" : "NOT comparable: answer size differs, " + firstRows + " rows at " + firstScale + " (" + first.median() + " ms)")
                                + "; CubeRun.prepare, run and every value read"));
            }
        }
    }

    private static void measure(Suite s, Warehouse w, DSLContext dsl, Cube cube, Map<String, String> params) {
        String what = cube.name() + " " + params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
        String hand;
        try {
            cube.query(dsl, params);
            String twin = twinOf(cube.name(), params, dsl);
            hand = handWrittenSql(twin, params);
            if (hand == null) {
                s.add(s.line("cubes", what, "ms", null, "hand-written SQL", null, Report.Better.LOWER, 1.2, "no hand-written SQL twin (bench/sql/" + twin + ".sql)"));
                return;
            }
        } catch (CubeException | RuntimeException e) {
            s.add(s.line("cubes", what, "ms", null, "hand-written SQL", null, Report.Better.LOWER, 1.2,
                    "not applicable to the synthetic data: " + firstLine(e.getMessage())));
            return;
        }
        List<Double> ours = new ArrayList<>();
        List<Double> build = new ArrayList<>();
        List<Double> ref = new ArrayList<>();
        long rowsOurs = 0;
        long rowsRef = 0;
        try {
            for (int run = 0; run < WARM_UP_BUILDS; run++) CubeRun.prepare(dsl, cube, params, null).sql();
            for (int run = 0; run < WARM_UP_RUNS; run++) {
                ours(cube, dsl, params);
                ref(dsl, hand);
            }
            for (int run = 0; run < Math.max(MIN_RUNS, s.options().runs()); run++) {
                long t0 = System.nanoTime();
                String sql = CubeRun.prepare(dsl, cube, params, null).sql();
                build.add((System.nanoTime() - t0) / 1e6);
                rowsOurs = ref(dsl, sql);
                ours.add((System.nanoTime() - t0) / 1e6);
                t0 = System.nanoTime();
                rowsRef = ref(dsl, hand);
                ref.add((System.nanoTime() - t0) / 1e6);
            }
        } catch (CubeException | SQLException | RuntimeException e) {
            s.add(s.line("cubes", what, "ms", null, "hand-written SQL", null, Report.Better.LOWER, 1.2, "failed: " + firstLine(e.getMessage())));
            return;
        }
        s.logLine("  cube %s: %,d rows, ours %.1f ms, hand SQL %.1f ms", what, rowsOurs, Measure.Stat.of(ours).median(), Measure.Stat.of(ref).median());
        s.add(s.line("cubes", what + " (" + rowsOurs + " rows)", "ms", Measure.Stat.of(ours), "hand-written SQL", Measure.Stat.of(ref),
                Report.Better.LOWER, 1.2, (rowsOurs == rowsRef ? "" : "row counts differ: " + rowsOurs + " vs " + rowsRef + "; ")
                        + String.format(java.util.Locale.ROOT, "building the query (parameters resolved, SQL rendered) %.1f ms of it",
                        Measure.Stat.of(build).median())));
    }

    /** The cube's question: CubeRun.prepare, then the same JDBC loop as the twin. */
    private static long ours(Cube cube, DSLContext dsl, Map<String, String> params) throws CubeException {
        try {
            return ref(dsl, CubeRun.prepare(dsl, cube, params, null).sql());
        } catch (SQLException e) {
            throw new org.jooq.exception.DataAccessException(e.getMessage(), e);
        }
    }

    /** Runs {@code sql} through createStatement on the warehouse's connection and reads every value. */
    private static long ref(DSLContext dsl, String sql) throws SQLException {
        return dsl.connectionResult(c -> run(c, sql));
    }

    private static long run(java.sql.Connection c, String sql) throws SQLException {
        long n = 0;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int cols = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= cols; i++) rs.getObject(i);
                n++;
            }
        }
        return n;
    }

    static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
