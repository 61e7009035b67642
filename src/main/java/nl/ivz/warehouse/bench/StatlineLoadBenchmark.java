package nl.ivz.warehouse.bench;

import nl.ivz.warehouse.core.Warehouse;
import nl.ivz.warehouse.load.FileResult;
import nl.ivz.warehouse.load.LoadOptions;
import nl.ivz.warehouse.load.Loader;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The StatLine "CSV met labels" loader against DuckDB's own read_csv of the same file, in one run.
 * <pre>
 *   java -Xmx512m -cp target/ivz-warehouse.jar nl.ivz.warehouse.bench.StatlineLoadBenchmark [rows] [work dir]
 * </pre>
 * Generates a file in the 83648NED layout (9 real crime groups, 2013-2016 and provisional 2017*, the 345
 * municipalities of 2022 by name, counts rounded to 5, rates with decimal comma, a few empty cells), then times
 * (1) {@code CREATE TABLE AS SELECT * FROM read_csv(file)} into a fresh DuckDB file and (2) {@code ivz load} of the
 * file into a fresh warehouse with the bundled reference data (loaded before the clock starts), every validation
 * on. The baseline runs before and after the loader; their mean is the reference. Peak heap is sampled.
 */
public final class StatlineLoadBenchmark {
    private static final String[] GROUPS = {"Misdrijven, totaal", "1 Vermogensmisdrijven", "2 Vernielingen, misdr.openb.orde/gezag",
            "3 Gewelds- en seksuele misdrijven", "4 Misdrijven WvSr (overig)", "5 Verkeersmisdrijven", "6 Drugsmisdrijven",
            "7 (Vuur)wapenmisdrijven", "9 Misdrijven overige wetten"};

    private StatlineLoadBenchmark() { }

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 10_000_000L;
        Path work = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("ivz-bench-statline");
        Files.createDirectories(work);
        Path csv = work.resolve("83648NED_bench_" + rows + ".csv");
        List<String> names = municipalities();
        long t0 = System.nanoTime();
        generate(csv, rows, names);
        System.out.printf(Locale.ROOT, "generated %,d rows (%,d MB) in %.1f s: %s%n", rows, Files.size(csv) >> 20,
                (System.nanoTime() - t0) / 1e9, csv);

        double base1 = baseline(work, csv);
        HeapPeak heap = new HeapPeak();
        Path whFile = work.resolve("bench-warehouse.duckdb");
        Files.deleteIfExists(whFile);
        Files.deleteIfExists(Path.of(whFile + ".wal"));
        FileResult r;
        double loaderSecs;
        try (Warehouse wh = Warehouse.open(whFile)) {
            wh.migrate();
            List<Path> reference = new ArrayList<>(List.of(Path.of("warehouse", "sources", "reference")));
            Path regios = Path.of("warehouse", "sources", "politie", "47025NED_RegioS.csv");
            if (Files.exists(regios)) reference.add(regios);
            new Loader(wh, null).load(reference, LoadOptions.defaults());
            heap.start();
            long s = System.nanoTime();
            r = new Loader(wh, System.err).load(List.of(csv), LoadOptions.defaults()).get(0);
            loaderSecs = (System.nanoTime() - s) / 1e9;
            heap.stop();
        }
        double base2 = baseline(work, csv);
        double base = (base1 + base2) / 2;
        double loaderRate = rows / loaderSecs, baseRate = rows / base;
        System.out.printf(Locale.ROOT, "%nDuckDB read_csv        : %6.2f s and %6.2f s, mean %6.2f s = %,12.0f rows/s%n", base1, base2, base, baseRate);
        System.out.printf(Locale.ROOT, "ivz load (all checks)  : %6.2f s                           = %,12.0f rows/s (%,d rows read, %,d facts, %,d rejected)%n",
                loaderSecs, loaderRate, r.rowsRead(), r.rowsLoaded(), r.rowsRejected());
        System.out.printf(Locale.ROOT, "ratio loader / read_csv: %.2fx (goal >= 0.5x)%n", loaderRate / baseRate);
        System.out.printf(Locale.ROOT, "peak heap used during the load: %,d MB (max heap %,d MB)%n", heap.peak.get() >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
        for (String n : r.notes()) System.out.println("  note: " + (n.length() > 200 ? n.substring(0, 197) + "..." : n));
    }

    /** CREATE TABLE AS SELECT * FROM read_csv(file), auto-detected, into a fresh DuckDB file. */
    static double baseline(Path work, Path csv) throws Exception {
        Path db = work.resolve("bench-readcsv.duckdb");
        Files.deleteIfExists(db);
        Files.deleteIfExists(Path.of(db + ".wal"));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db); Statement st = c.createStatement()) {
            long s = System.nanoTime();
            st.execute("CREATE TABLE t AS SELECT * FROM read_csv('" + csv.toAbsolutePath().toString().replace("'", "''") + "')");
            return (System.nanoTime() - s) / 1e9;
        } finally {
            Files.deleteIfExists(db);
            Files.deleteIfExists(Path.of(db + ".wal"));
        }
    }

    /** Written by DuckDB itself (fast and off-heap): row i -> group, year, municipality. */
    static void generate(Path csv, long rows, List<String> names) throws Exception {
        StringBuilder groups = new StringBuilder("[");
        for (String g : GROUPS) groups.append(groups.length() > 1 ? ", " : "").append('\'').append(g.replace("'", "''")).append('\'');
        groups.append(']');
        StringBuilder muns = new StringBuilder("[");
        for (String n : names) muns.append(muns.length() > 1 ? ", " : "").append('\'').append(n.replace("'", "''")).append('\'');
        muns.append(']');
        Path body = csv.resolveSibling(csv.getFileName() + ".body");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            int g = GROUPS.length, m = names.size();
            // keys are unique as in a real export: beyond the 345 municipalities, numbered areas "<name> <n>"
            // (areas the hierarchy does not know: the loader creates them in bulk)
            st.execute("COPY (SELECT (" + groups + ")[i % " + g + " + 1] AS c, "
                    + "CASE (i // " + g + ") % 5 WHEN 4 THEN '2017*' ELSE CAST(2013 + (i // " + g + ") % 5 AS VARCHAR) END AS p, "
                    + "(" + muns + ")[(i // " + (g * 5) + ") % " + m + " + 1] || CASE WHEN i // " + (g * 5 * m) + " = 0 THEN '' "
                    + "ELSE ' ' || (i // " + (g * 5 * m) + ") END AS r, "
                    + "CASE WHEN i % 997 = 0 THEN NULL ELSE ((hash(i) % 4000) // 5 * 5)::VARCHAR END AS n, "
                    + "CASE WHEN i % 997 = 0 THEN NULL ELSE ((hash(i) % 100))::VARCHAR END AS pct, "
                    + "CASE WHEN i % 997 = 0 THEN NULL ELSE replace(round((hash(i) % 1200) / 10.0, 1)::VARCHAR, '.', ',') END AS rate "
                    + "FROM range(" + rows + ") t(i)) TO '" + body.toAbsolutePath() + "' (HEADER false, DELIMITER ';', QUOTE '\"', FORCE_QUOTE (c, p, r))");
        }
        String header = "\uFEFF\"Soort misdrijf\";\"Perioden\";\"Regio's\";\"Geregistreerde misdrijven/Totaal geregistreerde misdrijven (aantal)\";"
                + "\"Geregistreerde misdrijven/Geregistreerde misdrijven, relatief (% van totaal geregistreerde misdrijven)\";"
                + "\"Geregistreerde misdrijven/Geregistreerde misdrijven per 1000 inw.  (per 1 000 inwoners)\"\n";
        try (var out = Files.newOutputStream(csv); var in = Files.newInputStream(body)) {
            out.write(header.getBytes(StandardCharsets.UTF_8));
            in.transferTo(out);
        }
        Files.delete(body);
    }

    /** The 345 municipalities of 2022 (bundled with the benchmark generator). */
    static List<String> municipalities() throws Exception {
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                StatlineLoadBenchmark.class.getResourceAsStream("/bench/gemeenten-2022.csv"), StandardCharsets.UTF_8))) {
            String line;
            boolean header = true;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#")) continue;
                if (header) {
                    header = false;
                    continue;
                }
                out.add(line.split(";")[1]);
            }
        }
        return out;
    }

    /** Samples the heap in use every 20 ms. */
    static final class HeapPeak {
        final AtomicLong peak = new AtomicLong();
        private volatile boolean running;
        private Thread thread;

        void start() {
            MemoryMXBean mx = ManagementFactory.getMemoryMXBean();
            running = true;
            thread = new Thread(() -> {
                while (running) {
                    peak.accumulateAndGet(mx.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }
    }
}
