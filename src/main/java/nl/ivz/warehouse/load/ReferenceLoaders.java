package nl.ivz.warehouse.load;

import nl.ivz.warehouse.sources.CsvSource;
import nl.ivz.warehouse.sources.SourceText;

import org.jooq.Field;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static nl.ivz.warehouse.db.Tables.DIM_MEASURE;
import static nl.ivz.warehouse.db.Tables.DIM_REGION;
import static nl.ivz.warehouse.db.Tables.DIM_REGION_ALIAS;
import static nl.ivz.warehouse.db.Tables.DIM_REGION_PARENT;
import static nl.ivz.warehouse.db.Tables.DIM_THEME;
import static nl.ivz.warehouse.db.Tables.MAP_SOURCE_MEASURE;
import static nl.ivz.warehouse.db.Tables.MAP_SOURCE_THEME;
import static nl.ivz.warehouse.db.Tables.MAP_SURVEY_REGISTRATION;

/**
 * Our own reference layouts (comma-separated, UTF-8, header on line 1; documented in the README):
 * the region hierarchy with validity, the theme taxonomy, measures and the source mappings.
 */
public final class ReferenceLoaders {
    static final Set<String> LEVELS = Set.of("land", "landsdeel", "provincie", "corop", "eenheid", "district",
            "basisteam", "gemeente", "wijk", "buurt", "politieregio");
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
        @Override public String description() { return description + " (columns: " + String.join(",", columns) + ")"; }

        @Override
        public boolean detects(Path file, String head) {
            String first = SourceText.firstLine(head).toLowerCase(Locale.ROOT).replace("\"", "");
            return first.equals(String.join(",", columns));
        }

        @Override
        public void load(LoadContext ctx) throws Exception {
            ctx.sourceTable("reference");
            try (CsvSource csv = CsvSource.open(ctx.file(), ',')) {
                csv.require(columns.toArray(String[]::new));
                for (CsvSource.Row row : csv) {
                    csv.requireComplete(row);
                    ctx.addRead(1);
                    if (row(ctx, row)) ctx.addLoaded(1);
                }
            }
            ctx.regions().invalidate();
        }

        /** Loads one row; false when it was rejected. */
        abstract boolean row(LoadContext ctx, CsvSource.Row row) throws Exception;

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

        static boolean exists(LoadContext ctx, CsvSource.Row row, String column, org.jooq.Table<?> table,
                              org.jooq.Field<String> key, String what) throws LoadException {
            String v = row.get(column);
            if (ctx.dsl().fetchExists(table, key.eq(v))) return true;
            ctx.reject(row.line(), column, v, "unknown " + what + " (load it first or fix the code)", row.raw());
            return false;
        }
    }

    public static final class Regions extends Reference {
        public Regions() {
            super("reference-regions", "Areas with code, name, level, validity and the labels sources use for them",
                    "region_code", "region_name", "region_level", "valid_from", "valid_to", "aliases");
        }

        @Override public int order() { return 10; }

        @Override
        boolean row(LoadContext ctx, CsvSource.Row row) throws Exception {
            if (!oneOf(ctx, row, "region_level", LEVELS)) return false;
            Integer from = year(ctx, row, "valid_from", 1900);
            Integer to = year(ctx, row, "valid_to", 9999);
            if (from == null || to == null) return false;
            String code = row.get("region_code");
            Map<Field<?>, Object> values = new LinkedHashMap<>();
            values.put(DIM_REGION.REGION_NAME, row.get("region_name"));
            values.put(DIM_REGION.REGION_LEVEL, row.get("region_level"));
            values.put(DIM_REGION.VALID_FROM, from);
            values.put(DIM_REGION.VALID_TO, to);
            values.put(DIM_REGION.IS_KNOWN, true);
            ctx.dsl().insertInto(DIM_REGION)
                    .set(DIM_REGION.REGION_CODE, code)
                    .set(DIM_REGION.BATCH_ID, ctx.batchId())
                    .set(values)
                    .onConflict(DIM_REGION.REGION_CODE).doUpdate()
                    .set(values)
                    .execute();
            String aliases = row.get("aliases");
            if (aliases != null && !aliases.isBlank()) {
                for (String a : aliases.split("\\|")) {
                    if (a.isBlank()) continue;
                    ctx.dsl().insertInto(DIM_REGION_ALIAS)
                            .set(DIM_REGION_ALIAS.ALIAS, RegionResolver.normalize(a))
                            .set(DIM_REGION_ALIAS.REGION_CODE, code)
                            .onConflict(DIM_REGION_ALIAS.ALIAS).doUpdate().set(DIM_REGION_ALIAS.REGION_CODE, code)
                            .execute();
                }
            }
            return true;
        }
    }

    public static final class Memberships extends Reference {
        public Memberships() {
            super("reference-memberships", "Parent of each area per hierarchy (politie, bestuurlijk) with validity",
                    "region_code", "hierarchy", "parent_code", "valid_from", "valid_to");
        }

        @Override public int order() { return 11; }

        @Override
        boolean row(LoadContext ctx, CsvSource.Row row) throws Exception {
            if (!oneOf(ctx, row, "hierarchy", HIERARCHIES)) return false;
            if (!exists(ctx, row, "region_code", DIM_REGION, DIM_REGION.REGION_CODE, "area")) return false;
            if (!exists(ctx, row, "parent_code", DIM_REGION, DIM_REGION.REGION_CODE, "parent area")) return false;
            Integer from = year(ctx, row, "valid_from", 1900);
            Integer to = year(ctx, row, "valid_to", 9999);
            if (from == null || to == null) return false;
            ctx.dsl().insertInto(DIM_REGION_PARENT)
                    .set(DIM_REGION_PARENT.REGION_CODE, row.get("region_code"))
                    .set(DIM_REGION_PARENT.HIERARCHY, row.get("hierarchy"))
                    .set(DIM_REGION_PARENT.PARENT_CODE, row.get("parent_code"))
                    .set(DIM_REGION_PARENT.VALID_FROM, from)
                    .set(DIM_REGION_PARENT.VALID_TO, to)
                    .set(DIM_REGION_PARENT.BATCH_ID, ctx.batchId())
                    .onConflictDoNothing()
                    .execute();
            return true;
        }
    }

    public static final class Themes extends Reference {
        public Themes() {
            super("reference-themes", "Theme taxonomy: themes under the five safety fields of Kernbeleid Veiligheid",
                    "theme_code", "theme_name", "field_number", "field_name", "description");
        }

        @Override public int order() { return 12; }

        @Override
        boolean row(LoadContext ctx, CsvSource.Row row) throws Exception {
            int field;
            try {
                field = Integer.parseInt(row.get("field_number"));
                if (field < 0 || field > 5) throw new NumberFormatException();
            } catch (NumberFormatException e) {
                ctx.reject(row.line(), "field_number", row.get("field_number"), "expected 0-5 (0 = totals/other)", row.raw());
                return false;
            }
            Map<Field<?>, Object> values = new LinkedHashMap<>();
            values.put(DIM_THEME.THEME_NAME, row.get("theme_name"));
            values.put(DIM_THEME.FIELD_NUMBER, field);
            values.put(DIM_THEME.FIELD_NAME, row.get("field_name"));
            values.put(DIM_THEME.DESCRIPTION, row.get("description"));
            ctx.dsl().insertInto(DIM_THEME)
                    .set(DIM_THEME.THEME_CODE, row.get("theme_code"))
                    .set(values)
                    .onConflict(DIM_THEME.THEME_CODE).doUpdate()
                    .set(values)
                    .execute();
            return true;
        }
    }

    public static final class ThemeMappings extends Reference {
        public ThemeMappings() {
            super("reference-theme-mappings", "Source classifications (CBS/police codes, VM indicators, plan labels) mapped onto themes",
                    "source_system", "source_code", "source_label", "theme_code");
        }

        @Override public int order() { return 13; }

        @Override
        boolean row(LoadContext ctx, CsvSource.Row row) throws Exception {
            if (!exists(ctx, row, "theme_code", DIM_THEME, DIM_THEME.THEME_CODE, "theme")) return false;
            ctx.dsl().insertInto(MAP_SOURCE_THEME)
                    .set(MAP_SOURCE_THEME.SOURCE_SYSTEM, row.get("source_system"))
                    .set(MAP_SOURCE_THEME.SOURCE_CODE, row.get("source_code").toLowerCase(Locale.ROOT))
                    .set(MAP_SOURCE_THEME.SOURCE_LABEL, row.get("source_label"))
                    .set(MAP_SOURCE_THEME.THEME_CODE, row.get("theme_code"))
                    .onConflictDoNothing()
                    .execute();
            return true;
        }
    }

    public static final class Measures extends Reference {
        public Measures() {
            super("reference-measures", "Measures with unit, polarity and, for rates, the count and denominator they come from",
                    "measure_code", "measure_label", "unit", "polarity", "count_measure", "denominator", "source_table");
        }

        @Override public int order() { return 14; }

        @Override
        boolean row(LoadContext ctx, CsvSource.Row row) throws Exception {
            if (!oneOf(ctx, row, "polarity", POLARITIES)) return false;
            Map<Field<?>, Object> values = new LinkedHashMap<>();
            values.put(DIM_MEASURE.MEASURE_LABEL, row.get("measure_label"));
            values.put(DIM_MEASURE.UNIT, row.get("unit"));
            values.put(DIM_MEASURE.POLARITY, row.get("polarity"));
            values.put(DIM_MEASURE.COUNT_MEASURE, emptyToNull(row.get("count_measure")));
            values.put(DIM_MEASURE.DENOMINATOR, emptyToNull(row.get("denominator")));
            values.put(DIM_MEASURE.SOURCE_TABLE, emptyToNull(row.get("source_table")));
            ctx.dsl().insertInto(DIM_MEASURE)
                    .set(DIM_MEASURE.MEASURE_CODE, row.get("measure_code"))
                    .set(values)
                    .onConflict(DIM_MEASURE.MEASURE_CODE).doUpdate()
                    .set(values)
                    .execute();
            return true;
        }
    }

    public static final class MeasureMappings extends Reference {
        public MeasureMappings() {
            super("reference-measure-mappings", "Source columns / measure codes / VM indicators mapped onto measures",
                    "source_table", "source_key", "measure_code", "theme_code");
        }

        @Override public int order() { return 15; }

        @Override
        boolean row(LoadContext ctx, CsvSource.Row row) throws Exception {
            if (!exists(ctx, row, "measure_code", DIM_MEASURE, DIM_MEASURE.MEASURE_CODE, "measure")) return false;
            String theme = emptyToNull(row.get("theme_code"));
            if (theme != null && !exists(ctx, row, "theme_code", DIM_THEME, DIM_THEME.THEME_CODE, "theme")) return false;
            ctx.dsl().insertInto(MAP_SOURCE_MEASURE)
                    .set(MAP_SOURCE_MEASURE.SOURCE_TABLE, row.get("source_table"))
                    .set(MAP_SOURCE_MEASURE.SOURCE_KEY, row.get("source_key").toLowerCase(Locale.ROOT))
                    .set(MAP_SOURCE_MEASURE.MEASURE_CODE, row.get("measure_code"))
                    .set(MAP_SOURCE_MEASURE.THEME_CODE, theme)
                    .onConflictDoNothing()
                    .execute();
            return true;
        }
    }

    /** Which registered-crime themes a survey victimisation indicator is compared with (the dark-number cubes). */
    public static final class SurveyRegistration extends Reference {
        public SurveyRegistration() {
            super("reference-survey-registration", "Survey victimisation indicators and the registered-crime themes they are compared with",
                    "measure_code", "theme_code", "note");
        }

        @Override public int order() { return 16; }

        @Override
        boolean row(LoadContext ctx, CsvSource.Row row) throws Exception {
            if (!exists(ctx, row, "measure_code", DIM_MEASURE, DIM_MEASURE.MEASURE_CODE, "measure")) return false;
            if (!exists(ctx, row, "theme_code", DIM_THEME, DIM_THEME.THEME_CODE, "theme")) return false;
            Map<Field<?>, Object> values = new LinkedHashMap<>();
            values.put(MAP_SURVEY_REGISTRATION.NOTE, emptyToNull(row.get("note")));
            ctx.dsl().insertInto(MAP_SURVEY_REGISTRATION)
                    .set(MAP_SURVEY_REGISTRATION.MEASURE_CODE, row.get("measure_code"))
                    .set(MAP_SURVEY_REGISTRATION.THEME_CODE, row.get("theme_code"))
                    .set(values)
                    .onConflict(MAP_SURVEY_REGISTRATION.MEASURE_CODE, MAP_SURVEY_REGISTRATION.THEME_CODE).doUpdate()
                    .set(values)
                    .execute();
            return true;
        }
    }

    static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
