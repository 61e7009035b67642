package nl.ivz.warehouse.cubes;

import nl.ivz.warehouse.core.Warehouse;
import org.jooq.Record;
import org.jooq.Result;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * % victims (IVM, 80169NED) against registered crimes per 1,000 (80344NED) per old police region, 2008 and 2011.
 * Expected values from the bundled files by hand: Twente (PO) geweld % victim 5.5 (2008*) and 4.2 (2011*);
 * "3 Gewelds- en seksuele misdrijven" per 1,000: 6.1 (2008) and 5.9 (2011*).
 */
class DarkNumberRegionsCubeTest {
    static Warehouse wh;

    @BeforeAll static void setUp() throws Exception { wh = DemoWarehouse.get(); }

    @Test
    void twenteViolence2008To2011() throws Exception {
        Result<? extends Record> r = new DarkNumberRegionsCube().query(wh.dsl(), Map.of()).fetch();
        assertEquals(26 * 4, r.size(), "Nederland + 25 regions x 4 groups with a registered counterpart (not 'overige delicten')");
        Record t = r.stream().filter(x -> x.get("area_code").equals("PO-TWENTE") && x.get("measure_code").equals("ivm_slachtoffer_geweld"))
                .findFirst().orElseThrow();
        assertEquals("politieregio", t.get("area_level"));
        assertEquals(5.5, t.get("victims_pct_from", Double.class));
        assertEquals(4.2, t.get("victims_pct_to", Double.class));
        assertEquals(-1.3, t.get("victims_change_pp", Double.class));
        assertEquals(6.1, t.get("registered_per_1000_from", Double.class));
        assertEquals(5.9, t.get("registered_per_1000_to", Double.class));
        assertEquals(-3.3, t.get("registered_change_pct", Double.class), "(5.9 - 6.1) / 6.1 = -3.28%");
        assertEquals(1.11, t.get("registered_per_victim_pct_from", Double.class), "6.1 / 5.5");
        assertEquals(1.40, t.get("registered_per_victim_pct_to", Double.class), "5.9 / 4.2");
        assertEquals("NL01", r.get(0).get("area_code"), "Nederland first as the reference");
        assertEquals("anders", t.get("definition_match"), "% of persons against incidents per 1,000: flagged, not compared silently");
        // Nederland, vandalism: 80169NED "Vandalismedelicten totaal" 13.6 (2008*) and 12.3 (2011*); 80344NED "2 Vernielingen,
        // misdr.openb.orde/gezag" per 1,000: 14.1 (2008) and 10.9 (2011*): -1.3 points against (10.9 - 14.1) / 14.1 = -22.7%
        Record v = r.stream().filter(x -> x.get("area_code").equals("NL01") && x.get("measure_code").equals("ivm_slachtoffer_vandalisme"))
                .findFirst().orElseThrow();
        assertEquals(13.6, v.get("victims_pct_from", Double.class));
        assertEquals(12.3, v.get("victims_pct_to", Double.class));
        assertEquals(-1.3, v.get("victims_change_pp", Double.class));
        assertEquals(14.1, v.get("registered_per_1000_from", Double.class));
        assertEquals(10.9, v.get("registered_per_1000_to", Double.class));
        assertEquals(-22.7, v.get("registered_change_pct", Double.class));
    }


    @Test
    void fromMustBeBeforeTo() {
        CubeException e = assertThrows(CubeException.class, () -> new DarkNumberRegionsCube().query(wh.dsl(), Map.of("from", "2011", "to", "2008")));
        assertTrue(e.getMessage().contains("'from' (2011) must be before 'to' (2008)"), e.getMessage());
    }
}
