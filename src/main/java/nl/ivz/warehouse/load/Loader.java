package nl.ivz.warehouse.load;

import nl.ivz.warehouse.core.Warehouse;
import nl.ivz.warehouse.sources.SourceFormatException;
import nl.ivz.warehouse.sources.SourceText;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static nl.ivz.warehouse.db.Tables.LOAD_BATCH;

/**
 * Loads files into the warehouse, all or nothing: every file of one call runs in one transaction, so a
 * failure anywhere leaves the warehouse exactly as it was, and readers never see half a load.
 */
public final class Loader {
    private static final List<String> EXTENSIONS = List.of(".csv", ".json", ".txt", ".tsv");

    private final Warehouse warehouse;
    private final PrintStream progress;
    private String memoryLimit;

    /** @param progress where progress lines on long files go (null = silent) */
    public Loader(Warehouse warehouse, PrintStream progress) {
        this.warehouse = warehouse;
        this.progress = progress;
    }

    /**
     * DuckDB's memory_limit for the load (e.g. "4GB"); it holds for the whole database instance, so the CLI sets it
     * and the server, which has its own, does not. Without it DuckDB takes up to 80% of the machine on a national
     * load; with it, it spills to disk instead.
     */
    public Loader memoryLimit(String limit) {
        this.memoryLimit = limit;
        return this;
    }

    /** Half of the machine's memory, at most 4 GB: room for the national buurt x month load beside other work. */
    public static String defaultMemoryLimit() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long total = os instanceof com.sun.management.OperatingSystemMXBean b ? b.getTotalMemorySize() : -1;
        long mb = total <= 0 ? 4096 : Math.min(4096, (total >> 20) / 2);
        return Math.max(mb, 256) + "MB";
    }

    private record Planned(Path file, String head, FactLoader loader) { }

    public List<FileResult> load(List<Path> paths, LoadOptions options) throws LoadException {
        List<Planned> plan = plan(paths, options);
        List<FileResult> results = new ArrayList<>();
        Path current = null;
        try (Connection c = warehouse.newConnection()) {
            if (memoryLimit != null) {
                try (java.sql.Statement st = c.createStatement()) {
                    st.execute("SET memory_limit = '" + memoryLimit.replace("'", "''") + "'");
                }
            }
            c.setAutoCommit(false);
            try {
                DSLContext dsl = Warehouse.dsl(c);
                RegionResolver regions = new RegionResolver(dsl);
                PeriodResolver periods = new PeriodResolver(dsl);
                for (Planned p : plan) {
                    current = p.file();
                    results.add(loadOne(c, dsl, p, options, regions, periods));
                }
                current = null;
                RegistrationYears.refresh(c, touchedBatches(dsl, results));
                LoadTiming.step("registration years");
                c.commit();
                LoadTiming.step("commit");
                warehouse.dataChanged();
            } catch (Exception e) {
                c.rollback();
                throw failure(current, e);
            }
        } catch (SQLException e) {
            throw failure(current, e);
        }
        return results;
    }

    /** The new batches and the older ones whose facts a new release replaced (in part or whole). */
    private static List<Long> touchedBatches(DSLContext dsl, List<FileResult> results) {
        List<Long> ids = results.stream().filter(r -> !r.skipped()).map(FileResult::batchId).collect(Collectors.toList());
        if (ids.isEmpty()) return ids;
        List<Long> out = new ArrayList<>(ids);
        out.addAll(dsl.select(LOAD_BATCH.BATCH_ID).from(LOAD_BATCH).where(LOAD_BATCH.REPLACED_BY.in(ids)).fetch(LOAD_BATCH.BATCH_ID));
        return out;
    }

    private static LoadException failure(Path file, Exception e) {
        if (e instanceof LoadException) {
            return new LoadException(e.getMessage() + "\nNothing was loaded: the warehouse is as it was before this load.", e);
        }
        String where = file == null ? "" : (e instanceof SourceFormatException ? "" : file.getFileName() + ": ");
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        return new LoadException(where + msg + "\nNothing was loaded: the warehouse is as it was before this load.", e);
    }

    private FileResult loadOne(Connection c, DSLContext dsl, Planned p, LoadOptions options,
                               RegionResolver regions, PeriodResolver periods) throws Exception {
        long start = System.nanoTime();
        LoadTiming.start();
        int createdBefore = regions.created().size();
        LoadContext ctx = new LoadContext(c, p.file(), p.head(), sha -> startBatch(dsl, p, sha), options, regions, periods, progress);
        if (!p.loader().hashesItself()) {
            String sha = sha256(p.file());
            LoadTiming.step("sha256");
            ctx.begin(sha);
        }
        if (ctx.previousBatch() == null) p.loader().load(ctx);
        if (!ctx.begun()) throw new IllegalStateException(p.loader().layout() + " loaded " + p.file() + " without beginning its batch");
        Long previous = ctx.previousBatch();
        if (previous != null) {
            return new FileResult(p.file().toString(), p.loader().layout(), previous, 0, 0, 0,
                    (System.nanoTime() - start) / 1_000_000, true,
                    List.of("already loaded as batch " + previous + " (same sha256): nothing added"), List.of());
        }
        long batchId = ctx.batchId();
        ctx.writer().flush();
        List<String> created = regions.created().subList(createdBefore, regions.created().size());
        if (!created.isEmpty()) {
            ctx.note(created.size() + " area(s) not in the bundled hierarchy were added without a parent: "
                    + created.stream().limit(8).collect(Collectors.joining(", "))
                    + (created.size() > 8 ? ", ..." : "") + " (see dim_region where not is_known)");
        }
        dsl.update(LOAD_BATCH)
                .set(LOAD_BATCH.SOURCE_TABLE, ctx.sourceTable())
                .set(LOAD_BATCH.RELEASE_LABEL, ctx.releaseLabel())
                .set(LOAD_BATCH.BORDERS_YEAR, ctx.bordersYear())
                .set(LOAD_BATCH.ROWS_READ, ctx.rowsRead())
                .set(LOAD_BATCH.ROWS_LOADED, ctx.rowsLoaded())
                .set(LOAD_BATCH.ROWS_REJECTED, ctx.rowsRejected())
                .set(LOAD_BATCH.FINISHED_AT, LocalDateTime.now())
                .set(LOAD_BATCH.STATUS, "loaded")
                .set(LOAD_BATCH.MESSAGE, ctx.notes().isEmpty() ? null : String.join("\n", ctx.notes()))
                .where(LOAD_BATCH.BATCH_ID.eq(batchId))
                .execute();
        LoadTiming.step("batch row finished");
        return new FileResult(p.file().toString(), p.loader().layout(), batchId, ctx.rowsRead(), ctx.rowsLoaded(),
                ctx.rowsRejected(), (System.nanoTime() - start) / 1_000_000, false, ctx.notes(), ctx.firstRejects());
    }

    /** {@link LoadContext.BatchStart}: {earlier batch, -1} for a file already loaded, else {-1, new batch} with its row written. */
    private static long[] startBatch(DSLContext dsl, Planned p, String sha) {
        Long previous = dsl.select(LOAD_BATCH.BATCH_ID).from(LOAD_BATCH)
                .where(LOAD_BATCH.FILE_SHA256.eq(sha)).and(LOAD_BATCH.STATUS.in("loaded", "replaced"))
                .orderBy(LOAD_BATCH.BATCH_ID.desc()).limit(1).fetchOne(LOAD_BATCH.BATCH_ID);
        if (previous != null) return new long[] {previous, -1};
        // jOOQ 3.19 renders seq.nextval for DUCKDB, which DuckDB rejects; call nextval() as a function
        long batchId = dsl.select(DSL.function("nextval", Long.class, DSL.inline("load_batch_seq"))).fetchOne(0, Long.class);
        dsl.insertInto(LOAD_BATCH)
                .set(LOAD_BATCH.BATCH_ID, batchId)
                .set(LOAD_BATCH.FILE_NAME, p.file().getFileName().toString())
                .set(LOAD_BATCH.FILE_SHA256, sha)
                .set(LOAD_BATCH.LAYOUT, p.loader().layout())
                .set(LOAD_BATCH.STARTED_AT, LocalDateTime.now())
                .set(LOAD_BATCH.STATUS, "loading")
                .execute();
        return new long[] {-1, batchId};
    }

    /** Expands folders, reads each file's head, finds its layout; fails before anything is written. */
    private List<Planned> plan(List<Path> paths, LoadOptions options) throws LoadException {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.exists(p)) throw new LoadException(p + ": no such file or folder");
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(Files::isRegularFile)
                            .filter(f -> EXTENSIONS.stream().anyMatch(e -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(e)))
                            .sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new LoadException(p + ": cannot read folder: " + e.getMessage(), e);
                }
            } else {
                files.add(p);
            }
        }
        if (files.isEmpty()) throw new LoadException("No source files (" + String.join(", ", EXTENSIONS) + ") in " + paths);
        List<Planned> plan = new ArrayList<>();
        java.util.Set<Path> planned = new java.util.HashSet<>();
        for (Path given : files) {
            Path f = given;
            String head;
            try {
                head = SourceText.head(f);
                // a part of a multi-file dataset (OData v4 code list) loads through its main file, once
                Path main = options.format() == null ? FactLoaders.companionOf(f, head) : null;
                if (main != null) {
                    f = main;
                    head = SourceText.head(f);
                }
                if (!planned.add(f.toAbsolutePath().normalize())) continue;
            } catch (SourceFormatException e) {
                throw new LoadException(e.getMessage(), e);
            } catch (IOException e) {
                throw new LoadException(f + ": cannot read: " + e.getMessage(), e);
            }
            final Path file = f;
            final String fileHead = head;
            FactLoader loader;
            if (options.format() != null) {
                loader = FactLoaders.byLayout(options.format()).orElseThrow(() -> new LoadException(
                        "Unknown --format '" + options.format() + "'; expected one of: " + FactLoaders.names()));
            } else {
                loader = FactLoaders.detect(file, fileHead).orElseThrow(() -> new LoadException(
                        file.getFileName() + ", line 1: found '" + abbreviate(SourceText.firstLine(fileHead))
                                + "', expected the header of a known layout (" + FactLoaders.names()
                                + "); use --format to name the layout"));
            }
            plan.add(new Planned(f, head, loader));
        }
        plan.sort(Comparator.comparingInt(p -> p.loader().order()));
        return plan;
    }

    private static String abbreviate(String s) {
        return s.length() > 100 ? s.substring(0, 97) + "..." : s;
    }

    /** The file's sha256 in hex; stops with an InterruptedIOException when its thread is interrupted (a load that failed). */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                if (Thread.currentThread().isInterrupted()) throw new java.io.InterruptedIOException("sha256 of " + file + " cancelled");
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
