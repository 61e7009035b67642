package nl.ivz.warehouse.cubes;

import nl.ivz.warehouse.core.Warehouse;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.Map;
import java.util.TreeMap;

import static nl.ivz.warehouse.db.Tables.FCT_SURVEY;
import static org.junit.jupiter.api.Assertions.*;

/** 81928NED (the real file in the demo warehouse) 2015, Twente's basisteams against the district: "Politie werkt goed samen met bewoners". */
class SignificanceCubeTest {
    static Warehouse wh;

    @BeforeAll static void setUp() throws Exception { wh = DemoWarehouse.get(); }

    static Map<String, String> results(Result<? extends Record> r) {
        Map<String, String> m = new TreeMap<>();
        for (Record x : r) m.put(x.get("area_code", String.class), x.get("result", String.class));
        return m;
    }

    @Test
    void enschedeSignificantlyWorseThanTwente() throws Exception {
        Result<? extends Record> r = new SignificanceCube().query(wh.dsl(), Map.of("year", "2015")).fetch();
        // Enschede 23.4 +/- 4.9 vs Twente 29.0 +/- 2.3: |-5.6| > sqrt(4.9^2 + 2.3^2) = 5.41
        assertEquals(Map.of("BT-ENSCHEDE", "slechter", "BT-NOORDOOST-TWENTE", "niet verschillend", "BT-TWENTE-MIDDEN", "niet verschillend",
                "BT-TWENTE-NOORD", "niet verschillend", "BT-TWENTE-WEST", "niet verschillend"), results(r));
        Record e = r.stream().filter(x -> x.get("area_code").equals("BT-ENSCHEDE")).findFirst().orElseThrow();
        assertEquals(5.4, e.get("combined_margin", Double.class)); // sqrt(4.9^2 + 2.3^2) = 5.41, one decimal
        assertEquals(-5.6, e.get("difference", Double.class)); // 23.4 - 29.0 without the binary -5.600000000000001
    }

    @Test
    void previousMeasurementAndPeerAverage() throws Exception {
        Result<? extends Record> prev = new SignificanceCube().query(wh.dsl(), Map.of("year", "2015", "reference", "previous")).fetch();
        assertTrue(results(prev).values().stream().allMatch("niet verschillend"::equals), results(prev).toString());
        assertEquals(2014, prev.get(0).get("reference_year", Integer.class)); // 81928NED has 2014 for the basisteams
        assertEquals(30.0, prev.stream().filter(x -> x.get("area_code").equals("BT-ENSCHEDE")).findFirst().orElseThrow().get("reference_value", Double.class));
        Result<? extends Record> peers = new SignificanceCube().query(wh.dsl(), Map.of("year", "2015", "reference", "peers")).fetch();
        assertEquals(29.9, peers.get(0).get("reference_value", Double.class)); // (34.8 + 28.9 + 28.6 + 23.4 + 34.0) / 5 = 29.94
    }

    @Test
    void respondentsComeFromTheSurveyRoundWhereTheFileLacksThem() throws Exception {
        // 81928NED has no respondents; seed 000 (IVM 2013) has Enschede 575, Hengelo 2,912 (CBS name "Hengelo (O.)"), Almelo 305
        Result<? extends Record> r = new SignificanceCube().query(wh.dsl(), Map.of("area", "Twente", "level", "gemeente", "year", "2013")).fetch();
        Map<String, Integer> resp = new TreeMap<>();
        for (Record x : r) resp.put(x.get("area_name", String.class), x.get("respondents", Integer.class));
        assertEquals(575, resp.get("Enschede"), resp.toString());
        assertEquals(2912, resp.get("Hengelo (O.)"), resp.toString());
    }

    @Test
    void areasBelowTheRespondentThresholdAreNotCompared() throws Exception {
        try (Connection c = wh.newConnection()) {
            c.setAutoCommit(false);
            DSLContext tx = Warehouse.dsl(c);
            tx.update(FCT_SURVEY).set(FCT_SURVEY.RESPONDENTS, 250).where(FCT_SURVEY.REGION_CODE.eq("BT-ENSCHEDE")).execute();
            Result<? extends Record> r = new SignificanceCube().query(tx, Map.of("year", "2015")).fetch();
            assertEquals("niet vergeleken", results(r).get("BT-ENSCHEDE"));
            assertEquals("niet verschillend", results(r).get("BT-TWENTE-WEST"));
            c.rollback();
        }
    }


    @Test
    void unknownReference() {
        CubeException e = assertThrows(CubeException.class, () -> new SignificanceCube().query(wh.dsl(), Map.of("reference", "parnt")));
        assertTrue(e.getMessage().contains("parent"));
    }
}
