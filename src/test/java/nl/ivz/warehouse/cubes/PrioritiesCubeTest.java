package nl.ivz.warehouse.cubes;

import nl.ivz.warehouse.core.Warehouse;
import org.jooq.Record;
import org.jooq.Result;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/** Seed 002, 2.2: themes in 7 or more of the 14 Twente plans qualify for a regional approach. */
class PrioritiesCubeTest {
    static Warehouse wh;
    static Result<? extends Record> rows;

    @BeforeAll static void setUp() throws Exception {
        wh = DemoWarehouse.get();
        rows = new PrioritiesCube().query(wh.dsl(), Map.of()).fetch();
    }

    /** The 8 themes the plan text names: sociale onveiligheid, woonoverlast, woninginbraken, fietsendiefstal, zorg en veiligheid, jeugdoverlast, alcohol en drugs (jeugd), verkeersveiligheid. */
    static final Set<String> NAMED_IN_TEXT = Set.of("subjectieve_veiligheid", "woonoverlast", "woninginbraak", "fietsendiefstal",
            "zorg_en_veiligheid", "jeugdoverlast", "jeugd_alcohol_drugs", "verkeersveiligheid");

    @Test
    void publishedTotalsGiveTheEightThemesOfTheText() {
        Set<String> published = rows.stream().filter(r -> Boolean.TRUE.equals(r.get("published_passes_threshold")))
                .map(r -> r.get("theme_code", String.class)).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(NAMED_IN_TEXT), published);
        assertEquals(14L, rows.get(0).get("plans_in_set"));
    }

    @Test
    void countedMarksOfThePrintedMatrixDoNotMatchThePublishedTotals() {
        Map<String, String> counted = new TreeMap<>();
        for (Record r : rows) {
            if (Boolean.TRUE.equals(r.get("count_differs"))) {
                counted.put(r.get("theme_code", String.class), r.get("plan_count") + " vs " + r.get("published_count", Integer.class));
            }
        }
        // in the printed matrix the marks of the middle columns sit one column left of their published totals
        assertEquals(Map.of("subjectieve_veiligheid", "7 vs 8", "nazorg_detentie", "7 vs 5", "kvo_bedrijven", "2 vs 4",
                "veilige_evenementen", "2 vs 1", "voetbalgeweld", "8 vs 2", "jeugdoverlast", "4 vs 8",
                "jeugdcriminaliteit", "10 vs 4", "jeugd_alcohol_drugs", "2 vs 10", "veiligheid_school", "7 vs 2",
                "verkeersveiligheid", "2 vs 7"), counted);
        Set<String> countedPass = rows.stream().filter(r -> Boolean.TRUE.equals(r.get("passes_threshold")))
                .map(r -> r.get("theme_code", String.class)).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(List.of("fietsendiefstal", "jeugdcriminaliteit", "nazorg_detentie", "subjectieve_veiligheid",
                "veiligheid_school", "voetbalgeweld", "woninginbraak", "woonoverlast", "zorg_en_veiligheid")), countedPass);
    }

    @Test
    void burglaryIn13PlansSharedWithPartners() {
        Record r = rows.get(0);
        assertEquals("woninginbraak", r.get("theme_code"));
        assertEquals(13L, r.get("plan_count"));
        assertEquals(92.9, r.get("share_pct", Double.class)); // 13 / 14, one decimal
        assertFalse(((String) r.get("areas")).contains("Hof van Twente"));
        // the partners' column "Woonoverlast (w.o. psychische High Impact Crimes ..." is read as high impact crime
        assertEquals("Openbaar Ministerie, Politie, Transities (w.o. Jeugdzorg), Veiligheidshuis Twente", r.get("partners"));
    }

    @Test
    void withEveryPartnerInTheSetNoPartnerIsLeftBeside() throws Exception {
        Result<? extends Record> both = new PrioritiesCube().query(wh.dsl(), Map.of("plans", "lokaal,partner")).fetch();
        // the 14 local plans and the partners' plans: no partner plan outside the set, so the statement has no partner join
        assertFalse(CubeRun.prepare(wh.dsl(), new PrioritiesCube(), Map.of("plans", "lokaal,partner"), null).sql().contains(" pa "));
        assertTrue(CubeRun.prepare(wh.dsl(), new PrioritiesCube(), Map.of(), null).sql().contains(" pa "));
        Record r = both.get(0);
        assertEquals("woninginbraak", r.get("theme_code"));
        assertEquals(17L, r.get("plan_count")); // 13 local plans and the 4 partners that share it
        assertEquals(21L, r.get("plans_in_set")); // 14 local plans and the 7 partner organisations of seed 002, 2.4
        assertTrue(((String) r.get("areas")).contains("Openbaar Ministerie, Politie"), (String) r.get("areas"));
        for (Record x : both) {
            assertNull(x.get("partners"), x.get("theme_code", String.class));
            assertEquals(0L, x.get("partner_count"));
        }
    }

    @Test
    void unknownPlanNamesCloseMatches() {
        CubeException e = assertThrows(CubeException.class, () -> new PrioritiesCube().query(wh.dsl(), Map.of("plans", "Enschde")));
        assertTrue(e.getMessage().contains("Enschede"), e.getMessage());
    }
}
