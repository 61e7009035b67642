package nl.ivz.warehouse.load;

import nl.ivz.warehouse.core.Warehouse;
import org.jooq.DSLContext;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

import static nl.ivz.warehouse.db.Tables.LOAD_REJECTED_ROW;

/** Everything a {@link FactLoader} needs for one file: the transaction's connection, its batch and the resolvers. */
public final class LoadContext {
    private static final int SHOWN_REJECTS = 5;

    private final Connection connection;
    private final DSLContext dsl;
    private final Path file;
    private final String head;
    private final BatchStart start;
    private long batchId = -1;
    private Long previousBatch;
    private final LoadOptions options;
    private final RegionResolver regions;
    private final PeriodResolver periods;
    private final PrintStream progressOut;
    private final List<String> notes = new ArrayList<>();
    private Integer bordersYear;
    private final List<String> firstRejects = new ArrayList<>();
    private long rowsRead;
    private long rowsLoaded;
    private long rowsRejected;
    private String sourceTable;
    private String releaseLabel;
    private FactWriter writer;
    private final long startNanos = System.nanoTime();
    private long lastProgressNanos = System.nanoTime();

    /** Starts the batch of a file with this sha256: the id of an earlier batch of the same file, or -1 after writing a new one. */
    interface BatchStart {
        long[] start(String sha256) throws Exception;
    }

    LoadContext(Connection connection, Path file, String head, BatchStart start, LoadOptions options,
                RegionResolver regions, PeriodResolver periods, PrintStream progressOut) {
        this.connection = connection;
        this.dsl = Warehouse.dsl(connection);
        this.file = file;
        this.head = head;
        this.start = start;
        this.options = options;
        this.regions = regions;
        this.periods = periods;
        this.progressOut = progressOut;
    }

    public Connection connection() { return connection; }
    public DSLContext dsl() { return dsl; }
    public Path file() { return file; }
    public String head() { return head; }

    /**
     * Starts this file's batch (its load_batch row), to be called before anything is written: false when a file
     * with the same sha256 is already loaded, and then nothing may be written. Called once; later calls repeat the answer.
     */
    public boolean begin(String sha256) throws Exception {
        if (batchId < 0 && previousBatch == null) {
            long[] r = start.start(sha256);
            if (r[0] >= 0) previousBatch = r[0];
            else batchId = r[1];
        }
        return previousBatch == null;
    }

    /** The earlier batch of the same file when {@link #begin} found one, else null. */
    Long previousBatch() { return previousBatch; }

    boolean begun() { return batchId >= 0 || previousBatch != null; }

    public long batchId() {
        if (batchId < 0) throw new IllegalStateException("the batch of " + file.getFileName() + " is not begun (LoadContext.begin)");
        return batchId;
    }
    public LoadOptions options() { return options; }
    public RegionResolver regions() { return regions; }
    public PeriodResolver periods() { return periods; }

    /** The writer of this file's facts (flushed by the {@link Loader} after the file). */
    public FactWriter writer() {
        if (writer == null) writer = new FactWriter(this);
        return writer;
    }

    public void addRead(long n) { rowsRead += n; }
    public void addLoaded(long n) { rowsLoaded += n; }
    public long rowsRead() { return rowsRead; }
    public long rowsLoaded() { return rowsLoaded; }
    public long rowsRejected() { return rowsRejected; }

    public void sourceTable(String table) { this.sourceTable = table; }
    public String sourceTable() { return sourceTable; }
    public void releaseLabel(String label) { this.releaseLabel = label; }
    /** The file publishes every period on the municipal division of {@code year} (47013NED: "gemeente 2026"). */
    public void bordersYear(Integer year) { this.bordersYear = year; }
    public Integer bordersYear() { return bordersYear; }
    public String releaseLabel() { return releaseLabel; }

    /** A line for the load summary (unknown areas created, reconciliation differences, ...). */
    public void note(String line) { notes.add(line); }
    public List<String> notes() { return notes; }
    public List<String> firstRejects() { return firstRejects; }

    /**
     * Records a row that cannot be loaded. With --strict it stops the load instead.
     * @param line line in the file (1 = first line)
     */
    public void reject(long line, String column, String rawValue, String reason, String rawText) throws LoadException {
        String shown = file.getFileName() + ", line " + line + (column == null ? "" : ", column '" + column + "'")
                + (rawValue == null ? "" : ", value '" + rawValue + "'") + ": " + reason;
        if (options.strict()) throw new LoadException(shown + " (--strict: row problems are fatal)");
        rowsRejected++;
        if (firstRejects.size() < SHOWN_REJECTS) firstRejects.add(shown);
        dsl.insertInto(LOAD_REJECTED_ROW)
                .set(LOAD_REJECTED_ROW.BATCH_ID, batchId())
                .set(LOAD_REJECTED_ROW.LINE_NUMBER, line)
                .set(LOAD_REJECTED_ROW.COLUMN_NAME, column)
                .set(LOAD_REJECTED_ROW.RAW_VALUE, rawValue)
                .set(LOAD_REJECTED_ROW.REASON, reason)
                .set(LOAD_REJECTED_ROW.RAW_TEXT, rawText)
                .execute();
    }

    /** Bulk variant for loaders that find rejects in SQL: counts rows already inserted into load_rejected_row. */
    public void rejectedInBulk(long count, List<String> examples) throws LoadException {
        if (count == 0) return;
        if (options.strict()) throw new LoadException(examples.isEmpty() ? count + " rows rejected" : examples.get(0)
                + " (--strict: row problems are fatal)");
        rowsRejected += count;
        for (String e : examples) if (firstRejects.size() < SHOWN_REJECTS) firstRejects.add(e);
    }

    /** Progress on long files, at most once a second: rows, rows/s and percent done (fraction 0..1, or < 0 if unknown). */
    public void progress(long rows, double fraction) {
        long now = System.nanoTime();
        if (progressOut == null || now - lastProgressNanos < 1_000_000_000L) return;
        lastProgressNanos = now;
        double secs = (now - startNanos) / 1e9;
        progressOut.printf("  %s: %,d rows, %,.0f rows/s%s%n", file.getFileName(), rows, rows / secs,
                fraction >= 0 ? String.format(", %.0f%%", fraction * 100) : "");
    }
}
