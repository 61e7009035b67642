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

/**
 * The dark number on real data: Nederland 2015, the Veiligheidsmonitor 2015 table of seed 004 against the
 * police's 47025NED. Expected values worked out by hand: population = the 2015 mean of 47025NED's monthly
 * populations (16,927,823.67, file 47025NED_nl_allcrime_allyears.csv); registered geweld = codes 1.4.1-1.4.5,
 * 3.2.1, 3.2.2 of 2015 in that file: 6,805 + 3,159 + 3,909 + 31,820 + 47,471 + 558 + 2 = 93,724.
 */
class DarkNumberCubeTest {
    static final double POP = 16_927_823.666666668;
    static Warehouse wh;

    @BeforeAll static void setUp() throws Exception { wh = DemoWarehouse.get(); }

    static Record kind(Result<? extends Record> r, String measure) {
        return r.stream().filter(x -> x.get("measure_code").equals(measure)).findFirst().orElseThrow();
    }

    @Test
    void nederland2015ViolenceAgainstThePoliceSeries() throws Exception {
        Result<? extends Record> r = new DarkNumberCube().query(wh.dsl(), Map.of()).fetch();
        assertEquals(11, r.size(), "the 11 crime kinds of the table");
        Record g = kind(r, "vm_delicten_geweld_totaal");
        assertEquals("Geweld totaal", g.get("survey_kind"));
        assertEquals(3.39, g.get("survey_rate", Double.class));
        assertEquals("hersteld", g.get("rate_reading"));
        assertEquals(21.43, g.get("reported_pct", Double.class));
        assertEquals("inwoners_gemiddeld", g.get("population_measure"));
        assertEquals(Math.round(POP), g.get("population", Double.class), 1e-9); // served whole
        // E = 3.39 / 100 x 16,927,823.67 = 573,853.22; reported = E x 21.43% = 122,976.75
        assertEquals(573_853, g.get("estimated", Double.class));
        assertEquals(122_977, g.get("implied_reported", Double.class));
        assertEquals(93_724, g.get("registered", Double.class));
        assertEquals("geweld", g.get("registered_themes"));
        assertEquals(0.76, g.get("ratio_registered_reported", Double.class), "93,724 / 122,976.75 = 0.762");
        assertEquals(16.3, g.get("recorded_pct", Double.class), "93,724 / 573,853.22 = 16.33%");
        assertEquals(480_129, g.get("unrecorded", Double.class), "573,853.22 - 93,724");
        assertNull(g.get("survey_margin"), "the Wegwijzer prints no margins");
        assertNull(g.get("estimated_low"));
    }

    @Test
    void propertyCrimeSumsTheThemesOfPrivateVictims() throws Exception {
        Record v = kind(new DarkNumberCube().query(wh.dsl(), Map.of("themes", "vermogensmisdrijven")).fetch(), "vm_delicten_vermogensdelicten");
        // 2015: woninginbraak 64,676 + fietsendiefstal 123,438 + autokraak 82,098 + autodiefstal 14,778 + straatroof 4,738
        // + vermogensmisdrijven (1.1.2 21,224 + 1.2.4 29,307 + 1.2.5 17,334 + 1.5.2 2,383 + 1.6.2 118,279) = 478,255
        assertEquals(478_255, v.get("registered", Double.class));
        assertEquals(34.73, v.get("reported_pct", Double.class));
        assertEquals("hersteld", v.get("reported_reading"), "'3473' with its decimal comma lost");
        // E = 18.92% x 16,927,823.67 = 3,202,744.24; x 34.73% = 1,112,313.07
        assertEquals(3_202_744, v.get("estimated", Double.class));
        assertEquals(1_112_313, v.get("implied_reported", Double.class));
        assertEquals(0.43, v.get("ratio_registered_reported", Double.class));
    }

    @Test
    void anUnreadableValueStaysAFlagAndNeverBecomesANumber() throws Exception {
        Result<? extends Record> r = new DarkNumberCube().query(wh.dsl(), Map.of()).fetch();
        Record id = kind(r, "vm_delicten_identiteitsfraude");
        assertEquals("onzeker", id.get("reported_reading"));
        assertNull(id.get("reported_pct"));
        assertNull(id.get("implied_reported"));
        assertNull(id.get("ratio_registered_reported"));
        assertEquals(96_489, id.get("estimated", Double.class), "0.57% x 16,927,823.67 = 96,488.59: the readable rate still counts");
        Record koop = kind(r, "vm_delicten_koop_verkoopfraude");
        assertEquals("hersteld", koop.get("rate_reading"));
        assertEquals("onzeker", koop.get("reported_reading"));
        assertNull(koop.get("implied_reported"));
        // a sub-kind of geweld has no registered counterpart of its own
        Record threat = kind(r, "vm_delicten_bedreiging");
        assertNull(threat.get("registered_themes"));
        assertNull(threat.get("registered"));
        assertNull(threat.get("unrecorded"));
    }

    @Test
    void formulaCarriesTheMarginThrough() throws Exception {
        try (Connection c = wh.newConnection()) {
            c.setAutoCommit(false);
            DSLContext w = Warehouse.dsl(c);
            w.insertInto(DIM_MEASURE).set(DIM_MEASURE.MEASURE_CODE, "test_inbraak_per_100").set(DIM_MEASURE.MEASURE_LABEL, "Inbraak per 100 inwoners")
                    .set(DIM_MEASURE.UNIT, "per 100 inwoners").set(DIM_MEASURE.POLARITY, "hoger_slechter").execute();
            w.insertInto(MAP_SURVEY_REGISTRATION).set(MAP_SURVEY_REGISTRATION.MEASURE_CODE, "test_inbraak_per_100")
                    .set(MAP_SURVEY_REGISTRATION.THEME_CODE, "woninginbraak").execute();
            // test input: 1.0 +/- 0.2 burglaries per 100 inhabitants; Twente's 626,092 inhabitants (seed 002, 4.6) and 2,085 burglaries 2014 (seed 002, 3.3.1)
            w.insertInto(FCT_SURVEY).set(FCT_SURVEY.BATCH_ID, 0L).set(FCT_SURVEY.REGION_CODE, "PD-TWENTE").set(FCT_SURVEY.PERIOD_CODE, "2014JJ00")
                    .set(FCT_SURVEY.MEASURE_CODE, "test_inbraak_per_100").set(FCT_SURVEY.THEME_CODE, "woninginbraak").set(FCT_SURVEY.SOURCE_TABLE, "test")
                    .set(FCT_SURVEY.VALUE, 1.0).set(FCT_SURVEY.MARGIN, 0.2).execute();
            Map<String, String> q = Map.of("area", "Twente", "year", "2014", "source", "seed002_3.3.1_woninginbraken");
            Result<? extends Record> r = new DarkNumberCube().query(w, q).fetch();
            assertEquals(1, r.size());
            Record x = r.get(0);
            assertEquals("inwoners", x.get("population_measure"));
            assertEquals(6261, x.get("estimated", Double.class), "6,260.92");
            assertEquals(5009, x.get("estimated_low", Double.class), "5,008.74");
            assertEquals(7513, x.get("estimated_high", Double.class), "7,513.10");
            assertEquals(2085, x.get("registered", Double.class));
            assertEquals(33.3, x.get("recorded_pct", Double.class), "2,085 / 6,260.92");
            assertEquals(4176, x.get("unrecorded", Double.class));
            assertEquals(2924, x.get("unrecorded_low", Double.class));
            assertNull(x.get("reported_pct"), "no % reported loaded for this indicator");
            CubeAssertions.sameAsHandSql(c, new DarkNumberCube(), q);
            c.rollback();
        }
    }

    @Test
    void handWrittenSqlReturnsTheSameRows() throws Exception {
        CubeAssertions.sameAsHandSql(wh, new DarkNumberCube(), Map.of());
        CubeAssertions.sameAsHandSql(wh, new DarkNumberCube(), Map.of("themes", "geweld,overig"));
    }
}
