package nl.ivz.warehouse.load.plan;

import nl.ivz.warehouse.load.LoadContext;
import nl.ivz.warehouse.load.OwnTableLoader;

import nl.ivz.warehouse.sources.CsvSource;
import nl.ivz.warehouse.sources.SeedCells;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;


/** Population or dwellings transcribed from a document, with the reference date the document gives (e.g. 1 May 2014). */
public final class PopulationTableLoader extends OwnTableLoader {
    public PopulationTableLoader() {
        super("population-table", "Population/dwellings from documents: area,period,measure,reference_date (yyyy-mm-dd),value", false,
                "area", "period", "measure", "reference_date", "value");
    }

    @Override
    protected void row(LoadContext ctx, CsvSource csv, CsvSource.Row row) throws Exception {
        String period = period(ctx, row, "period", false);
        if (period == null || !measure(ctx, row, "measure", false)) return;
        LocalDate date = null;
        if (!row.get("reference_date").isEmpty()) {
            try {
                date = LocalDate.parse(row.get("reference_date"));
            } catch (DateTimeParseException e) {
                ctx.reject(row.line(), "reference_date", row.get("reference_date"), "expected a date as yyyy-mm-dd (2014-05-01)", row.raw());
                return;
            }
        }
        Long v = SeedCells.whole(row.get("value"));
        if (v == null || v < 0) {
            ctx.reject(row.line(), "value", row.get("value"), "expected a whole number as written in Dutch (626.092)", row.raw());
            return;
        }
        String region = requiredArea(ctx, row, "area", "an area code or name");
        if (region == null) return;
        ctx.writer().population(region, period, row.get("measure"), ctx.sourceTable(), date, v.doubleValue());
        ctx.addLoaded(1);
    }
}
