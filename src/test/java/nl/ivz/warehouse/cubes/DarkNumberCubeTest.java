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
 * The dark number formula. The bundled data has no survey victimisation per theme (81928NED is about
 * contact with the police), so the cube must still run on registrations alone; the formula is checked
 * with a survey rate inserted here as test input (not a published figure).
 */
class DarkNumberCubeTest {
    static Warehouse wh;

    @BeforeAll static void setUp() throws Exception { wh = DemoWarehouse.get(); }

    @Test
    void runsOnRegistrationsAloneWithTheSurveySideEmpty() throws Exception {
        Result<? extends Record> r = new DarkNumberCube().query(wh.dsl(), Map.of("area", "Twente", "year", "2014")).fetch();
        Record burglary = r.stream().filter(x -> x.get("theme_code").equals("woninginbraak")).findFirst().orElseThrow();
        assertEquals(2085.0, burglary.get("registered", Double.class));
        assertNull(burglary.get("survey_rate"));
        assertNull(burglary.get("unrecorded"));
    }

    @Test
    void formulaCarriesTheMarginThrough() throws Exception {
        try (Connection c = wh.newConnection()) {
            c.setAutoCommit(false);
            DSLContext w = Warehouse.dsl(c);
            w.insertInto(DIM_MEASURE).set(DIM_MEASURE.MEASURE_CODE, "slachtoffers_per_100_inw").set(DIM_MEASURE.MEASURE_LABEL, "Slachtoffers per 100 inwoners")
                    .set(DIM_MEASURE.UNIT, "per 100 inwoners").set(DIM_MEASURE.POLARITY, "hoger_slechter").execute();
            // test input: 1.0 +/- 0.2 burglary victimisations per 100 inhabitants; Twente's 626,092 inhabitants (seed 002, 4.6, loaded in the demo)
            w.insertInto(FCT_SURVEY).set(FCT_SURVEY.BATCH_ID, 0L).set(FCT_SURVEY.REGION_CODE, "PD-TWENTE").set(FCT_SURVEY.PERIOD_CODE, "2014JJ00")
                    .set(FCT_SURVEY.MEASURE_CODE, "slachtoffers_per_100_inw").set(FCT_SURVEY.THEME_CODE, "woninginbraak").set(FCT_SURVEY.SOURCE_TABLE, "test")
                    .set(FCT_SURVEY.VALUE, 1.0).set(FCT_SURVEY.MARGIN, 0.2).execute();
            Result<? extends Record> r = new DarkNumberCube().query(w, Map.of("themes", "woninginbraak")).fetch();
            assertEquals(1, r.size());
            Record x = r.get(0);
            // published precision: estimates whole (6,260.92 -> 6,261), percentages 1 decimal (2,085 / 6,260.92 = 33.30%)
            assertEquals(6261.0, x.get("estimated", Double.class));
            assertEquals(5009.0, x.get("estimated_low", Double.class));
            assertEquals(7513.0, x.get("estimated_high", Double.class));
            assertEquals(33.3, x.get("recorded_pct", Double.class));
            assertEquals(27.8, x.get("recorded_pct_low", Double.class)); // 2,085 / 7,513.104
            assertEquals(4176.0, x.get("unrecorded", Double.class)); // 6,260.92 - 2,085 = 4,175.92
            assertEquals(2924.0, x.get("unrecorded_low", Double.class)); // 5,008.736 - 2,085 = 2,923.736
            CubeAssertions.sameAsHandSql(c, new DarkNumberCube(), Map.of());
            c.rollback();
        }
    }

    @Test
    void handWrittenSqlReturnsTheSameRows() throws Exception {
        CubeAssertions.sameAsHandSql(wh, new DarkNumberCube(), Map.of());
    }
}
