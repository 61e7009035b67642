package nl.ivz.warehouse.service;

import nl.ivz.warehouse.core.Warehouse;
import nl.ivz.warehouse.cubes.Cube;
import nl.ivz.warehouse.cubes.CubeException;
import nl.ivz.warehouse.cubes.CubeRun;
import nl.ivz.warehouse.export.ResultFormat;
import nl.ivz.warehouse.export.DuckDBChunkRows;
import nl.ivz.warehouse.export.JdbcRows;
import nl.ivz.warehouse.export.ResultWriter;
import nl.ivz.warehouse.export.Rows;
import nl.ivz.warehouse.export.XlsxSources;
import nl.ivz.warehouse.export.XlsxWriter;
import org.duckdb.DuckDBPreparedStatement;
import org.duckdb.DuckDBConnection;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs read-only statements for the HTTP layer: one concurrency slot and one pooled connection per query,
 * a read-only transaction around it, a watchdog that cancels the statement in the engine at the time
 * limit, and streaming output with row and byte limits.
 *
 * <p>The statement runs on a worker thread while the request thread waits. DuckDB checks for a cancel between
 * data chunks, not while it evaluates one chunk's expressions, so a query that builds huge values (repeat, lpad,
 * list-valued range of a large size) can run on for seconds after the cancel. If it has not stopped
 * {@link #GRACE_MS} after the cancel and no byte has left yet, the client gets its timeout answer at once; the
 * worker keeps the query slot (and its connection) until the engine really stops, so such queries can never
 * pile up beyond the concurrency limit (later requests get 429).
 */
public final class QueryService implements AutoCloseable {
    private final ServingDatabase db;
    private final ServiceConfig cfg;
    private final Semaphore slots;
    private final ScheduledExecutorService watchdog;
    private final AtomicLong served = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong abandoned = new AtomicLong();
    private final java.util.concurrent.ExecutorService workers;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(QueryService.class);
    /** How long after a cancel the engine may take before the client is answered without waiting for it. */
    static final long GRACE_MS = 2_000;

    public QueryService(ServingDatabase db, ServiceConfig cfg) {
        this.db = db;
        this.cfg = cfg;
        this.slots = new Semaphore(cfg.maxConcurrent());
        this.answers = new ResultCache(Math.min(cfg.cacheBytes() / 4, 4L << 20));
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ivz-query-watchdog");
            t.setDaemon(true);
            return t;
        });
        AtomicLong ids = new AtomicLong();
        // at most maxConcurrent run at once: a slot is taken before a task is submitted
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "ivz-query-" + ids.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * One request's run: the statement the watchdog may cancel, when it did, and who owns the response. Once the
     * request thread has answered (abandoned) the worker may not write; once the worker has written, it owns it.
     */
    static final class Running {
        final AtomicReference<Statement> statement = new AtomicReference<>();
        volatile long cancelledAt;
        private boolean committed;
        private boolean abandoned;

        ResultSink guard(ResultSink sink) {
            return (format, length) -> {
                synchronized (this) {
                    if (abandoned) throw new IOException("the request was already answered (time limit)");
                    committed = true;
                }
                return sink.open(format, length);
            };
        }

        synchronized boolean abandon() {
            if (committed) return false;
            abandoned = true;
            return true;
        }

        boolean timedOut() { return cancelledAt != 0; }

        /** The statement now running; cancelled at once if the time limit passed before it started. */
        void register(Statement st) throws SQLException {
            statement.set(st);
            if (timedOut()) st.cancel();
        }
    }

    /** Work on a pooled reader connection inside a read-only transaction (see {@link #withReader}). */
    @FunctionalInterface
    public interface ReaderWork<T> {
        T run(DuckDBConnection c) throws Exception;
    }

    /** Counters for /api/health. */
    public long served() { return served.get(); }
    public long rejected() { return rejected.get(); }
    /** Queries holding a slot now (including ones answered at the time limit whose engine work has not stopped yet). */
    public int running() { return cfg.maxConcurrent() - slots.availablePermits(); }
    /** Queries answered at the time limit before the engine stopped them. */
    public long abandoned() { return abandoned.get(); }

    /**
     * An analyst's SQL: parsed and classified by DuckDB first, then run read-only. A statement without volatile
     * functions (random, now, nextval, ...) gives the same answer until the next load, so small interactive (JSON)
     * answers are kept and a repeat is served without a connection, transaction or engine run (the dashboard case);
     * exports always run.
     */
    public ResultWriter.Written runAdHoc(String sql, ParamValues params, ResultFormat format, ResultSink sink) {
        SqlGuard.Checked seen = SqlGuard.seen(sql);
        ResultCache.Key key = null;
        if (answers.enabled() && format == ResultFormat.JSON && seen != null && seen.deterministic()) {
            answers.follow(db.warehouse().dataVersion());
            // the text goes in as a parameter value: the key lower-cases names, and case matters inside literals
            key = answers.key("query", "adhoc", Map.of("sql", sql, "binds", String.valueOf(params.bind(seen.parameterNames()))), format);
            ResultCache.Entry hit = answers.get(key);
            if (hit != null) {
                try (java.io.OutputStream out = sink.open(format, hit.body().length)) {
                    out.write(hit.body());
                } catch (IOException e) {
                    throw new StreamAborted(new ApiException(ProblemType.BAD_REQUEST, "Client connection failed: " + e.getMessage()));
                }
                served.incrementAndGet();
                return hit.written();
            }
        }
        Running run = new Running();
        ResultCache.Key storeAs = key;
        return withReader(run, c -> {
            SqlGuard.Checked checked = SqlGuard.check(c, sql, cfg.maxQueryChars());
            List<Object> binds = params.bind(checked.parameterNames());
            About about = new About("Eigen query", sql, List.of());
            if (storeAs == null || !checked.deterministic()) return execute(c, checked.sql(), binds, format, run.guard(sink), run, about);
            ResultCache.Recording rec = answers.new Recording(run.guard(sink));
            ResultWriter.Written w = execute(c, checked.sql(), binds, format, rec, run, about);
            rec.store(storeAs, w);
            return w;
        });
    }

    /** Kept ad-hoc JSON answers: a quarter of the answer cache, at most 4 MB; an answer over an eighth of that is not kept. */
    private final ResultCache answers;

    /** A canned query: its SQL was checked when it was read, its parameters are typed values by position. */
    public ResultWriter.Written runChecked(String sql, List<Object> binds, ResultFormat format, ResultSink sink) {
        return runChecked(sql, binds, format, sink, new About("Query", sql, List.of()));
    }

    /** The same, with the title and question the xlsx "Bron" sheet shows. */
    public ResultWriter.Written runChecked(String sql, List<Object> binds, ResultFormat format, ResultSink sink, About about) {
        Running run = new Running();
        return withReader(run, c -> execute(c, sql, binds, format, run.guard(sink), run, about));
    }

    /** What a result is, for the xlsx "Bron" sheet: title, the question as asked, and the columns' units and meaning. */
    public record About(String title, String question, List<XlsxWriter.ColumnNote> columns) {
        static About of(CubeRun run) {
            return new About(run.cube().description(), run.question("cube ", " "), run.cube().columns().stream()
                    .map(col -> new XlsxWriter.ColumnNote(col.name(), col.unit(), col.description(), col.decimals())).toList());
        }
    }

    /** A cube: the query is built on the reader connection (it may look up areas and themes), then run there. */
    public ResultWriter.Written runCube(Cube cube, Map<String, String> params, ResultFormat format, ResultSink sink) {
        Running run = new Running();
        return withReader(run, c -> {
            CubeRun cubeRun = prepareCube(c, cube, params);
            return execute(c, cubeRun.sql(), List.of(), format, run.guard(sink), run, About.of(cubeRun));
        });
    }

    /** The cube's statement on a reader connection; bad parameters and engine errors become problems. */
    public CubeRun prepareCube(Connection c, Cube cube, Map<String, String> params) {
        try {
            return CubeRun.prepare(Warehouse.dsl(c), cube, params, null);
        } catch (CubeException e) {
            throw new ApiException(ProblemType.BAD_PARAMETER, e.getMessage()).with("parameter", e.parameter());
        } catch (org.jooq.exception.DataAccessException e) {
            throw engineError(e.getCause() instanceof SQLException ? (SQLException) e.getCause() : new SQLException(e.getMessage()), false);
        }
    }

    /**
     * Runs work under a concurrency slot on a reader connection in a read-only transaction (the OData feed). Its
     * statements carry their own JDBC query timeout; no watchdog run is attached.
     */
    public <T> T withReader(ReaderWork<T> work) {
        return withReader(new Running(), work);
    }

    <T> T withReader(Running run, ReaderWork<T> work) {
        if (!slots.tryAcquire()) {
            rejected.incrementAndGet();
            throw new ApiException(ProblemType.TOO_MANY_REQUESTS,
                    "All " + cfg.maxConcurrent() + " query slots are busy; retry shortly").with("limit", cfg.maxConcurrent());
        }
        java.util.concurrent.Future<T> f;
        try {
            f = workers.submit(() -> {
                try {
                    return onReader(work);
                } finally {
                    slots.release();
                    served.incrementAndGet();
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            slots.release();
            throw new ApiException(ProblemType.INTERNAL, "The server is stopping");
        }
        return await(f, run);
    }

    /** Waits for the worker; answers the client itself when the engine ignores a cancel for longer than the grace. */
    private <T> T await(java.util.concurrent.Future<T> f, Running run) {
        long start = System.nanoTime();
        while (true) {
            try {
                return f.get(200, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                long cancelled = run.cancelledAt;
                if (cancelled != 0 && System.nanoTime() - cancelled > GRACE_MS * 1_000_000 && run.abandon()) {
                    abandoned.incrementAndGet();
                    LOG.warn("A query ignored its cancel for {} ms; answered the client, the slot stays taken until the engine stops",
                            GRACE_MS);
                    workers.execute(() -> logEnd(f, start));
                    throw timeout();
                }
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException r) throw r;
                if (cause instanceof Error err) throw err;
                throw new ApiException(ProblemType.INTERNAL, "Internal error", cause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancel(run);
                throw new ApiException(ProblemType.INTERNAL, "Interrupted while waiting for the query");
            }
        }
    }

    private static void logEnd(java.util.concurrent.Future<?> f, long start) {
        try {
            f.get();
        } catch (Exception ignored) {
            // its answer went out already
        }
        LOG.warn("The abandoned query stopped {} ms after it started", (System.nanoTime() - start) / 1_000_000);
    }

    private <T> T onReader(ReaderWork<T> work) {
        DuckDBConnection c = db.takeReader();
        try {
            if (c == null) throw new ApiException(ProblemType.TOO_MANY_REQUESTS, "No free connection; retry shortly");
            try (Statement st = c.createStatement()) {
                // Every read runs in a read-only transaction: whatever the guard let through cannot write.
                st.execute("BEGIN TRANSACTION READ ONLY");
            }
            try {
                return work.run(c);
            } finally {
                c = endTransaction(c);
            }
        } catch (ApiException | StreamAborted e) {
            throw e;
        } catch (SQLException e) {
            throw engineError(e, false);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ApiException(ProblemType.INTERNAL, "Internal error", e);
        } finally {
            if (c != null) db.returnReader(c);
        }
    }

    /** Ends the transaction; a connection that cannot be cleaned up is replaced by a fresh one. */
    private DuckDBConnection endTransaction(DuckDBConnection c) {
        try (Statement st = c.createStatement()) {
            st.execute("ROLLBACK");
            return c;
        } catch (SQLException e) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // already broken
            }
            try {
                return db.warehouse().newConnection();
            } catch (SQLException e2) {
                throw new IllegalStateException("Cannot replace a broken reader connection: " + e2.getMessage(), e2);
            }
        }
    }

    private ResultWriter.Written execute(Connection c, String sql, List<Object> binds, ResultFormat format, ResultSink sink,
                                         Running run, About about) throws SQLException {
        long start = System.nanoTime();
        XlsxWriter.Provenance provenance = format == ResultFormat.XLSX
                ? XlsxSources.describe(c, sql, about.title(), about.question(), about.columns()) : null;
        boolean interactive = format == ResultFormat.JSON;
        long maxRows = interactive ? cfg.maxJsonRows() : cfg.maxExportRows();
        DeferredOutputStream out = new DeferredOutputStream(sink, format, 64 * 1024, cfg.maxResultBytes());
        DuckDBConnection dc = c.unwrap(DuckDBConnection.class);
        ScheduledFuture<?> guard = schedule(run, cfg.queryTimeout().toMillis());
        Rows rows;
        DuckDBPreparedStatement ps = null;
        try {
            ps = prepare(dc, sql, binds);
            List<ResultWriter.Column> columns = ResultWriter.columns(ps.getMetaData());
            if (unresolved(columns)) columns = shape(dc, sql, binds, run);
            if (columns != null && !DuckDBChunkRows.canRead(columns)) ps = asText(dc, ps, sql, binds, columns);
            run.register(ps);
            if (run.timedOut()) throw new SQLTimeoutException("INTERRUPT Error: the time limit passed before the query started");
            rows = columns != null && DuckDBChunkRows.canRead(ResultWriter.columns(ps.getMetaData()))
                    ? new DuckDBChunkRows(ps.query(), columns)
                    : new JdbcRows(ps.executeQuery());
        } catch (SQLException e) {
            guard.cancel(false);
            if (ps != null) ps.close();
            throw engineError(e, run.timedOut());
        }
        try (DuckDBPreparedStatement closing = ps; Rows r = rows) {
            if (!interactive) {
                // The query's own work is done when the first chunk is there; streaming the rest gets the export limit.
                guard.cancel(false);
                guard = schedule(run, cfg.exportTimeout().toMillis());
            }
            ResultWriter.Written w = new ResultWriter(format, maxRows).provenance(provenance).write(r, out, start);
            if (w.truncated() && !interactive) {
                long limit = format == ResultFormat.XLSX ? Math.min(maxRows, XlsxWriter.MAX_ROWS) : cfg.maxExportRows();
                throw new ApiException(ProblemType.QUERY_TOO_LARGE, "The export passed the limit of " + limit + " rows"
                        + (format == ResultFormat.XLSX ? " (one Excel sheet)" : "") + "; narrow the query").with("limit", limit);
            }
            out.finish();
            return w;
        } catch (SQLException e) {
            throw failed(out, engineError(e, run.timedOut()));
        } catch (DeferredOutputStream.LimitExceeded e) {
            throw failed(out, new ApiException(ProblemType.QUERY_TOO_LARGE, e.getMessage()).with("limit", cfg.maxResultBytes()));
        } catch (IOException e) {
            // The client went away or the stream failed: closing the statement stops the engine's work too.
            throw new StreamAborted(new ApiException(ProblemType.BAD_REQUEST, "Client connection failed: " + e.getMessage()));
        } catch (ApiException e) {
            throw failed(out, e);
        } finally {
            guard.cancel(false);
        }
    }

    private DuckDBPreparedStatement prepare(DuckDBConnection dc, String sql, List<Object> binds) throws SQLException {
        DuckDBPreparedStatement ps = dc.prepare(sql);
        try {
            for (int i = 0; i < binds.size(); i++) ps.setObject(i + 1, binds.get(i));
            return ps;
        } catch (SQLException e) {
            ps.close();
            throw e;
        }
    }

    /** DuckDB cannot type a result whose columns depend on untyped parameters until it runs ("unknown"). */
    private static boolean unresolved(List<ResultWriter.Column> cols) {
        return cols.size() == 1 && cols.get(0).type().equalsIgnoreCase("UNKNOWN");
    }

    private static String body(String sql) {
        String body = sql.strip();
        while (body.endsWith(";")) body = body.substring(0, body.length() - 1).strip();
        return body;
    }

    /** The real column names and types of a parameterised statement, from a LIMIT 0 run; null if that fails. */
    private List<ResultWriter.Column> shape(DuckDBConnection dc, String sql, List<Object> binds, Running run) {
        try (DuckDBPreparedStatement p = prepare(dc, "SELECT * FROM (\n" + body(sql) + "\n) AS ivz_shape LIMIT 0", binds)) {
            run.register(p);
            try (java.sql.ResultSet rs = p.executeQuery()) {
                return ResultWriter.columns(rs.getMetaData());
            }
        } catch (SQLException e) {
            return null;
        }
    }

    /**
     * Results with LIST, STRUCT, INTERVAL, ... columns are read with those columns cast to text, so they can use
     * the chunk reader (which keeps the engine's error messages); the column types shown stay the real ones.
     * If the wrapped form does not prepare (e.g. a trailing comment after a semicolon), the plain statement runs.
     */
    private DuckDBPreparedStatement asText(DuckDBConnection dc, DuckDBPreparedStatement original, String sql,
                                           List<Object> binds, List<ResultWriter.Column> cols) throws SQLException {
        StringBuilder w = new StringBuilder("SELECT ");
        for (int i = 0; i < cols.size(); i++) {
            if (i > 0) w.append(", ");
            String name = '"' + cols.get(i).name().replace("\"", "\"\"") + '"';
            boolean plain = DuckDBChunkRows.canReadType(cols.get(i).type());
            w.append(plain ? "#" + (i + 1) : "CAST(#" + (i + 1) + " AS VARCHAR)").append(" AS ").append(name);
        }
        w.append(" FROM (\n").append(body(sql)).append("\n) AS ivz_result");
        try {
            DuckDBPreparedStatement wrapped = prepare(dc, w.toString(), binds);
            original.close();
            return wrapped;
        } catch (SQLException e) {
            return original;
        }
    }

    private static RuntimeException failed(DeferredOutputStream out, ApiException e) {
        if (out.committed()) return new StreamAborted(e);
        out.discard();
        return e;
    }

    private ScheduledFuture<?> schedule(Running run, long millis) {
        return watchdog.schedule(() -> cancel(run), millis, TimeUnit.MILLISECONDS);
    }

    private static void cancel(Running run) {
        run.cancelledAt = System.nanoTime();
        Statement st = run.statement.get();
        try {
            if (st != null) st.cancel();
        } catch (SQLException ignored) {
            // the statement finished in the meantime
        }
    }

    private ApiException timeout() {
        return new ApiException(ProblemType.TIMEOUT, "The query was cancelled after the time limit of "
                + cfg.queryTimeout().toSeconds() + " s").with("limitSeconds", cfg.queryTimeout().toSeconds());
    }

    /** Maps an engine error onto a problem kind, keeping DuckDB's message (it names the offending part). */
    public ApiException engineError(SQLException e, boolean timedOut) {
        String msg = engineMessage(e);
        if (msg.startsWith("Out of Memory Error")) {
            // DuckDB's memory_limit, max_temp_directory_size or the process cap (ProcessMemoryCap) said no
            return new ApiException(ProblemType.OUT_OF_MEMORY, msg + " (limits: memory " + db.settings().memoryLimit()
                    + ", spill " + db.settings().maxTempSize() + ")").with("memoryLimit", db.settings().memoryLimit());
        }
        if (timedOut || e instanceof SQLTimeoutException || msg.startsWith("INTERRUPT")) return timeout();
        if (msg.startsWith("Permission Error") || msg.contains("the configuration has been locked")
                || msg.contains("file system operations are disabled")) {
            return new ApiException(ProblemType.FORBIDDEN_ACCESS, msg);
        }
        if (msg.contains("read-only mode") || msg.contains("read-only transaction")) {
            return new ApiException(ProblemType.FORBIDDEN_STATEMENT, "The statement tried to write: " + msg);
        }
        return new ApiException(ProblemType.BAD_SQL, msg);
    }

    /** DuckDB's message without the Java wrapping and with at most a few lines. */
    static String engineMessage(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        String[] lines = m.split("\n");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.length && i < 4; i++) {
            if (lines[i].isBlank()) continue;
            if (sb.length() > 0) sb.append('\n');
            sb.append(lines[i].stripTrailing());
        }
        return sb.toString();
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        workers.shutdownNow();
    }
}
