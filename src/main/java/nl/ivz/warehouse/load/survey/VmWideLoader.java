package nl.ivz.warehouse.load.survey;

import nl.ivz.warehouse.load.FactLoader;
import nl.ivz.warehouse.load.FactWriter;
import nl.ivz.warehouse.load.LoadContext;
import nl.ivz.warehouse.load.LoadException;
import nl.ivz.warehouse.load.RegionResolver;
import nl.ivz.warehouse.load.Releases;

import nl.ivz.warehouse.sources.VmWideFile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Veiligheidsmonitor wide layout: one line per indicator, Waarde_<area>_<year> / Marges_<area>_<year>
 * columns, decimal comma; "2017*" in a column name marks a provisional year. The files carry no table id,
 * so their indicator labels are looked up under source table {@value #TABLE} unless the file name has one.
 */
public final class VmWideLoader implements FactLoader {
    static final String TABLE = "VM-beleving";

    @Override public String layout() { return "vm-wide"; }

    @Override
    public String description() {
        return "Veiligheidsmonitor, wide: <indicator>,<unit>,Waarde_<area>_<year>...,Marges_<area>_<year>... (decimal comma, |||-indented labels)";
    }

    /** Two column prefixes. */
    @Override public int specificity() { return 2; }

    @Override public String signature() { return "header has `Waarde_` and `Marges_` columns"; }

    @Override
    public boolean detects(Path file, String head) {
        return VmWideFile.looksLike(head);
    }

    @Override
    public void load(LoadContext ctx) throws Exception {
        String table = SurveySupport.tableIdFromFileName(ctx.file(), TABLE);
        ctx.sourceTable(table);
        SurveySupport.Indicators indicators = new SurveySupport.Indicators(ctx, table);
        SurveySupport.Areas areas = new SurveySupport.Areas(ctx);
        List<FactWriter.SurveyFact> facts = new ArrayList<>();
        try (VmWideFile f = VmWideFile.open(ctx.file())) {
            Map<String, String> regionOf = new HashMap<>();
            Map<String, String> periodOf = new HashMap<>();
            for (VmWideFile.Cell c : f.cells()) {
                String p = ctx.periods().resolve(c.year());
                if (p == null) {
                    throw new nl.ivz.warehouse.sources.SourceFormatException(ctx.file(), 1, f.header(c.valueIndex()), c.year(),
                            "a year (2016, or 2016* when provisional) at the end of the column name");
                }
                periodOf.put(c.year(), p);
                String region = areas.resolve(c.area());
                if (region == null) {
                    throw new nl.ivz.warehouse.sources.SourceFormatException(ctx.file(), 1, f.header(c.valueIndex()), c.area(),
                            RegionResolver.UNKNOWN_AREA);
                }
                regionOf.put(c.area(), region);
            }
            for (VmWideFile.Row row : f) {
                ctx.addRead(1);
                if (row.fields().size() < f.columns()) {
                    throw new nl.ivz.warehouse.sources.SourceFormatException(ctx.file(), row.line(), f.header(row.fields().size()),
                            row.raw(), f.columns() + " fields as in the header, found " + row.fields().size()
                                    + " (truncated file or missing delimiter)");
                }
                if (row.indicator().isEmpty()) {
                    ctx.reject(row.line(), f.header(0), row.fields().get(0), "expected an indicator label", row.raw());
                    continue;
                }
                SurveySupport.MeasureRef ref = null;
                for (VmWideFile.Cell c : f.cells()) {
                    Double v = cell(ctx, row, f.header(c.valueIndex()), row.fields().get(c.valueIndex()));
                    Double m = c.marginIndex() < 0 ? null : cell(ctx, row, f.header(c.marginIndex()), row.fields().get(c.marginIndex()));
                    if (v == null) {
                        if (m != null) {
                            ctx.reject(row.line(), f.header(c.marginIndex()), row.fields().get(c.marginIndex()),
                                    "a margin without a value in " + f.header(c.valueIndex()), row.raw());
                        }
                        continue;
                    }
                    if (m != null && m < 0) {
                        ctx.reject(row.line(), f.header(c.marginIndex()), row.fields().get(c.marginIndex()),
                                "a margin cannot be negative", row.raw());
                        continue;
                    }
                    if (ref == null) ref = indicators.of(row.indicator(), row.unit());
                    facts.add(new FactWriter.SurveyFact(regionOf.get(c.area()), periodOf.get(c.year()), ref.measure(),
                            ref.theme(), v, m == null ? Double.NaN : m, Double.NaN, Double.NaN, null));
                }
            }
        }
        for (FactWriter.SurveyFact f : facts) ctx.writer().survey(table, f);
        Releases.replaceSurvey(ctx, table);
        ctx.addLoaded(facts.size());
        indicators.report();
    }

    private static Double cell(LoadContext ctx, VmWideFile.Row row, String column, String raw) throws LoadException {
        try {
            return SurveySupport.number(raw, true);
        } catch (NumberFormatException e) {
            ctx.reject(row.line(), column, raw, "expected a number with a decimal comma (or empty for missing)", row.raw());
            return null;
        }
    }
}
