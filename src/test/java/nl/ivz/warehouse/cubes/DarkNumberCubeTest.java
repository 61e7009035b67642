package nl.ivz.warehouse.cubes;

import nl.ivz.warehouse.core.Warehouse;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.List;
import java.util.Map;

import static nl.ivz.warehouse.db.Tables.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The dark number on real data: Nederland 2015, the Veiligheidsmonitor 2015 table of seed 004 against the
 * police's 47025NED. Expected values worked out by hand: population = inhabitants of 15+ on 1 January 2015, the
 * column Inwoners15JaarOfOuder_29 of 70072ned's 12 provinces (2015JJ00 rows of 70072ned_UntypedDataSet_29122019_191739.csv):
 * 496,821 + 535,407 + 407,702 + 935,776 + 320,922 + 1,683,785 + 1,034,009 + 2,303,852 + 2,986,596 + 319,484 + 2,085,837
 * + 963,469 = 14,073,660 (the same as TotaleBevolking_1 minus the three age columns under 15: 16,900,726 - 2,827,066).
 * Registered (file 47025NED_nl_allcrime_allyears.csv, 2015): geweld = codes 1.4.1-1.4.5, 3.2.1, 3.2.2:
 * 6,805 + 3,159 + 3,909 + 31,820 + 47,471 + 558 + 2 = 93,724; woninginbraak = 1.1.1: 64,676; vernieling = 2.2.1: 102,048.
 */
class DarkNumberCubeTest {
    static final double POP = 14_073_660;
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
        assertEquals("inwoners_15_plus", g.get("population_measure"));
        assertEquals("som van de 12 provincies (70072ned, 1-1-2015)", g.get("population_basis"));
        assertEquals(POP, g.get("population", Double.class));
        // E = 3.39 / 100 x 14,073,660 = 477,097.07; reported = E x 21.43% = 102,241.90
        assertEquals(477_097, g.get("estimated", Double.class));
        assertEquals(102_242, g.get("implied_reported", Double.class));
        assertEquals(93_724, g.get("registered", Double.class));
        assertEquals("geweld", g.get("registered_themes"));
        assertEquals(0.92, g.get("ratio_registered_reported", Double.class), "93,724 / 102,241.90 = 0.917");
        assertEquals(19.6, g.get("recorded_pct", Double.class), "93,724 / 477,097.07 = 19.64%");
        assertEquals(383_373, g.get("unrecorded", Double.class), "477,097.07 - 93,724");
        assertEquals("ruimer", g.get("definition_match"), "registered geweld also holds moord, openlijk geweld, victims under 15");
        assertNull(g.get("survey_margin"), "the Wegwijzer prints no margins");
        assertNull(g.get("estimated_low"));
    }

    @Test
    void nederland2015BurglaryAndVandalism() throws Exception {
        Result<? extends Record> r = new DarkNumberCube().query(wh.dsl(), Map.of("themes", "woninginbraak,vernieling")).fetch();
        assertEquals(2, r.size());
        Record b = kind(r, "vm_delicten_inbraak_totaal");
        // E = 3.62% x 14,073,660 = 509,466.49; x 49.03% = 249,791.42; 64,676 / 249,791.42 = 0.259; 64,676 / 509,466.49 = 12.69%
        assertEquals(509_466, b.get("estimated", Double.class));
        assertEquals(249_791, b.get("implied_reported", Double.class));
        assertEquals(64_676, b.get("registered", Double.class));
        assertEquals(0.26, b.get("ratio_registered_reported", Double.class));
        assertEquals(12.7, b.get("recorded_pct", Double.class));
        assertEquals(444_790, b.get("unrecorded", Double.class), "509,466.49 - 64,676");
        assertEquals("vergelijkbaar", b.get("definition_match"), "VM inbraak in the home against police 1.1.1");
        Record v = kind(r, "vm_delicten_vandalisme_totaal");
        // E = 9.45% x 14,073,660 = 1,329,960.87; x 12.75% = 169,570.01; 102,048 / 169,570.01 = 0.602
        assertEquals(1_329_961, v.get("estimated", Double.class));
        assertEquals(169_570, v.get("implied_reported", Double.class));
        assertEquals(102_048, v.get("registered", Double.class));
        assertEquals(0.6, v.get("ratio_registered_reported", Double.class));
        assertEquals(1_227_913, v.get("unrecorded", Double.class), "1,329,960.87 - 102,048");
        assertEquals("ruimer", v.get("definition_match"), "registered vernieling also holds public and business property");
    }

    @Test
    void propertyCrimeSumsTheThemesOfPrivateVictimsAndIsFlaggedAsUnlike() throws Exception {
        Record v = kind(new DarkNumberCube().query(wh.dsl(), Map.of("themes", "vermogensmisdrijven")).fetch(), "vm_delicten_vermogensdelicten");
        // 2015: woninginbraak 64,676 + fietsendiefstal 123,438 + autokraak 82,098 + autodiefstal 14,778 + straatroof 4,738
        // + vermogensmisdrijven (1.1.2 21,224 + 1.2.4 29,307 + 1.2.5 17,334 + 1.5.2 2,383 + 1.6.2 118,279) = 478,255
        assertEquals(478_255, v.get("registered", Double.class));
        assertEquals(34.73, v.get("reported_pct", Double.class));
        assertEquals("hersteld", v.get("reported_reading"), "'3473' with its decimal comma lost");
        // E = 18.92% x 14,073,660 = 2,662,736.47; x 34.73% = 924,768.38
        assertEquals(2_662_736, v.get("estimated", Double.class));
        assertEquals(924_768, v.get("implied_reported", Double.class));
        assertEquals(0.52, v.get("ratio_registered_reported", Double.class));
        // the Wegwijzer: definitions differ mostly for property crime
        assertEquals("anders", v.get("definition_match"));
        assertTrue(v.get("definition_note", String.class).contains("1.6.2"));
    }

    @Test
    void withoutA15PlusFigureTheWiderPopulationIsNamedNeverAnotherYear() throws Exception {
        // 70072ned ends in 2019: 2020 falls back to all inhabitants of Nederland on 1 January 2020 (03759ned), and says so
        var pop = DarkNumberCube.population(wh.dsl(), Lookup.area(wh.dsl(), "area", "NL01"), 2020, DarkNumberCube.POPULATION_MEASURES);
        assertEquals("inwoners", pop.measure());
        assertEquals("eigen cijfer (03759ned, 1-1-2020)", pop.basis());
        var y2015 = DarkNumberCube.population(wh.dsl(), Lookup.area(wh.dsl(), "area", "NL01"), 2015, List.of("inwoners_gemiddeld"));
        assertEquals(16_927_823.666666668, y2015.value(), 1e-6, "47025NED's 2015 mean, asked for by name");
        var none = DarkNumberCube.population(wh.dsl(), Lookup.area(wh.dsl(), "area", "NL01"), 1990, DarkNumberCube.POPULATION_MEASURES);
        assertNull(none.value());
        assertEquals("geen bevolking van Nederland in 1990 geladen", none.basis());
    }

    @Test
    void anUnreadableValueStaysAFlagAndNeverBecomesANumber() throws Exception {
        Result<? extends Record> r = new DarkNumberCube().query(wh.dsl(), Map.of()).fetch();
        Record id = kind(r, "vm_delicten_identiteitsfraude");
        assertEquals("onzeker", id.get("reported_reading"));
        assertNull(id.get("reported_pct"));
        assertNull(id.get("implied_reported"));
        assertNull(id.get("ratio_registered_reported"));
        assertEquals(80_220, id.get("estimated", Double.class), "0.57% x 14,073,660 = 80,219.86: the readable rate still counts");
        assertEquals("geen", id.get("definition_match"));
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
            c.rollback();
        }
    }

}
