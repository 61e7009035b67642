package nl.ivz.warehouse.load;

import nl.ivz.warehouse.core.Warehouse;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Seed 002, 2.5.1 crimes and suspects 2013-2014 with the published % changes, and the Twente category changes. */
class SeedRegistrationsTest {
    private static double reg(Warehouse wh, String region, String measure, int year) {
        return SurveyFixtures.value(wh, "select value from fct_registration where region_code = '" + region + "' and measure_code = '"
                + measure + "' and period_code = '" + year + "JJ00' and theme_code = 'misdrijven_totaal'");
    }

    @Test
    void crimesAndSuspectsWithPublishedChanges() throws Exception {
        try (Warehouse wh = SurveyFixtures.warehouse()) {
            List<FileResult> res = SurveyFixtures.load(wh, SurveyFixtures.SEEDS.resolve("seed002_2.5.1_misdrijven_verdachten.csv"),
                    SurveyFixtures.SEEDS.resolve("seed002_2.5.1_wijzigingen.csv"));
            assertEquals(34649, reg(wh, "PD-TWENTE", "geregistreerde_misdrijven", 2013));
            assertEquals(30097, reg(wh, "PD-TWENTE", "geregistreerde_misdrijven", 2014));
            assertEquals(7797, reg(wh, "PD-TWENTE", "verdachten", 2013));
            assertEquals(8580, reg(wh, "PD-TWENTE", "verdachten", 2014));
            assertEquals(166987, reg(wh, "RE02", "geregistreerde_misdrijven", 2013));
            assertEquals(42313, reg(wh, "RE02", "verdachten", 2014));
            assertEquals(37304, reg(wh, "PD-NOORD-EN-OOST-GELDERLAND", "geregistreerde_misdrijven", 2013));
            String pct = "select value from fct_published_figure where figure_kind = 'change_pct' and region_code = '%s' and measure_code = '%s'";
            assertEquals(-13, SurveyFixtures.value(wh, pct.formatted("PD-TWENTE", "geregistreerde_misdrijven")));
            assertEquals(10, SurveyFixtures.value(wh, pct.formatted("PD-TWENTE", "verdachten")));
            assertEquals(-10, SurveyFixtures.value(wh, pct.formatted("RE02", "geregistreerde_misdrijven")));
            assertEquals(9, SurveyFixtures.value(wh, pct.formatted("RE02", "verdachten")));
            assertEquals("- 13%", wh.dsl().fetchValue("select raw_value from fct_published_figure where region_code = 'PD-TWENTE'"
                    + " and measure_code = 'geregistreerde_misdrijven'"));
            // the unit's published totals are not the sums of the 5 districts (166,981 and 149,528 crimes): listed, kept
            assertTrue(res.get(0).notes().get(0).contains("Eenheid Misdrijven 2013: published 166987, sum of its 5 areas in the file 166981"),
                    res.get(0).notes().toString());
            assertTrue(res.get(1).notes().get(0).startsWith("all 4 published % change(s) agree"), res.get(1).notes().toString());
        }
    }

    @Test
    void twenteCategoryChangesAndConfusedPersons() throws Exception {
        try (Warehouse wh = SurveyFixtures.warehouse()) {
            List<FileResult> res = SurveyFixtures.load(wh, SurveyFixtures.SEEDS.resolve("seed002_3.3.2_verwarde_personen.csv"),
                    SurveyFixtures.SEEDS.resolve("seed002_2.5.1_categorieen_twente.csv"));
            assertEquals(List.of(865.0, 1084.0, 1104.0, 1338.0), wh.dsl().fetch("select value from fct_registration"
                    + " where theme_code = 'overlast_verwarde_personen' order by period_code").getValues(0, Double.class));
            assertEquals(18, SurveyFixtures.value(wh, "select count(*) from fct_published_figure where figure_kind = 'change_direction'"));
            assertEquals(-31, SurveyFixtures.value(wh, "select value from fct_published_figure where figure_kind = 'change_pct'"
                    + " and subject = 'Diefstal motorvoertuigen'"));
            assertEquals(0, SurveyFixtures.value(wh, "select value from fct_published_figure where subject = 'Drugshandel'"));
            // published +18% against 1,104 -> 1,338 (+21.2%) in section 3.3.2: listed, kept
            assertTrue(res.get(1).notes().get(0).contains("published 18%, seed002_3.3.2_verwarde_personen gives 21.2%"), res.get(1).notes().toString());
        }
    }
}
