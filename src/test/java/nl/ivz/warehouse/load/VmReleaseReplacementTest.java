package nl.ivz.warehouse.load;

import nl.ivz.warehouse.core.Warehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A newer release of a VM table replaces the facts of the older one for the same area, period and indicator. */
class VmReleaseReplacementTest {
    @Test
    void newerReleaseReplacesOlderFacts(@TempDir Path dir) throws Exception {
        Path first = SurveyFixtures.VM.resolve("vm_veiligheidsbeleving_provincie_2015-2017_wide.csv");
        // the same table, republished with one figure revised: Overijssel 2015 "Voelt zich wel eens onveilig" 31,7 -> 31,9
        String text = Files.readString(first, StandardCharsets.UTF_8);
        String revised = text.replaceFirst("(\\|\\|\\|Voelt zich wel eens onveilig,%(,\"[0-9,]+\"){9}),\"31,7\"", "$1,\"31,9\"");
        assertTrue(!revised.equals(text), "the fixture edit did not apply");
        Path second = dir.resolve("vm_veiligheidsbeleving_provincie_2015-2017_wide_revised.csv");
        Files.writeString(second, revised, StandardCharsets.UTF_8);
        try (Warehouse wh = SurveyFixtures.warehouse()) {
            FileResult a = SurveyFixtures.load(wh, first).get(0);
            FileResult b = SurveyFixtures.load(wh, second).get(0);
            assertEquals(1080, SurveyFixtures.value(wh, "select count(*) from fct_survey"));
            assertEquals(31.9, SurveyFixtures.value(wh, "select value from fct_survey where region_code = 'PV23'"
                    + " and period_code = '2015JJ00' and measure_code = 'vm_voelt_zich_wel_eens_onveilig'"), 1e-9);
            assertEquals("replaced", wh.dsl().fetchValue("select status from load_batch where batch_id = " + a.batchId()));
            assertEquals(b.batchId(), SurveyFixtures.value(wh, "select replaced_by from load_batch where batch_id = " + a.batchId()));
            assertTrue(b.notes().stream().anyMatch(n -> n.startsWith("1080 older fact(s) of VM-beleving")), b.notes().toString());
        }
    }
}
