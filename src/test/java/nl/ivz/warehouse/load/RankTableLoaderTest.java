package nl.ivz.warehouse.load;

import nl.ivz.warehouse.core.Warehouse;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Seed 002, Bijlage 2: incidence per 1,000 inhabitants for the 5 districts and the unit, published ranks and total scores. */
class RankTableLoaderTest {
    private static final java.nio.file.Path FILE = SurveyFixtures.SEEDS.resolve("seed002_bijlage2_incidentie_oost_nederland.csv");

    private static double rate(Warehouse wh, String region, String theme) {
        return SurveyFixtures.value(wh, "select value from fct_registration where measure_code = 'incidentie_per_1000_inw'"
                + " and region_code = '" + region + "' and theme_code = '" + theme + "' and period_code = '2014JJ00'");
    }

    private static double published(Warehouse wh, String kind, String region, String theme) {
        return SurveyFixtures.value(wh, "select value from fct_published_figure where figure_kind = '" + kind + "'"
                + " and region_code = '" + region + "'" + (theme == null ? "" : " and theme_code = '" + theme + "'"));
    }

    @Test
    void twenteRatesRanksAndTotalScore() throws Exception {
        try (Warehouse wh = SurveyFixtures.warehouse()) {
            FileResult r = SurveyFixtures.load(wh, FILE).get(0);
            assertEquals(6 * 21, SurveyFixtures.value(wh, "select count(*) from fct_registration"));
            assertEquals(5 * 21, SurveyFixtures.value(wh, "select count(*) from fct_published_figure where figure_kind = 'rank'"));
            assertEquals(3.52, rate(wh, "PD-TWENTE", "woonoverlast"), 1e-9);
            assertEquals(5, published(wh, "rank", "PD-TWENTE", "woonoverlast"));
            assertEquals(2.14, rate(wh, "PD-TWENTE", "overlast_verwarde_personen"), 1e-9);
            assertEquals(1, published(wh, "rank", "PD-TWENTE", "overlast_verwarde_personen"));
            // "Overschillen" (typo for Overvallen) is the 12th value column: 0,04 (3)
            assertEquals(0.04, rate(wh, "PD-TWENTE", "overvallen"), 1e-9);
            assertEquals(3, published(wh, "rank", "PD-TWENTE", "overvallen"));
            assertEquals("Overschillen", wh.dsl().fetchValue("select source_category from fct_registration"
                    + " where region_code = 'PD-TWENTE' and theme_code = 'overvallen'"));
            // the last three columns, after the stray empty header cell: Polarisatie, Georganiseerde criminaliteit, Vreemdelingen
            assertEquals(0.06, rate(wh, "PD-TWENTE", "polarisatie_radicalisering"), 1e-9);
            assertEquals(2.42, rate(wh, "PD-TWENTE", "georganiseerde_criminaliteit"), 1e-9);
            assertEquals(0.04, rate(wh, "PD-TWENTE", "vreemdelingen"), 1e-9);
            assertEquals(55, published(wh, "total_score", "PD-TWENTE", null));
            assertEquals(55, published(wh, "total_score", "PD-IJSSELLAND", null));
            // the unit's row: rates without ranks
            assertEquals(3.09, rate(wh, "RE02", "woonoverlast"), 1e-9);
            assertEquals(7.09, rate(wh, "RE02", "fietsendiefstal"), 1e-9);
            assertEquals(0.26, rate(wh, "RE02", "vreemdelingen"), 1e-9);
            assertEquals(0, SurveyFixtures.value(wh, "select count(*) from fct_published_figure where region_code = 'RE02'"));
            // published mistakes are kept and listed
            assertEquals(64, published(wh, "total_score", "PD-GELDERLAND-ZUID", null));
            assertTrue(r.notes().stream().anyMatch(n -> n.contains("Gelderland Zuid: published total score 64, sum of its published ranks 69")),
                    r.notes().toString());
            assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("3 published rank(s) differ")), r.notes().toString());
        }
    }
}
