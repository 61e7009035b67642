package nl.ivz.warehouse.load.plan;

import nl.ivz.warehouse.load.LoadContext;
import nl.ivz.warehouse.load.OwnTableLoader;

import nl.ivz.warehouse.sources.CsvSource;
import nl.ivz.warehouse.sources.SourceFormatException;

import java.util.ArrayList;
import java.util.List;


/** Policy cycle table: one line per plan type, one column per year, the period label per cell (Red/Blue alternate). */
public final class PolicyCycleLoader extends OwnTableLoader {
    private final List<Integer> years = new ArrayList<>();

    public PolicyCycleLoader() {
        super("policy-cycle", "Policy cycle: plan_type,<year>,<year>,... with a period label (Red/Blue) per cell", true, "plan_type");
    }

    @Override
    protected void start(LoadContext ctx, CsvSource csv) throws Exception {
        years.clear();
        List<String> header = csv.header();
        for (int i = 1; i < header.size(); i++) {
            String h = header.get(i).trim();
            if (!h.matches("\\d{4}")) {
                throw new SourceFormatException(ctx.file(), 1, h, null, "a year (e.g. 2013) as column name after plan_type");
            }
            years.add(Integer.parseInt(h));
        }
    }

    @Override
    protected void row(LoadContext ctx, CsvSource csv, CsvSource.Row row) throws Exception {
        String type = row.get("plan_type");
        if (type.isEmpty()) {
            ctx.reject(row.line(), "plan_type", "", "expected the plan type (e.g. Lokale veiligheidsplannen)", row.raw());
            return;
        }
        for (int i = 0; i < years.size(); i++) {
            String label = row.get(i + 1).trim();
            if (label.isEmpty()) continue;
            ctx.writer().planCycle(type, years.get(i), label);
            ctx.addLoaded(1);
        }
    }
}
