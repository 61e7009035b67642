package nl.ivz.warehouse.load;

import nl.ivz.warehouse.core.Warehouse;
import org.junit.jupiter.api.Test;

import static nl.ivz.warehouse.load.PoliceLoadSupport.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * 47013NED ("gemeente 2026") publishes the totals of the 10 police units beside its 342 municipalities. Summing
 * each unit's municipalities (unit from the bundled geography) gives the published totals up to 2 crimes a unit:
 * worked out by hand from statline_csv_misdrijven_2022_2023.csv, e.g. Den Haag (RE) 2022: published 94,091, its
 * 27 municipalities add up to 94,093; Rotterdam (RE) 2022: 96,111 published, 96,109 summed. The differences of a
 * year add up to 0 over the units (the police place a handful of crimes in another unit than their municipality's),
 * while a municipality in the wrong unit would move hundreds or thousands (Vijfheerenlanden, 1,637 crimes in 2022, is in Midden-Nederland: the sums only match that way).
 */
class UnitTotalReconciliationTest {
    @Test
    void unitTotalsOf47013NedEqualTheSumOfTheirMunicipalities() throws Exception {
        try (Warehouse wh = warehouseWithReference()) {
            FileResult f = load(wh, POLITIE.resolve("47013NED_tableview_misdrijven_2022_2023.csv")).get(0);
            assertEquals(0, f.rowsRejected(), f.firstRejects().toString());
            assertEquals(2026, number(wh, "SELECT borders_year FROM load_batch WHERE batch_id = " + f.batchId()));
            String v = "SELECT %s FROM v_reconcile_unit_total WHERE batch_id = " + f.batchId() + " AND period_code = '%s' AND unit_code = '%s'";
            assertEquals(10, number(wh, "SELECT count(*) FROM v_reconcile_unit_total WHERE period_code = '2022JJ00'"));
            assertEquals(10, number(wh, "SELECT count(*) FROM v_reconcile_unit_total WHERE period_code = '2023JJ00'"));
            assertEquals(342, number(wh, "SELECT sum(municipalities) FROM v_reconcile_unit_total WHERE period_code = '2023JJ00'"));
            assertEquals("63489|63489.0|gelijk", text(wh, String.format(v, "published_value::BIGINT || '|' || sum_of_municipalities || '|' || status", "2022JJ00", "RE01")));
            assertEquals(94_091, number(wh, String.format(v, "published_value", "2022JJ00", "RE06")));
            assertEquals(94_093, number(wh, String.format(v, "sum_of_municipalities", "2022JJ00", "RE06")));
            assertEquals(-2, number(wh, String.format(v, "difference", "2022JJ00", "RE07")));
            assertEquals(84_925, number(wh, String.format(v, "sum_of_municipalities", "2022JJ00", "RE05")), "Amsterdam (RE): Amsterdam on 2026 borders includes Weesp");
            for (String year : new String[] {"2022JJ00", "2023JJ00"}) {
                assertEquals(0, number(wh, "SELECT sum(difference) FROM v_reconcile_unit_total WHERE period_code = '" + year + "'"));
                assertTrue(number(wh, "SELECT max(abs(difference)) FROM v_reconcile_unit_total WHERE period_code = '" + year + "'") <= 2);
            }
            assertEquals(8, number(wh, "SELECT count(*) FROM v_reconcile_unit_total WHERE period_code = '2023JJ00' AND status = 'gelijk'"));
        }
    }
}
