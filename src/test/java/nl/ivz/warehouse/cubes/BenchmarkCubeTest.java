package nl.ivz.warehouse.cubes;

import nl.ivz.warehouse.core.Warehouse;
import org.jooq.Record;
import org.jooq.Result;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/** Seed 002, Bijlage 2: the incidence table of the 5 districts of Oost-Nederland, recomputed. */
class BenchmarkCubeTest {
    static Warehouse wh;
    static Result<? extends Record> rows;

    @BeforeAll static void setUp() throws Exception {
        wh = DemoWarehouse.get();
        rows = new BenchmarkCube().query(wh.dsl(), Map.of("area", "Oost-Nederland", "level", "district", "year", "2014")).fetch();
    }

    static Map<String, Object> perRegion(String col) {
        Map<String, Object> m = new TreeMap<>();
        for (Record r : rows) m.put(r.get("area_code", String.class), r.get(col));
        return m;
    }

    static Map<String, Double> perRegionDouble(String col) {
        Map<String, Double> m = new TreeMap<>();
        for (Record r : rows) m.put(r.get("area_code", String.class), r.get(col, Double.class));
        return m;
    }

    @Test
    void twentyOneThemesForFiveDistricts() {
        assertEquals(5 * 21, rows.size());
        assertEquals(Map.of("PD-GELDERLAND-MIDDEN", 68.0, "PD-GELDERLAND-ZUID", 64.0, "PD-IJSSELLAND", 55.0,
                "PD-NOORD-EN-OOST-GELDERLAND", 53.0, "PD-TWENTE", 55.0), perRegion("published_total_score"));
    }

    @Test
    void publishedTotalsGiveTwenteAndIJsselLandASharedSecondPlace() {
        Map<String, Object> pos = perRegion("published_position");
        assertEquals(1L, pos.get("PD-NOORD-EN-OOST-GELDERLAND"));
        assertEquals(2L, pos.get("PD-TWENTE"));
        assertEquals(2L, pos.get("PD-IJSSELLAND"));
        assertEquals(3L, pos.get("PD-GELDERLAND-ZUID"));
        assertEquals(4L, pos.get("PD-GELDERLAND-MIDDEN"));
    }

    @Test
    void recomputedDenseRanksAndTotals() {
        // dense ranks of the published rates: three of the published ranks are not the dense rank of the rates
        Map<String, Object> total = perRegion("total_score");
        assertEquals(Map.of("PD-GELDERLAND-MIDDEN", 70L, "PD-GELDERLAND-ZUID", 70L, "PD-IJSSELLAND", 55L,
                "PD-NOORD-EN-OOST-GELDERLAND", 53L, "PD-TWENTE", 55L), total);
        Map<String, Object> pos = perRegion("position");
        assertEquals(1L, pos.get("PD-NOORD-EN-OOST-GELDERLAND"));
        assertEquals(2L, pos.get("PD-TWENTE"));
        assertEquals(2L, pos.get("PD-IJSSELLAND"));
        assertEquals(3L, pos.get("PD-GELDERLAND-ZUID"));
        assertEquals(3L, pos.get("PD-GELDERLAND-MIDDEN"));
        // Gelderland-Zuid's published ranks add up to 69, not the published 64
        assertEquals(Map.of("PD-GELDERLAND-MIDDEN", 68.0, "PD-GELDERLAND-ZUID", 69.0, "PD-IJSSELLAND", 55.0,
                "PD-NOORD-EN-OOST-GELDERLAND", 53.0, "PD-TWENTE", 55.0), perRegionDouble("published_rank_sum"));
        assertEquals(Map.of("PD-GELDERLAND-MIDDEN", true, "PD-GELDERLAND-ZUID", true, "PD-IJSSELLAND", false,
                "PD-NOORD-EN-OOST-GELDERLAND", false, "PD-TWENTE", false), perRegion("total_differs"));
    }

    @Test
    void publishedRanksThatAreNotDenseRanksAreFlagged() {
        List<String> differing = rows.stream().filter(r -> Boolean.TRUE.equals(r.get("rank_differs")))
                .map(r -> r.get("area_code") + " " + r.get("theme_code") + " " + r.get("value") + ": published "
                        + r.get("published_rank", Integer.class) + ", dense " + r.get("rank"))
                .sorted().collect(Collectors.toList());
        assertEquals(List.of(
                "PD-GELDERLAND-MIDDEN vernieling 5.94: published 3, dense 4",
                "PD-GELDERLAND-MIDDEN woninginbraak 3.83: published 3, dense 4",
                "PD-GELDERLAND-ZUID woninginbraak 3.92: published 4, dense 5"), differing);
    }

    @Test
    void theUnitsRowIsTheParentValue() {
        Map<String, Double> parent = new TreeMap<>();
        for (Record r : rows) parent.put(r.get("theme_code", String.class), r.get("parent_value", Double.class));
        assertEquals(3.09, parent.get("woonoverlast"));
        assertEquals(3.46, parent.get("woninginbraak"));
        assertEquals(7.09, parent.get("fietsendiefstal"));
        assertEquals(0.26, parent.get("vreemdelingen"));
        assertEquals(new TreeSet<>(List.of("gepubliceerd")),
                rows.stream().map(r -> r.get("parent_value_source", String.class)).collect(Collectors.toCollection(TreeSet::new)));
        Record tw = rows.stream().filter(r -> r.get("area_code").equals("PD-TWENTE") && r.get("theme_code").equals("fietsendiefstal")).findFirst().orElseThrow();
        assertEquals(25.4, tw.get("deviation_pct", Double.class), 1e-9); // (8.89 - 7.09) / 7.09 x 100 = 25.39
    }

    @Test
    void sqlUsesDenseRankWindows() throws Exception {
        String sql = new BenchmarkCube().query(wh.dsl(), Map.of()).getSQL();
        assertTrue(sql.contains("dense_rank() over (partition by"), sql);
        assertTrue(sql.contains("sum(ranked.rank) over (partition by ranked.region_code)"), sql);
    }


    @Test
    void unknownAreaNamesCloseMatches() {
        CubeException e = assertThrows(CubeException.class, () -> new BenchmarkCube().query(wh.dsl(), Map.of("area", "Oost-Nederlnd")));
        assertEquals("area", e.parameter());
        assertTrue(e.getMessage().contains("Oost-Nederland"), e.getMessage());
        CubeException t = assertThrows(CubeException.class, () -> new BenchmarkCube().query(wh.dsl(), Map.of("themes", "woninginbrak")));
        assertTrue(t.getMessage().contains("woninginbraak"), t.getMessage());
        CubeException p = assertThrows(CubeException.class, () -> new BenchmarkCube().query(wh.dsl(), Map.of("yaer", "2014")));
        assertTrue(p.getMessage().contains("year"), p.getMessage());
        CubeException y = assertThrows(CubeException.class, () -> new BenchmarkCube().query(wh.dsl(), Map.of("year", "2031")));
        assertEquals("year", y.parameter());
        assertTrue(y.getMessage().contains("nearest years with data"), y.getMessage());
    }

    @Test
    void areaNamesWithSuffixResolve() throws Exception {
        var r = new BenchmarkCube().query(wh.dsl(), Map.of("area", "oost-nederland (RE)", "themes", "Woninginbraken (high impact crime)")).fetch();
        assertEquals(5, r.size());
        // one theme of 21: the published 21-theme totals are not compared
        assertTrue(r.stream().noneMatch(x -> Boolean.TRUE.equals(x.get("total_differs"))));
    }
}
