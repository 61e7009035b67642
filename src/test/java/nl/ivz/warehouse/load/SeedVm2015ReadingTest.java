package nl.ivz.warehouse.load;

import nl.ivz.warehouse.core.Warehouse;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static nl.ivz.warehouse.load.PoliceLoadSupport.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Seed 004, 2.4: the Veiligheidsmonitor 2015 table (11 crime kinds x per 100 inhabitants and % reported) as
 * transcribed from the damaged PDF text, values read, restored or left unread (onzeker), never guessed.
 */
class SeedVm2015ReadingTest {
    static final Path SEED = SOURCES.resolve("seeds").resolve("seed004_2.4_vm2015_aangifte.csv");
    static final String READING = "SELECT reading FROM fct_survey_reading WHERE measure_code = ";
    static final String VALUE = "SELECT value FROM fct_survey WHERE region_code = 'NL01' AND period_code = '2015JJ00' AND measure_code = ";

    @Test
    void readableValuesLoadAndUnreadableOnesAreFlaggedWithoutANumber() throws Exception {
        try (Warehouse wh = warehouseWithReference()) {
            FileResult f = load(wh, SEED).get(0);
            assertEquals("survey-transcribed", f.layout());
            assertEquals(22, f.rowsRead());
            assertEquals(20, f.rowsLoaded(), "the 2 onzeker values do not reach fct_survey");
            assertEquals(List.of("gelezen=17", "hersteld=3", "onzeker=2"),
                    column(wh, "SELECT reading || '=' || count(*) FROM fct_survey_reading GROUP BY reading ORDER BY reading"));
            // read as printed (seed lines 366-402)
            assertEquals(2.18, number(wh, VALUE + "'vm_delicten_bedreiging'"));
            assertEquals(18.92, number(wh, VALUE + "'vm_delicten_vermogensdelicten'"));
            assertEquals(18.68, number(wh, VALUE + "'vm_delicten_cyberdelicten'"));
            assertEquals(49.03, number(wh, VALUE + "'vm_aangifte_inbraak_totaal'"));
            assertEquals(7.80, number(wh, VALUE + "'vm_aangifte_cyberdelicten'"));
            // decimal comma restored: '339' -> 3,39, '421' -> 4,21, '3473' -> 34,73
            assertEquals("hersteld", text(wh, READING + "'vm_delicten_geweld_totaal'"));
            assertEquals("339", text(wh, "SELECT raw_text FROM fct_survey_reading WHERE measure_code = 'vm_delicten_geweld_totaal'"));
            assertEquals(3.39, number(wh, VALUE + "'vm_delicten_geweld_totaal'"));
            assertEquals(4.21, number(wh, VALUE + "'vm_delicten_koop_verkoopfraude'"));
            assertEquals(34.73, number(wh, VALUE + "'vm_aangifte_vermogensdelicten'"));
            // '13,1 | 3,13 -' and '19,99 = 13': flagged, no number anywhere
            for (String m : List.of("vm_aangifte_identiteitsfraude", "vm_aangifte_koop_verkoopfraude")) {
                assertEquals("onzeker", text(wh, READING + "'" + m + "'"));
                assertNull(text(wh, "SELECT value FROM fct_survey_reading WHERE measure_code = '" + m + "'"));
                assertEquals(0, number(wh, "SELECT count(*) FROM fct_survey WHERE measure_code = '" + m + "'"));
            }
            assertEquals("geweld", text(wh, "SELECT theme_code FROM fct_survey WHERE measure_code = 'vm_delicten_mishandeling'"));
            assertEquals("woninginbraak", text(wh, "SELECT theme_code FROM fct_survey WHERE measure_code = 'vm_delicten_inbraak_totaal'"));
        }
    }

    @Test
    void theReadingsAgreeWithTheTotalsTheyArePartOf() throws Exception {
        try (Warehouse wh = warehouseWithReference()) {
            load(wh, SEED);
            // geweld totaal 3,39 holds bedreiging, mishandeling, seksuele delicten: 2,18 + 1,04 + 0,12 = 3,34
            assertEquals(3.34, number(wh, "SELECT sum(value) FROM fct_survey WHERE measure_code IN "
                    + "('vm_delicten_bedreiging', 'vm_delicten_mishandeling', 'vm_delicten_seksuele_delicten')"), 1e-9);
            // % reported of traditional crime, weighted by the incidents: (3,39 x 21,43 + 18,92 x 34,73 + 9,45 x 12,75) / 31,76
            // = 850.2268 / 31.76 = 26.77%: CBS publishes 27% aangifte for 2015 (cbs.nl, 2016 week 46, Veiligheidsmonitor 2015)
            double weighted = number(wh, "SELECT sum(r.value * p.value) / sum(r.value) FROM fct_survey r JOIN fct_survey p "
                    + "ON p.measure_code = replace(r.measure_code, 'vm_delicten_', 'vm_aangifte_') WHERE r.measure_code IN "
                    + "('vm_delicten_geweld_totaal', 'vm_delicten_vermogensdelicten', 'vm_delicten_vandalisme_totaal')");
            assertEquals(26.77, weighted, 0.005);
            assertEquals(27, Math.round(weighted));
        }
    }

    @Test
    void aGuessOrAReadingThatDoesNotMatchItsTextIsRejected() throws Exception {
        Path dir = Files.createTempDirectory("seed004");
        Path bad = dir.resolve("seed004_2.4_vm2015_aangifte.csv");
        Files.write(bad, List.of("area,period,row_label,column_label,raw_text,reading,value,note",
                "Nederland,2015,Bedreiging,Aantal/100 inwoners,\"2,18\",gelezen,\"2,81\",",
                "Nederland,2015,Identiteitsfraude,% aangegeven,\"13,1\",onzeker,\"13,1\",",
                "Nederland,2015,Mishandeling,Aantal/100 inwoners,\"1,04\",geraden,\"1,04\","));
        try (Warehouse wh = warehouseWithReference()) {
            Map<String, Long> before = counts(wh);
            LoadException e = assertThrows(LoadException.class, () -> new Loader(wh, null).load(List.of(bad), new LoadOptions(null, true)));
            assertTrue(e.getMessage().contains("line 2, column 'value'"), e.getMessage());
            assertEquals(before, counts(wh), "the strict load changed nothing");
            FileResult f = load(wh, bad).get(0);
            assertEquals(3, f.rowsRejected());
            assertEquals(0, number(wh, "SELECT count(*) FROM fct_survey_reading"));
            assertTrue(f.firstRejects().get(0).contains("line 2, column 'value', value '2,81': a value read as printed (gelezen) must equal raw_text '2,18'"),
                    f.firstRejects().get(0));
            assertTrue(f.firstRejects().get(1).contains("line 3, column 'value', value '13,1': an onzeker value has no number"), f.firstRejects().get(1));
            assertTrue(f.firstRejects().get(2).contains("line 4, column 'reading', value 'geraden': expected gelezen, hersteld or onzeker"),
                    f.firstRejects().get(2));
        } finally {
            Files.deleteIfExists(bad);
            Files.deleteIfExists(dir);
        }
    }
}
