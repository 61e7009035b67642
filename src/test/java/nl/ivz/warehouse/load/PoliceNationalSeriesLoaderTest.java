package nl.ivz.warehouse.load;

import nl.ivz.warehouse.core.Warehouse;
import org.junit.jupiter.api.Test;

import static nl.ivz.warehouse.load.PoliceLoadSupport.*;
import static org.junit.jupiter.api.Assertions.*;

/** The national police series 2012-2023 per police crime code (47025NED summed per year). */
class PoliceNationalSeriesLoaderTest {
    @Test
    void loadsTheNationalSeries() throws Exception {
        try (Warehouse wh = warehouseWithReference()) {
            FileResult f = load(wh, POLITIE.resolve("47025NED_nl_allcrime_allyears.csv")).get(0);
            assertEquals("politie-national-series", f.layout());
            assertEquals(708, f.rowsRead(), "59 codes x 12 years");
            assertEquals(0, f.rowsRejected());
            String q = "SELECT value FROM fct_registration WHERE region_code = 'NL01' AND source_table = '47025NED' AND ";
            assertEquals(1_078_663, number(wh, q + "theme_code = 'misdrijven_totaal' AND period_code = '2013JJ00'"));
            assertEquals(1_002_649, number(wh, q + "theme_code = 'misdrijven_totaal' AND period_code = '2014JJ00'"));
            assertEquals(122_796, number(wh, q + "source_category = '1.2.3 Diefstal van brom-, snor-, fietsen' AND period_code = '2013JJ00'"));
            assertEquals(16_797_746.083333332, number(wh, "SELECT value FROM fct_population WHERE region_code = 'NL01' "
                    + "AND source_table = '47025NED' AND period_code = '2013JJ00' AND measure_code = 'inwoners_gemiddeld'"), 1e-6);
            // the 58 codes add up to the published total in every year
            assertEquals(12, number(wh, "SELECT count(*) FROM v_reconcile_category_total WHERE batch_id = " + f.batchId()));
            assertEquals(0, number(wh, "SELECT count(*) FROM v_reconcile_category_total WHERE batch_id = " + f.batchId() + " AND difference <> 0"));
        }
    }
}
