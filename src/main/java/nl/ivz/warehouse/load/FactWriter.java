package nl.ivz.warehouse.load;

import nl.ivz.warehouse.core.AreaLabel;
import nl.ivz.warehouse.core.AreaLevel;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.jooq.DSLContext;
import org.jooq.Record3;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static nl.ivz.warehouse.db.Tables.DIM_REGION;
import static nl.ivz.warehouse.db.Tables.DIM_REGION_ALIAS;
import static nl.ivz.warehouse.db.Tables.DIM_REGION_PARENT;

/**
 * The one way a loader writes rows of the star schema: typed methods per fact table, buffered and written
 * with DuckDB's appender on the load's connection (inside its transaction). Rows become visible to SQL on
 * {@link #flush()}; the loader flushes before it queries what it wrote, and {@link Loader} flushes after
 * each file. Every row gets the load's batch id. Areas and parents that code lists bring are written here
 * too, at once (the bundled hierarchy wins: see {@link #area}).
 */
public final class FactWriter implements AutoCloseable {
    private static final int CHUNK = 100_000;

    /** The fact tables and their columns after batch_id, in table order. */
    enum Table {
        REGISTRATION("fct_registration"),
        POPULATION("fct_population"),
        SURVEY("fct_survey"),
        SURVEY_RESPONSE("fct_survey_response"),
        SURVEY_READING("fct_survey_reading"),
        PUBLISHED("fct_published_figure"),
        POLICY_TARGET("fct_policy_target"),
        PLAN_PRIORITY("fct_plan_priority"),
        PLAN_CYCLE("fct_plan_cycle");

        final String name;

        Table(String name) {
            this.name = name;
        }
    }

    private final LoadContext ctx;
    private final Map<Table, List<Object[]>> buffers = new EnumMap<>(Table.class);
    private final Map<Table, Long> written = new EnumMap<>(Table.class);

    FactWriter(LoadContext ctx) {
        this.ctx = ctx;
    }

    /** A registered figure (fct_registration) of {@code sourceTable}, category as the source names it. */
    public void registration(String region, String period, String theme, String measure, String sourceTable,
                             String category, double value) {
        add(Table.REGISTRATION, region, period, theme, measure, sourceTable, category, value);
    }

    /** A population or dwellings count (fct_population); {@code date} may be null. */
    public void population(String region, String period, String measure, String sourceTable, LocalDate date, double value) {
        add(Table.POPULATION, region, period, measure, sourceTable, date, value);
    }

    /** One survey result (fct_survey); NaN = missing for margin and bounds. */
    public void survey(String sourceTable, SurveyFact f) {
        add(Table.SURVEY, f.region(), f.period(), f.measure(), f.theme(), sourceTable, f.value(), nan(f.margin()),
                nan(f.lower()), nan(f.upper()), f.respondents());
    }

    /** Respondents of a municipality in a survey round (fct_survey_response); fee may be null. */
    public void surveyResponse(String region, int year, String survey, int respondents, Double fee) {
        add(Table.SURVEY_RESPONSE, region, year, survey, respondents, fee);
    }

    /** How one value of a transcribed survey table was read (fct_survey_reading); value null when unreadable. */
    public void surveyReading(String sourceTable, String region, String period, String measure, String theme, String label,
                              String raw, String reading, Double value, String note) {
        add(Table.SURVEY_READING, sourceTable, region, period, measure, theme, label, raw, reading, value, note);
    }

    /** A figure a source states about itself (fct_published_figure), kept as published. */
    public void published(String sourceTable, String kind, String region, String period, String theme, String measure,
                          String subject, double value, String raw) {
        add(Table.PUBLISHED, sourceTable, kind, region, period, theme, measure, subject, value, raw);
    }

    /** A policy target (fct_policy_target). */
    public void policyTarget(String target, String theme, String region, String measure, int baseYear, double baseValue,
                             double yearlyChange, int horizonYear, String description) {
        add(Table.POLICY_TARGET, target, theme, region, measure, baseYear, baseValue, yearlyChange, horizonYear, description);
    }

    /** A theme a plan prioritises (fct_plan_priority). */
    public void planPriority(String plan, String theme, String label, String kind, String mark) {
        add(Table.PLAN_PRIORITY, plan, theme, label, kind, mark);
    }

    /** Which plan period runs in a year (fct_plan_cycle). */
    public void planCycle(String planType, int year, String label) {
        add(Table.PLAN_CYCLE, planType, year, label);
    }

    /** One fct_survey row (NaN = missing for the optional numbers). */
    public record SurveyFact(String region, String period, String measure, String theme, double value, double margin,
                             double lower, double upper, Integer respondents) { }

    /**
     * Adds or completes an area from a code list; returns true when something was written. The bundled hierarchy
     * (regions.csv) wins: an existing known area keeps its name, and a different name becomes an alias
     * ("Friesland" and "Fryslân" both resolve to PV21).
     */
    public boolean area(String code, String label) {
        long batchId = ctx.batchId();
        DSLContext dsl = ctx.dsl();
        String name = AreaLabel.parse(label).name();
        String level = AreaLevel.ofCode(code).map(AreaLevel::value).orElse(AreaLevel.GEMEENTE.value());
        Record3<String, String, Boolean> existing = dsl.select(DIM_REGION.REGION_NAME, DIM_REGION.REGION_LEVEL, DIM_REGION.IS_KNOWN)
                .from(DIM_REGION).where(DIM_REGION.REGION_CODE.eq(code)).fetchOne();
        boolean wrote = false;
        if (existing == null) {
            dsl.insertInto(DIM_REGION)
                    .set(DIM_REGION.REGION_CODE, code)
                    .set(DIM_REGION.REGION_NAME, name)
                    .set(DIM_REGION.REGION_LEVEL, level)
                    .set(DIM_REGION.IS_KNOWN, true)
                    .set(DIM_REGION.BATCH_ID, batchId)
                    .execute();
            wrote = true;
        } else if (!existing.value3()) {
            // created earlier from data by its code only: now we know it
            dsl.update(DIM_REGION).set(DIM_REGION.REGION_NAME, name).set(DIM_REGION.IS_KNOWN, true)
                    .where(DIM_REGION.REGION_CODE.eq(code)).execute();
            wrote = true;
        }
        // bare names only for municipalities: "Groningen" is the municipality, "Groningen (PV)" the province
        alias(dsl, AreaLabel.suffixed(name, AreaLevel.of(level).orElse(null)), code);
        if (!label.trim().equals(name)) alias(dsl, label, code);
        return wrote;
    }

    private static void alias(DSLContext dsl, String alias, String code) {
        String a = AreaLabel.normalize(alias);
        dsl.insertInto(DIM_REGION_ALIAS).set(DIM_REGION_ALIAS.ALIAS, a).set(DIM_REGION_ALIAS.REGION_CODE, code)
                .onConflictDoNothing().execute();
    }

    /** Adds a parent in a hierarchy unless the area already has one there (the bundled memberships win). */
    public boolean parent(String code, String hierarchy, String parent) {
        DSLContext dsl = ctx.dsl();
        if (dsl.fetchExists(DIM_REGION_PARENT, DIM_REGION_PARENT.REGION_CODE.eq(code).and(DIM_REGION_PARENT.HIERARCHY.eq(hierarchy)))) {
            return false;
        }
        Integer from = dsl.select(DIM_REGION.VALID_FROM).from(DIM_REGION).where(DIM_REGION.REGION_CODE.eq(code)).fetchOne(DIM_REGION.VALID_FROM);
        dsl.insertInto(DIM_REGION_PARENT)
                .set(DIM_REGION_PARENT.REGION_CODE, code)
                .set(DIM_REGION_PARENT.HIERARCHY, hierarchy)
                .set(DIM_REGION_PARENT.PARENT_CODE, parent)
                .set(DIM_REGION_PARENT.VALID_FROM, from == null ? 1900 : from)
                .set(DIM_REGION_PARENT.VALID_TO, 9999)
                .set(DIM_REGION_PARENT.BATCH_ID, ctx.batchId())
                .execute();
        return true;
    }

    private static Double nan(double v) {
        return Double.isNaN(v) ? null : v;
    }

    private void add(Table t, Object... values) {
        List<Object[]> b = buffers.computeIfAbsent(t, k -> new ArrayList<>());
        b.add(values);
        if (b.size() >= CHUNK) flush(t);
    }

    /** Writes what is buffered; returns the rows written to all tables so far by this writer. */
    public long flush() {
        for (Table t : Table.values()) flush(t);
        return written.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Rows written to {@code table} so far (flushes first). */
    long written(Table table) {
        flush(table);
        return written.getOrDefault(table, 0L);
    }

    @Override
    public void close() {
        flush();
    }

    private void flush(Table t) {
        List<Object[]> rows = buffers.get(t);
        if (rows == null || rows.isEmpty()) return;
        try (DuckDBAppender app = ctx.connection().unwrap(DuckDBConnection.class)
                .createAppender(DuckDBConnection.DEFAULT_SCHEMA, t.name)) {
            for (Object[] r : rows) {
                app.beginRow().append(ctx.batchId());
                for (Object v : r) append(app, v);
                app.endRow();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("writing " + rows.size() + " rows to " + t.name + ": " + e.getMessage(), e);
        }
        written.merge(t, (long) rows.size(), Long::sum);
        rows.clear();
    }

    private static void append(DuckDBAppender app, Object v) throws SQLException {
        if (v == null) app.appendNull();
        else if (v instanceof String s) app.append(s);
        else if (v instanceof Double d) app.append(d.doubleValue());
        else if (v instanceof Integer i) app.append(i.intValue());
        else if (v instanceof Long l) app.append(l.longValue());
        else if (v instanceof LocalDate d) app.append(d);
        else throw new IllegalArgumentException("no appender type for " + v.getClass());
    }
}
