package nl.ivz.warehouse.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.ivz.warehouse.core.AreaLevel;
import nl.ivz.warehouse.core.StorageFormat;
import nl.ivz.warehouse.core.Warehouse;
import nl.ivz.warehouse.cubes.Cube;
import nl.ivz.warehouse.cubes.CubeColumn;
import nl.ivz.warehouse.cubes.CubeRun;
import nl.ivz.warehouse.cubes.Dimensions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the warehouse holds, for the web page and other clients, so they need no SQL of their own: health,
 * schema, the levels of areas, the cubes with their typed columns, and the reference lists the pickers show
 * (areas by level and year, themes, measures, years with data, plan types, the load batches behind fact tables).
 * Short statements on the service's catalog connection; areas come from the dimensions held in memory.
 */
public final class CatalogService {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Fact tables whose sources the page may ask about (GET /api/sources?tables=...). */
    static final List<String> FACT_TABLES = List.of("fct_registration", "fct_population", "fct_survey", "fct_survey_response",
            "fct_published_figure", "fct_policy_target", "fct_plan_priority");

    private final ServiceConfig cfg;
    private final ServingDatabase db;
    private final QueryService queries;
    private final List<Cube> cubes;

    CatalogService(ServiceConfig cfg, ServingDatabase db, QueryService queries, List<Cube> cubes) {
        this.cfg = cfg;
        this.db = db;
        this.queries = queries;
        this.cubes = cubes;
    }

    @FunctionalInterface
    private interface MetaWork<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T onMeta(MetaWork<T> work) {
        synchronized (db.meta()) {
            try {
                return work.run(db.meta());
            } catch (SQLException e) {
                throw queries.engineError(e, false);
            }
        }
    }

    /** Status, warehouse file, schema and storage version, last load batch, query counters and limits. */
    public ObjectNode health() {
        ObjectNode h = JSON.createObjectNode();
        h.put("status", "ok");
        h.put("version", Server.VERSION);
        h.put("warehouse", cfg.warehouse() == null ? ":memory:" : cfg.warehouse().toAbsolutePath().toString());
        onMeta(c -> {
            try (Statement st = c.createStatement()) {
                try (ResultSet rs = st.executeQuery("SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL "
                        + "ORDER BY installed_rank DESC LIMIT 1")) {
                    if (rs.next()) h.put("schemaVersion", rs.getString(1));
                }
                // which DuckDB clients can open the file (docs/clients.md); null in memory
                h.put("storageVersion", StorageFormat.of(db.meta()));
                try (ResultSet rs = st.executeQuery("SELECT batch_id, file_name, status, started_at, finished_at, rows_loaded "
                        + "FROM load_batch ORDER BY batch_id DESC LIMIT 1")) {
                    if (rs.next()) {
                        ObjectNode b = h.putObject("lastLoad");
                        b.put("batchId", rs.getLong(1));
                        b.put("file", rs.getString(2));
                        b.put("status", rs.getString(3));
                        b.put("startedAt", rs.getString(4));
                        b.put("finishedAt", rs.getString(5));
                        b.put("rowsLoaded", rs.getLong(6));
                    } else {
                        h.putNull("lastLoad");
                    }
                }
            }
            return null;
        });
        Runtime rt = Runtime.getRuntime();
        ObjectNode jvm = h.putObject("jvm");
        jvm.put("heapUsedMb", (rt.totalMemory() - rt.freeMemory()) >> 20);
        jvm.put("heapMaxMb", rt.maxMemory() >> 20);
        h.put("queriesServed", queries.served());
        h.put("queriesRejected", queries.rejected());
        h.put("queriesRunning", queries.running());
        h.put("queriesAnsweredAtLimit", queries.abandoned());
        ServingDatabase.Settings st = db.settings();
        ObjectNode lim = h.putObject("limits");
        lim.put("memoryLimit", st.memoryLimit());
        lim.put("threads", st.threads());
        lim.put("maxTempSize", st.maxTempSize());
        lim.put("timeoutSeconds", cfg.queryTimeout().toSeconds());
        lim.put("maxConcurrent", cfg.maxConcurrent());
        lim.put("processCap", st.hardCap());
        return h;
    }

    /** Tables, columns, types and comments of the warehouse. */
    public ObjectNode schema() {
        Map<String, ObjectNode> tables = new TreeMap<>();
        onMeta(c -> {
            try (Statement st = c.createStatement()) {
                try (ResultSet rs = st.executeQuery("SELECT table_name, comment, estimated_size FROM duckdb_tables() "
                        + "WHERE database_name = current_database() AND schema_name = 'main' ORDER BY table_name")) {
                    while (rs.next()) {
                        ObjectNode t = JSON.createObjectNode();
                        t.put("name", rs.getString(1));
                        t.put("comment", rs.getString(2));
                        t.put("estimatedRows", rs.getLong(3));
                        t.putArray("columns");
                        tables.put(rs.getString(1), t);
                    }
                }
                try (ResultSet rs = st.executeQuery("SELECT table_name, column_name, data_type, is_nullable, comment FROM duckdb_columns() "
                        + "WHERE database_name = current_database() AND schema_name = 'main' ORDER BY table_name, column_index")) {
                    while (rs.next()) {
                        ObjectNode t = tables.get(rs.getString(1));
                        if (t == null) continue;
                        ObjectNode col = ((ArrayNode) t.get("columns")).addObject();
                        col.put("name", rs.getString(2));
                        col.put("type", rs.getString(3));
                        col.put("nullable", rs.getBoolean(4));
                        col.put("comment", rs.getString(5));
                    }
                }
            }
            return null;
        });
        ObjectNode out = JSON.createObjectNode();
        ArrayNode arr = out.putArray("tables");
        tables.values().forEach(arr::add);
        return out;
    }

    /** The levels of areas from land to buurt, in hierarchy order (AreaLevel). */
    public ArrayNode levels() {
        ArrayNode out = JSON.createArrayNode();
        for (AreaLevel l : AreaLevel.values()) {
            ObjectNode n = out.addObject();
            n.put("level", l.value());
            n.put("label", l.label());
            n.put("plural", l.plural());
            n.put("codePattern", l.codePattern());
            n.put("suffix", l.suffix());
            n.put("hierarchy", l.hierarchy());
        }
        return out;
    }

    /** The cubes with their parameters and columns; column types are the engine's for the default question. */
    public ArrayNode cubes() {
        ArrayNode out = JSON.createArrayNode();
        for (Cube c : cubes) {
            ObjectNode n = out.addObject();
            n.put("name", c.name());
            n.put("description", c.description());
            n.put("href", "/api/cubes/" + c.name());
            n.set("params", JSON.valueToTree(c.params()));
            List<CubeRun.TypedColumn> typed = onMeta(m -> CubeRun.describe(Warehouse.dsl(m), m, c));
            Map<String, String> types = new LinkedHashMap<>();
            if (typed != null) typed.forEach(t -> types.put(t.name(), t.type()));
            ArrayNode cols = n.putArray("columns");
            for (CubeColumn col : c.columns()) {
                ObjectNode cn = JSON.valueToTree(col);
                // null when the defaults do not resolve on this warehouse (the cube's answer has not been typed)
                cn.put("type", types.get(col.name()));
                cols.add(cn);
            }
        }
        return out;
    }

    /**
     * Areas, optionally of one level and existing in one year, each with the codes of its parents (in that year, or
     * in any year); {@code with} = victim-survey keeps the areas with victim survey figures (per 100 inhabitants).
     */
    public ArrayNode areas(String level, Integer year, String with) {
        if (level != null && AreaLevel.of(level).isEmpty()) {
            throw new ApiException(ProblemType.BAD_PARAMETER, "Unknown level '" + level + "'; levels: "
                    + String.join(", ", List.of(AreaLevel.values()).stream().map(AreaLevel::value).toList())).with("parameter", "level");
        }
        Set<String> only = null;
        if (with != null) {
            if (!with.equals("victim-survey")) {
                throw new ApiException(ProblemType.BAD_PARAMETER, "Unknown value '" + with + "' for 'with'; use victim-survey").with("parameter", "with");
            }
            only = new LinkedHashSet<>(onMeta(c -> strings(c, "SELECT DISTINCT s.region_code FROM fct_survey s JOIN dim_measure m USING (measure_code) "
                    + "WHERE m.unit = 'per 100 inwoners' ORDER BY 1")));
        }
        Dimensions dims = onMeta(c -> Dimensions.of(Warehouse.dsl(c)));
        Map<String, Set<String>> parents = dims.parentsOf(year);
        ArrayNode out = JSON.createArrayNode();
        for (Dimensions.AreaRow a : dims.areas()) {
            if (level != null && !a.level().equals(level.toLowerCase(Locale.ROOT))) continue;
            if (year != null && (a.validFrom() > year || a.validTo() < year)) continue;
            if (only != null && !only.contains(a.code())) continue;
            ObjectNode n = out.addObject();
            n.put("code", a.code());
            n.put("name", a.name());
            n.put("level", a.level());
            n.put("known", a.known());
            ArrayNode p = n.putArray("parents");
            for (String x : parents.getOrDefault(a.code(), Set.of())) p.add(x);
        }
        return out;
    }

    /** Themes with their policy field, and whether registrations are loaded for them. */
    public ArrayNode themes() {
        return onMeta(c -> rows(c, "SELECT t.theme_code AS code, t.theme_name AS name, t.field_number AS \"fieldNumber\", "
                + "t.field_name AS \"fieldName\", t.theme_code IN (SELECT DISTINCT theme_code FROM fct_registration) AS registered "
                + "FROM dim_theme t ORDER BY t.field_number, t.theme_name"));
    }

    /** Measures, and which facts carry them: registrations, survey values, a link to registered crime (dark number). */
    public ArrayNode measures() {
        return onMeta(c -> rows(c, "SELECT m.measure_code AS code, m.measure_label AS label, m.unit, m.denominator, "
                + "m.measure_code IN (SELECT DISTINCT measure_code FROM fct_registration) AS registered, "
                + "m.measure_code IN (SELECT DISTINCT measure_code FROM fct_survey) AS surveyed, "
                + "m.measure_code IN (SELECT measure_code FROM map_survey_registration) AS \"linkedToRegistrations\" "
                + "FROM dim_measure m ORDER BY m.measure_label"));
    }

    /** Years with data, per kind of fact, ascending. */
    public ObjectNode years() {
        ObjectNode out = JSON.createObjectNode();
        onMeta(c -> {
            years(out, "registrations", c, "SELECT DISTINCT p.period_year FROM fct_registration f JOIN dim_period p USING (period_code) ORDER BY 1");
            years(out, "survey", c, "SELECT DISTINCT p.period_year FROM fct_survey f JOIN dim_period p USING (period_code) ORDER BY 1");
            years(out, "surveyResponses", c, "SELECT DISTINCT survey_year FROM fct_survey_response ORDER BY 1");
            years(out, "victimSurvey", c, "SELECT DISTINCT p.period_year FROM fct_survey s JOIN dim_measure m USING (measure_code) "
                    + "JOIN dim_period p USING (period_code) WHERE m.unit = 'per 100 inwoners' ORDER BY 1");
            years(out, "surveyLinkedToRegistrations", c, "SELECT DISTINCT p.period_year FROM fct_survey s "
                    + "JOIN map_survey_registration USING (measure_code) JOIN dim_period p USING (period_code) ORDER BY 1");
            return null;
        });
        return out;
    }

    /** Plan types with the number of plans and the years they cover. */
    public ArrayNode plans() {
        return onMeta(c -> rows(c, "SELECT plan_type AS type, count(*) AS plans, min(period_from) AS \"from\", max(period_to) AS \"to\" "
                + "FROM dim_plan GROUP BY 1 ORDER BY 1"));
    }

    /** The sources (table or layout, release, last load) of the batches the given fact tables hold. */
    public ArrayNode sources(List<String> tables) {
        for (String t : tables) {
            if (!FACT_TABLES.contains(t)) {
                throw new ApiException(ProblemType.BAD_PARAMETER, "Unknown fact table '" + t + "'; tables: " + String.join(", ", FACT_TABLES))
                        .with("parameter", "tables");
            }
        }
        if (tables.isEmpty()) return JSON.createArrayNode();
        String union = String.join(" UNION ", tables.stream().map(t -> "SELECT DISTINCT batch_id FROM " + t).toList());
        return onMeta(c -> rows(c, "SELECT coalesce(b.source_table, b.layout) AS source, string_agg(DISTINCT b.release_label, ', ') AS release, "
                + "max(b.finished_at) AS \"loadedAt\", count(*) AS files FROM load_batch b WHERE b.batch_id IN (" + union + ") GROUP BY 1 ORDER BY 1"));
    }

    private static void years(ObjectNode out, String key, Connection c, String sql) throws SQLException {
        ArrayNode a = out.putArray(key);
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) a.add(rs.getInt(1));
        }
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> out = new java.util.ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    /** Rows as JSON objects keyed by column label (numbers, booleans and text as such, timestamps as text). */
    private static ArrayNode rows(Connection c, String sql) throws SQLException {
        ArrayNode out = JSON.createArrayNode();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                ObjectNode o = out.addObject();
                for (int i = 1; i <= n; i++) {
                    String k = rs.getMetaData().getColumnLabel(i);
                    Object v = rs.getObject(i);
                    if (v == null) o.putNull(k);
                    else if (v instanceof Boolean b) o.put(k, b);
                    else if (v instanceof Long || v instanceof Integer || v instanceof Short) o.put(k, ((Number) v).longValue());
                    else if (v instanceof Number num) o.put(k, num.doubleValue());
                    else o.put(k, v.toString());
                }
            }
        }
        return out;
    }
}
