package nl.ivz.warehouse.cubes;

import nl.ivz.warehouse.core.Warehouse;
import org.jooq.Record;
import org.jooq.Result;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The whole country on the demo warehouse (the bundled national geography and the real CBS files): every
 * municipality, unit and province compared, borders over time, and coverage said where it is short.
 */
class NationalCubesTest {
    static Warehouse wh;

    @BeforeAll static void setUp() throws Exception { wh = DemoWarehouse.get(); }

    static Map<String, Record> byArea(Result<? extends Record> r) {
        Map<String, Record> m = new LinkedHashMap<>();
        for (Record x : r) m.put(x.get("area_code", String.class), x);
        return m;
    }

    static Result<? extends Record> benchmark(String... kv) throws Exception {
        Map<String, String> p = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) p.put(kv[i], kv[i + 1]);
        return new BenchmarkCube().query(wh.dsl(), p).fetch();
    }

    /*
     * By hand from the bundled files: 47013NED table view (2023 column, "Totaal misdrijven", 342 municipality rows on
     * the borders of 2026, which are those of 2023) over 03759ned "Bevolking op 1 januari" (M000352, 2023JJ00, RegioS
     * GM codes), joined on the municipality's name in codes-RegioS.json. Lowest Dantumadiel 287 / 19,194; highest
     * Rozendaal 355 / 1,754; Enschede 9,082 / 161,235; Amsterdam 81,783 / 918,117. Sum of the 342 municipalities
     * 805,308 over 17,811,291 inhabitants (= Nederland's own 1 January figure); Nederland's own row is 805,590
     * (it includes "Buitenland" and "Gemeenten; niet in te delen").
     */
    @Test
    void everyMunicipalityOfNederland2023() throws Exception {
        Result<? extends Record> r = benchmark("area", "Nederland", "level", "gemeente", "year", "2023", "themes", "misdrijven_totaal");
        assertEquals(342, r.size());
        Map<String, Record> a = byArea(r);
        Record first = r.stream().min(Comparator.comparing(x -> x.get("value", Double.class))).orElseThrow();
        Record last = r.stream().max(Comparator.comparing(x -> x.get("value", Double.class))).orElseThrow();
        assertEquals("Dantumadiel", first.get("area_name"));
        assertEquals(r2(287.0 / 19194 * 1000), first.get("value", Double.class), 1e-9);
        assertEquals(1, first.get("rank", Integer.class));
        assertEquals("Rozendaal", last.get("area_name"));
        assertEquals(r2(355.0 / 1754 * 1000), last.get("value", Double.class), 1e-9);
        assertEquals(r2(9082.0 / 161235 * 1000), a.get("GM0153").get("value", Double.class), 1e-9);
        assertEquals(r2(81783.0 / 918117 * 1000), a.get("GM0363").get("value", Double.class), 1e-9);
        for (Record x : r) {
            assertEquals(r2(805308.0 / 17811291 * 1000), x.get("parent_value", Double.class), 1e-9); // 45.21
            assertEquals("berekend", x.get("parent_value_source"));
            assertEquals("bestuurlijk", x.get("hierarchy"));
            assertEquals(342, x.get("areas_expected", Integer.class));
            assertEquals(342L, x.get("areas_with_data", Long.class));
            assertEquals(true, x.get("coverage_complete"));
            assertNull(x.get("coverage_note"));
        }
    }

    /*
     * The 10 units: their own totals in 47013NED (2023 column, "Noord-Nederland (RE)" ...) over the sum of the 1 January
     * 2023 population (03759ned) of the municipalities each unit holds in 2023 (reference/geography_memberships.csv,
     * politie; Twente's 14 through their basisteams in region_memberships.csv), summed by hand: Noord-Nederland
     * 1,757,677, Oost-Nederland 3,318,041, Amsterdam 1,124,101. Nederland from all 10: 805,308 / 17,811,291.
     */
    @Test
    void theTenUnits2023WithRates() throws Exception {
        Result<? extends Record> r = benchmark("area", "Nederland", "level", "eenheid", "year", "2023", "themes", "misdrijven_totaal");
        assertEquals(10, r.size());
        Map<String, Record> a = byArea(r);
        assertEquals(r2(64455.0 / 1757677 * 1000), a.get("RE01").get("value", Double.class), 1e-9); // 36.67
        assertEquals(1, a.get("RE01").get("rank", Integer.class));
        assertEquals(r2(122522.0 / 3318041 * 1000), a.get("RE02").get("value", Double.class), 1e-9);
        assertEquals(3318041.0, a.get("RE02").get("population", Double.class));
        assertEquals(r2(90229.0 / 1124101 * 1000), a.get("RE05").get("value", Double.class), 1e-9); // 80.27
        assertEquals(10, a.get("RE05").get("rank", Integer.class));
        assertEquals(r2(805308.0 / 17811291 * 1000), r.get(0).get("parent_value", Double.class), 1e-9);
        assertEquals("politie", r.get(0).get("hierarchy"));
        assertEquals(true, r.get(0).get("coverage_complete"));
    }

    /*
     * 47013NED publishes 2022 on the borders of 2026: Brielle, Hellevoetsluis and Westvoorne (merged into Voorne aan
     * Zee on 1 January 2023) and Weesp (into Amsterdam in 2022) have no 2022 row of their own. On the borders of 2022
     * (345 municipalities on 1 January, 03759ned) the group is short of those 4, and Nederland's value is not made of the rest:
     * it is its own 2022 total over its own 1 January 2022 population (800,027 / 17,590,672).
     */
    @Test
    void anIncompletePeerGroupSaysSo() throws Exception {
        Result<? extends Record> r = benchmark("area", "Nederland", "level", "gemeente", "year", "2022", "themes", "misdrijven_totaal");
        Record x = r.get(0);
        assertEquals(345, x.get("areas_expected", Integer.class));
        assertEquals(341L, x.get("areas_with_data", Long.class));
        assertEquals(341, r.size());
        assertEquals(0, x.get("areas_unplaced", Integer.class));
        assertEquals(false, x.get("coverage_complete"));
        assertEquals("onvolledig (gemeente onder Nederland, bestuurlijk, 2022): 341 van 345 met gegevens, zonder: Brielle, Hellevoetsluis, Weesp, Westvoorne",
                x.get("coverage_note"));
        assertEquals("berekend (eigen totaal)", x.get("parent_value_source"));
        assertEquals(r2(800027.0 / 17590672 * 1000), x.get("parent_value", Double.class), 1e-9);
        // on the file's own borders the comparison is whole again
        Result<? extends Record> b = benchmark("area", "Nederland", "level", "gemeente", "year", "2022", "borders", "2026", "themes", "misdrijven_totaal");
        assertEquals(true, b.get(0).get("coverage_complete"));
        assertEquals(342, b.size());
    }

    /*
     * 83648NED provinces (the wide file, "Misdrijven, totaal", 2017*) over 70072ned TotaleBevolking_1 2017JJ00 (1 January):
     * lowest Drenthe 16,385 / 491,792, highest Noord-Holland 171,430 / 2,809,483; the 12 provinces 829,335 over
     * 17,081,507 (the file's "Niet in te delen (PV)" 1,450 is no province).
     */
    @Test
    void theTwelveProvinces2017() throws Exception {
        Result<? extends Record> r = benchmark("area", "Nederland", "level", "provincie", "year", "2017", "themes", "misdrijven_totaal");
        assertEquals(12, r.size());
        Map<String, Record> a = byArea(r);
        assertEquals(r2(16385.0 / 491792 * 1000), a.get("PV22").get("value", Double.class), 1e-9);
        assertEquals(1, a.get("PV22").get("rank", Integer.class));
        assertEquals(r2(171430.0 / 2809483 * 1000), a.get("PV27").get("value", Double.class), 1e-9);
        assertEquals(12, a.get("PV27").get("rank", Integer.class));
        assertEquals(r2(829335.0 / 17081507 * 1000), r.get(0).get("parent_value", Double.class), 1e-9);
        assertEquals(true, r.get(0).get("coverage_complete"));
        assertEquals("bestuurlijk", r.get(0).get("hierarchy"));
    }

    /* 83648NED (municipal file) "Misdrijven, totaal": Schijndel, Sint-Oedenrode and Veghel summed before 2017. */
    @Test
    void meierijstadAndBergEnDalOn2017Borders() throws Exception {
        Map<Integer, Double> mei = new LinkedHashMap<>();
        for (Record x : new TrendCube().query(wh.dsl(), Map.of("area", "Meierijstad", "from", "2013", "to", "2017", "borders", "2017")).fetch()) {
            mei.put(x.get("period_year", Integer.class), x.get("value", Double.class));
        }
        assertEquals(Map.of(2013, 4110.0, 2014, 3630.0, 2015, 3145.0, 2016, 3105.0, 2017, 2530.0), mei);
        Map<Integer, Double> bed = new LinkedHashMap<>();
        for (Record x : new TrendCube().query(wh.dsl(), Map.of("area", "Berg en Dal", "from", "2013", "to", "2017", "borders", "2017")).fetch()) {
            bed.put(x.get("period_year", Integer.class), x.get("value", Double.class));
        }
        // Groesbeek 915 + Millingen aan de Rijn 140 + Ubbergen 340 in 2013; Groesbeek alone after the 2015 merger; renamed 2016
        assertEquals(Map.of(2013, 1395.0, 2014, 1220.0, 2015, 1330.0, 2016, 1195.0, 2017, 1020.0), bed);
    }

    @Test
    void aTrendBelowAPoliceUnitWalksThePoliceHierarchy() throws Exception {
        assertTrue(Set.of("politie").containsAll(new TrendCube().query(wh.dsl(), Map.of("area", "RE09", "from", "2016", "to", "2017")).fetch()
                .stream().map(x -> x.get("hierarchy", String.class)).collect(Collectors.toSet())));
    }

    /** Rates are published and served with 2 decimals (the cube column's declared precision). */
    private static double r2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
