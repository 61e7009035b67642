package nl.ivz.warehouse.load;

import nl.ivz.warehouse.core.Warehouse;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Seed 000: IVM 2013 response per municipality, databank fees, published extra/costs/totals; the policy cycle. */
class SeedSurveyResponseTest {
    @Test
    void ivm2013ResponseAndPublishedTotals() throws Exception {
        try (Warehouse wh = SurveyFixtures.warehouse()) {
            FileResult r = SurveyFixtures.load(wh, SurveyFixtures.SEEDS.resolve("seed000_ivm2013_respons.csv")).get(0);
            assertEquals(14, SurveyFixtures.value(wh, "select count(*) from fct_survey_response"));
            assertEquals(4874, SurveyFixtures.value(wh, "select sum(respondents) from fct_survey_response where survey_name = 'IVM' and survey_year = 2013"));
            assertEquals(74, SurveyFixtures.value(wh, "select respondents from fct_survey_response where region_code = 'GM0147'"));
            assertEquals(750, SurveyFixtures.value(wh, "select databank_fee from fct_survey_response where region_code = 'GM0153'"));
            assertEquals(226, SurveyFixtures.value(wh, "select value from fct_published_figure where figure_kind = 'extra_respondents' and region_code = 'GM0147'"));
            assertEquals(2100, SurveyFixtures.value(wh, "select value from fct_published_figure where figure_kind = 'cost' and region_code = 'GM0147'"));
            assertEquals(4874, SurveyFixtures.value(wh, "select value from fct_published_figure where subject = 'IVM 2013: Landelijke respons'"));
            assertEquals(2218, SurveyFixtures.value(wh, "select value from fct_published_figure where subject = 'IVM 2013: Extra nodig voor 300'"));
            assertEquals(20585, SurveyFixtures.value(wh, "select value from fct_published_figure where subject = 'IVM 2013: Geschatte kosten'"));
            assertEquals("20.585", wh.dsl().fetchValue("select raw_value from fct_published_figure where subject = 'IVM 2013: Geschatte kosten'"));
            // the published cost total is 25 below the sum of the municipalities' costs (20,610): listed, kept
            assertTrue(r.notes().get(0).contains("Geschatte kosten: published total '20.585', sum of the municipalities 20610"), r.notes().toString());
        }
    }

    @Test
    void policyCycle() throws Exception {
        try (Warehouse wh = SurveyFixtures.warehouse()) {
            SurveyFixtures.load(wh, SurveyFixtures.SEEDS.resolve("seed000_beleidscyclus.csv"));
            assertEquals(30, SurveyFixtures.value(wh, "select count(*) from fct_plan_cycle"));
            assertEquals("Blue", wh.dsl().fetchValue("select cycle_label from fct_plan_cycle where plan_type = 'Lokale veiligheidsplannen' and cycle_year = 2017"));
            assertEquals("Red", wh.dsl().fetchValue("select cycle_label from fct_plan_cycle where plan_type = 'Veiligheidsstrategie ON' and cycle_year = 2018"));
        }
    }

    @Test
    void twentePopulationOnFirstMay2014() throws Exception {
        try (Warehouse wh = SurveyFixtures.warehouse()) {
            SurveyFixtures.load(wh, SurveyFixtures.SEEDS.resolve("seed002_4.6_inwoners_twente.csv"));
            assertEquals(626092, SurveyFixtures.value(wh, "select value from fct_population where region_code = 'PD-TWENTE'"
                    + " and measure_code = 'inwoners' and period_code = '2014JJ00'"));
            assertEquals("2014-05-01", wh.dsl().fetchValue(
                    "select strftime(reference_date, '%Y-%m-%d') from fct_population where region_code = 'PD-TWENTE'"));
        }
    }
}
