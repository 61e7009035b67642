package nl.ivz.warehouse.cubes;

import nl.ivz.warehouse.core.Warehouse;
import org.jooq.Record;
import org.jooq.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Borders over time, hierarchies and coverage on a small geography: the municipalities behind Meierijstad
 * (2017) and Berg en Dal (2015/2016) with their real counts, so the machinery is checked apart from the
 * national reference data.
 *
 * Counts: 83648NED "Misdrijven, totaal" (StatLine CSV met labels, realdata/statline-csv-labels_83648NED), copied by
 * hand per municipality and year; empty cells (merged away) left out. Published rates (per 1,000) from the same rows.
 * Links: CBS herindelingen (realdata/geography_merges_to_2017): GM0844 Schijndel, GM0846 Sint-Oedenrode, GM0860
 * Veghel -> GM1948 Meierijstad (2017); GM0265 and GM0282 -> GM0241 Groesbeek (2015); GM0241 -> GM1945 Berg en Dal
 * (2016, renamed). Units and provinces: 83287NED 2016 (Meierijstad's predecessors RE09 PV30 LD04, Berg en Dal and
 * Enschede RE02, PV25/PV23, LD02).
 */
class BordersAndCoverageCubeTest {
    static Warehouse wh;

    @BeforeAll static void setUp() throws Exception {
        wh = Warehouse.inMemory();
        wh.migrate();
        List<String> sql = new java.util.ArrayList<>(List.of(
                "INSERT INTO dim_theme VALUES ('misdrijven_totaal', 'Misdrijven totaal', 0, 'totaal', NULL)",
                "INSERT INTO dim_measure VALUES ('geregistreerde_misdrijven', 'Geregistreerde misdrijven', 'aantal', 'hoger_slechter', NULL, NULL, NULL)",
                "INSERT INTO dim_measure VALUES ('misdrijven_per_1000_inw', 'Misdrijven per 1000 inwoners', 'per 1000 inwoners', "
                        + "'hoger_slechter', 'geregistreerde_misdrijven', 'inwoners', '83648NED')",
                "INSERT INTO dim_region (region_code, region_name, region_level, valid_from, valid_to) VALUES "
                        + "('NL01', 'Nederland', 'land', 1900, 9999), ('LD02', 'Oost-Nederland', 'landsdeel', 1900, 9999), ('LD04', 'Zuid-Nederland', 'landsdeel', 1900, 9999),"
                        + "('PV23', 'Overijssel', 'provincie', 1900, 9999), ('PV25', 'Gelderland', 'provincie', 1900, 9999), ('PV30', 'Noord-Brabant', 'provincie', 1900, 9999),"
                        + "('RE02', 'Oost-Nederland', 'eenheid', 2013, 9999), ('RE09', 'Oost-Brabant', 'eenheid', 2013, 9999),"
                        + "('GM0844', 'Schijndel', 'gemeente', 1900, 2016), ('GM0846', 'Sint-Oedenrode', 'gemeente', 1900, 2016), ('GM0860', 'Veghel', 'gemeente', 1900, 2016),"
                        + "('GM1948', 'Meierijstad', 'gemeente', 2017, 9999), ('GM0265', 'Millingen aan de Rijn', 'gemeente', 1900, 2014),"
                        + "('GM0282', 'Ubbergen', 'gemeente', 1900, 2014), ('GM0241', 'Groesbeek', 'gemeente', 1900, 2015), ('GM1945', 'Berg en Dal', 'gemeente', 2016, 9999),"
                        + "('GM0153', 'Enschede', 'gemeente', 1900, 9999)",
                "INSERT INTO dim_region_parent (region_code, hierarchy, parent_code, valid_from, valid_to) VALUES "
                        + "('LD02', 'bestuurlijk', 'NL01', 1900, 9999), ('LD04', 'bestuurlijk', 'NL01', 1900, 9999), ('PV23', 'bestuurlijk', 'LD02', 1900, 9999),"
                        + "('PV25', 'bestuurlijk', 'LD02', 1900, 9999), ('PV30', 'bestuurlijk', 'LD04', 1900, 9999),"
                        + "('RE02', 'politie', 'NL01', 2013, 9999), ('RE09', 'politie', 'NL01', 2013, 9999)",
                "INSERT INTO dim_region_successor (region_code, successor_code, from_year, change_kind, source) VALUES "
                        + "('GM0844', 'GM1948', 2017, 'samenvoeging', 'CBS'), ('GM0846', 'GM1948', 2017, 'samenvoeging', 'CBS'),"
                        + "('GM0860', 'GM1948', 2017, 'samenvoeging', 'CBS'), ('GM0265', 'GM0241', 2015, 'samenvoeging', 'CBS'),"
                        + "('GM0282', 'GM0241', 2015, 'samenvoeging', 'CBS'), ('GM0241', 'GM1945', 2016, 'naamswijziging', 'CBS')"));
        // gemeente directly under its unit (no basisteam known) and under its province
        Object[][] members = {{"GM0844", "PV30", "RE09", 1900, 2016}, {"GM0846", "PV30", "RE09", 1900, 2016}, {"GM0860", "PV30", "RE09", 1900, 2016},
                {"GM1948", "PV30", "RE09", 2017, 9999}, {"GM0265", "PV25", "RE02", 1900, 2014}, {"GM0282", "PV25", "RE02", 1900, 2014},
                {"GM0241", "PV25", "RE02", 1900, 2015}, {"GM1945", "PV25", "RE02", 2016, 9999}, {"GM0153", "PV23", "RE02", 1900, 9999}};
        for (Object[] m : members) {
            sql.add("INSERT INTO dim_region_parent (region_code, hierarchy, parent_code, valid_from, valid_to) VALUES ('" + m[0] + "', 'bestuurlijk', '" + m[1] + "', " + m[3] + ", " + m[4] + "), "
                    + "('" + m[0] + "', 'politie', '" + m[2] + "', " + m[3] + ", " + m[4] + ")");
        }
        for (int y = 2013; y <= 2017; y++) {
            sql.add("INSERT INTO dim_period VALUES ('" + y + "JJ00', " + y + ", NULL, 'jaar', '" + y + "', 'definitief')");
        }
        // 83648NED counts and published rates, "Misdrijven, totaal"
        Object[][] facts = {
                {"GM0844", 2013, 1265, 54.3}, {"GM0844", 2014, 995, 42.7}, {"GM0844", 2015, 910, 38.6}, {"GM0844", 2016, 1000, 42.2},
                {"GM0846", 2013, 880, 49.0}, {"GM0846", 2014, 755, 42.0}, {"GM0846", 2015, 585, 32.6}, {"GM0846", 2016, 550, 30.6},
                {"GM0860", 2013, 1965, 52.5}, {"GM0860", 2014, 1880, 50.2}, {"GM0860", 2015, 1650, 43.7}, {"GM0860", 2016, 1555, 40.8},
                {"GM1948", 2017, 2530, 31.7},
                {"GM0265", 2013, 140, 23.5}, {"GM0265", 2014, 120, 20.3}, {"GM0282", 2013, 340, 35.7}, {"GM0282", 2014, 280, 29.8},
                {"GM0241", 2013, 915, 48.0}, {"GM0241", 2014, 820, 43.1}, {"GM0241", 2015, 1330, 38.8},
                {"GM1945", 2016, 1195, 34.6}, {"GM1945", 2017, 1020, 29.4}};
        for (Object[] f : facts) {
            sql.add("INSERT INTO fct_registration VALUES (1, '" + f[0] + "', '" + f[1] + "JJ00', 'misdrijven_totaal', 'geregistreerde_misdrijven', '83648NED', 'Misdrijven, totaal', " + f[2] + ")");
            sql.add("INSERT INTO fct_registration VALUES (1, '" + f[0] + "', '" + f[1] + "JJ00', 'misdrijven_totaal', 'misdrijven_per_1000_inw', '83648NED', 'Misdrijven, totaal', " + f[3] + ")");
            // the 83648NED loader's derived population: count / published rate x 1,000
            sql.add("INSERT INTO fct_population VALUES (1, '" + f[0] + "', '" + f[1] + "JJ00', 'inwoners_afgeleid', '83648NED', NULL, " + f[2] + " / " + f[3] + " * 1000)");
        }
        try (Statement st = wh.connection().createStatement()) {
            for (String s : sql) st.execute(s);
        }
        // facts written by hand, not by the loader: the yearly aggregate the cubes read is rebuilt from them
        nl.ivz.warehouse.load.RegistrationYears.rebuild(wh.connection());
    }

    @AfterAll static void tearDown() throws Exception { wh.close(); }

    static Map<Integer, Double> byYear(Result<? extends Record> r, String area) {
        Map<Integer, Double> m = new LinkedHashMap<>();
        for (Record x : r) if (x.get("area_code").equals(area)) m.put(x.get("period_year", Integer.class), x.get("value", Double.class));
        return m;
    }

    @Test
    void meierijstadOn2017BordersSumsItsPredecessors() throws Exception {
        Result<? extends Record> r = new TrendCube().query(wh.dsl(), Map.of("area", "Meierijstad", "from", "2013", "to", "2017", "borders", "2017")).fetch();
        // 2013: 1265 + 880 + 1965; 2014: 995 + 755 + 1880; 2015: 910 + 585 + 1650; 2016: 1000 + 550 + 1555; 2017 published for Meierijstad itself
        assertEquals(Map.of(2013, 4110.0, 2014, 3630.0, 2015, 3145.0, 2016, 3105.0, 2017, 2530.0), byYear(r, "GM1948"));
        assertTrue(r.stream().allMatch(x -> Boolean.TRUE.equals(x.get("borders_exact"))));
        assertEquals(2017, r.get(0).get("borders_year", Integer.class));
        // no population on 1 January is loaded for these years: the rate is left empty, not estimated
        assertTrue(r.stream().allMatch(x -> x.get("rate_per_1000") == null && x.get("population_areas", Long.class) == 0L));
    }

    @Test
    void bergEnDalKeepsGroesbeeksHistoryAndItsMergedNeighbours() throws Exception {
        Result<? extends Record> r = new TrendCube().query(wh.dsl(), Map.of("area", "Berg en Dal", "from", "2013", "to", "2017")).fetch();
        // 2013: Groesbeek 915 + Millingen aan de Rijn 140 + Ubbergen 340; 2014: 820 + 120 + 280; 2015: Groesbeek (merged) 1330;
        // 2016 and 2017: Berg en Dal (Groesbeek renamed) 1195 and 1020
        assertEquals(Map.of(2013, 1395.0, 2014, 1220.0, 2015, 1330.0, 2016, 1195.0, 2017, 1020.0), byYear(r, "GM1945"));
    }

    @Test
    void onItsOwnBordersAYearKeepsItsOwnAreas() throws Exception {
        // on 2016 borders Meierijstad does not exist yet: Veghel is its own leaf under Oost-Brabant (gemeente directly under the unit)
        Result<? extends Record> r = new TrendCube().query(wh.dsl(), Map.of("area", "RE09", "level", "gemeente", "from", "2015", "to", "2016")).fetch();
        assertEquals(Map.of(2015, 1650.0, 2016, 1555.0), byYear(r, "GM0860"));
        assertEquals(Map.of(2015, 3145.0, 2016, 3105.0), byYear(r, "RE09"));
        assertEquals("politie", r.get(0).get("hierarchy"));
        assertEquals(List.of("eenheid", "gemeente"), r.stream().map(x -> x.get("area_level", String.class)).distinct().collect(Collectors.toList()));
    }

    @Test
    void benchmarkOnLaterBordersRecomputesTheRateFromSummedCountsAndPopulation() throws Exception {
        Result<? extends Record> r = new BenchmarkCube().query(wh.dsl(), Map.of("area", "Nederland", "level", "gemeente", "year", "2013",
                "borders", "2017", "themes", "misdrijven_totaal")).fetch();
        Record m = r.stream().filter(x -> x.get("area_code").equals("GM1948")).findFirst().orElseThrow();
        assertEquals(4110.0, m.get("count_value", Double.class));
        // derived populations 1265 / 54.3, 880 / 49.0 and 1965 / 52.5 (x 1,000) summed
        double pop = (1265 / 54.3 + 880 / 49.0 + 1965 / 52.5) * 1000;
        // served as published: population whole, the rate (from the unrounded sum) with 2 decimals
        assertEquals(Math.round(pop), m.get("population", Double.class), 1e-9);
        assertEquals(Math.round(4110 / pop * 1000 * 100) / 100.0, m.get("value", Double.class), 1e-9);
        assertEquals("bestuurlijk", m.get("hierarchy"));
        // Enschede is in the 2017 geography but none of its counts are loaded here: the group is incomplete, and says so
        assertEquals(3, m.get("areas_expected", Integer.class));
        assertEquals(2L, m.get("areas_with_data", Long.class));
        assertEquals(false, m.get("coverage_complete"));
        assertTrue(m.get("coverage_note", String.class).contains("2 van 3"), m.get("coverage_note", String.class));
        // and Nederland's value is not the mean of the two: nothing loaded for Nederland itself, so none
        assertNull(m.get("parent_value"));
        assertNull(m.get("parent_value_source"));
    }

    @Test
    void hierarchyFollowsTheLevelsAndRefusesAMismatch() throws Exception {
        // municipalities under Nederland: bestuurlijk by default, through province and landsdeel, found transitively
        Result<? extends Record> pv = new TrendCube().query(wh.dsl(), Map.of("area", "Nederland", "from", "2016", "to", "2016")).fetch();
        assertEquals(List.of("land", "landsdeel", "provincie", "gemeente"), pv.stream().map(x -> x.get("area_level", String.class)).distinct().collect(Collectors.toList()));
        assertEquals(1555.0 + 1000 + 550, byYear(pv, "PV30").get(2016));
        CubeException e = assertThrows(CubeException.class, () -> new BenchmarkCube().query(wh.dsl(),
                Map.of("area", "Nederland", "level", "eenheid", "year", "2016", "hierarchy", "bestuurlijk")));
        assertEquals("hierarchy", e.parameter());
        assertTrue(e.getMessage().contains("eenheid belongs to the politie hierarchy"), e.getMessage());
        CubeException b = assertThrows(CubeException.class, () -> new BenchmarkCube().query(wh.dsl(),
                Map.of("area", "Nederland", "level", "gemeente", "year", "2016", "borders", "2014")));
        assertEquals("borders", b.parameter());
    }
}
