package nl.ivz.warehouse.load.plan;

import nl.ivz.warehouse.load.LoadContext;
import nl.ivz.warehouse.load.OwnTableLoader;
import nl.ivz.warehouse.load.SourceTables;

import nl.ivz.warehouse.sources.CsvSource;
import nl.ivz.warehouse.sources.SeedCells;
import nl.ivz.warehouse.sources.SourceFormatException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import static nl.ivz.warehouse.db.Tables.MAP_SOURCE_THEME;

/**
 * A published benchmark table (seed 002, Bijlage 2): one line per area, one column per category label,
 * cells "2,64 (1)" = the published rate and, in brackets, its published rank; an optional total_score
 * column. Rates go to fct_registration (source category = the column label), ranks and total scores to
 * fct_published_figure. The loader checks the published ranks against a dense ranking of the published
 * values (lowest = 1, per the seed's method) and the total scores against the sum of the published ranks,
 * and lists every difference in the summary; nothing is corrected.
 */
public final class RankTableLoader extends OwnTableLoader {
    static final String SOURCE_SYSTEM = "incidentie";
    static final String TOTAL = "total_score";
    private static final int FIXED = 3;

    private final List<String> labels = new ArrayList<>();
    private final List<String> themes = new ArrayList<>();
    private int totalIndex;
    /** Per area shown: published values and ranks per column, and the published total score. */
    private final Map<String, double[]> values = new LinkedHashMap<>();
    private final Map<String, Integer[]> ranks = new LinkedHashMap<>();
    private final Map<String, Double> totals = new LinkedHashMap<>();

    public RankTableLoader() {
        super("rank-table", "Published rates with ranks per area: area,period,measure,<category label>...[,total_score]; cells '2,64 (1)'",
                true, "area", "period", "measure");
    }

    @Override
    protected void start(LoadContext ctx, CsvSource csv) throws Exception {
        labels.clear();
        themes.clear();
        values.clear();
        ranks.clear();
        totals.clear();
        totalIndex = -1;
        List<String> header = csv.header();
        for (int i = FIXED; i < header.size(); i++) {
            String label = header.get(i).trim();
            if (label.equalsIgnoreCase(TOTAL)) {
                totalIndex = i;
                continue;
            }
            String theme = ctx.dsl().select(MAP_SOURCE_THEME.THEME_CODE).from(MAP_SOURCE_THEME)
                    .where(MAP_SOURCE_THEME.SOURCE_SYSTEM.eq(SOURCE_SYSTEM), MAP_SOURCE_THEME.SOURCE_CODE.eq(label.toLowerCase(Locale.ROOT)))
                    .fetchOne(MAP_SOURCE_THEME.THEME_CODE);
            if (theme == null) {
                throw new SourceFormatException(ctx.file(), 1, label, null, "a category label mapped for source_system '"
                        + SOURCE_SYSTEM + "' in map_source_theme (theme_mappings_plans.csv), or total_score");
            }
            labels.add(label);
            themes.add(theme);
        }
    }

    @Override
    protected void row(LoadContext ctx, CsvSource csv, CsvSource.Row row) throws Exception {
        String period = period(ctx, row, "period", false);
        if (period == null) return;
        String measure = row.get("measure");
        if (!measure(ctx, row, "measure", false)) return;
        if (row.get("area").isEmpty()) {
            ctx.reject(row.line(), "area", "", "expected an area code or name", row.raw());
            return;
        }
        // parse the whole line before writing: a line is loaded whole or rejected whole
        double[] v = new double[labels.size()];
        Integer[] r = new Integer[labels.size()];
        String[] raws = new String[labels.size()];
        int col = 0;
        for (int i = FIXED; i < csv.header().size(); i++) {
            if (i == totalIndex) continue;
            String raw = row.get(i).trim();
            SeedCells.ValueRank vr = SeedCells.valueRank(raw);
            if (vr == null) {
                ctx.reject(row.line(), labels.get(col), raw, "expected a value with an optional rank in brackets, e.g. '2,64 (1)'", row.raw());
                return;
            }
            v[col] = vr.value();
            r[col] = vr.rank();
            raws[col] = raw;
            col++;
        }
        Double total = null;
        if (totalIndex >= 0 && !row.get(totalIndex).isBlank()) {
            Long t = SeedCells.whole(row.get(totalIndex));
            if (t == null) {
                ctx.reject(row.line(), TOTAL, row.get(totalIndex), "expected a whole number (the published total score)", row.raw());
                return;
            }
            total = t.doubleValue();
        }
        String region = requiredArea(ctx, row, "area", "an area code or name");
        if (region == null) return;
        String area = row.get("area");
        for (int c = 0; c < labels.size(); c++) {
            ctx.writer().registration(region, period, themes.get(c), measure, ctx.sourceTable(), labels.get(c), v[c]);
            ctx.addLoaded(1);
            if (r[c] != null) {
                ctx.writer().published(ctx.sourceTable(), "rank", region, period, themes.get(c), measure, labels.get(c), r[c], raws[c]);
                ctx.addLoaded(1);
            }
        }
        if (total != null) {
            ctx.writer().published(ctx.sourceTable(), "total_score", region, period, null, measure, "Berekende totaalscore", total, row.get(totalIndex));
            ctx.addLoaded(1);
            totals.put(area, total);
        }
        if (r[0] != null) {
            values.put(area, v);
            ranks.put(area, r);
        }
    }

    @Override
    protected void finish(LoadContext ctx) {
        if (ranks.isEmpty()) return;
        List<String> rankDiffs = new ArrayList<>();
        for (int c = 0; c < labels.size(); c++) {
            TreeSet<Double> distinct = new TreeSet<>();
            for (double[] v : values.values()) distinct.add(v[c]);
            List<Double> order = new ArrayList<>(distinct);
            for (String area : values.keySet()) {
                Integer published = ranks.get(area)[c];
                int dense = order.indexOf(values.get(area)[c]) + 1;
                if (published != null && published != dense) {
                    rankDiffs.add(labels.get(c) + " " + area + " (" + SourceTables.plain(values.get(area)[c]) + "): published rank "
                            + published + ", dense rank of the values " + dense);
                }
            }
        }
        List<String> totalDiffs = new ArrayList<>();
        for (Map.Entry<String, Double> e : totals.entrySet()) {
            Integer[] r = ranks.get(e.getKey());
            if (r == null) continue;
            int sum = 0;
            for (Integer x : r) sum += x == null ? 0 : x;
            if (sum != e.getValue()) {
                totalDiffs.add(e.getKey() + ": published total score " + SourceTables.plain(e.getValue()) + ", sum of its published ranks " + sum);
            }
        }
        ctx.note(rankDiffs.isEmpty() ? "published ranks agree with a dense ranking of the published values (lowest = 1)"
                : rankDiffs.size() + " published rank(s) differ from a dense ranking of the published values (kept as published): "
                + String.join("; ", rankDiffs));
        if (!totals.isEmpty()) {
            ctx.note(totalDiffs.isEmpty() ? "published total scores agree with the sums of the published ranks"
                    : totalDiffs.size() + " published total score(s) differ from the sum of the published ranks (kept as published): "
                    + String.join("; ", totalDiffs));
        }
    }
}
