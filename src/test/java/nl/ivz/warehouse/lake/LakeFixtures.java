package nl.ivz.warehouse.lake;

import nl.ivz.warehouse.core.Warehouse;
import nl.ivz.warehouse.load.LoadOptions;
import nl.ivz.warehouse.load.LoadException;
import nl.ivz.warehouse.load.Loader;
import nl.ivz.warehouse.bench.Country;
import nl.ivz.warehouse.bench.Generator;
import org.jooq.Record;
import org.jooq.Result;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Warehouses for the engine tests, and results compared value by value across engines. */
final class LakeFixtures {
    static final Path SOURCES = Path.of("warehouse", "sources");

    private LakeFixtures() { }

    /** The demo warehouse (everything in warehouse/sources), in memory. */
    static Warehouse demo() throws Exception {
        Warehouse wh = Warehouse.inMemory();
        wh.migrate();
        new Loader(wh, null).load(List.of(SOURCES), LoadOptions.defaults());
        return wh;
    }

    /**
     * A small synthetic national warehouse (ivz bench generate at scale 0.002, seed 7: 3 units, 3 districts, their
     * municipalities, wijken and buurten), loaded folder by folder with the project's loaders. Folders whose layout has
     * no loader on this branch yet (the police StatLine/OData layouts) are left out, and load once their loaders exist.
     */
    static Warehouse national(Path dir) throws Exception {
        Path src = dir.resolve("national-sources");
        new Generator(Country.build(0.002, 7), src, null).generate(Path.of("warehouse/sources/reference"));
        Warehouse wh = Warehouse.inMemory();
        wh.migrate();
        Loader loader = new Loader(wh, null);
        for (String d : List.of("reference", "veiligheidsmonitor", "plans", "survey", "population", "registrations")) {
            Path p = src.resolve(d);
            if (!java.nio.file.Files.isDirectory(p)) continue;
            try {
                loader.load(List.of(p), LoadOptions.defaults());
            } catch (LoadException e) {
                if (!e.getMessage().contains("expected the header of a known layout")) throw e;
            }
        }
        return wh;
    }

    /**
     * Rows as canonical strings: numbers of any type (DuckDB BIGINT, Spark INT, DECIMAL, DOUBLE) by their value at
     * 12 significant digits, because engines add doubles in a different order and differ in the last bits only.
     */
    static List<List<String>> canonical(Result<? extends Record> r) {
        List<List<String>> rows = new ArrayList<>();
        for (Record rec : r) {
            List<String> row = new ArrayList<>();
            for (int k = 0; k < rec.size(); k++) row.add(canonical(rec.get(k)));
            rows.add(row);
        }
        return rows;
    }

    static String canonical(Object v) {
        if (v == null) return "NULL";
        if (v instanceof Double d && (d.isNaN() || d.isInfinite())) return d.toString();
        if (v instanceof Float f && (f.isNaN() || f.isInfinite())) return f.toString();
        if (v instanceof Number n) {
            BigDecimal b = n instanceof BigDecimal bd ? bd : new BigDecimal(n.toString());
            if (b.signum() == 0) return "0";
            return b.round(new MathContext(12)).stripTrailingZeros().toPlainString();
        }
        return v.toString();
    }

    /** Runs a cube question on another engine. */
    interface OtherEngine {
        Result<? extends Record> run(CubeCases.Case c) throws Exception;
    }

    /**
     * Every cube question gives the same columns and rows on {@code other} as on DuckDB ({@code wh}); each cube
     * answers at least one question with rows (or, where the warehouse lacks data, at least 3 cubes do).
     */
    static void sameAnswers(Warehouse wh, String engine, OtherEngine other, Iterable<CubeCases.Case> cases,
                            boolean everyCubeAnswers) throws Exception {
        java.util.Set<String> withRows = new java.util.HashSet<>();
        List<String> failures = new ArrayList<>();
        for (CubeCases.Case c : cases) {
            Result<? extends Record> duck;
            try {
                duck = c.cube().query(wh.dsl(), c.params()).fetch();
            } catch (nl.ivz.warehouse.cubes.CubeException refused) {
                if (everyCubeAnswers) throw refused;
                continue; // this warehouse has no data for the question (e.g. no police registrations yet)
            }
            if (!duck.isEmpty()) withRows.add(c.cube().name());
            try {
                Result<? extends Record> theirs = other.run(c);
                if (!names(duck).equals(names(theirs))) {
                    failures.add(c + ": columns " + names(duck) + " on DuckDB, " + names(theirs) + " on " + engine);
                } else if (!canonical(duck).equals(canonical(theirs))) {
                    failures.add(c + ": rows differ\n  DuckDB: " + canonical(duck) + "\n  " + engine + ":  " + canonical(theirs));
                }
            } catch (Exception e) {
                String m = String.valueOf(e.getMessage());
                failures.add(c + ": " + (m.contains("Query failed") ? m.substring(m.indexOf("Query failed")) : m).lines().limit(6)
                        .collect(java.util.stream.Collectors.joining(" | ")));
            }
        }
        org.junit.jupiter.api.Assertions.assertTrue(failures.isEmpty(),
                failures.size() + " cube question(s) differ on " + engine + ":\n" + String.join("\n", failures));
        if (everyCubeAnswers) {
            for (CubeCases.Case c : cases) {
                org.junit.jupiter.api.Assertions.assertTrue(withRows.contains(c.cube().name()), c.cube().name() + " returned no rows in any case");
            }
        } else {
            org.junit.jupiter.api.Assertions.assertTrue(withRows.size() >= 3, "cubes with answers: " + withRows);
        }
    }

    static List<String> names(Result<? extends Record> r) {
        List<String> out = new ArrayList<>();
        for (org.jooq.Field<?> f : r.fields()) out.add(f.getName().toLowerCase(java.util.Locale.ROOT));
        return out;
    }
}
