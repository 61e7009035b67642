package nl.ivz.warehouse.bench;

import nl.ivz.warehouse.core.Warehouse;
import nl.ivz.warehouse.export.ResultFormat;
import nl.ivz.warehouse.export.ResultWriter;
import nl.ivz.warehouse.export.Results;
import nl.ivz.warehouse.load.FileResult;
import nl.ivz.warehouse.load.LoadException;
import nl.ivz.warehouse.load.LoadOptions;
import nl.ivz.warehouse.load.Loader;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The benchmark suite: on one machine, in one run, each figure of the warehouse beside the same work done by a
 * reference (DuckDB's own read_csv and COPY TO, hand-written SQL, a bare Javalin endpoint), median of several
 * runs with min and max. Heavy work lives here, not in tests.
 */
public final class Suite {
    /**
     * @param data          folder with generated data (generated there first if it has no manifest)
     * @param work          scratch folder for warehouse files and exports (emptied per run)
     * @param serviceSeconds duration of each HTTP measurement
     * @param concurrency   parallel HTTP clients
     * @param projectReference project reference folder (themes, measures, mappings) copied into generated data
     */
    public record Options(double scale, int runs, long seed, Path data, Path work, int serviceSeconds, int concurrency,
                          Path projectReference, PrintStream log) { }

    static final String EXPORT_YEAR = "2016";
    static final long MB = 1024 * 1024;
    static final double HEAP_GOAL_BYTES = 512.0 * MB;

    private final Options o;
    private final Report report;
    private final String scaleLabel;
    private Path warehouseFile;
    private long exportRows;
    private java.util.Set<String> parts = PARTS;

    /** The parts of the suite, in the order they run; the later ones need the warehouse the load part leaves. */
    public static final java.util.Set<String> PARTS = java.util.Collections.unmodifiableSet(
            new java.util.LinkedHashSet<>(List.of("load", "cubes", "exports", "service")));

    public Suite(Options options, Report report) {
        this.o = options;
        this.report = report;
        this.scaleLabel = trim(options.scale());
    }

    static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private void log(String fmt, Object... args) {
        if (o.log() != null) o.log().printf(Locale.ROOT, fmt + "%n", args);
    }

    /** Runs only these parts (a subset of {@link #PARTS}); the load always runs, the others need its warehouse. */
    public Suite parts(java.util.Set<String> only) {
        for (String p : only) {
            if (!PARTS.contains(p)) throw new IllegalArgumentException("unknown part '" + p + "'; expected one of " + PARTS);
        }
        this.parts = only;
        return this;
    }

    public Report run() throws Exception {
        Files.createDirectories(o.work());
        Manifest m = data();
        loadSection(m);
        if (warehouseFile != null) {
            if (parts.contains("cubes")) CubeBench.run(this, warehouseFile);
            if (parts.contains("exports")) exportSection();
            if (parts.contains("service")) ServiceBench.run(this, warehouseFile);
        } else {
            report.add(line("cubes", "every cube", "", null, null, null, null, null,
                    "not measured: no warehouse was loaded (see the load line)"));
            report.add(line("exports", "CSV / Parquet", "", null, null, null, null, null, "not measured: no warehouse was loaded"));
            report.add(line("service", "HTTP", "", null, null, null, null, null, "not measured: no warehouse was loaded"));
        }
        return report;
    }

    Options options() { return o; }

    void add(Report.Line l) { report.add(l); }

    Report.Line line(String section, String what, String unit, Measure.Stat ours, String reference, Measure.Stat ref,
                     Report.Better better, Double goal, String note) {
        return new Report.Line(scaleLabel, section, what, unit, ours, reference, ref, better, goal, note);
    }

    void logLine(String fmt, Object... args) { log(fmt, args); }

    // ------------------------------------------------------------------ data

    /** Generated files and their row counts (from the manifest the generator run left). */
    record Manifest(Path dir, Properties rows) {
        long rows(String file) {
            return Long.parseLong(rows.getProperty("rows." + file, "0"));
        }
    }

    private static Properties readManifest(Path manifest) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(manifest)) {
            p.load(in);
        }
        return p;
    }

    private Manifest data() throws IOException {
        Path manifest = o.data().resolve(Generator.MANIFEST);
        if (Files.exists(manifest) && !Generator.COUNTRY_KIND.equals(readManifest(manifest).getProperty("country"))) {
            // data of the earlier made-up country (its own municipalities): generated again on the national geography
            log("%s was generated on another country; generating again", o.data());
            Files.delete(manifest);
        }
        if (!Files.exists(manifest)) {
            log("Generating scale %s (seed %d) into %s ...", scaleLabel, o.seed(), o.data());
            Country c = Country.build(o.scale(), o.seed(), o.projectReference() == null ? Country.DEFAULT_REFERENCE : o.projectReference());
            Generator.Result r = new Generator(c, o.data(), null).generate(o.projectReference());
            log("  generated %,d rows in %.1f s", r.rows().values().stream().mapToLong(Long::longValue).sum(), r.millis() / 1000.0);
        }
        Generator.copyProjectReference(o.projectReference(), o.data());
        Properties p = readManifest(manifest);
        if (!scaleLabel.equals(p.getProperty("scale")) || !Long.toString(o.seed()).equals(p.getProperty("seed"))) {
            throw new IllegalStateException(o.data() + " holds scale " + p.getProperty("scale") + " seed " + p.getProperty("seed")
                    + ", not scale " + scaleLabel + " seed " + o.seed() + ": give another --data folder or remove it");
        }
        long total = p.stringPropertyNames().stream().filter(k -> k.startsWith("rows."))
                .mapToLong(k -> Long.parseLong(p.getProperty(k))).sum();
        double secs = Long.parseLong(p.getProperty("millis", "0")) / 1000.0;
        if (secs > 0) {
            report.add(line("generate", "all files (" + String.format(Locale.ROOT, "%,d", total) + " rows, "
                            + p.getProperty("buurten") + " buurten)", "rows/s", Measure.Stat.of(List.of(total / secs)), null, null, null, null,
                    String.format(Locale.ROOT, "%.1f s when generated, one run", secs)));
        }
        return new Manifest(o.data(), p);
    }

    // ------------------------------------------------------------------ load

    static void deleteDb(Path f) throws IOException {
        Files.deleteIfExists(f);
        Files.deleteIfExists(Path.of(f + ".wal"));
    }

    private void loadSection(Manifest m) throws Exception {
        Path file = m.dir().resolve(Generator.BUURT_FILE);
        long rows = m.rows(Generator.BUURT_FILE);
        List<Double> ours = new ArrayList<>();
        List<Double> ref = new ArrayList<>();
        List<Double> refLoad = new ArrayList<>();
        long heap = 0;
        long rss = 0;
        boolean rssReset = true;
        String failure = null;
        long loaded = 0;
        // the reference files (hierarchy of every buurt) are loaded once into a template warehouse that each run copies
        Path template = o.work().resolve("template.duckdb");
        deleteDb(template);
        try (Warehouse w = Warehouse.open(template)) {
            w.migrate();
            long t0 = System.nanoTime();
            List<FileResult> r = new Loader(w, null).load(List.of(m.dir().resolve("reference")), new LoadOptions(null, false));
            double s = (System.nanoTime() - t0) / 1e9;
            refLoad.add(s);
            long refRows = r.stream().mapToLong(FileResult::rowsRead).sum();
            log("  reference files: %,d rows in %.2f s (%,.0f rows/s)", refRows, s, refRows / s);
            w.connection().createStatement().execute("CHECKPOINT");
        } catch (LoadException e) {
            report.add(line("load", "reference files", "", null, null, null, null, null, "ivz load failed: " + e.getMessage().lines().findFirst().orElse("")));
            return;
        }
        for (int run = 1; run <= o.runs(); run++) {
            // reference: DuckDB's own read_csv of the same file into a table of a fresh database file
            Path refDb = o.work().resolve("read_csv.duckdb");
            deleteDb(refDb);
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + refDb.toAbsolutePath());
                 Statement st = c.createStatement()) {
                long t0 = System.nanoTime();
                st.execute("CREATE TABLE registrations AS SELECT * FROM read_csv('" + file.toAbsolutePath()
                        + "', delim = ';', header = true, quote = '\"', decimal_separator = ',')");
                double s = (System.nanoTime() - t0) / 1e9;
                ref.add(rows / s);
                log("  run %d: DuckDB read_csv %,d rows in %.2f s (%,.0f rows/s)", run, rows, s, rows / s);
            }
            deleteDb(refDb);

            // ours: the project's Loader (all validation on) into a fresh warehouse holding the generated reference
            Path wh = o.work().resolve("warehouse.duckdb");
            deleteDb(wh);
            Files.copy(template, wh);
            try (Warehouse w = Warehouse.open(wh)) {
                w.migrate();
                Loader loader = new Loader(w, null).memoryLimit(Loader.defaultMemoryLimit());
                rssReset = Measure.reset();
                long t0 = System.nanoTime();
                List<FileResult> r = loader.load(List.of(file), new LoadOptions(null, false));
                double s = (System.nanoTime() - t0) / 1e9;
                Measure.Memory mem = Measure.read(rssReset);
                heap = Math.max(heap, mem.heapPeakBytes());
                rss = Math.max(rss, mem.rssPeakBytes());
                loaded = r.get(0).rowsLoaded();
                ours.add(rows / s);
                log("  run %d: ivz load %,d rows (%s, %,d facts, %,d rejected) in %.2f s (%,.0f rows/s), heap peak %d MB, RSS peak %d MB",
                        run, rows, r.get(0).layout(), loaded, r.get(0).rowsRejected(), s, rows / s, mem.heapPeakBytes() / MB, mem.rssPeakBytes() / MB);
                if (run == o.runs()) loadTheRest(w, m);
            } catch (LoadException e) {
                failure = e.getMessage().lines().findFirst().orElse(e.getMessage());
                log("  ivz load failed: %s", e.getMessage());
                break;
            }
            if (run < o.runs()) deleteDb(wh);
            else warehouseFile = wh;
        }
        String what = "StatLine CSV, buurt x month (" + String.format(Locale.ROOT, "%,d", rows) + " rows)";
        if (failure != null) {
            report.add(line("load", what, "rows/s", null, "DuckDB read_csv", Measure.Stat.of(ref), Report.Better.HIGHER, 0.5,
                    "ivz load failed: " + failure));
            warehouseFile = null;
            return;
        }
        report.add(line("load", what, "rows/s", Measure.Stat.of(ours), "DuckDB read_csv into a table", Measure.Stat.of(ref),
                Report.Better.HIGHER, 0.5, String.format(Locale.ROOT, "%,d facts; all validation on", loaded)));
        report.add(line("load", "reference files (" + m.rows().getProperty("buurten") + " buurten, hierarchy)", "s",
                Measure.Stat.of(refLoad), null, null, null, null, "once per scale; set-based reference loaders"));
        report.add(line("memory", "load: peak heap", "MB", Measure.Stat.of(List.of((double) heap / MB)), "goal: heap",
                Measure.Stat.of(List.of(HEAP_GOAL_BYTES / MB)), Report.Better.LOWER, 1.0,
                "-Xmx " + Measure.maxHeapBytes() / MB + " MB; sum of heap pool peaks"));
        report.add(line("memory", "load: peak RSS (VmHWM)", "MB", Measure.Stat.of(List.of((double) rss / MB)), null, null, null, null,
                (rssReset ? "peak during the load" : "peak since process start") + "; includes DuckDB's native memory"));
    }

    /** Loads the other generated files into the kept warehouse, so cubes and the service have every fact table. */
    private void loadTheRest(Warehouse w, Manifest m) {
        for (String f : List.of(Generator.GEMEENTE_FILE, Generator.POPULATION_DIR, Generator.VM_FILE, Generator.PLANS_DIR,
                Generator.SURVEY_RESPONSE_FILE)) {
            if (!Files.exists(m.dir().resolve(f))) continue;
            try {
                long t0 = System.nanoTime();
                List<FileResult> r = new Loader(w, null).load(List.of(m.dir().resolve(f)), new LoadOptions(null, false));
                long facts = r.stream().mapToLong(FileResult::rowsLoaded).sum();
                log("  loaded %s: %,d facts in %.2f s", f, facts, (System.nanoTime() - t0) / 1e9);
            } catch (LoadException e) {
                String msg = e.getMessage().lines().findFirst().orElse("");
                log("  could not load %s: %s", f, msg);
                report.add(line("load", f, "", null, null, null, null, null, "not loaded: " + msg));
            }
        }
    }

    // ------------------------------------------------------------------ exports

    static String exportQuery() {
        return "SELECT region_code, period_code, theme_code, measure_code, source_category, value FROM fct_registration "
                + "WHERE period_code LIKE '" + EXPORT_YEAR + "MM%' ORDER BY region_code, period_code, source_category";
    }

    private void exportSection() throws Exception {
        String q = exportQuery();
        List<Double> oursCsv = new ArrayList<>();
        List<Double> refCsv = new ArrayList<>();
        List<Double> refParquet = new ArrayList<>();
        long heap = 0;
        long rss = 0;
        try (Warehouse w = Warehouse.open(warehouseFile)) {
            try (Statement st = w.connection().createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM (" + q + ")")) {
                rs.next();
                exportRows = rs.getLong(1);
            }
            Path csv = o.work().resolve("export.csv");
            Path parquet = o.work().resolve("export.parquet");
            for (int run = 1; run <= o.runs(); run++) {
                try (Statement st = w.connection().createStatement()) {
                    long t0 = System.nanoTime();
                    st.execute("COPY (" + q + ") TO '" + csv.toAbsolutePath() + "' (FORMAT csv, HEADER true)");
                    refCsv.add(exportRows / ((System.nanoTime() - t0) / 1e9));
                    t0 = System.nanoTime();
                    st.execute("COPY (" + q + ") TO '" + parquet.toAbsolutePath() + "' (FORMAT parquet)");
                    refParquet.add(exportRows / ((System.nanoTime() - t0) / 1e9));
                }
                boolean reset = Measure.reset();
                long t0 = System.nanoTime();
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(csv), 1 << 16)) {
                    ResultWriter.Written written = Results.write(w.connection(), q, new ResultWriter(ResultFormat.CSV, Long.MAX_VALUE), out, t0);
                    if (written.rows() != exportRows) throw new IllegalStateException("export wrote " + written.rows() + " of " + exportRows + " rows");
                }
                oursCsv.add(exportRows / ((System.nanoTime() - t0) / 1e9));
                Measure.Memory mem = Measure.read(reset);
                heap = Math.max(heap, mem.heapPeakBytes());
                rss = Math.max(rss, mem.rssPeakBytes());
                log("  run %d: export %,d rows: COPY csv %,.0f rows/s, ResultWriter csv %,.0f rows/s, COPY parquet %,.0f rows/s%s",
                        run, exportRows, refCsv.get(refCsv.size() - 1), oursCsv.get(oursCsv.size() - 1), refParquet.get(refParquet.size() - 1),
                        "");
            }
            copyParquetBytes = Files.size(parquet);
            Files.deleteIfExists(csv);
            Files.deleteIfExists(parquet);
        }
        String rowsText = String.format(Locale.ROOT, "%,d rows", exportRows);
        report.add(line("exports", "CSV, one year of registrations (" + rowsText + ")", "rows/s", Measure.Stat.of(oursCsv),
                "DuckDB COPY TO csv", Measure.Stat.of(refCsv), Report.Better.HIGHER, 0.5, "export.Results + ResultWriter (the CLI path: DuckDB chunks)"));
        refExports.put("csv", line("exports", "", "", null, "DuckDB COPY TO csv", Measure.Stat.of(refCsv), null, null, null));
        refExports.put("parquet", line("exports", "", "", null, "DuckDB COPY TO parquet", Measure.Stat.of(refParquet), null, null, null));
        report.add(line("memory", "CSV export: peak heap", "MB", Measure.Stat.of(List.of((double) heap / MB)), "goal: heap",
                Measure.Stat.of(List.of(HEAP_GOAL_BYTES / MB)), Report.Better.LOWER, 1.0, rowsText + " streamed"));
        report.add(line("memory", "CSV export: peak RSS (VmHWM)", "MB", Measure.Stat.of(List.of((double) rss / MB)), null, null, null, null,
                "includes DuckDB's native memory"));
    }

    long exportRows() { return exportRows; }

    private long copyParquetBytes;

    /** Size of DuckDB's own COPY TO (FORMAT parquet) of the export query (its defaults: Snappy, dictionaries). */
    long copyParquetBytes() { return copyParquetBytes; }

    private final java.util.Map<String, Report.Line> refExports = new java.util.HashMap<>();

    /** The COPY TO reference of an export format (its reference name and stats), null before the export section. */
    Report.Line referenceExport(String format) { return refExports.get(format); }

    /** Convenience for sections: a fresh plain DuckDB connection. */
    static Connection duck(Path file) throws SQLException {
        return DriverManager.getConnection("jdbc:duckdb:" + (file == null ? "" : file.toAbsolutePath().toString()));
    }

    static void copy(InputStream in, OutputStream out) throws IOException {
        in.transferTo(out);
    }
}
