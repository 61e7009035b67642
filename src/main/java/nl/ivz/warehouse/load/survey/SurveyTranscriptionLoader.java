package nl.ivz.warehouse.load.survey;

import nl.ivz.warehouse.load.FactWriter;
import nl.ivz.warehouse.load.LoadContext;
import nl.ivz.warehouse.load.OwnTableLoader;
import nl.ivz.warehouse.load.Releases;

import nl.ivz.warehouse.sources.CsvSource;
import nl.ivz.warehouse.sources.SeedCells;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;


/**
 * A survey table transcribed from a document whose text is damaged (seed 004: the Veiligheidsmonitor 2015
 * table of the Wegwijzer, extracted from a PDF): one value per line with the text it was read from and how it
 * was read. {@code gelezen} = as printed (value must equal raw_text), {@code hersteld} = restored by the rule in
 * the note (a lost decimal comma), {@code onzeker} = cannot be read with certainty: no value. Every line goes to
 * fct_survey_reading; gelezen and hersteld values also to fct_survey, onzeker ones never (no guessed numbers).
 * The indicator is {@code row_label|column_label}, mapped in map_source_measure under the file's stem.
 */
public final class SurveyTranscriptionLoader extends OwnTableLoader {
    static final Set<String> READINGS = Set.of("gelezen", "hersteld", "onzeker");

    private final List<FactWriter.SurveyFact> facts = new ArrayList<>();
    private final Map<String, Integer> counts = new TreeMap<>();
    private final List<String> uncertain = new ArrayList<>();
    private SurveySupport.Indicators indicators;

    public SurveyTranscriptionLoader() {
        super("survey-transcribed", "Survey table transcribed from a document, each value with the text it was read from and how it was read"
                        + " (gelezen, hersteld, onzeker)",
                false, "area", "period", "row_label", "column_label", "raw_text", "reading", "value", "note");
    }

    @Override
    protected void start(LoadContext ctx, CsvSource csv) {
        facts.clear();
        counts.clear();
        uncertain.clear();
        indicators = new SurveySupport.Indicators(ctx, ctx.sourceTable());
    }

    @Override
    protected void row(LoadContext ctx, CsvSource csv, CsvSource.Row row) throws Exception {
        String reading = row.get("reading");
        if (!READINGS.contains(reading)) {
            ctx.reject(row.line(), "reading", reading, "expected gelezen, hersteld or onzeker", row.raw());
            return;
        }
        String rawValue = row.get("value");
        Double value = SeedCells.number(rawValue);
        if (reading.equals("onzeker")) {
            if (!rawValue.isEmpty()) {
                ctx.reject(row.line(), "value", rawValue, "an onzeker value has no number (leave it empty; candidates go in the note)", row.raw());
                return;
            }
        } else if (value == null) {
            ctx.reject(row.line(), "value", rawValue, "expected a number (decimal comma) for a value read as " + reading, row.raw());
            return;
        } else if (reading.equals("gelezen") && !value.equals(SeedCells.number(row.get("raw_text")))) {
            ctx.reject(row.line(), "value", rawValue, "a value read as printed (gelezen) must equal raw_text '" + row.get("raw_text")
                    + "'; use hersteld with the rule in the note", row.raw());
            return;
        }
        if (row.get("raw_text").isEmpty()) {
            ctx.reject(row.line(), "raw_text", "", "expected the text the value was read from", row.raw());
            return;
        }
        String period = period(ctx, row, "period", false);
        if (period == null) return;
        String area = area(ctx, row, "area");
        if (area == null) {
            ctx.reject(row.line(), "area", "", "expected an area code or name", row.raw());
            return;
        }
        String label = row.get("row_label");
        SurveySupport.MeasureRef ref = indicators.of(label + "|" + row.get("column_label"), row.get("column_label"));
        ctx.writer().surveyReading(ctx.sourceTable(), area, period, ref.measure(), ref.theme(), label, row.get("raw_text"), reading, value,
                emptyToNull(row.get("note")));
        counts.merge(reading, 1, Integer::sum);
        if (value != null) {
            facts.add(new FactWriter.SurveyFact(area, period, ref.measure(), ref.theme(), value, Double.NaN, Double.NaN, Double.NaN, null));
        } else {
            uncertain.add(label + " / " + row.get("column_label") + " ('" + row.get("raw_text") + "')");
        }
    }

    @Override
    protected void finish(LoadContext ctx) throws Exception {
        for (FactWriter.SurveyFact f : facts) ctx.writer().survey(ctx.sourceTable(), f);
        Releases.replaceSurvey(ctx, ctx.sourceTable());
        ctx.addLoaded(facts.size());
        indicators.report();
        ctx.note("readings: " + counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).reduce((a, b) -> a + ", " + b).orElse("none")
                + (uncertain.isEmpty() ? "" : "; not loaded as numbers (onzeker, see fct_survey_reading): " + String.join("; ", uncertain)));
    }
}
