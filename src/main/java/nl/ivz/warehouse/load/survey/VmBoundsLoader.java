package nl.ivz.warehouse.load.survey;

import nl.ivz.warehouse.load.FactWriter;
import nl.ivz.warehouse.load.LoadContext;
import nl.ivz.warehouse.load.OwnTableLoader;
import nl.ivz.warehouse.load.Releases;

import nl.ivz.warehouse.sources.CsvSource;
import nl.ivz.warehouse.sources.SeedCells;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static nl.ivz.warehouse.db.Tables.DIM_MEASURE;

/**
 * Veiligheidsmonitor results with the 95% interval as lower and upper bound (as the VM databank and
 * waarstaatjegemeente export them), one per line. The indicator is a measure code or a key mapped in
 * map_source_measure for vm_table. margin is stored as half the interval width, so significance tests that
 * use margins work on these rows too.
 */
public final class VmBoundsLoader extends OwnTableLoader {
    private final List<FactWriter.SurveyFact> facts = new ArrayList<>();
    private final Map<String, SurveySupport.Indicators> byTable = new HashMap<>();
    private String table;

    public VmBoundsLoader() {
        super("vm-bounds", "Veiligheidsmonitor with 95% bounds: vm_table,area,period,indicator,value,lower_bound,upper_bound,respondents", false,
                "vm_table", "area", "period", "indicator", "value", "lower_bound", "upper_bound", "respondents");
    }

    @Override
    protected void start(LoadContext ctx, CsvSource csv) {
        facts.clear();
        byTable.clear();
        table = null;
    }

    @Override
    protected void row(LoadContext ctx, CsvSource csv, CsvSource.Row row) throws Exception {
        String vmTable = row.get("vm_table");
        if (vmTable.isEmpty()) {
            ctx.reject(row.line(), "vm_table", "", "expected the VM table the indicator comes from (e.g. 81928NED)", row.raw());
            return;
        }
        String period = period(ctx, row, "period", false);
        if (period == null) return;
        Double[] v = new Double[3];
        String[] cols = {"value", "lower_bound", "upper_bound"};
        for (int i = 0; i < 3; i++) {
            String raw = row.get(cols[i]);
            v[i] = SeedCells.number(raw);
            if (v[i] == null && !(i > 0 && raw.isEmpty())) {
                ctx.reject(row.line(), cols[i], raw, "expected a number (decimal comma or point)" + (i > 0 ? " or empty" : ""), row.raw());
                return;
            }
        }
        if ((v[1] == null) != (v[2] == null)) {
            ctx.reject(row.line(), v[1] == null ? "lower_bound" : "upper_bound", "", "expected both bounds or neither", row.raw());
            return;
        }
        if (v[1] != null && !(v[1] <= v[0] && v[0] <= v[2])) {
            ctx.reject(row.line(), "value", row.get("value"), "expected lower_bound <= value <= upper_bound (found "
                    + row.get("lower_bound") + " .. " + row.get("upper_bound") + ")", row.raw());
            return;
        }
        Integer respondents = null;
        if (!row.get("respondents").isEmpty()) {
            Long n = SeedCells.whole(row.get("respondents"));
            if (n == null || n < 0 || n > Integer.MAX_VALUE) {
                ctx.reject(row.line(), "respondents", row.get("respondents"), "expected a whole number of respondents or empty", row.raw());
                return;
            }
            respondents = n.intValue();
        }
        String indicator = row.get("indicator");
        SurveySupport.MeasureRef ref;
        if (ctx.dsl().fetchExists(DIM_MEASURE, DIM_MEASURE.MEASURE_CODE.eq(indicator))) {
            ref = byTable.computeIfAbsent(vmTable, t -> new SurveySupport.Indicators(ctx, t)).themeOf(indicator);
        } else {
            ref = byTable.computeIfAbsent(vmTable, t -> new SurveySupport.Indicators(ctx, t)).of(indicator, null);
        }
        String region = requiredArea(ctx, row, "area", "an area code or name");
        if (region == null) return;
        double margin = v[1] == null ? Double.NaN : (v[2] - v[1]) / 2;
        facts.add(new FactWriter.SurveyFact(region, period, ref.measure(), ref.theme(), v[0], margin,
                v[1] == null ? Double.NaN : v[1], v[2] == null ? Double.NaN : v[2], respondents));
        table = table == null ? vmTable : table.equals(vmTable) ? table : "VM";
    }

    @Override
    protected void finish(LoadContext ctx) throws Exception {
        // one appender pass after all rows were checked (rejects write through jOOQ on the same connection)
        for (FactWriter.SurveyFact f : facts) ctx.writer().survey(table == null ? "VM" : table, f);
        Releases.replaceSurvey(ctx, table == null ? "VM" : table);
        ctx.addLoaded(facts.size());
        for (SurveySupport.Indicators i : byTable.values()) i.report();
    }
}
