package nl.ivz.warehouse.load.reference;

import nl.ivz.warehouse.load.FactLoader;
import nl.ivz.warehouse.load.LoadContext;
import nl.ivz.warehouse.load.LoadException;
import nl.ivz.warehouse.load.SourceTables;

import nl.ivz.warehouse.core.AreaLabel;
import nl.ivz.warehouse.core.AreaLevel;
import nl.ivz.warehouse.sources.CsvSource;
import nl.ivz.warehouse.sources.SourceText;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;


/**
 * Our own reference layouts (comma-separated, UTF-8, header on line 1; documented in the README):
 * the region hierarchy with validity, the theme taxonomy, measures and the source mappings.
 */
public final class ReferenceLoaders {
    static final Set<String> LEVELS = java.util.Arrays.stream(AreaLevel.values()).map(AreaLevel::value)
            .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    static final Set<String> HIERARCHIES = Set.of("politie", "bestuurlijk");
    static final Set<String> POLARITIES = Set.of("hoger_slechter", "hoger_beter", "neutraal");

    private ReferenceLoaders() { }

    /** Base for reference files recognised by their exact header columns. */
    abstract static class Reference implements FactLoader {
        private final String layout;
        private final List<String> columns;
        private final String description;

        Reference(String layout, String description, String... columns) {
            this.layout = layout;
            this.description = description;
            this.columns = List.of(columns);
        }

        @Override public String layout() { return layout; }
        List<String> columns() { return columns; }
        @Override public String description() { return description + " (columns: " + String.join(",", columns) + ")"; }

        @Override
        public boolean detects(Path file, String head) {
            String first = SourceText.firstLine(head).toLowerCase(Locale.ROOT).replace("\"", "");
            return first.equals(String.join(",", columns));
        }

        /** One per column named, one more because the header must end there. */
        @Override
        public int specificity() {
            return columns.size() + 1;
        }

        @Override
        public String signature() {
            return "header is `" + String.join(",", columns) + "`";
        }

        static Integer year(LoadContext ctx, CsvSource.Row row, String column, int dflt) throws LoadException {
            String v = row.get(column);
            if (v == null || v.isEmpty()) return dflt;
            try {
                int y = Integer.parseInt(v);
                if (y >= 1800 && y <= 9999) return y;
            } catch (NumberFormatException e) {
                // falls through to the reject below
            }
            ctx.reject(row.line(), column, v, "expected a year (1800-9999) or empty", row.raw());
            return null;
        }

        static boolean oneOf(LoadContext ctx, CsvSource.Row row, String column, Set<String> allowed) throws LoadException {
            String v = row.get(column);
            if (allowed.contains(v)) return true;
            ctx.reject(row.line(), column, v, "expected one of " + String.join(", ", allowed.stream().sorted().toList()), row.raw());
            return false;
        }

    }

    /**
     * A reference file loaded set-based: each row is checked in Java (a bad value is rejected with its line),
     * the good rows go through DuckDB's appender into a temporary staging table, and one SQL statement per
     * target table writes them (the national geography is thousands of rows).
     */
    abstract static class Staged extends Reference {
        Staged(String layout, String description, String... columns) {
            super(layout, description, columns);
        }

        @Override
        public void load(LoadContext ctx) throws Exception {
            ctx.sourceTable("reference");
            Connection c = ctx.connection();
            String stg = "stg_" + layout().replace('-', '_') + "_" + ctx.batchId();
            exec(c, "CREATE TEMP TABLE " + stg + " (line BIGINT, raw VARCHAR, " + String.join(", ", columns().stream().map(s -> s + " VARCHAR").toList()) + ")");
            try {
                try (CsvSource csv = CsvSource.open(ctx.file(), ',');
                     DuckDBAppender app = c.unwrap(DuckDBConnection.class).createAppender("temp", "main", stg)) {
                    csv.require(columns().toArray(String[]::new));
                    for (CsvSource.Row row : csv) {
                        csv.requireComplete(row);
                        ctx.addRead(1);
                        String[] values = check(ctx, row);
                        if (values == null) continue;
                        app.beginRow().append(row.line()).append(row.raw());
                        for (String v : values) {
                            if (v == null) app.appendNull();
                            else app.append(v);
                        }
                        app.endRow();
                    }
                }
                ctx.addLoaded(write(ctx, stg));
            } finally {
                exec(c, "DROP TABLE IF EXISTS " + stg);
            }
            ctx.regions().invalidate();
        }

        /** The staged values of a row in the order of the columns, or null when it was rejected. */
        abstract String[] check(LoadContext ctx, CsvSource.Row row) throws Exception;

        /** Writes the staged rows with one statement per target table; returns the rows loaded. */
        abstract long write(LoadContext ctx, String stg) throws Exception;

        /** Rejects the staged rows whose {@code column} is not an area in dim_region, and drops them from staging. */
        static void rejectUnknownAreas(LoadContext ctx, String stg, String column, String what) throws Exception {
            rejectUnknown(ctx, stg, column, "dim_region", "region_code",
                    "unknown " + what + " (not in dim_region: load the regions first or fix the code)");
        }

        /**
         * Rejects the staged rows whose non-empty {@code column} is not a {@code key} of {@code table} (one query),
         * and drops them from staging.
         */
        static void rejectUnknown(LoadContext ctx, String stg, String column, String table, String key, String reason) throws Exception {
            rejectUnknown(ctx, stg, column, table, key, reason, false);
        }

        /** {@link #rejectUnknown} where an empty value is allowed ({@code optional}) or rejected too. */
        static void rejectUnknown(LoadContext ctx, String stg, String column, String table, String key, String reason,
                                  boolean optional) throws Exception {
            String unknown = column + " NOT IN (SELECT " + key + " FROM " + table + ")";
            String where = optional ? " WHERE " + column + " IS NOT NULL AND " + column + " <> '' AND " + unknown
                    : " WHERE coalesce(" + column + ", '') = '' OR " + unknown;
            List<Object[]> bad = new ArrayList<>();
            try (Statement st = ctx.connection().createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT line, " + column + ", raw FROM " + stg + where + " ORDER BY line")) {
                while (rs.next()) bad.add(new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3)});
            }
            for (Object[] b : bad) ctx.reject((Long) b[0], column, (String) b[1], reason, (String) b[2]);
            if (!bad.isEmpty()) exec(ctx.connection(), "DELETE FROM " + stg + where);
        }

        /** Rows left in staging (the rows loaded, as the row-by-row loaders counted them). */
        static long staged(LoadContext ctx, String stg) throws SQLException {
            return SourceTables.count(ctx.connection(), "SELECT count(*) FROM " + stg);
        }

        /** valid_from and valid_to as text (empty = 1900 / 9999), or null after rejecting the row. */
        static String[] validity(LoadContext ctx, CsvSource.Row row) throws LoadException {
            String from = yearText(ctx, row, "valid_from", 1900);
            String to = from == null ? null : yearText(ctx, row, "valid_to", 9999);
            if (to == null) return null;
            if (Integer.parseInt(from) > Integer.parseInt(to)) {
                ctx.reject(row.line(), "valid_to", to, "expected valid_to >= valid_from (" + from + ")", row.raw());
                return null;
            }
            return new String[] {from, to};
        }

        /** A year column as text for staging (empty = {@code dflt}), or null after rejecting the row. */
        static String yearText(LoadContext ctx, CsvSource.Row row, String column, int dflt) throws LoadException {
            Integer y = year(ctx, row, column, dflt);
            return y == null ? null : String.valueOf(y);
        }
    }

    static long exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            return st.executeUpdate(sql);
        }
    }

    public static final class Regions extends Staged {
        public Regions() {
            super("reference-regions", "Areas with code, name, level, validity and the labels sources use for them",
                    "region_code", "region_name", "region_level", "valid_from", "valid_to", "aliases");
        }

        @Override public int order() { return 10; }

        @Override
        String[] check(LoadContext ctx, CsvSource.Row row) throws Exception {
            if (!oneOf(ctx, row, "region_level", LEVELS)) return null;
            AreaLevel level = AreaLevel.of(row.get("region_level")).orElseThrow();
            String code = row.get("region_code").trim();
            if (level.codePattern() != null && !level.isCode(code)) {
                // a CBS level takes its CBS code: no made-up municipality codes
                ctx.reject(row.line(), "region_code", code, "expected a CBS code of level " + level.value() + " (" + level.codePattern() + ")", row.raw());
                return null;
            }
            String[] valid = validity(ctx, row);
            if (valid == null) return null;
            String from = valid[0], to = valid[1];
            String aliases = row.get("aliases") == null ? "" : row.get("aliases");
            String normalized = String.join("|", java.util.Arrays.stream(aliases.split("\\|"))
                    .filter(x -> !x.isBlank()).map(AreaLabel::normalize).toList());
            return new String[] {level.isCode(code) ? code.toUpperCase(Locale.ROOT) : code, row.get("region_name").trim(), level.value(), from, to, normalized};
        }

        @Override
        long write(LoadContext ctx, String stg) throws Exception {
            Connection c = ctx.connection();
            long n = exec(c, "INSERT INTO dim_region (region_code, region_name, region_level, valid_from, valid_to, is_known, batch_id) "
                    + "SELECT region_code, region_name, region_level, CAST(valid_from AS INTEGER), CAST(valid_to AS INTEGER), true, " + ctx.batchId()
                    + " FROM (SELECT * FROM " + stg + " QUALIFY row_number() OVER (PARTITION BY region_code ORDER BY line DESC) = 1) "
                    + "ON CONFLICT (region_code) DO UPDATE SET region_name = excluded.region_name, region_level = excluded.region_level, "
                    + "valid_from = excluded.valid_from, valid_to = excluded.valid_to, is_known = true");
            exec(c, "INSERT INTO dim_region_alias (alias, region_code) "
                    + "SELECT alias, region_code FROM (SELECT unnest(string_split(aliases, '|')) AS alias, region_code, line FROM " + stg
                    + " WHERE aliases <> '') QUALIFY row_number() OVER (PARTITION BY alias ORDER BY line DESC) = 1 "
                    + "ON CONFLICT (alias) DO UPDATE SET region_code = excluded.region_code");
            return n;
        }
    }

    public static final class Memberships extends Staged {
        public Memberships() {
            super("reference-memberships", "Parent of each area per hierarchy (politie, bestuurlijk) with validity",
                    "region_code", "hierarchy", "parent_code", "valid_from", "valid_to");
        }

        @Override public int order() { return 11; }

        @Override
        String[] check(LoadContext ctx, CsvSource.Row row) throws Exception {
            if (!oneOf(ctx, row, "hierarchy", HIERARCHIES)) return null;
            String[] valid = validity(ctx, row);
            if (valid == null) return null;
            String from = valid[0], to = valid[1];
            return new String[] {row.get("region_code").trim(), row.get("hierarchy"), row.get("parent_code").trim(), from, to};
        }

        @Override
        long write(LoadContext ctx, String stg) throws Exception {
            rejectUnknownAreas(ctx, stg, "region_code", "area");
            rejectUnknownAreas(ctx, stg, "parent_code", "parent area");
            // the first file to give an area a parent from a year keeps it (region_memberships.csv's basisteams)
            return exec(ctx.connection(), "INSERT INTO dim_region_parent (region_code, hierarchy, parent_code, valid_from, valid_to, batch_id) "
                    + "SELECT region_code, hierarchy, parent_code, CAST(valid_from AS INTEGER), CAST(valid_to AS INTEGER), " + ctx.batchId()
                    + " FROM (SELECT * FROM " + stg + " QUALIFY row_number() OVER (PARTITION BY region_code, hierarchy, valid_from ORDER BY line) = 1) "
                    + "ON CONFLICT DO NOTHING");
        }
    }

    public static final class Successors extends Staged {
        static final Set<String> KINDS = Set.of("samenvoeging", "naamswijziging", "opsplitsing");

        public Successors() {
            super("reference-successors", "Reorganisations of areas: old code -> successor from 1 January of a year, kind, inhabitants moved, source",
                    "region_code", "successor_code", "from_year", "change_kind", "inwoners_moved", "source");
        }

        @Override public int order() { return 16; }

        @Override
        String[] check(LoadContext ctx, CsvSource.Row row) throws Exception {
            if (!oneOf(ctx, row, "change_kind", KINDS)) return null;
            String from = yearText(ctx, row, "from_year", 0);
            if (from == null) return null;
            if (from.equals("0")) {
                ctx.reject(row.line(), "from_year", "", "expected the first year of the successor", row.raw());
                return null;
            }
            String moved = emptyToNull(row.get("inwoners_moved"));
            if (moved != null && !moved.matches("\\d{1,9}")) {
                ctx.reject(row.line(), "inwoners_moved", moved, "expected a whole number of inhabitants or empty", row.raw());
                return null;
            }
            String source = emptyToNull(row.get("source"));
            if (source == null) {
                ctx.reject(row.line(), "source", "", "expected where the link comes from (CBS table or publication)", row.raw());
                return null;
            }
            return new String[] {row.get("region_code").trim(), row.get("successor_code").trim(), from, row.get("change_kind"), moved, source};
        }

        @Override
        long write(LoadContext ctx, String stg) throws Exception {
            rejectUnknownAreas(ctx, stg, "region_code", "area");
            rejectUnknownAreas(ctx, stg, "successor_code", "successor area");
            return exec(ctx.connection(), "INSERT INTO dim_region_successor (region_code, successor_code, from_year, change_kind, source, batch_id, inwoners_moved) "
                    + "SELECT region_code, successor_code, CAST(from_year AS INTEGER), change_kind, source, " + ctx.batchId() + ", CAST(inwoners_moved AS BIGINT)"
                    + " FROM (SELECT * FROM " + stg + " QUALIFY row_number() OVER (PARTITION BY region_code, successor_code, from_year ORDER BY line DESC) = 1) "
                    + "ON CONFLICT (region_code, successor_code, from_year) DO UPDATE SET change_kind = excluded.change_kind, "
                    + "source = excluded.source, batch_id = excluded.batch_id, inwoners_moved = excluded.inwoners_moved");
        }
    }

    public static final class Themes extends Staged {
        public Themes() {
            super("reference-themes", "Theme taxonomy: themes under the five safety fields of Kernbeleid Veiligheid",
                    "theme_code", "theme_name", "field_number", "field_name", "description");
        }

        @Override public int order() { return 12; }

        @Override
        String[] check(LoadContext ctx, CsvSource.Row row) throws Exception {
            try {
                int field = Integer.parseInt(row.get("field_number"));
                if (field < 0 || field > 5) throw new NumberFormatException();
            } catch (NumberFormatException e) {
                ctx.reject(row.line(), "field_number", row.get("field_number"), "expected 0-5 (0 = totals/other)", row.raw());
                return null;
            }
            return new String[] {row.get("theme_code"), row.get("theme_name"), row.get("field_number"), row.get("field_name"),
                    row.get("description")};
        }

        @Override
        long write(LoadContext ctx, String stg) throws Exception {
            // a later line for the same theme wins, as an update of the earlier one would
            exec(ctx.connection(), "INSERT INTO dim_theme (theme_code, theme_name, field_number, field_name, description) "
                    + "SELECT theme_code, theme_name, CAST(field_number AS INTEGER), field_name, description FROM " + stg
                    + " QUALIFY row_number() OVER (PARTITION BY theme_code ORDER BY line DESC) = 1 "
                    + "ON CONFLICT (theme_code) DO UPDATE SET theme_name = excluded.theme_name, field_number = excluded.field_number, "
                    + "field_name = excluded.field_name, description = excluded.description");
            return staged(ctx, stg);
        }
    }

    public static final class ThemeMappings extends Staged {
        public ThemeMappings() {
            super("reference-theme-mappings", "Source classifications (CBS/police codes, VM indicators, plan labels) mapped onto themes",
                    "source_system", "source_code", "source_label", "theme_code");
        }

        @Override public int order() { return 13; }

        @Override
        String[] check(LoadContext ctx, CsvSource.Row row) {
            return new String[] {row.get("source_system"), row.get("source_code").toLowerCase(Locale.ROOT), row.get("source_label"),
                    row.get("theme_code")};
        }

        @Override
        long write(LoadContext ctx, String stg) throws Exception {
            rejectUnknown(ctx, stg, "theme_code", "dim_theme", "theme_code", "unknown theme (load it first or fix the code)");
            // the first mapping of a source code is kept (later ones, here or in another file, are ignored)
            exec(ctx.connection(), "INSERT INTO map_source_theme (source_system, source_code, source_label, theme_code) "
                    + "SELECT source_system, source_code, source_label, theme_code FROM " + stg
                    + " QUALIFY row_number() OVER (PARTITION BY source_system, source_code ORDER BY line) = 1 ON CONFLICT DO NOTHING");
            return staged(ctx, stg);
        }
    }

    public static final class Measures extends Staged {
        public Measures() {
            super("reference-measures", "Measures with unit, polarity and, for rates, the count and denominator they come from",
                    "measure_code", "measure_label", "unit", "polarity", "count_measure", "denominator", "source_table");
        }

        @Override public int order() { return 14; }

        @Override
        String[] check(LoadContext ctx, CsvSource.Row row) throws Exception {
            if (!oneOf(ctx, row, "polarity", POLARITIES)) return null;
            return new String[] {row.get("measure_code"), row.get("measure_label"), row.get("unit"), row.get("polarity"),
                    emptyToNull(row.get("count_measure")), emptyToNull(row.get("denominator")), emptyToNull(row.get("source_table"))};
        }

        @Override
        long write(LoadContext ctx, String stg) throws Exception {
            exec(ctx.connection(), "INSERT INTO dim_measure (measure_code, measure_label, unit, polarity, count_measure, denominator, source_table) "
                    + "SELECT measure_code, measure_label, unit, polarity, count_measure, denominator, source_table FROM " + stg
                    + " QUALIFY row_number() OVER (PARTITION BY measure_code ORDER BY line DESC) = 1 "
                    + "ON CONFLICT (measure_code) DO UPDATE SET measure_label = excluded.measure_label, unit = excluded.unit, "
                    + "polarity = excluded.polarity, count_measure = excluded.count_measure, denominator = excluded.denominator, "
                    + "source_table = excluded.source_table");
            return staged(ctx, stg);
        }
    }

    public static final class MeasureMappings extends Staged {
        public MeasureMappings() {
            super("reference-measure-mappings", "Source columns / measure codes / VM indicators mapped onto measures",
                    "source_table", "source_key", "measure_code", "theme_code");
        }

        @Override public int order() { return 15; }

        @Override
        String[] check(LoadContext ctx, CsvSource.Row row) {
            return new String[] {row.get("source_table"), row.get("source_key").toLowerCase(Locale.ROOT), row.get("measure_code"),
                    emptyToNull(row.get("theme_code"))};
        }

        @Override
        long write(LoadContext ctx, String stg) throws Exception {
            rejectUnknown(ctx, stg, "measure_code", "dim_measure", "measure_code", "unknown measure (load it first or fix the code)");
            rejectUnknown(ctx, stg, "theme_code", "dim_theme", "theme_code", "unknown theme (load it first or fix the code)", true);
            exec(ctx.connection(), "INSERT INTO map_source_measure (source_table, source_key, measure_code, theme_code) "
                    + "SELECT source_table, source_key, measure_code, theme_code FROM " + stg
                    + " QUALIFY row_number() OVER (PARTITION BY source_table, source_key ORDER BY line) = 1 ON CONFLICT DO NOTHING");
            return staged(ctx, stg);
        }
    }

    /** Which registered-crime themes a survey victimisation indicator is compared with (the dark-number cubes). */
    public static final class SurveyRegistration extends Staged {
        public SurveyRegistration() {
            super("reference-survey-registration", "Survey victimisation indicators and the registered-crime themes they are compared with",
                    "measure_code", "theme_code", "note");
        }

        @Override public int order() { return 16; }

        @Override
        String[] check(LoadContext ctx, CsvSource.Row row) {
            return new String[] {row.get("measure_code"), row.get("theme_code"), emptyToNull(row.get("note"))};
        }

        @Override
        long write(LoadContext ctx, String stg) throws Exception {
            rejectUnknown(ctx, stg, "measure_code", "dim_measure", "measure_code", "unknown measure (load it first or fix the code)");
            rejectUnknown(ctx, stg, "theme_code", "dim_theme", "theme_code", "unknown theme (load it first or fix the code)");
            exec(ctx.connection(), "INSERT INTO map_survey_registration (measure_code, theme_code, note) "
                    + "SELECT measure_code, theme_code, note FROM " + stg
                    + " QUALIFY row_number() OVER (PARTITION BY measure_code, theme_code ORDER BY line DESC) = 1 "
                    + "ON CONFLICT (measure_code, theme_code) DO UPDATE SET note = excluded.note");
            return staged(ctx, stg);
        }
    }

    /** Whether a survey indicator's crime kind matches its registered counterpart in definition (the dark-number cubes flag it). */
    public static final class SurveyDefinition extends Staged {
        static final Set<String> MATCHES = Set.of("vergelijkbaar", "ruimer", "anders", "geen");

        public SurveyDefinition() {
            super("reference-survey-definition", "Survey victimisation indicators: does the crime kind match its registered counterpart in definition",
                    "measure_code", "definition_match", "note");
        }

        @Override public int order() { return 17; }

        @Override
        String[] check(LoadContext ctx, CsvSource.Row row) throws LoadException {
            if (!oneOf(ctx, row, "definition_match", MATCHES)) return null;
            if (row.get("note").isBlank()) {
                ctx.reject(row.line(), "note", row.get("note"), "expected where the definitions differ (or why they match)", row.raw());
                return null;
            }
            return new String[] {row.get("measure_code"), row.get("definition_match"), row.get("note")};
        }

        @Override
        long write(LoadContext ctx, String stg) throws Exception {
            rejectUnknown(ctx, stg, "measure_code", "dim_measure", "measure_code", "unknown measure (load it first or fix the code)");
            exec(ctx.connection(), "INSERT INTO map_survey_definition (measure_code, definition_match, note) "
                    + "SELECT measure_code, definition_match, note FROM " + stg
                    + " QUALIFY row_number() OVER (PARTITION BY measure_code ORDER BY line DESC) = 1 "
                    + "ON CONFLICT (measure_code) DO UPDATE SET definition_match = excluded.definition_match, note = excluded.note");
            return staged(ctx, stg);
        }
    }

    static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
