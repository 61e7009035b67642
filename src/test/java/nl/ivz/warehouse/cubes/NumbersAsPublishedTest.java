package nl.ivz.warehouse.cubes;

import nl.ivz.warehouse.core.Warehouse;
import nl.ivz.warehouse.export.ResultFormat;
import nl.ivz.warehouse.export.ResultWriter;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jooq.conf.ParamType;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14: every cube's CSV on the demo warehouse carries its numbers as published, no binary noise. Each numeric
 * cell may have at most the decimals its column declares; the questions include the ones whose raw values were noisy
 * (Twente's municipalities: change -12.747035573122531%, parent rate 49.335908815171926; survey cost 2097.2799999999997).
 */
class NumbersAsPublishedTest {
    static final List<Map<String, String>> EXTRA = List.of(
            Map.of("cube", "trend", "area", "Twente", "from", "2013", "to", "2014"),
            Map.of("cube", "trend", "area", "RE02", "level", "district", "from", "2013", "to", "2014"),
            Map.of("cube", "benchmark", "area", "Twente", "level", "gemeente", "year", "2014", "themes", "misdrijven_totaal"),
            Map.of("cube", "survey-sample", "own_questions", "true"),
            Map.of("cube", "significance", "year", "2015", "reference", "peers"),
            Map.of("cube", "target", "base", "2014"));

    @Test
    void noCubeCsvCarriesBinaryNoise() throws Exception {
        Warehouse wh = DemoWarehouse.get();
        List<String> noise = new ArrayList<>();
        int cells = 0;
        for (Cube cube : Cubes.all()) {
            List<Map<String, String>> questions = new ArrayList<>();
            questions.add(Map.of());
            for (Map<String, String> q : EXTRA) {
                if (!q.get("cube").equals(cube.name())) continue;
                Map<String, String> p = new java.util.HashMap<>(q);
                p.remove("cube");
                questions.add(p);
            }
            for (Map<String, String> params : questions) {
                String csv = csv(wh, cube.query(wh.dsl(), params).getSQL(ParamType.INLINED));
                try (CSVParser p = CSVParser.parse(new StringReader(csv), CSVFormat.DEFAULT.builder().setHeader().build())) {
                    assertEquals(cube.columns().stream().map(CubeColumn::name).toList(), p.getHeaderNames(), cube.name());
                    for (CSVRecord r : p) {
                        for (CubeColumn c : cube.columns()) {
                            String v = r.get(c.name());
                            if (c.decimals() == null || v.isEmpty()) continue;
                            cells++;
                            int dot = v.indexOf('.');
                            int decimals = dot < 0 ? 0 : v.length() - dot - 1;
                            if (decimals > c.decimals() || v.contains("E")) {
                                noise.add(cube.name() + " " + params + " " + c.name() + " = " + v + " (published with " + c.decimals() + " decimals)");
                            }
                        }
                    }
                }
            }
        }
        assertTrue(noise.isEmpty(), String.join("\n", noise));
        assertTrue(cells > 1000, "numeric cells checked: " + cells);
    }

    @Test
    void everyFractionalColumnDeclaresItsDecimals() throws Exception {
        // the types are the engine's for each cube's default question; the declared notes must cover every column, in order
        Warehouse wh = DemoWarehouse.get();
        int fractional = 0;
        for (Cube cube : Cubes.all()) {
            List<CubeRun.TypedColumn> typed = CubeRun.describe(wh.dsl(), wh.connection(), cube);
            assertTrue(typed != null, cube.name() + ": the default parameters resolve on the demo warehouse");
            assertEquals(cube.columns().stream().map(CubeColumn::name).toList(), typed.stream().map(CubeRun.TypedColumn::name).toList(), cube.name());
            for (CubeRun.TypedColumn c : typed) {
                if (c.type().startsWith("DOUBLE") || c.type().startsWith("DECIMAL")) {
                    fractional++;
                    assertTrue(c.about().decimals() != null, cube.name() + "." + c.name() + " (" + c.type() + ") declares no published precision");
                } else {
                    assertTrue(c.about().decimals() == null, cube.name() + "." + c.name() + " (" + c.type() + ") is not fractional but declares decimals");
                }
            }
        }
        assertTrue(fractional > 50, "fractional columns: " + fractional);
    }

    @Test
    void moneyIsDecimalAndTheNoisyExamplesAreRounded() throws Exception {
        Warehouse wh = DemoWarehouse.get();
        String sample = csv(wh, new SurveySampleCube().query(wh.dsl(), Map.of()).getSQL(ParamType.INLINED));
        // seed 000: Borne needs 226 extra respondents at EUR 9.28 = 2,097.28 (a double gives 2097.2799999999997)
        assertTrue(sample.contains("Borne,74,226,226,9.28,2097.28,2095,2100,false"), sample);
        try (Statement st = wh.connection().createStatement();
             ResultSet rs = st.executeQuery(new SurveySampleCube().query(wh.dsl(), Map.of()).getSQL(ParamType.INLINED))) {
            assertEquals("DECIMAL(18,2)", rs.getMetaData().getColumnTypeName(rs.findColumn("cost")));
        }
        String twente = csv(wh, new BenchmarkCube().query(wh.dsl(), EXTRA.get(2).entrySet().stream()
                .filter(e -> !e.getKey().equals("cube")).collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)))
                .getSQL(ParamType.INLINED));
        // the district's rate: 30,905 crimes / 626,420 summed derived inhabitants x 1,000 = 49.3359..., two decimals
        assertTrue(twente.contains(",49.34,berekend,"), twente);
    }

    static String csv(Warehouse wh, String sql) throws Exception {
        try (Statement st = wh.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new ResultWriter(ResultFormat.CSV, Long.MAX_VALUE).write(rs, out, System.nanoTime());
            return out.toString(StandardCharsets.UTF_8);
        }
    }
}
