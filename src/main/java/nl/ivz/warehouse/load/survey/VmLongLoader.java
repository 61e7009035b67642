package nl.ivz.warehouse.load.survey;

import nl.ivz.warehouse.load.FactLoader;
import nl.ivz.warehouse.load.FactWriter;
import nl.ivz.warehouse.load.LoadContext;
import nl.ivz.warehouse.load.RegionResolver;
import nl.ivz.warehouse.load.Releases;

import nl.ivz.warehouse.sources.VmLongFile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Veiligheidsmonitor long layout (81928NED): value rows (Marges = Waarde) and margin rows (Marges =
 * Betrouwbaarheidsmarge) for the same area and period are paired into fct_survey rows with value and
 * margin. The margin rows may come anywhere in the file (CBS puts them all after the value rows), so the
 * value rows are held in memory: VM tables are small (thousands of area x period lines).
 */
public final class VmLongLoader implements FactLoader {
    @Override public String layout() { return "vm-long"; }

    @Override
    public String description() {
        return "Veiligheidsmonitor, long: ID,Marges,RegioS,Perioden,<indicator>... with Marges = Waarde / Betrouwbaarheidsmarge (81928NED)";
    }

    /** Three columns named. */
    @Override public int specificity() { return 3; }

    @Override public String signature() { return "comma-separated header with `Marges`, `RegioS` and `Perioden`"; }

    @Override
    public boolean detects(Path file, String head) {
        return VmLongFile.looksLike(head);
    }

    private record Line(long line, String raw, double[] cells) { }

    @Override
    public void load(LoadContext ctx) throws Exception {
        String table = SurveySupport.tableIdFromFileName(ctx.file(), "VM");
        ctx.sourceTable(table);
        SurveySupport.Indicators indicators = new SurveySupport.Indicators(ctx, table);
        SurveySupport.Areas areas = new SurveySupport.Areas(ctx);
        Map<String, Line> values = new LinkedHashMap<>();
        Map<String, Line> margins = new HashMap<>();
        Map<String, String[]> keyParts = new HashMap<>();
        List<String> columns;
        Map<String, Integer> groups = new LinkedHashMap<>();
        try (VmLongFile f = VmLongFile.open(ctx.file())) {
            columns = f.indicators();
            for (VmLongFile.Row row : f) {
                f.requireComplete(row);
                ctx.addRead(1);
                ctx.progress(ctx.rowsRead(), -1);
                boolean isValue = VmLongFile.WAARDE.equalsIgnoreCase(row.kind());
                if (!isValue && !VmLongFile.MARGE.equalsIgnoreCase(row.kind())) {
                    ctx.reject(row.line(), VmLongFile.MARGES, row.kind(),
                            "expected '" + VmLongFile.WAARDE + "' or '" + VmLongFile.MARGE + "'", row.raw());
                    continue;
                }
                double[] cells = new double[columns.size()];
                boolean any = false;
                for (int i = 0; i < cells.length; i++) {
                    String raw = row.cells().get(i);
                    Double v;
                    try {
                        v = SurveySupport.number(raw, false);
                    } catch (NumberFormatException e) {
                        ctx.reject(row.line(), columns.get(i), raw,
                                "expected a number with a decimal point (or empty for missing)", row.raw());
                        v = null;
                    }
                    if (v != null && !isValue && v < 0) {
                        ctx.reject(row.line(), columns.get(i), raw, "a margin cannot be negative", row.raw());
                        v = null;
                    }
                    cells[i] = v == null ? Double.NaN : v;
                    any |= v != null;
                }
                if (!any) continue; // an empty line for an area without results: nothing to load
                String period = ctx.periods().resolve(row.period());
                if (period == null) {
                    ctx.reject(row.line(), VmLongFile.PERIODEN, row.period(),
                            "expected a period code or label (2016, 2016JJ00, 2016*)", row.raw());
                    continue;
                }
                if (areas.isGroup(row.area())) {
                    // groups are not areas of dim_region: skipped and counted in the summary, not rejected
                    groups.merge(row.area(), 1, Integer::sum);
                    continue;
                }
                String region = areas.resolve(row.area());
                if (region == null) {
                    ctx.reject(row.line(), VmLongFile.REGIO, row.area(), RegionResolver.UNKNOWN_AREA, row.raw());
                    continue;
                }
                String key = region + "|" + period;
                Map<String, Line> target = isValue ? values : margins;
                if (target.containsKey(key)) {
                    ctx.reject(row.line(), VmLongFile.REGIO, row.area(), "second " + row.kind() + " row for " + row.area()
                            + " " + row.period() + " (first on line " + target.get(key).line() + ")", row.raw());
                    continue;
                }
                target.put(key, new Line(row.line(), row.raw(), cells));
                keyParts.put(key, new String[] {region, period, row.area(), row.period()});
            }
        }
        List<FactWriter.SurveyFact> facts = new ArrayList<>();
        int withoutMargins = 0;
        for (Map.Entry<String, Line> e : values.entrySet()) {
            String[] k = keyParts.get(e.getKey());
            Line v = e.getValue();
            Line m = margins.remove(e.getKey());
            if (m == null) withoutMargins++;
            for (int i = 0; i < v.cells().length; i++) {
                double margin = m == null ? Double.NaN : m.cells()[i];
                if (Double.isNaN(v.cells()[i])) {
                    if (!Double.isNaN(margin)) {
                        ctx.reject(m.line(), columns.get(i), Double.toString(margin),
                                "a margin without a value (the Waarde row of line " + v.line() + " is empty here)", m.raw());
                    }
                    continue;
                }
                SurveySupport.MeasureRef ref = indicators.of(columns.get(i), null);
                facts.add(new FactWriter.SurveyFact(k[0], k[1], ref.measure(), ref.theme(), v.cells()[i], margin,
                        Double.NaN, Double.NaN, null));
            }
        }
        for (Map.Entry<String, Line> e : margins.entrySet()) {
            String[] k = keyParts.get(e.getKey());
            ctx.reject(e.getValue().line(), VmLongFile.MARGES, VmLongFile.MARGE, "a " + VmLongFile.MARGE
                    + " row without a " + VmLongFile.WAARDE + " row for " + k[2] + " " + k[3], e.getValue().raw());
        }
        for (FactWriter.SurveyFact f : facts) ctx.writer().survey(table, f);
        Releases.replaceSurvey(ctx, table);
        ctx.addLoaded(facts.size());
        indicators.report();
        if (withoutMargins > 0) {
            ctx.note(withoutMargins + " area/period value row(s) have no " + VmLongFile.MARGE + " row: loaded without margin");
        }
        if (!groups.isEmpty()) {
            ctx.note(groups.values().stream().mapToInt(Integer::intValue).sum() + " line(s) for groups of municipalities skipped"
                    + " (not single areas): " + String.join(", ", groups.keySet()));
        }
    }
}
