package nl.ivz.warehouse.load;

import nl.ivz.warehouse.core.Warehouse;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * VM results with lower and upper bounds. The fixture restates real 81928NED values as bounds
 * (Twente (PD) 2015 TotaleFunctionerenTevreden_38 = 30.8 +/- 1.8 -> 29.0 .. 32.6).
 */
class VmBoundsLoaderTest {
    @Test
    void boundsGiveTheMarginAsHalfTheInterval() throws Exception {
        try (Warehouse wh = SurveyFixtures.warehouse()) {
            FileResult r = SurveyFixtures.load(wh, Path.of("src/test/resources/vm-bounds/twente_81928NED_bounds.csv")).get(0);
            assertEquals("vm-bounds", r.layout());
            assertEquals(3, r.rowsLoaded());
            String q = "select %s from fct_survey where region_code = '%s' and measure_code = '%s'";
            assertEquals(30.8, SurveyFixtures.value(wh, q.formatted("value", "PD-TWENTE", "vm_functioneren_politie_tevreden")), 1e-9);
            assertEquals(29.0, SurveyFixtures.value(wh, q.formatted("lower_bound", "PD-TWENTE", "vm_functioneren_politie_tevreden")), 1e-9);
            assertEquals(32.6, SurveyFixtures.value(wh, q.formatted("upper_bound", "PD-TWENTE", "vm_functioneren_politie_tevreden")), 1e-9);
            assertEquals(1.8, SurveyFixtures.value(wh, q.formatted("margin", "PD-TWENTE", "vm_functioneren_politie_tevreden")), 1e-9);
            assertEquals(0.1, SurveyFixtures.value(wh, q.formatted("margin", "PD-TWENTE", "vm_vertrouwen_politie_score")), 1e-9);
            assertEquals(2.8, SurveyFixtures.value(wh, q.formatted("margin", "BT-TWENTE-MIDDEN", "vm_functioneren_politie_tevreden")), 1e-9);
            assertEquals("oordeel_politie", wh.dsl().fetchValue(q.formatted("theme_code", "PD-TWENTE", "vm_vertrouwen_politie_score")));
            assertEquals("81928NED", wh.dsl().fetchValue("select distinct source_table from fct_survey"));
        }
    }
}
