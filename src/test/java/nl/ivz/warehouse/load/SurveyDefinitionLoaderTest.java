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
 * reference/survey_definitions.csv: for every survey victimisation indicator whether its crime kind matches the
 * registered crimes it is compared with. Counted by hand in the file: 16 rows; vergelijkbaar 1 (inbraak totaal),
 * ruimer 2 (geweld totaal, vandalisme totaal), anders 5 (vermogensdelicten and the IVM groups totaal, geweld,
 * vermogen, vandalisme), geen 8 (bedreiging, mishandeling, seksuele delicten, zakkenrollerij & beroving, the three
 * cyber kinds, IVM overige delicten).
 */
class SurveyDefinitionLoaderTest {
    @Test
    void everySurveyKindHasItsDefinitionMatch() throws Exception {
        try (Warehouse wh = warehouseWithReference()) {
            assertEquals(16, number(wh, "SELECT count(*) FROM map_survey_definition"));
            assertEquals("anders:5, geen:8, ruimer:2, vergelijkbaar:1", text(wh, "SELECT string_agg(definition_match || ':' || n, ', ' ORDER BY definition_match) "
                    + "FROM (SELECT definition_match, count(*) AS n FROM map_survey_definition GROUP BY 1)"));
            assertEquals("vergelijkbaar", text(wh, "SELECT definition_match FROM map_survey_definition WHERE measure_code = 'vm_delicten_inbraak_totaal'"));
            // every survey indicator the cubes compare with registrations is assessed
            assertEquals(0, number(wh, "SELECT count(DISTINCT measure_code) FROM map_survey_registration "
                    + "WHERE measure_code NOT IN (SELECT measure_code FROM map_survey_definition)"));
            // and a kind assessed as having no counterpart has none
            assertEquals(0, number(wh, "SELECT count(*) FROM map_survey_registration r JOIN map_survey_definition d USING (measure_code) "
                    + "WHERE d.definition_match = 'geen'"));
        }
    }

    @Test
    void anUnknownMatchOrMeasureIsRejectedWithItsPlace() throws Exception {
        Path dir = Files.createTempDirectory("definitions");
        Path bad = dir.resolve("survey_definitions.csv");
        Files.write(bad, List.of("measure_code,definition_match,note",
                "vm_delicten_inbraak_totaal,gelijk,same offence",
                "vm_delicten_onbekend,anders,no such measure",
                "vm_delicten_geweld_totaal,ruimer,"));
        try (Warehouse wh = warehouseWithReference()) {
            Map<String, Long> before = counts(wh);
            LoadException e = assertThrows(LoadException.class, () -> new Loader(wh, null).load(List.of(bad), new LoadOptions(null, true)));
            assertTrue(e.getMessage().contains("line 2, column 'definition_match'"), e.getMessage());
            assertEquals(before, counts(wh), "the strict load changed nothing");
            FileResult f = load(wh, bad).get(0);
            assertEquals("reference-survey-definition", f.layout());
            assertEquals(3, f.rowsRejected());
            // row checks come first, the unknown measure is found set-based after them: order-free
            String rejects = String.join("\n", f.firstRejects());
            assertTrue(rejects.contains("line 2, column 'definition_match', value 'gelijk': expected one of anders, geen, ruimer, vergelijkbaar"), rejects);
            assertTrue(rejects.contains("line 3, column 'measure_code', value 'vm_delicten_onbekend': unknown measure"), rejects);
            assertTrue(rejects.contains("line 4, column 'note', value '': expected where the definitions differ"), rejects);
            assertEquals("vergelijkbaar", text(wh, "SELECT definition_match FROM map_survey_definition WHERE measure_code = 'vm_delicten_inbraak_totaal'"),
                    "the bundled row stays");
        } finally {
            Files.deleteIfExists(bad);
            Files.deleteIfExists(dir);
        }
    }
}
