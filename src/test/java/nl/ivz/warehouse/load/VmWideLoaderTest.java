package nl.ivz.warehouse.load;

import nl.ivz.warehouse.core.Warehouse;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Province VM file, wide Waarde_/Marges_ columns with decimal comma and |||-indented labels. */
class VmWideLoaderTest {
    @Test
    void provinceValueAndMargin() throws Exception {
        try (Warehouse wh = SurveyFixtures.warehouse()) {
            FileResult r = SurveyFixtures.load(wh, SurveyFixtures.VM.resolve("vm_veiligheidsbeleving_provincie_2015-2017_wide.csv")).get(0);
            assertEquals("vm-wide", r.layout());
            assertEquals(30, r.rowsRead());
            assertEquals(30 * 12 * 3, r.rowsLoaded());
            assertEquals(0, r.rowsRejected());
            // "|||Voelt zich wel eens onveilig": Overijssel (PV) 2015 = "31,7" with margin "1,5"; Groningen 2017 "33,7" +/- "2,1"
            String q = "select %s from fct_survey where region_code = '%s' and period_code = '%s' and measure_code = 'vm_voelt_zich_wel_eens_onveilig'";
            assertEquals(31.7, SurveyFixtures.value(wh, q.formatted("value", "PV23", "2015JJ00")), 1e-9);
            assertEquals(1.5, SurveyFixtures.value(wh, q.formatted("margin", "PV23", "2015JJ00")), 1e-9);
            assertEquals(33.7, SurveyFixtures.value(wh, q.formatted("value", "PV20", "2017JJ00")), 1e-9);
            assertEquals(2.1, SurveyFixtures.value(wh, q.formatted("margin", "PV20", "2017JJ00")), 1e-9);
            assertEquals("subjectieve_veiligheid", wh.dsl().fetchValue(
                    "select theme_code from fct_survey where measure_code = 'vm_voelt_zich_wel_eens_onveilig' limit 1"));
        }
    }
}
