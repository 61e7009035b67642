package nl.ivz.warehouse.load.plan;

import nl.ivz.warehouse.load.LoadContext;
import nl.ivz.warehouse.load.LoadException;
import nl.ivz.warehouse.load.OwnTableLoader;
import nl.ivz.warehouse.load.RegionResolver;
import nl.ivz.warehouse.load.SourceTables;

import nl.ivz.warehouse.sources.CsvSource;
import nl.ivz.warehouse.sources.SeedCells;
import nl.ivz.warehouse.sources.SourceFormatException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static nl.ivz.warehouse.db.Tables.DIM_PLAN;
import static nl.ivz.warehouse.db.Tables.MAP_SOURCE_THEME;

/**
 * Priority matrix of plans: one line per plan (a municipality's local plan, or a partner organisation),
 * one column per theme label as published; any mark ("X", "Hic") means the plan prioritises the theme and is
 * kept as written. An optional line "Totaal" holds the published number of plans per theme: it goes to
 * fct_published_figure (plan_count) and is compared with the marks counted, never corrected.
 */
public final class PlanMatrixLoader extends OwnTableLoader {
    private static final int FIXED = 3;

    private final String ownerColumn;
    private final String planType;
    private final String sourceSystem;

    private final List<String> labels = new ArrayList<>();
    private final List<String> labelThemes = new ArrayList<>();
    private final Map<String, Long> seenOwners = new HashMap<>();
    private int[] counted;
    private Map<Integer, Double> published;
    private Long totalLine;

    private PlanMatrixLoader(String layout, String ownerColumn, String planType, String sourceSystem, String what) {
        super(layout, what, true, ownerColumn, "plan_from", "plan_to");
        this.ownerColumn = ownerColumn;
        this.planType = planType;
        this.sourceSystem = sourceSystem;
    }

    /** Local integral safety plans: municipality x theme (column labels mapped under plan-lokaal). */
    public static PlanMatrixLoader local() {
        return new PlanMatrixLoader("plan-matrix-local", "gemeente", "lokaal", "plan-lokaal",
                "Priority matrix of the local safety plans: municipality x theme label, marks X/Hic, optional Totaal line");
    }

    /** Partners' priorities: organisation x theme (column labels mapped under plan-partners). */
    public static PlanMatrixLoader partners() {
        return new PlanMatrixLoader("plan-matrix-partners", "organisatie", "partner", "plan-partners",
                "Priority matrix of the safety partners: organisation x theme label, marks X, optional Totaal line");
    }

    @Override
    protected void start(LoadContext ctx, CsvSource csv) throws Exception {
        labels.clear();
        labelThemes.clear();
        seenOwners.clear();
        published = new java.util.TreeMap<>();
        totalLine = null;
        List<String> header = csv.header();
        for (int i = FIXED; i < header.size(); i++) {
            String label = header.get(i).trim();
            String theme = label.isEmpty() ? null : ctx.dsl().select(MAP_SOURCE_THEME.THEME_CODE).from(MAP_SOURCE_THEME)
                    .where(MAP_SOURCE_THEME.SOURCE_SYSTEM.eq(sourceSystem), MAP_SOURCE_THEME.SOURCE_CODE.eq(label.toLowerCase(Locale.ROOT)))
                    .fetchOne(MAP_SOURCE_THEME.THEME_CODE);
            if (theme == null) {
                throw new SourceFormatException(ctx.file(), 1, label, null,
                        "a theme label mapped for source_system '" + sourceSystem
                                + "' in map_source_theme (add it to warehouse/sources/reference/theme_mappings_plans.csv)");
            }
            labels.add(label);
            labelThemes.add(theme);
        }
        if (labels.isEmpty()) {
            throw new SourceFormatException(ctx.file(), 1, null, String.join(",", header), "at least one theme column after plan_to");
        }
        counted = new int[labels.size()];
    }

    @Override
    protected void row(LoadContext ctx, CsvSource csv, CsvSource.Row row) throws Exception {
        String owner = row.get(ownerColumn);
        if (owner == null || owner.isEmpty()) {
            ctx.reject(row.line(), ownerColumn, owner, "expected the name of the plan's " + ownerColumn, row.raw());
            return;
        }
        if (owner.equalsIgnoreCase(SourceTables.TOTAL_LINE)) {
            totals(ctx, row);
            return;
        }
        if (seenOwners.containsKey(owner.toLowerCase(Locale.ROOT))) {
            ctx.reject(row.line(), ownerColumn, owner, "second line for the same " + ownerColumn + " (first on line "
                    + seenOwners.get(owner.toLowerCase(Locale.ROOT)) + ")", row.raw());
            return;
        }
        Integer from = year(ctx, row, "plan_from");
        Integer to = year(ctx, row, "plan_to");
        if (Integer.valueOf(Integer.MIN_VALUE).equals(from) || Integer.valueOf(Integer.MIN_VALUE).equals(to)) return;
        seenOwners.put(owner.toLowerCase(Locale.ROOT), row.line());
        String region = planType.equals("lokaal") ? ctx.regions().resolveOrCreate(owner, null, ctx.batchId()) : null;
        if (planType.equals("lokaal") && region == null) {
            ctx.reject(row.line(), ownerColumn, owner, RegionResolver.UNKNOWN_AREA, row.raw());
            return;
        }
        String code = (planType.equals("lokaal") ? "IVP-" + region : "PARTNER-" + nl.ivz.warehouse.core.AreaLabel.slug(owner))
                + (from == null ? "" : "-" + from);
        String name = (planType.equals("lokaal") ? "Integraal veiligheidsplan " : "Prioriteiten ") + owner
                + (from == null ? "" : " " + from + (to == null ? "" : "-" + to));
        ctx.dsl().insertInto(DIM_PLAN)
                .set(DIM_PLAN.PLAN_CODE, code).set(DIM_PLAN.PLAN_NAME, name).set(DIM_PLAN.PLAN_TYPE, planType)
                .set(DIM_PLAN.OWNER_NAME, owner).set(DIM_PLAN.REGION_CODE, region)
                .set(DIM_PLAN.PERIOD_FROM, from).set(DIM_PLAN.PERIOD_TO, to).set(DIM_PLAN.BATCH_ID, ctx.batchId())
                .onConflict(DIM_PLAN.PLAN_CODE).doUpdate()
                .set(DIM_PLAN.PLAN_NAME, name).set(DIM_PLAN.OWNER_NAME, owner).set(DIM_PLAN.REGION_CODE, region)
                .set(DIM_PLAN.PERIOD_TO, to).set(DIM_PLAN.BATCH_ID, ctx.batchId())
                .execute();
        for (int i = 0; i < labels.size(); i++) {
            String mark = row.get(FIXED + i);
            if (mark == null || mark.isBlank()) continue;
            counted[i]++;
            // the published matrices do not tell speerpunt from aandachtspunt
            ctx.writer().planPriority(code, labelThemes.get(i), labels.get(i), "prioriteit", mark.trim());
            ctx.addLoaded(1);
        }
    }

    /** A plan year, null when empty; Integer.MIN_VALUE after rejecting the row. */
    private static Integer year(LoadContext ctx, CsvSource.Row row, String column) throws LoadException {
        String v = row.get(column);
        if (v == null || v.isEmpty()) return null;
        if (v.matches("\\d{4}")) return Integer.parseInt(v);
        ctx.reject(row.line(), column, v, "expected a year (e.g. 2013) or empty", row.raw());
        return Integer.MIN_VALUE;
    }

    private void totals(LoadContext ctx, CsvSource.Row row) throws LoadException {
        if (totalLine != null) {
            ctx.reject(row.line(), ownerColumn, row.get(ownerColumn), "second Totaal line (first on line " + totalLine + ")", row.raw());
            return;
        }
        // check the whole line first: a Totaal line is kept whole or not at all
        double[] values = new double[labels.size()];
        boolean[] present = new boolean[labels.size()];
        for (int i = 0; i < labels.size(); i++) {
            String raw = row.get(FIXED + i);
            if (raw == null || raw.isBlank()) continue;
            Long n = SeedCells.whole(raw);
            if (n == null) {
                ctx.reject(row.line(), labels.get(i), raw, "expected a whole number in the Totaal line (the published number of plans)", row.raw());
                return;
            }
            values[i] = n;
            present[i] = true;
        }
        totalLine = row.line();
        for (int i = 0; i < labels.size(); i++) {
            if (!present[i]) continue;
            published.put(i, values[i]);
            ctx.writer().published(ctx.sourceTable(), "plan_count", null, null, labelThemes.get(i), null,
                    planType + ": " + labels.get(i), values[i], row.get(FIXED + i));
            ctx.addLoaded(1);
        }
    }

    @Override
    protected void finish(LoadContext ctx) {
        if (published.isEmpty()) return;
        List<String> diffs = new ArrayList<>();
        for (Map.Entry<Integer, Double> e : published.entrySet()) {
            int i = e.getKey();
            if (counted[i] != e.getValue()) {
                diffs.add(labels.get(i) + ": published " + SourceTables.plain(e.getValue()) + ", marks counted " + counted[i]);
            }
        }
        if (diffs.isEmpty()) {
            ctx.note("published Totaal line agrees with the marks in all " + published.size() + " columns");
        } else {
            ctx.note("published Totaal line (line " + totalLine + ") differs from the marks counted in " + diffs.size() + " of "
                    + published.size() + " columns (kept as published): " + String.join("; ", diffs));
        }
    }
}
