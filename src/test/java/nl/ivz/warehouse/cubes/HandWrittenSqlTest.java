package nl.ivz.warehouse.cubes;

import nl.ivz.warehouse.bench.CubeBench;
import nl.ivz.warehouse.core.Warehouse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The benchmark's hand-written SQL files (src/bench/sql, one per cube) on the demo warehouse: each gives exactly the
 * rows of its cube run through {@link CubeRun} with the same parameters (the ones the file's placeholders take), in
 * the same order, with the same column names. Numbers are compared as doubles: the cube's DOUBLE and the file's
 * DECIMAL of the same rounded value are the same figure.
 */
class HandWrittenSqlTest {
    static Warehouse wh;

    @BeforeAll static void setUp() throws Exception { wh = DemoWarehouse.get(); }

    static Stream<Arguments> questions() {
        return Stream.of(
                Arguments.of("benchmark", Map.of("area", "RE02", "level", "district", "year", "2014")),
                Arguments.of("benchmark", Map.of("area", "PD-TWENTE", "level", "gemeente", "year", "2014")),
                Arguments.of("benchmark", Map.of("area", "RE02", "level", "gemeente", "year", "2016")),
                Arguments.of("trend", Map.of("area", "PD-TWENTE", "level", "gemeente", "from", "2013", "to", "2017")),
                // the land: bestuurlijk hierarchy (trend-national.sql), as the bench asks it
                Arguments.of("trend", Map.of("area", "NL01", "level", "gemeente", "from", "2012", "to", "2025")),
                Arguments.of("target", Map.of("area", "PD-TWENTE", "from", "2013", "to", "2017")),
                Arguments.of("priorities", Map.of()),
                Arguments.of("survey-sample", Map.of("area", "PD-TWENTE", "year", "2013")),
                Arguments.of("significance", Map.of("area", "PD-TWENTE", "year", "2013")),
                Arguments.of("dark-number", Map.of("area", "NL01", "year", "2015")),
                Arguments.of("dark-number-regions", Map.of("from", "2008", "to", "2011")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("questions")
    void givesTheCubesRows(String name, Map<String, String> params) throws Exception {
        Cube cube = Cubes.byName(name).orElseThrow();
        List<List<Object>> ours = rows(CubeRun.prepare(wh.dsl(), cube, params, null).sql());
        String twin = CubeBench.twinOf(name, params, wh.dsl());
        String sql = CubeBench.handWrittenSql(twin, params);
        assertNotNull(sql, "no bench/sql/" + twin + ".sql");
        List<List<Object>> hand = rows(sql);
        assertFalse(ours.isEmpty(), "the cube answers nothing for " + params + ": the comparison would prove nothing");
        assertEquals(ours.get(0), hand.get(0), name + ": column names");
        assertEquals(ours.size(), hand.size(), name + ": rows");
        for (int i = 1; i < ours.size(); i++) assertEquals(ours.get(i), hand.get(i), name + " row " + i);
    }

    @Test
    void everyCubeHasItsFile() {
        for (Cube c : Cubes.all()) assertNotNull(CubeBench.handWrittenSql(c.name(), Map.of("area", "X", "level", "gemeente", "year", "2016",
                "from", "2013", "to", "2017")), c.name());
    }

    /**
     * Geweld totaal in Nederland 2015, worked out by hand from the seeds (as DarkNumberCubeTest): population = inhabitants of 15+
     * on 1 January 2015 summed over 70072ned's 12 provinces = 14,073,660; survey rate 3.39 per 100, so
     * E = 3.39 / 100 x 14,073,660 = 477,097.07, shown as 477,097; registered (47025NED, 2015) 93,724.
     */
    @Test
    void darkNumberOfNederland2015ByHand() throws Exception {
        List<List<Object>> r = rows(CubeBench.handWrittenSql("dark-number", Map.of("area", "NL01", "year", "2015")));
        List<Object> names = r.get(0);
        List<Object> geweld = r.stream().skip(1).filter(x -> "vm_delicten_geweld_totaal".equals(x.get(names.indexOf("measure_code")))).findFirst().orElseThrow();
        assertEquals(14_073_660.0, geweld.get(names.indexOf("population")));
        assertEquals(477_097.0, geweld.get(names.indexOf("estimated")));
        assertEquals(93_724.0, geweld.get(names.indexOf("registered")));
        assertEquals("som van de 12 provincies (70072ned, 1-1-2015)", geweld.get(names.indexOf("population_basis")));
    }

    /** The column names, then each row with its numbers as doubles. */
    private static List<List<Object>> rows(String sql) throws Exception {
        List<List<Object>> out = new ArrayList<>();
        try (Statement st = wh.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            List<Object> names = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) names.add(md.getColumnLabel(i));
            out.add(names);
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    Object v = rs.getObject(i);
                    row.add(v instanceof Number n ? (Object) n.doubleValue() : v);
                }
                out.add(row);
            }
        }
        return out;
    }
}
