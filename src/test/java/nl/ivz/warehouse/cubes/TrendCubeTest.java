package nl.ivz.warehouse.cubes;

import nl.ivz.warehouse.core.Warehouse;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.Map;

import static nl.ivz.warehouse.db.Tables.*;

import static org.junit.jupiter.api.Assertions.*;

/** Seed 002, 2.5.1: crimes and suspects 2013-2014 per district, rolled up to the unit Oost-Nederland. */
class TrendCubeTest {
    static Warehouse wh;

    @BeforeAll static void setUp() throws Exception { wh = DemoWarehouse.get(); }

    static Map<String, String> params(String indicator) {
        return Map.of("area", "Oost-Nederland", "level", "district", "themes", "misdrijven_totaal", "indicator", indicator,
                "from", "2013", "to", "2014", "borders", "2014");
    }

    static Record row(Result<? extends Record> r, String area, int year) {
        return r.stream().filter(x -> x.get("area_code").equals(area) && x.get("period_year", Integer.class) == year).findFirst().orElseThrow();
    }

    @Test
    void crimesTwenteMinus13PercentUnitMinus10() throws Exception {
        Result<? extends Record> r = new TrendCube().query(wh.dsl(), params("geregistreerde_misdrijven")).fetch();
        assertEquals(12, r.size());
        Record tw = row(r, "PD-TWENTE", 2014);
        assertEquals("district", tw.get("area_level"));
        assertEquals(30097.0, tw.get("value", Double.class));
        assertEquals(-4552.0, tw.get("change", Double.class));
        assertEquals(-13, Math.round(tw.get("change_pct", Double.class)));
        assertEquals(-13.0, tw.get("published_change_pct", Double.class));
        assertEquals(false, tw.get("change_pct_differs"));
        Record unit = row(r, "RE02", 2014);
        assertEquals("eenheid", unit.get("area_level"));
        assertEquals(149528.0, unit.get("value", Double.class)); // sum of the 5 districts
        assertEquals(149532.0, unit.get("published_value", Double.class)); // the table's own unit row
        assertEquals(true, unit.get("differs_from_published"));
        assertEquals(-10, Math.round(unit.get("change_pct", Double.class)));
        assertEquals(false, unit.get("change_pct_differs"));
        Record unit13 = row(r, "RE02", 2013);
        assertEquals(166981.0, unit13.get("value", Double.class));
        assertEquals(166987.0, unit13.get("published_value", Double.class));
        assertEquals(100.0, unit13.get("index_value", Double.class));
        assertEquals(89.5, unit.get("index_value", Double.class)); // 149,528 / 166,981 x 100 = 89.548, one decimal
        assertEquals(-10.5, unit.get("avg_yearly_change_pct", Double.class)); // -10.452
    }

    @Test
    void suspectsTwentePlus10PercentUnitPlus9() throws Exception {
        Result<? extends Record> r = new TrendCube().query(wh.dsl(), params("verdachten")).fetch();
        Record tw = row(r, "PD-TWENTE", 2014);
        assertEquals(10, Math.round(tw.get("change_pct", Double.class)));
        assertEquals(false, tw.get("change_pct_differs"));
        Record unit = row(r, "RE02", 2014);
        assertEquals(42310.0, unit.get("value", Double.class));
        assertEquals(42313.0, unit.get("published_value", Double.class));
        assertEquals(9, Math.round(unit.get("change_pct", Double.class)));
        assertEquals(38719.0, row(r, "RE02", 2013).get("value", Double.class));
    }

    @Test
    void sqlIsOneGroupingSetsQuery() throws Exception {
        String sql = new TrendCube().query(wh.dsl(), params("verdachten")).getSQL();
        assertTrue(sql.contains("grouping sets"), sql);
        assertTrue(sql.contains("grouping(leaves.a0)"), sql);
        assertTrue(sql.contains("lag("), sql);
    }


    @Test
    void monthlyBuurtCountsRollUpThroughWijkAndGemeente() throws Exception {
        // test input: two buurten in one wijk of Enschede with monthly counts; the roll-up climbs the
        // administrative hierarchy (buurt > wijk > gemeente), then the police one (gemeente > basisteam)
        try (Connection c = wh.newConnection()) {
            c.setAutoCommit(false);
            DSLContext tx = Warehouse.dsl(c);
            region(tx, "WK015300", "Wijk Test", "wijk", "GM0153");
            region(tx, "BU01530000", "Buurt A", "buurt", "WK015300");
            region(tx, "BU01530001", "Buurt B", "buurt", "WK015300");
            for (int m = 1; m <= 12; m++) {
                String period = String.format("2014MM%02d", m);
                tx.insertInto(DIM_PERIOD).set(DIM_PERIOD.PERIOD_CODE, period).set(DIM_PERIOD.PERIOD_YEAR, 2014).set(DIM_PERIOD.PERIOD_MONTH, m)
                        .set(DIM_PERIOD.PERIOD_KIND, "maand").set(DIM_PERIOD.PERIOD_LABEL, period).onConflictDoNothing().execute();
                fact(tx, "BU01530000", period, m);
                fact(tx, "BU01530001", period, 10);
            }
            var r = new TrendCube().query(tx, Map.of("area", "BT-ENSCHEDE", "level", "buurt", "from", "2014", "to", "2014",
                    "themes", "woninginbraak")).fetch();
            assertEquals(java.util.List.of("basisteam", "gemeente", "wijk", "buurt", "buurt"), r.getValues("area_level", String.class));
            assertEquals(78.0 + 120.0, r.get(0).get("value", Double.class));
            assertEquals(78.0, r.get(3).get("value", Double.class));
            c.rollback();
        }
    }

    static void region(DSLContext tx, String code, String name, String level, String parent) {
        tx.insertInto(DIM_REGION).set(DIM_REGION.REGION_CODE, code).set(DIM_REGION.REGION_NAME, name).set(DIM_REGION.REGION_LEVEL, level).execute();
        tx.insertInto(DIM_REGION_PARENT).set(DIM_REGION_PARENT.REGION_CODE, code).set(DIM_REGION_PARENT.HIERARCHY, "bestuurlijk")
                .set(DIM_REGION_PARENT.PARENT_CODE, parent).execute();
    }

    static void fact(DSLContext tx, String region, String period, double v) {
        tx.insertInto(FCT_REGISTRATION).set(FCT_REGISTRATION.BATCH_ID, 0L).set(FCT_REGISTRATION.REGION_CODE, region).set(FCT_REGISTRATION.PERIOD_CODE, period)
                .set(FCT_REGISTRATION.THEME_CODE, "woninginbraak").set(FCT_REGISTRATION.MEASURE_CODE, "geregistreerde_misdrijven")
                .set(FCT_REGISTRATION.SOURCE_TABLE, "test").set(FCT_REGISTRATION.SOURCE_CATEGORY, "test").set(FCT_REGISTRATION.VALUE, v).execute();
    }

    @Test
    void rateIndicatorIsRefused() {
        CubeException e = assertThrows(CubeException.class, () -> new TrendCube().query(wh.dsl(),
                Map.of("area", "RE02", "level", "district", "indicator", "incidentie_per_1000_inw")));
        assertEquals("indicator", e.parameter());
    }
}
