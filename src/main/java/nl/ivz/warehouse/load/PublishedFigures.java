package nl.ivz.warehouse.load;

import static nl.ivz.warehouse.db.Tables.FCT_PUBLISHED_FIGURE;

/** Writes figures a source states about itself (ranks, totals, % changes, costs) to fct_published_figure, as published. */
final class PublishedFigures {
    private PublishedFigures() { }

    static void add(LoadContext ctx, String kind, String region, String period, String theme, String measure,
                    String subject, double value, String raw) {
        ctx.dsl().insertInto(FCT_PUBLISHED_FIGURE)
                .set(FCT_PUBLISHED_FIGURE.BATCH_ID, ctx.batchId())
                .set(FCT_PUBLISHED_FIGURE.SOURCE_TABLE, ctx.sourceTable())
                .set(FCT_PUBLISHED_FIGURE.FIGURE_KIND, kind)
                .set(FCT_PUBLISHED_FIGURE.REGION_CODE, region)
                .set(FCT_PUBLISHED_FIGURE.PERIOD_CODE, period)
                .set(FCT_PUBLISHED_FIGURE.THEME_CODE, theme)
                .set(FCT_PUBLISHED_FIGURE.MEASURE_CODE, measure)
                .set(FCT_PUBLISHED_FIGURE.SUBJECT, subject)
                .set(FCT_PUBLISHED_FIGURE.VALUE, value)
                .set(FCT_PUBLISHED_FIGURE.RAW_VALUE, raw)
                .execute();
    }

    /** Formats a number for notes: 20585 -> "20585", 2.5 -> "2.5". */
    static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
