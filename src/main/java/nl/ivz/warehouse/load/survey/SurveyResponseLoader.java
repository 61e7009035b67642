package nl.ivz.warehouse.load.survey;

import nl.ivz.warehouse.load.LoadContext;
import nl.ivz.warehouse.load.OwnTableLoader;
import nl.ivz.warehouse.load.SourceTables;

import nl.ivz.warehouse.sources.CsvSource;
import nl.ivz.warehouse.sources.SeedCells;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;


/**
 * Survey response table (seed 000, IVM 2013): respondents per municipality with the published extra
 * respondents needed, estimated cost and databank fee. Respondents and fee go to fct_survey_response; the
 * published extra and cost to fct_published_figure; a line "Totaal" holds published totals, which are
 * compared with the sums of the municipality lines (differences in the summary, kept as published).
 */
public final class SurveyResponseLoader extends OwnTableLoader {
    static final String[] FIGURES = {"respondents", "extra_needed", "estimated_cost", "databank_fee"};
    /** The published column headings of seed 000, used as subject of the published totals. */
    static final Map<String, String> PUBLISHED_LABEL = Map.of("respondents", "Landelijke respons",
            "extra_needed", "Extra nodig voor 300", "estimated_cost", "Geschatte kosten", "databank_fee", "Aansluitkosten databank");

    private final Map<String, Double> sums = new LinkedHashMap<>();
    private final Map<String, Double> totals = new LinkedHashMap<>();
    private final Map<String, String> totalRaw = new LinkedHashMap<>();
    private String survey;

    public SurveyResponseLoader() {
        super("survey-response", "Survey respondents per municipality with published extra needed, cost, databank fee and a Totaal line", false,
                "survey_name", "survey_year", "area", "respondents", "extra_needed", "estimated_cost", "databank_fee");
    }

    @Override
    protected void start(LoadContext ctx, CsvSource csv) {
        sums.clear();
        totals.clear();
        totalRaw.clear();
        survey = null;
    }

    @Override
    protected void row(LoadContext ctx, CsvSource csv, CsvSource.Row row) throws Exception {
        String name = row.get("survey_name");
        String yearText = row.get("survey_year");
        if (name.isEmpty()) {
            ctx.reject(row.line(), "survey_name", name, "expected the survey name (IVM, VM)", row.raw());
            return;
        }
        if (!yearText.matches("\\d{4}")) {
            ctx.reject(row.line(), "survey_year", yearText, "expected the year of the survey round (e.g. 2013)", row.raw());
            return;
        }
        int year = Integer.parseInt(yearText);
        Double[] v = new Double[FIGURES.length];
        for (int i = 0; i < FIGURES.length; i++) {
            String raw = row.get(FIGURES[i]);
            if (raw.isEmpty() && i > 0) continue;
            v[i] = SeedCells.dutchNumber(raw);
            if (v[i] == null || v[i] < 0) {
                ctx.reject(row.line(), FIGURES[i], raw, "expected a number as written in Dutch (4.874, 20.585)"
                        + (i == 0 ? "; respondents are required" : " or empty"), row.raw());
                return;
            }
        }
        if (v[0] != Math.rint(v[0])) {
            ctx.reject(row.line(), "respondents", row.get("respondents"), "expected a whole number of respondents", row.raw());
            return;
        }
        survey = name + " " + year;
        String period = ctx.periods().year(year);
        if (row.get("area").equalsIgnoreCase(SourceTables.TOTAL_LINE)) {
            for (int i = 0; i < FIGURES.length; i++) {
                if (v[i] == null) continue;
                totals.put(FIGURES[i], v[i]);
                totalRaw.put(FIGURES[i], row.get(FIGURES[i]));
                ctx.writer().published(ctx.sourceTable(), "total", null, period, null, null, survey + ": " + PUBLISHED_LABEL.get(FIGURES[i]), v[i], row.get(FIGURES[i]));
                ctx.addLoaded(1);
            }
            return;
        }
        String region = requiredArea(ctx, row, "area", "a municipality code or name");
        if (region == null) return;
        ctx.writer().surveyResponse(region, year, name, v[0].intValue(), v[3]);
        ctx.addLoaded(1);
        if (v[1] != null) {
            ctx.writer().published(ctx.sourceTable(), "extra_respondents", region, period, null, null, survey, v[1], row.get("extra_needed"));
            ctx.addLoaded(1);
        }
        if (v[2] != null) {
            ctx.writer().published(ctx.sourceTable(), "cost", region, period, null, null, survey, v[2], row.get("estimated_cost"));
            ctx.addLoaded(1);
        }
        for (int i = 0; i < FIGURES.length; i++) if (v[i] != null) sums.merge(FIGURES[i], v[i], Double::sum);
    }

    @Override
    protected void finish(LoadContext ctx) {
        if (totals.isEmpty()) return;
        List<String> diffs = new ArrayList<>();
        for (Map.Entry<String, Double> e : totals.entrySet()) {
            double sum = sums.getOrDefault(e.getKey(), 0.0);
            if (Math.abs(sum - e.getValue()) > 1e-9) {
                diffs.add(PUBLISHED_LABEL.get(e.getKey()) + ": published total '" + totalRaw.get(e.getKey()) + "', sum of the municipalities "
                        + SourceTables.plain(sum));
            }
        }
        ctx.note(diffs.isEmpty() ? "published totals of " + survey + " agree with the sums of the municipalities"
                : diffs.size() + " published total(s) of " + survey + " differ from the sum of the municipalities (kept as published): "
                + String.join("; ", diffs));
    }
}
