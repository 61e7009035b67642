package nl.ivz.warehouse.load.plan;

import nl.ivz.warehouse.load.LoadContext;
import nl.ivz.warehouse.load.LoadException;
import nl.ivz.warehouse.load.OwnTableLoader;

import nl.ivz.warehouse.sources.CsvSource;
import nl.ivz.warehouse.sources.SeedCells;


/** Policy targets: a compound yearly change from a base year and value up to a horizon year. */
public final class PolicyTargetsLoader extends OwnTableLoader {
    public PolicyTargetsLoader() {
        super("policy-targets", "Targets: value(year) = base_value x (1 + yearly_change)^(year - base_year); yearly_change '-5%' or -0.05", false,
                "target_code", "theme", "area", "measure", "base_year", "base_value", "yearly_change", "horizon_year", "description");
    }

    @Override
    protected void row(LoadContext ctx, CsvSource csv, CsvSource.Row row) throws Exception {
        if (row.get("target_code").isEmpty()) {
            ctx.reject(row.line(), "target_code", "", "expected a short code for the target", row.raw());
            return;
        }
        if (!theme(ctx, row, "theme", false) || !measure(ctx, row, "measure", false)) return;
        Integer base = year(ctx, row, "base_year");
        Integer horizon = base == null ? null : year(ctx, row, "horizon_year");
        if (horizon == null) return;
        if (horizon <= base) {
            ctx.reject(row.line(), "horizon_year", row.get("horizon_year"), "expected a year after base_year " + base, row.raw());
            return;
        }
        Double value = SeedCells.dutchNumber(row.get("base_value"));
        if (value == null) {
            ctx.reject(row.line(), "base_value", row.get("base_value"), "expected a number as written in Dutch (2.100 or 7,5)", row.raw());
            return;
        }
        Double change = SeedCells.fraction(row.get("yearly_change"));
        if (change == null || change <= -1) {
            ctx.reject(row.line(), "yearly_change", row.get("yearly_change"),
                    "expected a yearly change as a percentage ('-5%') or a fraction above -1 (-0.05)", row.raw());
            return;
        }
        String region = requiredArea(ctx, row, "area", "an area code or name");
        if (region == null) return;
        ctx.writer().policyTarget(row.get("target_code"), row.get("theme"), region, row.get("measure"), base, value, change, horizon,
                emptyToNull(row.get("description")));
        ctx.addLoaded(1);
    }

    private static Integer year(LoadContext ctx, CsvSource.Row row, String column) throws LoadException {
        String v = row.get(column);
        if (v != null && v.matches("\\d{4}")) return Integer.parseInt(v);
        ctx.reject(row.line(), column, v, "expected a year (e.g. 2013)", row.raw());
        return null;
    }
}
