package nl.ivz.warehouse.cubes;

import nl.ivz.warehouse.core.Warehouse;
import org.jooq.Record;
import org.jooq.Result;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.*;

/** Seed 000: IVM 2013 response per Twente municipality, extra respondents for 300 and their cost. */
class SurveySampleCubeTest {
    static Warehouse wh;
    static Result<? extends Record> rows;

    @BeforeAll static void setUp() throws Exception {
        wh = DemoWarehouse.get();
        rows = new SurveySampleCube().query(wh.dsl(), Map.of()).fetch();
    }

    static Record row(String name) {
        return rows.stream().filter(r -> r.get("area_name").equals(name)).findFirst().orElseThrow();
    }

    @Test
    void extraRespondentsMatchTheMemo() {
        assertEquals(15, rows.size());
        for (Record r : rows) assertEquals(r.get("published_extra", Double.class), r.get("extra_needed", Double.class), String.valueOf(r.get("area_name")));
        Record total = row("Totaal");
        assertEquals(4874L, total.get("respondents"));
        assertEquals(2218L, total.get("extra_needed"));
        assertEquals(4500.0, total.get("databank_fee", Double.class));
    }

    @Test
    void costPerRowAndWhichRowsMatchAfterRoundingToFive() {
        assertEquals(2097.28, row("Borne").get("cost", Double.class), 1e-9);
        assertEquals(2100.0, row("Borne").get("published_cost", Double.class));
        Map<String, Object> matches = new TreeMap<>();
        for (Record r : rows) if (r.get("cost_matches") != null) matches.put((String) r.get("area_name"), r.get("cost_matches"));
        assertEquals(Map.ofEntries(Map.entry("Almelo", true), Map.entry("Borne", false), Map.entry("Dinkelland", true),
                Map.entry("Enschede", true), Map.entry("Haaksbergen", true), Map.entry("Hellendoorn", false),
                Map.entry("Hengelo (O.)", true), Map.entry("Hof van Twente", true), Map.entry("Losser", false),
                Map.entry("Oldenzaal", true), Map.entry("Rijssen-Holten", false), Map.entry("Totaal", true),
                Map.entry("Tubbergen", true), Map.entry("Twenterand", true), Map.entry("Wierden", true)), matches);
        assertEquals(2041.6, row("Losser").get("cost", Double.class), 1e-9); // published 2,050
    }

    @Test
    void totalCostIs20585AfterRoundingAndThePublishedRowsAddUpTo20610() {
        Record total = row("Totaal");
        assertEquals(2218 * 9.28, total.get("cost", Double.class), 1e-6);
        assertEquals(20585.0, total.get("cost_rounded_5", Double.class));
        assertEquals(20585.0, total.get("published_cost", Double.class));
        assertEquals(20610.0, total.get("published_rows_sum", Double.class));
    }

    @Test
    void ownQuestionsAdd80Cents() throws Exception {
        Result<? extends Record> r = new SurveySampleCube().query(wh.dsl(), Map.of("own_questions", "true")).fetch();
        Record total = r.get(r.size() - 1);
        assertEquals(2218 * 10.08, total.get("cost", Double.class), 1e-6);
    }

    @Test
    void rollupSql() throws Exception {
        assertTrue(new SurveySampleCube().query(wh.dsl(), Map.of()).getSQL().contains("group by rollup"));
    }
}
