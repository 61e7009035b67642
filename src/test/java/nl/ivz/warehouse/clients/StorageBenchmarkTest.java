package nl.ivz.warehouse.clients;

import nl.ivz.warehouse.bench.Country;
import nl.ivz.warehouse.bench.Generator;
import nl.ivz.warehouse.core.StorageFormat;
import nl.ivz.warehouse.core.Warehouse;
import nl.ivz.warehouse.cubes.Cube;
import nl.ivz.warehouse.cubes.CubeException;
import nl.ivz.warehouse.cubes.Cubes;
import nl.ivz.warehouse.load.LoadOptions;
import nl.ivz.warehouse.load.Loader;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Not a test but a runnable measurement (skipped unless asked for): what the storage format of new files costs.
 * The same data is loaded into files in DuckDB's v2.0.0 (the 2.0 driver's default), v1.5.0 and v1.4.0 formats (twice,
 * in alternating order); load time, file size, the compression DuckDB chose and the cubes' and a full scan's query
 * times are written to target/storage-bench.md.
 * <pre>bench-alone mvn -o test -Dtest=StorageBenchmarkTest -Dstorage.bench.sources=warehouse/sources   (the demo)
 * bench-alone mvn -o test -Dtest=StorageBenchmarkTest -Dstorage.bench.scale=0.01               (synthetic national)</pre>
 */
class StorageBenchmarkTest {
    static final List<String> VERSIONS = List.of("latest", "v1.5.0", "v1.4.0");
    static final int RUNS = 5;
    static final Map<String, String> SQL = Map.of(
            "full scan of fct_registration", "select measure_code, theme_code, count(*), sum(value) from fct_registration group by all",
            "fct_registration of one year by region level", "select r.region_level, sum(f.value) from fct_registration f"
                    + " join dim_region r using (region_code) where f.period_code like '2014%' group by all");

    @TempDir
    Path dir;

    record Result(double loadS, long bytes, Map<String, Double> queryMs, String storage, String compression) { }

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

    Result measure(Path src, String version, int round) throws Exception {
        Path file = dir.resolve(version.replace('.', '_') + "-" + round + ".duckdb");
        Map<String, Double> q = new LinkedHashMap<>();
        double load;
        String storage, compression;
        try (Warehouse wh = Warehouse.open(file, StorageFormat.config(version))) {
            wh.migrate();
            long t0 = System.nanoTime();
            new Loader(wh, null).load(List.of(src), LoadOptions.defaults());
            wh.connection().createStatement().execute("checkpoint");
            load = (System.nanoTime() - t0) / 1e9;
        }
        // queries as `ivz serve` or `ivz cube` run them: a later process opening the existing file with default settings
        try (Warehouse wh = Warehouse.open(file)) {
            storage = wh.storageVersion();
            compression = wh.dsl().fetchValue("select string_agg(compression || ' ' || n, ', ' order by n desc) from (select compression, count(*) n"
                    + " from pragma_storage_info('fct_registration') where segment_type <> 'VALIDITY' group by all)").toString();
            for (Map.Entry<String, String> e : SQL.entrySet()) q.put(e.getKey(), medianMillis(() -> wh.dsl().fetch(e.getValue())));
            for (Cube c : Cubes.all()) {
                try {
                    c.query(wh.dsl(), Map.of());
                } catch (CubeException e) {
                    continue; // the default question names demo areas, which synthetic national data does not have
                }
                q.put("cube " + c.name(), medianMillis(() -> c.query(wh.dsl(), Map.of()).fetch()));
            }
        }
        return new Result(load, Files.size(file), q, storage, compression);
    }

    @Test
    void loadSizeAndQueriesPerStorageFormat() throws Exception {
        String scale = System.getProperty("storage.bench.scale");
        String sources = System.getProperty("storage.bench.sources");
        Assumptions.assumeTrue(scale != null || sources != null, "measurement only: give -Dstorage.bench.scale=S or -Dstorage.bench.sources=DIR");
        Path src = sources != null ? Path.of(sources) : dir.resolve("generated");
        if (sources == null) new Generator(Country.build(Double.parseDouble(scale), 7), src, null).generate(Path.of("warehouse/sources/reference"));
        Map<String, List<Result>> results = new LinkedHashMap<>();
        for (int round = 0; round < 2; round++) {
            List<String> order = new ArrayList<>(VERSIONS);
            if (round == 1) java.util.Collections.reverse(order);
            for (String v : order) results.computeIfAbsent(v, k -> new ArrayList<>()).add(measure(src, v, round));
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "Data: %s; 2 rounds, queries median of %d runs after a warm-up, best round;"
                + " ratios against v2.0.0 (latest). %d cores, %s.%n%n", sources != null ? sources : "synthetic national scale " + scale,
                RUNS, Runtime.getRuntime().availableProcessors(), java.time.LocalDate.now()));
        out.append("| measure |");
        for (String v : VERSIONS) out.append(' ').append(results.get(v).get(0).storage()).append(" |");
        out.append("\n|---|").append("---|".repeat(VERSIONS.size())).append('\n');
        Result ref = best(results.get("latest"));
        row(out, "load, s (both rounds)", v -> String.format(Locale.ROOT, "%.1f / %.1f", results.get(v).get(0).loadS(), results.get(v).get(1).loadS()));
        row(out, "file size, MB", v -> String.format(Locale.ROOT, "%.1f (%.2fx)", results.get(v).get(0).bytes() / 1e6,
                (double) results.get(v).get(0).bytes() / ref.bytes()));
        for (String query : ref.queryMs().keySet()) {
            if (results.values().stream().anyMatch(rs -> !best(rs).queryMs().containsKey(query))) continue;
            row(out, query + ", ms", v -> {
                double ms = best(results.get(v)).queryMs().get(query);
                return String.format(Locale.ROOT, "%.1f (%.2fx)", ms, ms / ref.queryMs().get(query));
            });
        }
        row(out, "fct_registration segments by compression", v -> results.get(v).get(0).compression());
        Files.writeString(Path.of("target", "storage-bench.md"), out.toString());
        System.out.println(out);
    }

    static Result best(List<Result> rs) {
        Map<String, Double> q = new LinkedHashMap<>();
        for (String k : rs.get(0).queryMs().keySet()) q.put(k, Math.min(rs.get(0).queryMs().get(k), rs.get(1).queryMs().get(k)));
        return new Result(Math.min(rs.get(0).loadS(), rs.get(1).loadS()), rs.get(0).bytes(), q, rs.get(0).storage(), rs.get(0).compression());
    }

    void row(StringBuilder out, String name, java.util.function.Function<String, String> cell) {
        out.append("| ").append(name).append(" |");
        for (String v : VERSIONS) out.append(' ').append(cell.apply(v)).append(" |");
        out.append('\n');
    }
}
