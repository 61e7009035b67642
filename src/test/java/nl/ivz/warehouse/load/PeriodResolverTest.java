package nl.ivz.warehouse.load;

import nl.ivz.warehouse.core.Warehouse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

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

    /** The batch form writes what a statement per label would: new periods, changed statuses, nothing for non-periods. */
    @Test
    void resolvesManyLabelsAtOnce() throws Exception {
        try (Warehouse wh = Warehouse.inMemory()) {
            wh.migrate();
            PeriodResolver one = new PeriodResolver(wh.dsl());
            one.resolve("2016");
            PeriodResolver many = new PeriodResolver(wh.dsl());
            // 2016* turns the definitive 2016 provisional; 2014 maart and 2016MM01 are new; "Totaal" is no period
            Map<String, String> m = many.resolveAll(List.of("2016*", "2014 maart", "2016MM01", "Totaal"));
            assertEquals(Map.of("2016*", "2016JJ00", "2014 maart", "2014MM03", "2016MM01", "2016MM01"), m);
            assertEquals("voorlopig", wh.dsl().fetchValue("SELECT period_status FROM dim_period WHERE period_code = '2016JJ00'"));
            assertEquals(List.of("2014MM03|2014|3|maand|2014 maart|definitief", "2016MM01|2016|1|maand|2016 januari|definitief"),
                    wh.dsl().fetch("SELECT period_code || '|' || period_year || '|' || period_month || '|' || period_kind || '|' "
                            + "|| period_label || '|' || period_status FROM dim_period WHERE period_code IN ('2014MM03', '2016MM01') ORDER BY 1")
                            .getValues(0, String.class));
            // a second call with the same labels writes nothing and answers the same
            assertEquals(m, many.resolveAll(List.of("2016*", "2014 maart", "2016MM01", "Totaal")));
        }
    }
}
