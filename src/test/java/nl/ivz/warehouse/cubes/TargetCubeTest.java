package nl.ivz.warehouse.cubes;

import nl.ivz.warehouse.core.Warehouse;
import org.jooq.Record;
import org.jooq.Result;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Seed 002, 3.3.1: burglaries 5% down a year from 2013; at most 1,895 in 2015 and 1,800 in 2016. */
class TargetCubeTest {
    static Warehouse wh;

    @BeforeAll static void setUp() throws Exception { wh = DemoWarehouse.get(); }

    static Record year(Result<? extends Record> r, int y) {
        return r.stream().filter(x -> x.get("period_year", Integer.class) == y).findFirst().orElseThrow();
    }

    @Test
    void publishedTargetsImplyABaseOf2100In2013() throws Exception {
        Result<? extends Record> r = new TargetCube().query(wh.dsl(), Map.of("area", "Twente", "theme", "woninginbraak")).fetch();
        assertEquals(4, r.size()); // 2013..2016
        // the published figures imply a 2013 base of about 2,100 (1,895 / 0.95^2 and 1,800 / 0.95^3), not the 2,085 of 2014
        // counts are published whole: 1,895 / 0.95^2 = 2,099.7 and 1,800 / 0.95^3 = 2,099.4; 2,100 x 0.95^2 = 1,895.25, x 0.95^3 = 1,800.49
        assertEquals(2100.0, year(r, 2015).get("implied_base_value", Double.class));
        assertEquals(2099.0, year(r, 2016).get("implied_base_value", Double.class));
        assertEquals(1895.0, year(r, 2015).get("target_value", Double.class));
        assertEquals(1800.0, year(r, 2016).get("target_value", Double.class));
        assertEquals(true, year(r, 2015).get("published_reproduced"));
        assertEquals(true, year(r, 2016).get("published_reproduced"));
        // 2014: 2,085 registered against a trajectory of 1,995: not on track
        assertEquals(1995.0, year(r, 2014).get("target_value", Double.class), 1e-9);
        assertEquals(90.0, year(r, 2014).get("gap", Double.class), 1e-9);
        assertEquals(false, year(r, 2014).get("on_track"));
    }

    @Test
    void reBasedOn2014TheTextsArithmeticDoesNotGiveThePublishedFigures() throws Exception {
        // "5% in 2015 t.o.v. 2014": 2,085 x 0.95 = 1,980.75, not 1,895
        Result<? extends Record> r = new TargetCube().query(wh.dsl(), Map.of("area", "PD-TWENTE", "theme", "woninginbraak", "base", "2014")).fetch();
        assertEquals(3, r.size());
        assertEquals(1981.0, year(r, 2015).get("target_value", Double.class)); // 1,980.75 published whole
        assertEquals(false, year(r, 2015).get("published_reproduced"));
        assertEquals(false, year(r, 2016).get("published_reproduced"));
        assertEquals(2085.0, year(r, 2015).get("base_value", Double.class));
    }


    @Test
    void noTargetForThemeIsAClearError() {
        CubeException e = assertThrows(CubeException.class, () -> new TargetCube().query(wh.dsl(), Map.of("theme", "fietsendiefstal")));
        assertEquals("theme", e.parameter());
        assertTrue(e.getMessage().contains("woninginbraak in PD-TWENTE"), e.getMessage());
    }
}
