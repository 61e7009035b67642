package nl.ivz.warehouse.load;

import nl.ivz.warehouse.core.Warehouse;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Seed 002, 3.3.1: burglary counts, the 5%-a-year target from 2013 and the published 1,895 / 1,800. */
class SeedBurglaryTargetTest {
    @Test
    void burglarySeriesAndTarget() throws Exception {
        try (Warehouse wh = SurveyFixtures.warehouse()) {
            SurveyFixtures.load(wh, SurveyFixtures.SEEDS.resolve("seed002_3.3.1_woninginbraken.csv"),
                    SurveyFixtures.SEEDS.resolve("seed002_3.3.1_doelstelling_woninginbraken.csv"),
                    SurveyFixtures.SEEDS.resolve("seed002_3.3.1_woninginbraken_gepubliceerd.csv"));
            String count = "select value from fct_registration where region_code = 'PD-TWENTE' and theme_code = 'woninginbraak'"
                    + " and measure_code = 'geregistreerde_misdrijven' and period_code = '%dJJ00'";
            assertEquals(1521, SurveyFixtures.value(wh, count.formatted(2007)));
            assertEquals(2085, SurveyFixtures.value(wh, count.formatted(2014)));
            assertEquals(7.5, SurveyFixtures.value(wh, "select value from fct_registration where region_code = 'PD-TWENTE'"
                    + " and measure_code = 'misdrijven_per_1000_woningen'"), 1e-9);
            assertEquals(7.8, SurveyFixtures.value(wh, "select value from fct_registration where region_code = 'RE02'"
                    + " and measure_code = 'misdrijven_per_1000_woningen'"), 1e-9);
            var t = wh.dsl().fetchSingle("select base_year, base_value, yearly_change, horizon_year, region_code from fct_policy_target");
            assertEquals(2013, ((Number) t.get(0)).intValue());
            assertEquals(2100, ((Number) t.get(1)).doubleValue());
            assertEquals(-0.05, ((Number) t.get(2)).doubleValue(), 1e-12);
            assertEquals(2016, ((Number) t.get(3)).intValue());
            assertEquals("PD-TWENTE", t.get(4));
            // the trajectory reproduces the published targets: 2,100 x 0.95^2 = 1,895.25 and x 0.95^3 = 1,800.49
            String target = "select value from fct_published_figure where figure_kind = 'target_value' and period_code = '%dJJ00'";
            assertEquals(1895, SurveyFixtures.value(wh, target.formatted(2015)));
            assertEquals(1800, SurveyFixtures.value(wh, target.formatted(2016)));
            assertEquals(Math.round(2100 * 0.95 * 0.95), SurveyFixtures.value(wh, target.formatted(2015)));
            assertEquals(Math.round(2100 * Math.pow(0.95, 3)), SurveyFixtures.value(wh, target.formatted(2016)));
        }
    }
}
