package nl.ivz.warehouse.load;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class PeriodResolverTest {
    @Test
    void parsesCbsCodesAndLabels() {
        assertEquals(new PeriodResolver.Period("2014JJ00", 2014, null, "jaar", "2014", "definitief"), PeriodResolver.parse("2014JJ00"));
        assertEquals(new PeriodResolver.Period("2014MM03", 2014, 3, "maand", "2014 maart", "definitief"), PeriodResolver.parse("2014MM03"));
        assertEquals("2014KW01", PeriodResolver.parse("2014KW01").code());
        assertEquals(new PeriodResolver.Period("2016JJ00", 2016, null, "jaar", "2016", "voorlopig"), PeriodResolver.parse("2016*"));
        assertEquals("nader voorlopig", PeriodResolver.parse("2017**").status());
        assertEquals("2015MM11", PeriodResolver.parse("2015 november").code());
        assertNull(PeriodResolver.parse("2014MM13"));
        assertNull(PeriodResolver.parse("twintig"));
    }
}
