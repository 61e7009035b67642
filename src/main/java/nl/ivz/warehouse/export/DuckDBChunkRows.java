package nl.ivz.warehouse.export;

import org.duckdb.DuckDBChunkedResult;
import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBDataChunkReader;
import org.duckdb.DuckDBReadableVector;

import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Rows read straight from DuckDB's data chunks. Used for results whose column types it can read; a
 * streamed JDBC ResultSet loses the engine's error message when a query fails after the first chunk
 * ("Invalid result set"), this API keeps it, and it reads about 1.5x faster.
 */
public final class DuckDBChunkRows implements Rows {
    private static final Set<String> SUPPORTED = Set.of("BOOLEAN", "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT",
            "USMALLINT", "UINTEGER", "UBIGINT", "HUGEINT", "UHUGEINT", "FLOAT", "DOUBLE", "VARCHAR", "DATE", "TIMESTAMP",
            "TIMESTAMP_MS", "TIMESTAMP_NS", "TIMESTAMP_S", "TIMESTAMP WITH TIME ZONE");
    private static final Set<DuckDBColumnType> TIMESTAMPS = EnumSet.of(DuckDBColumnType.TIMESTAMP, DuckDBColumnType.TIMESTAMP_MS,
            DuckDBColumnType.TIMESTAMP_NS, DuckDBColumnType.TIMESTAMP_S);

    private static final Object END = new Object();
    /** DuckDB's vector size: a chunk this full may have more behind it. */
    private static final int FULL_CHUNK = 2048;

    private final DuckDBChunkedResult result;
    private final List<ResultWriter.Column> columns;
    /** Chunks decoded ahead by the reader thread: values per column, END, or the failure. */
    private final BlockingQueue<Object> ahead = new ArrayBlockingQueue<>(2);
    private volatile boolean stopping;
    private Thread reader;
    private Object[][] values;
    private int row = -1;
    private int rowsInChunk;
    private boolean done;

    /** @param columns names and types to report (the statement's own, even where the values were cast to text) */
    public DuckDBChunkRows(DuckDBChunkedResult result, List<ResultWriter.Column> columns) {
        this.result = result;
        this.columns = columns;
    }

    /** Whether every column has a type this reader handles (else use the JDBC ResultSet). */
    public static boolean canRead(List<ResultWriter.Column> columns) {
        for (ResultWriter.Column c : columns) if (!canReadType(c.type())) return false;
        return true;
    }

    public static boolean canReadType(String typeName) {
        String t = typeName.toUpperCase(Locale.ROOT);
        return SUPPORTED.contains(t) || t.startsWith("DECIMAL");
    }

    @Override public List<ResultWriter.Column> columns() { return columns; }

    /**
     * The next row. A reader thread fetches and decodes the following chunk while the caller writes this one, so
     * the engine's chunk reads and the writer's formatting overlap (two cores: about the time of the slower one).
     */
    @Override
    public boolean next() throws SQLException {
        if (done) return false;
        row++;
        while (row >= rowsInChunk) {
            Object x;
            if (reader == null) {
                x = fetch();
                // a full chunk: more may follow, read them ahead (a small answer never starts a thread)
                if (x instanceof Object[][] v && v.length > 0 && v[0].length >= FULL_CHUNK) start();
            } else {
                try {
                    x = ahead.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("Interrupted while reading the result", e);
                }
            }
            if (x == END) {
                done = true;
                return false;
            }
            if (x instanceof SQLException e) throw e;
            if (x instanceof RuntimeException e) {
                if (e.getCause() instanceof SQLException c) throw c;
                throw new SQLException(e.getMessage(), e);
            }
            if (x instanceof Error e) throw e;
            values = (Object[][]) x;
            rowsInChunk = values.length == 0 ? 0 : values[0].length;
            row = 0;
        }
        return true;
    }

    @Override
    public Object get(int col) {
        return values[col][row];
    }

    private void start() {
        reader = new Thread(this::readAhead, "ivz-chunk-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void readAhead() {
        while (true) {
            Object x = stopping ? END : fetch();
            try {
                ahead.put(x);
            } catch (InterruptedException e) {
                return;
            }
            if (!(x instanceof Object[][])) return;
        }
    }

    /** The next chunk decoded (values per column), END, or what went wrong. */
    private Object fetch() {
        try {
            int n = columns.size();
            if (!result.nextChunk()) return END;
            DuckDBDataChunkReader chunk = result.chunk();
            int rows = (int) chunk.rowCount();
            Object[][] v = new Object[n][rows];
            for (int i = 0; i < n; i++) {
                DuckDBReadableVector vec = chunk.vector(i);
                DuckDBColumnType t = vec.getType();
                Object[] out = v[i];
                for (int r = 0; r < rows; r++) out[r] = vec.isNull(r) ? null : value(vec, t, r);
            }
            return v;
        } catch (Throwable e) {
            return e;
        }
    }

    private static Object value(DuckDBReadableVector v, DuckDBColumnType t, long row) {
        switch (t) {
            case BOOLEAN: return v.getBoolean(row);
            case TINYINT: return (long) v.getByte(row);
            case SMALLINT: return (long) v.getShort(row);
            case INTEGER: return (long) v.getInt(row);
            case BIGINT: return v.getLong(row);
            case UTINYINT: return (long) v.getUint8(row);
            case USMALLINT: return (long) v.getUint16(row);
            case UINTEGER: return v.getUint32(row);
            case UBIGINT: return v.getUint64(row);
            case HUGEINT: return v.getHugeInt(row);
            case UHUGEINT: return v.getUHugeInt(row);
            case FLOAT: return (double) v.getFloat(row);
            case DOUBLE: return v.getDouble(row);
            case DECIMAL: return v.getBigDecimal(row);
            case VARCHAR: return v.getString(row);
            case DATE: return v.getLocalDate(row);
            case TIMESTAMP_WITH_TIME_ZONE: return v.getOffsetDateTime(row);
            default:
                if (TIMESTAMPS.contains(t)) return v.getLocalDateTime(row);
                throw new IllegalStateException("Column type " + t + " is not readable from chunks");
        }
    }

    /** Stops the reader (it finishes the chunk it is fetching) before the result is closed under it. */
    @Override
    public void close() throws SQLException {
        stopping = true;
        if (reader != null) {
            while (reader.isAlive()) {
                ahead.clear();
                try {
                    reader.join(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        result.close();
    }
}
