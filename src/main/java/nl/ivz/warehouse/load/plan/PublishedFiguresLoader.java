package nl.ivz.warehouse.load.plan;

import nl.ivz.warehouse.load.LoadContext;
import nl.ivz.warehouse.load.OwnTableLoader;
import nl.ivz.warehouse.load.SourceTables;

import nl.ivz.warehouse.sources.CsvSource;
import nl.ivz.warehouse.sources.SeedCells;

import org.jooq.impl.DSL;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;

import static nl.ivz.warehouse.db.Tables.FCT_REGISTRATION;

/**
 * Figures a document states (a % change, a target value, a direction "Daling"/"Stijging"), one per line,
 * kept as written in fct_published_figure. A published change_pct with area, theme, measure and period is
 * checked against the registrations already in the warehouse (that period and the year before); the summary
 * lists where the rounded % differs. Load the registration-series files in the same call or before.
 */
public final class PublishedFiguresLoader extends OwnTableLoader {
    static final String CHANGE_PCT = "change_pct";
    static final String DIRECTION = "change_direction";

    private final List<String> diffs = new ArrayList<>();
    private int checked;

    public PublishedFiguresLoader() {
        super("published-figures", "Figures as a document publishes them (change_pct, change_direction, target_value, total, ...)", false,
                "area", "period", "theme", "measure", "figure_kind", "subject", "value");
    }

    /** After registration-series, so published changes can be checked against counts of the same load. */
    @Override public int order() { return 110; }

    @Override
    protected void start(LoadContext ctx, CsvSource csv) {
        diffs.clear();
        checked = 0;
    }

    @Override
    protected void row(LoadContext ctx, CsvSource csv, CsvSource.Row row) throws Exception {
        String kind = row.get("figure_kind");
        if (kind.isEmpty() || !kind.matches("[a-z_]+")) {
            ctx.reject(row.line(), "figure_kind", kind, "expected a kind in lower case (change_pct, change_direction, target_value, total, ...)", row.raw());
            return;
        }
        String raw = row.get("value");
        Double v = kind.equals(DIRECTION) ? toDouble(SeedCells.direction(raw))
                : kind.equals(CHANGE_PCT) ? SeedCells.percent(raw) : SeedCells.dutchNumber(raw);
        if (v == null) {
            String expected = kind.equals(DIRECTION) ? "Daling, Gelijk gebleven or Stijging"
                    : kind.equals(CHANGE_PCT) ? "a percentage as written, e.g. '- 13%' or '+ 10%'" : "a number as written in Dutch (1.895)";
            ctx.reject(row.line(), "value", raw, "expected " + expected, row.raw());
            return;
        }
        String period = null;
        if (!row.get("period").isEmpty()) {
            period = period(ctx, row, "period", false);
            if (period == null) return;
        }
        if (!theme(ctx, row, "theme", true) || !measure(ctx, row, "measure", true)) return;
        String region = area(ctx, row, "area");
        if (region == null && !row.get("area").isEmpty()) return;
        String theme = emptyToNull(row.get("theme"));
        String measure = emptyToNull(row.get("measure"));
        ctx.writer().published(ctx.sourceTable(), kind, region, period, theme, measure, emptyToNull(row.get("subject")), v, raw);
        ctx.addLoaded(1);
        if (kind.equals(CHANGE_PCT) && region != null && period != null && theme != null && measure != null) {
            check(ctx, region, row.get("area"), period, theme, measure, v);
        }
    }

    private void check(LoadContext ctx, String region, String area, String period, String theme, String measure, double published) {
        int year = Integer.parseInt(period.substring(0, 4));
        String previous = (year - 1) + "JJ00";
        // compare within one source table (the newest batch that has both years), never across sources
        var rows = ctx.dsl().select(FCT_REGISTRATION.SOURCE_TABLE, FCT_REGISTRATION.PERIOD_CODE, DSL.sum(FCT_REGISTRATION.VALUE),
                        DSL.max(FCT_REGISTRATION.BATCH_ID))
                .from(FCT_REGISTRATION)
                .where(FCT_REGISTRATION.REGION_CODE.eq(region), FCT_REGISTRATION.PERIOD_CODE.in(period, previous),
                        FCT_REGISTRATION.THEME_CODE.eq(theme), FCT_REGISTRATION.MEASURE_CODE.eq(measure))
                .groupBy(FCT_REGISTRATION.SOURCE_TABLE, FCT_REGISTRATION.PERIOD_CODE)
                .orderBy(DSL.max(FCT_REGISTRATION.BATCH_ID).desc())
                .fetch();
        Map<String, Double[]> bySource = new LinkedHashMap<>();
        for (var r : rows) {
            Double[] pair = bySource.computeIfAbsent(r.value1(), k -> new Double[2]);
            pair[r.value2().equals(period) ? 1 : 0] = r.value3() == null ? null : r.value3().doubleValue();
        }
        for (Map.Entry<String, Double[]> e : bySource.entrySet()) {
            Double before = e.getValue()[0];
            Double now = e.getValue()[1];
            if (before == null || now == null || before == 0) continue;
            checked++;
            double pct = (now / before - 1) * 100;
            if (Math.round(pct) != Math.round(published)) {
                diffs.add(area + " " + theme + "/" + measure + " " + (year - 1) + "-" + year + ": published "
                        + SourceTables.plain(published) + "%, " + e.getKey() + " gives " + String.format(java.util.Locale.ROOT, "%.1f", pct)
                        + "% (" + SourceTables.plain(before) + " -> " + SourceTables.plain(now) + ")");
            }
            return;
        }
    }

    private static Double toDouble(Integer i) {
        return i == null ? null : i.doubleValue();
    }

    @Override
    protected void finish(LoadContext ctx) {
        if (checked == 0) return;
        ctx.note(diffs.isEmpty() ? "all " + checked + " published % change(s) agree with the registrations (rounded to whole %)"
                : diffs.size() + " of " + checked + " published % change(s) differ from the registrations (kept as published): "
                + String.join("; ", diffs));
    }
}
