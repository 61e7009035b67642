package nl.ivz.warehouse.load;

import nl.ivz.warehouse.core.Warehouse;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static nl.ivz.warehouse.load.PoliceLoadSupport.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * An OData v3 UntypedDataSet of 03759ned with the dimensions Geslacht, Leeftijd and BurgerlijkeStaat. The test
 * file (src/test/resources/cbs) is built from real values: the totals (T001038 / 10000 / T001019) and the average
 * population are 03759ned's M000352 and M000365 of the bundled OData v4 slice (Enschede, Hengelo, Amsterdam 2019-2020),
 * the men (3000) and women (4000) of 2019 are 84378NED/70072ned 2019 (Regionale_kerncijfers_Nederland_2019.csv:
 * Amsterdam 427,787 + 435,178 = 862,965, the total).
 */
class ODataV3DimensionsTest {
    private static final Path FILE = Path.of("src/test/resources/cbs/03759ned_UntypedDataSet_bevolking_2019-2020.csv");

    @Test
    void keepsTheTotalsOfExtraDimensionsAndLoadsUnmappedMeasuresAsTheirOwn() throws Exception {
        try (Warehouse wh = warehouseWithReference()) {
            FileResult f = load(wh, FILE).get(0);
            assertEquals("odata-v3-untyped-csv", f.layout());
            assertEquals(12, f.rowsRead());
            assertEquals(0, f.rowsRejected(), f.firstRejects().toString());
            String q = "SELECT value FROM fct_population WHERE source_table = '03759ned' AND measure_code = '%s' AND region_code = '%s' AND period_code = '%s'";
            // BevolkingOp1Januari_1 is the population on 1 January whatever the table: inwoners
            assertEquals(862_965, number(wh, String.format(q, "inwoners", "GM0363", "2019JJ00")));
            assertEquals(81_140, number(wh, String.format(q, "inwoners", "GM0164", "2020JJ00")));
            assertEquals(6, number(wh, "SELECT count(*) FROM fct_population WHERE measure_code = 'inwoners' AND batch_id = " + f.batchId()));
            assertEquals("2019-01-01", text(wh, "SELECT reference_date FROM fct_population WHERE measure_code = 'inwoners' AND region_code = 'GM0153' AND period_code = '2019JJ00'"));
            // no mapping for GemiddeldeBevolking_2: a measure of its own instead of a failed file
            assertEquals(873_047.5, number(wh, String.format(q, "cbs_03759ned_gemiddeldebevolking_2", "GM0363", "2020JJ00")));
            assertEquals("onbekend", text(wh, "SELECT unit FROM dim_measure WHERE measure_code = 'cbs_03759ned_gemiddeldebevolking_2'"));
            assertTrue(f.notes().stream().anyMatch(n -> n.startsWith("6 rows not loaded: not the total of Geslacht")), f.notes().toString());
        }
    }
}
