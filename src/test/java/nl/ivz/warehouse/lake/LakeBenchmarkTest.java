package nl.ivz.warehouse.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nl.ivz.warehouse.bench.Country;
import nl.ivz.warehouse.bench.Generator;
import nl.ivz.warehouse.core.Warehouse;
import nl.ivz.warehouse.cubes.Cube;
import nl.ivz.warehouse.cubes.Cubes;
import nl.ivz.warehouse.lake.spark.SparkLake;
import nl.ivz.warehouse.load.LoadOptions;
import nl.ivz.warehouse.load.Loader;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * A measurement run as a test (skipped unless asked for): the cubes on DuckDB, Spark local and Trino on the same
 * data, median of 5 runs after a warm-up, written to target/lake-bench.md. It fails when an engine answers a
 * question with another number of rows than DuckDB, or when no cube has a question that answers on the data.
 * <pre>mvn test -Dtest=LakeBenchmarkTest -Dlake.bench.scale=0.01      (synthetic national, ivz bench generate)
 * mvn test -Dtest=LakeBenchmarkTest -Dlake.bench.sources=warehouse/sources   (the demo)</pre>
 */
@Tag("spark")
class LakeBenchmarkTest {
    static final int RUNS = 5;

    @TempDir
    Path dir;

    /** Questions tried per cube, first one that answers on DuckDB is timed (national codes first, then the demo's). */
    static final Map<String, List<Map<String, String>>> CANDIDATES = Map.of(
            "benchmark", List.of(Map.of("area", "NL01", "level", "district", "year", "2020"), Map.of()),
            "trend", List.of(Map.of("area", "RE02", "level", "gemeente", "from", "2015", "to", "2022"), Map.of()),
            "target", List.of(Map.of()),
            "priorities", List.of(Map.of()),
            "survey-sample", List.of(Map.of()),
            "significance", List.of(Map.of("area", "RE02", "level", "basisteam"), Map.of()),
            "dark-number", List.of(Map.of("area", "RE02", "year", "2019"), Map.of()));

    static double medianMillis(Callable<?> run) throws Exception {
        run.call();
        double[] t = new double[RUNS];
        for (int k = 0; k < RUNS; k++) {
            long s = System.nanoTime();
            run.call();
            t[k] = (System.nanoTime() - s) / 1e6;
        }
        Arrays.sort(t);
        return t[RUNS / 2];
    }

    @Test
    void cubesOnDuckDbSparkAndTrino() throws Exception {
        String scale = System.getProperty("lake.bench.scale");
        String sources = System.getProperty("lake.bench.sources");
        Assumptions.assumeTrue(scale != null || sources != null, "measurement only: give -Dlake.bench.scale=S or -Dlake.bench.sources=DIR");
        Path src = sources != null ? Path.of(sources) : dir.resolve("generated");
        if (sources == null) new Generator(Country.build(Double.parseDouble(scale), 7), src, null).generate(Path.of("warehouse/sources/reference"));
        StringBuilder out = new StringBuilder();
        try (Warehouse wh = Warehouse.open(dir.resolve("bench.duckdb"))) {
            wh.migrate();
            long t0 = System.nanoTime();
            new Loader(wh, null).load(List.of(src), LoadOptions.defaults());
            double load = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            IcebergExport.Result export = new IcebergExport(wh, dir.resolve("lake").toString(), null).run();
            double exportS = (System.nanoTime() - t0) / 1e9;
            long facts = export.tables().stream().filter(t -> t.table().startsWith("fct_")).mapToLong(IcebergExport.TableResult::rows).sum();
            out.append(String.format(Locale.ROOT, "Data: %s; %,d fact rows; load %.1f s; Iceberg export %.1f s (%,d bytes)%n%n",
                    sources != null ? sources : "synthetic national scale " + scale, facts, load, exportS,
                    export.tables().stream().mapToLong(IcebergExport.TableResult::bytes).sum()));
            out.append("| cube | question | rows | DuckDB ms | Spark local[2] ms | Trino ms | Spark/DuckDB | Trino/DuckDB |\n|---|---|---|---|---|---|---|---|\n");
            TrinoServer trino = TrinoServer.unavailable().isEmpty() ? TrinoServer.start(dir.resolve("trino")) : null;
            Connection tc = null;
            int answered = 0;
            try (SparkLake spark = SparkLake.local(dir.resolve("lake").toString(), 2)) {
                DSLContext tdsl = null;
                if (trino != null) {
                    tc = TrinoLake.connect(trino.jdbcUrl("ivz"), "bench");
                    TrinoLake.register(tc, "iceberg", "ivz", dir.resolve("lake").toString());
                    tdsl = Engine.TRINO.dsl(tc);
                }
                for (Cube c : Cubes.all()) {
                    Map<String, String> q = null;
                    int rows = 0;
                    for (Map<String, String> p : CANDIDATES.getOrDefault(c.name(), List.of(Map.of()))) {
                        try {
                            rows = c.query(wh.dsl(), p).fetch().size();
                            if (rows > 0) {
                                q = p;
                                break;
                            }
                        } catch (Exception e) {
                            // next candidate
                        }
                    }
                    if (q == null) {
                        out.append("| ").append(c.name()).append(" | (no question with an answer on this data) | | | | | | |\n");
                        continue;
                    }
                    Map<String, String> params = q;
                    double duck = medianMillis(() -> c.query(wh.dsl(), params).fetch());
                    double sp = medianMillis(() -> spark.run(c, params));
                    assertEquals(rows, spark.run(c, params).size(), c.name() + " " + params + ": Spark rows against DuckDB's");
                    DSLContext td = tdsl;
                    if (td != null) assertEquals(rows, c.query(td, params).fetch().size(), c.name() + " " + params + ": Trino rows against DuckDB's");
                    answered++;
                    double tr = td == null ? Double.NaN : medianMillis(() -> c.query(td, params).fetch());
                    out.append(String.format(Locale.ROOT, "| %s | %s | %d | %.0f | %.0f | %s | %.1fx | %s |%n", c.name(), params, rows, duck, sp,
                            Double.isNaN(tr) ? "n/a" : String.format(Locale.ROOT, "%.0f", tr), sp / duck,
                            Double.isNaN(tr) ? "n/a" : String.format(Locale.ROOT, "%.1fx", tr / duck)));
                }
            } finally {
                if (tc != null) tc.close();
                if (trino != null) trino.close();
            }
            assertTrue(answered > 0, "no cube had a question with an answer on this data");
        }
        out.append(String.format(Locale.ROOT, "%nMedian of %d runs after one warm-up, each including the cube's parameter look-ups; "
                + "%d cores, %s.%n", RUNS, Runtime.getRuntime().availableProcessors(), java.time.LocalDate.now()));
        Files.writeString(Path.of("target", "lake-bench.md"), out.toString());
        System.out.println(out);
    }
}
