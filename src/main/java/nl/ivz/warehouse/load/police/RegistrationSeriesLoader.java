package nl.ivz.warehouse.load.police;

import nl.ivz.warehouse.load.LoadContext;
import nl.ivz.warehouse.load.OwnTableLoader;
import nl.ivz.warehouse.load.SourceTables;

import nl.ivz.warehouse.sources.CsvSource;
import nl.ivz.warehouse.sources.SeedCells;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static nl.ivz.warehouse.db.Tables.DIM_REGION_PARENT;

/**
 * Registered counts or rates transcribed from a document, one per line: area, period, theme code, measure
 * code, the document's own category label, the value as written ("34.649"). When the file holds an area
 * and children of it (politie hierarchy) for the same period, theme, measure and category, the summary says
 * where the published parent value differs from the sum of the children in the file.
 */
public final class RegistrationSeriesLoader extends OwnTableLoader {
    private record Key(String period, String theme, String measure, String category) { }

    private final Map<Key, Map<String, Double>> byKey = new LinkedHashMap<>();
    private final Map<String, String> names = new LinkedHashMap<>();

    public RegistrationSeriesLoader() {
        super("registration-series", "Registered counts/rates from documents, one per line (Dutch numbers)", false,
                "area", "period", "theme", "measure", "source_category", "value");
    }

    @Override
    protected void start(LoadContext ctx, CsvSource csv) {
        byKey.clear();
        names.clear();
    }

    @Override
    protected void row(LoadContext ctx, CsvSource csv, CsvSource.Row row) throws Exception {
        String period = period(ctx, row, "period", false);
        if (period == null || !theme(ctx, row, "theme", false) || !measure(ctx, row, "measure", false)) return;
        Double v = SeedCells.dutchNumber(row.get("value"));
        if (v == null) {
            ctx.reject(row.line(), "value", row.get("value"), "expected a number as written in Dutch (34.649 or 2,64)", row.raw());
            return;
        }
        String category = row.get("source_category");
        if (category.isEmpty()) {
            ctx.reject(row.line(), "source_category", category, "expected the source's own category label", row.raw());
            return;
        }
        String region = requiredArea(ctx, row, "area", "an area code or name");
        if (region == null) return;
        Key key = new Key(period, row.get("theme"), row.get("measure"), category);
        if (byKey.computeIfAbsent(key, k -> new LinkedHashMap<>()).putIfAbsent(region, v) != null) {
            ctx.reject(row.line(), "area", row.get("area"), "a second value for this area, period, theme, measure and category", row.raw());
            return;
        }
        names.putIfAbsent(region, row.get("area"));
        ctx.writer().registration(region, period, key.theme(), key.measure(), ctx.sourceTable(), category, v);
        ctx.addLoaded(1);
    }

    @Override
    protected void finish(LoadContext ctx) {
        List<String> diffs = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<Key, Map<String, Double>> e : byKey.entrySet()) {
            Map<String, Double> vals = e.getValue();
            int year = Integer.parseInt(e.getKey().period().substring(0, 4));
            for (String parent : vals.keySet()) {
                List<String> children = ctx.dsl().select(DIM_REGION_PARENT.REGION_CODE).from(DIM_REGION_PARENT)
                        .where(DIM_REGION_PARENT.PARENT_CODE.eq(parent), DIM_REGION_PARENT.HIERARCHY.eq("politie"),
                                DIM_REGION_PARENT.VALID_FROM.le(year), DIM_REGION_PARENT.VALID_TO.ge(year),
                                DIM_REGION_PARENT.REGION_CODE.in(vals.keySet()))
                        .fetch(DIM_REGION_PARENT.REGION_CODE);
                if (children.size() < 2) continue;
                checked++;
                double sum = children.stream().mapToDouble(vals::get).sum();
                if (Math.abs(sum - vals.get(parent)) > 1e-9) {
                    diffs.add(names.get(parent) + " " + e.getKey().category() + " " + e.getKey().period().substring(0, 4)
                            + ": published " + SourceTables.plain(vals.get(parent)) + ", sum of its " + children.size()
                            + " areas in the file " + SourceTables.plain(sum));
                }
            }
        }
        if (checked == 0) return;
        ctx.note(diffs.isEmpty() ? "all " + checked + " parent value(s) equal the sum of their areas in the file"
                : diffs.size() + " of " + checked + " published parent value(s) differ from the sum of their areas in the file "
                + "(kept as published): " + String.join("; ", diffs));
    }
}
