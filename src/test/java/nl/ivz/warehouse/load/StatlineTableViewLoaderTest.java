package nl.ivz.warehouse.load;

import nl.ivz.warehouse.core.Warehouse;
import org.junit.jupiter.api.Test;

import static nl.ivz.warehouse.load.PoliceLoadSupport.*;
import static org.junit.jupiter.api.Assertions.*;

/** 47013NED table view: Nederland, 344 municipality rows and the 11 police units (RE), 2022-2023. */
class StatlineTableViewLoaderTest {
    @Test
    void loadsNationalUnitAndMunicipalTotalsAndReconcilesThem() throws Exception {
        try (Warehouse wh = warehouseWithReference()) {
            load(wh, POLITIE.resolve("47025NED_RegioS.csv"));
            FileResult f = load(wh, POLITIE.resolve("47013NED_tableview_misdrijven_2022_2023.csv")).get(0);
            assertEquals("statline-tableview", f.layout());
            assertEquals(356, f.rowsRead());
            assertEquals(710, f.rowsLoaded(), "356 rows x 2 years, minus Buitenland's two '.' cells");
            String q = "SELECT value FROM fct_registration WHERE source_table = '47013NED' AND theme_code = 'misdrijven_totaal' "
                    + "AND measure_code = 'geregistreerde_misdrijven' AND region_code = ";
            assertEquals(800_027, number(wh, q + "'NL01' AND period_code = '2022JJ00'"));
            assertEquals(805_590, number(wh, q + "'NL01' AND period_code = '2023JJ00'"));
            assertEquals(127_470, number(wh, q + "'RE02' AND period_code = '2022JJ00'"), "Oost-Nederland (RE)");
            assertEquals(122_522, number(wh, q + "'RE02' AND period_code = '2023JJ00'"));
            assertEquals(271, number(wh, q + "'RE99' AND period_code = '2022JJ00'"), "Niet in te delen (RE)");
            // the published national total equals both the sum over the municipalities and over the 11 units
            assertEquals(0, number(wh, "SELECT count(*) FROM v_reconcile_region_total WHERE batch_id = " + f.batchId() + " AND difference <> 0"));
            assertEquals(4, number(wh, "SELECT count(*) FROM v_reconcile_region_total WHERE batch_id = " + f.batchId()));
            assertEquals(11, number(wh, "SELECT areas FROM v_reconcile_region_total WHERE batch_id = " + f.batchId()
                    + " AND summed_level = 'eenheid' AND period_code = '2023JJ00'"));
            assertTrue(f.notes().stream().anyMatch(n -> n.contains("Bron: Politie")), f.notes().toString());
        }
    }
}
