package nl.ivz.warehouse.load.police;

import nl.ivz.warehouse.load.FactLoader;
import nl.ivz.warehouse.load.FactWriter;
import nl.ivz.warehouse.load.LoadContext;
import nl.ivz.warehouse.load.Reconciliation;
import nl.ivz.warehouse.load.Releases;
import nl.ivz.warehouse.load.SourceMeasures;
import nl.ivz.warehouse.load.SourceThemes;

import nl.ivz.warehouse.sources.CsvSource;
import nl.ivz.warehouse.sources.SourceText;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * National yearly series of registered crimes per police crime code (data.politie.nl 47025NED summed over the
 * months of each year, as published with the "Staat van de misdaad" analyses): incident_type_code (police label,
 * "1.1.1 Diefstal/inbraak woning" or "Totaal misdrijven"), year, incident_count, population (mean of the monthly
 * populations, fractional), COVID (flag of that study, not loaded). Counts go to fct_registration for
 * Nederland; the population, once per year, to fct_population as inwoners_gemiddeld.
 */
public final class PoliceNationalSeriesLoader implements FactLoader {
    private static final String TABLE = "47025NED";

    @Override public String layout() { return "politie-national-series"; }

    @Override
    public String description() {
        return "National yearly police series (incident_type_code, year, incident_count, population): 47025NED summed per year";
    }

    /** Three columns named. */
    @Override public int specificity() { return 3; }

    @Override public String signature() { return "header starts with `incident_type_code,year,incident_count`"; }

    @Override
    public boolean detects(Path file, String head) {
        return SourceText.firstLine(head).toLowerCase(Locale.ROOT).replace("\"", "").startsWith("incident_type_code,year,incident_count");
    }

    @Override
    public void load(LoadContext ctx) throws Exception {
        ctx.sourceTable(TABLE);
        SourceThemes themes = new SourceThemes(ctx.dsl(), SourceThemes.POLITIE, SourceThemes.POLITIE_BENCH);
        String countMeasure = SourceMeasures.measure(ctx.dsl(), "incident_count", TABLE);
        String popMeasure = SourceMeasures.measure(ctx.dsl(), "population", TABLE);
        String nl = ctx.regions().resolveOrCreate("NL01", "Nederland", ctx.batchId());
        Set<String> popYears = new HashSet<>();
        try (CsvSource csv = CsvSource.open(ctx.file(), ','); FactWriter facts = ctx.writer()) {
            csv.require("incident_type_code", "year", "incident_count");
            for (CsvSource.Row row : csv) {
                csv.requireComplete(row);
                ctx.addRead(1);
                String label = row.get("incident_type_code");
                String theme = themes.theme(label);
                if (theme == null) {
                    ctx.reject(row.line(), "incident_type_code", label, "unknown police crime code: expected a label mapped in map_source_theme ("
                            + SourceThemes.POLITIE + ")", row.raw());
                    continue;
                }
                String yearRaw = row.get("year");
                String period = yearRaw != null && yearRaw.matches("\\d{4}") ? ctx.periods().resolve(yearRaw) : null;
                if (period == null) {
                    ctx.reject(row.line(), "year", yearRaw, "expected a year (2012)", row.raw());
                    continue;
                }
                Double count, pop;
                try {
                    count = CsvSource.number(row.get("incident_count"), false);
                    pop = row.has("population") ? CsvSource.number(row.get("population"), false) : null;
                } catch (NumberFormatException e) {
                    ctx.reject(row.line(), "incident_count", row.get("incident_count"), "text in a number column: expected a number", row.raw());
                    continue;
                }
                if (count != null && countMeasure != null) facts.registration(nl, period, theme, countMeasure, TABLE, label, count);
                if (pop != null && popMeasure != null && popYears.add(period)) facts.population(nl, period, popMeasure, TABLE, null, pop);
            }
            ctx.addLoaded(facts.flush());
        }
        Releases.replaceRegistrations(ctx, TABLE);
        Releases.replacePopulation(ctx, TABLE);
        Reconciliation.note(ctx);
    }
}
