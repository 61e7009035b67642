package nl.ivz.warehouse.cubes;

import nl.ivz.warehouse.core.Warehouse;
import org.jooq.Record;
import org.jooq.Result;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static nl.ivz.warehouse.db.Tables.FCT_REGISTRATION;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The 14 Twente municipalities from the real 83648NED file (CBS, counts rounded to 5): rolled up to the
 * district and compared with seed 002's district figures, and benchmarked against each other. Runs once
 * the demo sources include 83648NED (the police ETL's loader).
 */
class TwenteMunicipalitiesCubeTest {
    static Warehouse wh;

    @BeforeAll static void setUp() throws Exception {
        wh = DemoWarehouse.get();
        assumeTrue(wh.dsl().fetchExists(FCT_REGISTRATION, FCT_REGISTRATION.SOURCE_TABLE.eq("83648NED")
                .and(FCT_REGISTRATION.REGION_CODE.eq("GM0153"))), "83648NED is not among the demo sources yet");
    }

    @Test
    void crimesOfTheFourteenMunicipalitiesRollUpToTwente() throws Exception {
        Result<? extends Record> r = new TrendCube().query(wh.dsl(), Map.of("area", "Twente", "from", "2013", "to", "2014")).fetch();
        Record y13 = r.stream().filter(x -> x.get("area_code").equals("PD-TWENTE") && x.get("period_year", Integer.class) == 2013).findFirst().orElseThrow();
        Record y14 = r.stream().filter(x -> x.get("area_code").equals("PD-TWENTE") && x.get("period_year", Integer.class) == 2014).findFirst().orElseThrow();
        assertEquals("district", y14.get("area_level"));
        assertEquals(14L, y14.get("leaf_areas"));
        assertEquals(35420.0, y13.get("value", Double.class));
        assertEquals(30905.0, y14.get("value", Double.class));
        // seed 002 gives 34,649 and 30,097 for the district: police figures, not the CBS municipal sum
        assertEquals(30097.0, y14.get("published_value", Double.class));
        assertEquals(true, y14.get("differs_from_published"));
        assertEquals(-12.7, y14.get("change_pct", Double.class)); // 30,905 / 35,420 - 1 = -12.747%, one decimal
        assertEquals(false, y14.get("change_pct_differs")); // -12.7% rounds to the published -13%
        assertEquals(5, r.stream().filter(x -> x.get("area_level").equals("basisteam") && x.get("period_year", Integer.class) == 2014).count());
        assertEquals(12455.0, r.stream().filter(x -> x.get("area_code").equals("BT-ENSCHEDE") && x.get("period_year", Integer.class) == 2014)
                .findFirst().orElseThrow().get("value", Double.class));
    }

    @Test
    void benchmarkOfTheFourteenMunicipalities() throws Exception {
        Result<? extends Record> r = new BenchmarkCube().query(wh.dsl(),
                Map.of("area", "Twente", "level", "gemeente", "year", "2014", "themes", "misdrijven_totaal")).fetch();
        assertEquals(14, r.size());
        Map<String, Integer> rank = new java.util.TreeMap<>();
        for (Record x : r) rank.put(x.get("area_name", String.class), x.get("rank", Integer.class));
        assertEquals(1, rank.get("Dinkelland")); // 20.7 per 1,000, tied with Tubbergen
        assertEquals(1, rank.get("Tubbergen"));
        assertEquals(13, rank.get("Enschede")); // 78.5 per 1,000
        // the district's rate from summed counts over summed (derived) population, not a mean of the 14 rates
        assertEquals("berekend", r.get(0).get("parent_value_source"));
        assertEquals(49.336, r.get(0).get("parent_value", Double.class), 0.01);
    }
}
