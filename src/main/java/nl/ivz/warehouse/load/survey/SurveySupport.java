package nl.ivz.warehouse.load.survey;

import nl.ivz.warehouse.load.LoadContext;
import nl.ivz.warehouse.load.RegionResolver;
import nl.ivz.warehouse.load.SourceTables;


import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static nl.ivz.warehouse.db.Tables.DIM_MEASURE;
import static nl.ivz.warehouse.db.Tables.DIM_REGION;
import static nl.ivz.warehouse.db.Tables.MAP_SOURCE_MEASURE;

/** Shared by the Veiligheidsmonitor loaders: indicator -> measure lookup, area labels, and bulk writing of fct_survey. */
public final class SurveySupport {
    private static final Pattern TABLE_ID = Pattern.compile("(?i)(\\d{5}(NED|ENG))");
    /** Labels in VM tables that are groups of municipalities, not one area: they have no place in dim_region. */
    private static final Pattern AREA_GROUP = Pattern.compile("(?i)^(G4|G32|G40|gemeenten\\s*>.*)$");
    private static final Pattern POLICE_SUFFIX = Pattern.compile("(?i).*\\((PD|BT|RE|PV|LD|CR|GM|PO)\\)\\s*$");

    private SurveySupport() { }

    /** The CBS table id in a file name (81928NED_...csv -> 81928NED), else the fallback. */
    public static String tableIdFromFileName(Path file, String fallback) {
        return SourceTables.cbsTableId(file, fallback);
    }

    /** A measure and the theme the indicator implies (may be null). */
    public record MeasureRef(String measure, String theme) { }

    /**
     * Indicator keys of one source table mapped to measures (map_source_measure, keys lower case). Keys
     * without a mapping get a measure of their own, created on first use and listed in the summary.
     */
    public static final class Indicators {
        private final LoadContext ctx;
        private final String table;
        private final Map<String, MeasureRef> mapped = new HashMap<>();
        private final Set<String> created = new LinkedHashSet<>();

        public Indicators(LoadContext ctx, String table) {
            this.ctx = ctx;
            this.table = table;
            ctx.dsl().select(MAP_SOURCE_MEASURE.SOURCE_KEY, MAP_SOURCE_MEASURE.MEASURE_CODE, MAP_SOURCE_MEASURE.THEME_CODE)
                    .from(MAP_SOURCE_MEASURE).where(MAP_SOURCE_MEASURE.SOURCE_TABLE.eq(table))
                    .fetch().forEach(r -> mapped.put(r.value1().toLowerCase(Locale.ROOT), new MeasureRef(r.value2(), r.value3())));
        }

        /** The measure for an indicator key or label; unit guessed from the unit text or key when it must be created. */
        public MeasureRef of(String key, String unitText) {
            String k = key.trim().toLowerCase(Locale.ROOT);
            MeasureRef ref = mapped.get(k);
            if (ref != null) return ref;
            String code = ("vm_" + nl.ivz.warehouse.core.AreaLabel.slug(table) + "_" + nl.ivz.warehouse.core.AreaLabel.slug(key)).toLowerCase(Locale.ROOT).replace('-', '_');
            String u = (unitText == null ? "" : unitText) + " " + key;
            String unit = u.toLowerCase(Locale.ROOT).matches(".*(schaalscore|rapportcijfer|score).*") ? "score" : "procent";
            ctx.dsl().insertInto(DIM_MEASURE)
                    .set(DIM_MEASURE.MEASURE_CODE, code)
                    .set(DIM_MEASURE.MEASURE_LABEL, key.trim())
                    .set(DIM_MEASURE.UNIT, unit)
                    .set(DIM_MEASURE.POLARITY, "neutraal")
                    .set(DIM_MEASURE.SOURCE_TABLE, table)
                    .onConflictDoNothing()
                    .execute();
            ref = new MeasureRef(code, null);
            mapped.put(k, ref);
            created.add(key.trim() + " -> " + code);
            return ref;
        }

        /** A measure code used directly, with the theme its mapping gives (if any). */
        public MeasureRef themeOf(String measureCode) {
            String theme = mapped.values().stream().filter(r -> r.measure().equals(measureCode)).map(MeasureRef::theme)
                    .filter(java.util.Objects::nonNull).findFirst().orElse(null);
            return new MeasureRef(measureCode, theme);
        }

        /** Adds a summary line when indicators had no mapping. */
        public void report() {
            if (created.isEmpty()) return;
            ctx.note(created.size() + " indicator(s) of " + table + " had no mapping in map_source_measure and got their own measure"
                    + " (unit guessed, polarity neutraal; add them to measure_mappings_vm.csv): "
                    + String.join("; ", created.stream().limit(5).toList()) + (created.size() > 5 ? "; ..." : ""));
        }
    }

    /**
     * Resolves a VM area label. Labels with (PD)/(BT)/(RE)/(PV)/(LD) and "Nederland" go to the region
     * resolver; "X (gemeente)" and plain labels are municipalities (a plain "Amsterdam" must not match the
     * unit Amsterdam (RE)). Returns null for a label that is no area of the reference (see {@link #UNKNOWN}).
     */
    public static final class Areas {
        private final LoadContext ctx;
        private final Map<String, String> levels = new HashMap<>();
        private final Map<String, String> cache = new HashMap<>();

        public Areas(LoadContext ctx) {
            this.ctx = ctx;
        }

        public boolean isGroup(String label) {
            return AREA_GROUP.matcher(label.trim()).matches();
        }

        public String resolve(String label) {
            String t = label.trim();
            return cache.computeIfAbsent(t.toLowerCase(Locale.ROOT), k -> doResolve(t));
        }

        private String doResolve(String t) {
            RegionResolver r = ctx.regions();
            if (t.toLowerCase(Locale.ROOT).endsWith("(gemeente)")) {
                t = t.substring(0, t.length() - "(gemeente)".length()).trim() + " (GM)";
            }
            if (POLICE_SUFFIX.matcher(t).matches() || t.equalsIgnoreCase("nederland")) {
                return r.resolveOrCreate(t, null, ctx.batchId());
            }
            String code = r.find(t);
            if (code != null && "gemeente".equals(level(code))) return code;
            return r.resolveOrCreate(t + " (GM)", null, ctx.batchId());
        }

        private String level(String code) {
            return levels.computeIfAbsent(code, c -> ctx.dsl().select(DIM_REGION.REGION_LEVEL).from(DIM_REGION)
                    .where(DIM_REGION.REGION_CODE.eq(c)).fetchOne(DIM_REGION.REGION_LEVEL));
        }
    }

    /** Number with decimal point (CBS cbsodata) or decimal comma (Dutch); null when empty or a CBS missing symbol. */
    public static Double number(String raw, boolean decimalComma) {
        return nl.ivz.warehouse.sources.CsvSource.number(raw, decimalComma);
    }
}
