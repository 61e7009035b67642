package nl.ivz.warehouse.export;

import org.duckdb.DuckDBChunkedResult;
import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBDataChunkReader;
import org.duckdb.DuckDBReadableVector;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
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
    /** Chunks decoded ahead by the reader thread: values per column, END, or the failure. 32 chunks (65,536 rows): the
     * reader keeps decoding while the Parquet export waits for an encoded row group. */
    private final BlockingQueue<Object> ahead = new ArrayBlockingQueue<>(32);
    private volatile boolean stopping;
    private Thread reader;
    private Object[][] values;
    private int row = -1;
    private int rowsInChunk;
    private boolean done;
    /** Short VARCHAR values read from the vectors' memory (see {@link #strings}); per column, kept across chunks. */
    private final ShortStrings[] shortStrings;
    /** Longer VARCHAR values read through the slot's pointer (see {@link #strings}); per column, kept across chunks. */
    private final LongStrings[] longStrings;
    private boolean fastStrings = DATA != null && ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    /** @param columns names and types to report (the statement's own, even where the values were cast to text) */
    public DuckDBChunkRows(DuckDBChunkedResult result, List<ResultWriter.Column> columns) {
        this.result = result;
        this.columns = columns;
        this.shortStrings = new ShortStrings[columns.size()];
        this.longStrings = new LongStrings[columns.size()];
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

    /** The rest of the current chunk at most, copied column by column (the Parquet export fills its row groups so). */
    @Override
    public int fill(Object[][] dest, int at, int max) throws SQLException {
        if (max <= 0 || !next()) return 0;
        int n = Math.min(max, rowsInChunk - row);
        for (int c = 0; c < dest.length; c++) System.arraycopy(values[c], row, dest[c], at, n);
        row += n - 1;
        return n;
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
                if (t == DuckDBColumnType.VARCHAR && fastStrings) strings(vec, i, rows, out);
                else if (t == DuckDBColumnType.DOUBLE) for (int r = 0; r < rows; r++) out[r] = vec.isNull(r) ? null : boxed(vec.getDouble(r));
                else for (int r = 0; r < rows; r++) out[r] = vec.isNull(r) ? null : value(vec, t, r);
            }
            return v;
        } catch (Throwable e) {
            return e;
        }
    }

    /** Whole numbers 0-1023 (counts, mostly) boxed once: a measure column of a large export is mostly these. */
    private static final Double[] WHOLE = new Double[1024];

    static {
        for (int i = 0; i < WHOLE.length; i++) WHOLE[i] = (double) i;
    }

    /** The shared box of a whole DOUBLE 0-1023 (not -0.0: its sign is kept), else a new one. */
    static Double boxed(double d) {
        int i = (int) d;
        if (i >= 0 && i < WHOLE.length && i == d && (i != 0 || Double.doubleToRawLongBits(d) == 0L)) return WHOLE[i];
        return d;
    }

    /**
     * A VARCHAR vector's values. DuckDB keeps a string of up to 12 bytes inside its 16-byte slot (length, then the
     * bytes); those are read from the vector's memory here, one String per distinct value, instead of one JNI call
     * and one new String per cell (codes and labels are short and repeat: that call was most of an export's decode).
     * A longer string's slot holds its length, a 4-byte prefix and a pointer to its bytes (alive while the chunk is):
     * those bytes are copied and looked up the same way (theme, measure and category codes of 13-40 bytes repeat; one
     * getString per cell, a JNI call and a new String, was most of the Parquet export's decode on national data).
     * The first short and the first long value of each column are checked against getString; any difference turns
     * this off for the rest of the result.
     */
    private void strings(DuckDBReadableVector vec, int col, int rows, Object[] out) throws IllegalAccessException {
        ByteBuffer data = (ByteBuffer) DATA.get(vec);
        if (data == null || data.capacity() < rows * 16L) {
            for (int r = 0; r < rows; r++) out[r] = vec.isNull(r) ? null : vec.getString(r);
            return;
        }
        if (shortStrings[col] == null) shortStrings[col] = new ShortStrings();
        ShortStrings known = shortStrings[col];
        for (int r = 0; r < rows; r++) {
            if (vec.isNull(r)) {
                out[r] = null;
                continue;
            }
            int at = r * 16;
            int len = data.getInt(at);
            boolean inlined = len >= 0 && len <= 12;
            String v;
            if (inlined) {
                v = known.get(data, at, len);
            } else if (UNSAFE != null && len > 0 && len <= LongStrings.MAX_LEN) {
                if (longStrings[col] == null) longStrings[col] = new LongStrings();
                LongStrings far = longStrings[col];
                v = far.get(data.getLong(at + 8), len);
                if (!far.checked) {
                    far.checked = true;
                    if (!v.equals(vec.getString(r))) {
                        slowFrom(vec, r, rows, out);
                        return;
                    }
                }
            } else {
                v = vec.getString(r);
            }
            if (inlined && !known.checked) {
                known.checked = true;
                if (!v.equals(vec.getString(r))) {
                    slowFrom(vec, r, rows, out);
                    return;
                }
            }
            out[r] = v;
        }
    }

    /** A value read from memory differed from the driver's: getString from row {@code from} on, and for the rest of the result. */
    private void slowFrom(DuckDBReadableVector vec, int from, int rows, Object[] out) {
        fastStrings = false;
        for (int k = from; k < rows; k++) out[k] = vec.isNull(k) ? null : vec.getString(k);
    }

    /** Strings of inlined values, keyed by their whole 16-byte slot (length and bytes): open addressing, bounded. */
    private static final class ShortStrings {
        private static final int SLOT_BITS = 13;
        private static final int SLOTS = 1 << SLOT_BITS;
        private static final int MAX = SLOTS * 3 / 4;
        private final long[] first = new long[SLOTS];
        private final long[] second = new long[SLOTS];
        private final String[] values = new String[SLOTS];
        private int size;
        private long lastA;
        private long lastB;
        private String last;
        boolean checked;

        String get(ByteBuffer data, int at, int len) {
            long a = data.getLong(at);
            long b = data.getLong(at + 8);
            // the padding after a short string is not guaranteed zero: only the used bytes make the key (little-endian)
            if (len < 12) {
                if (len <= 4) {
                    a &= len == 0 ? 0xFFFFFFFFL : (-1L >>> (32 - 8 * len));
                    b = 0;
                } else {
                    b &= -1L >>> (64 - 8 * (len - 4));
                }
            }
            // sorted results repeat a value row after row: the previous one first
            if (a == lastA && b == lastB && last != null) return last;
            String s = find(data, at, len, a, b);
            lastA = a;
            lastB = b;
            last = s;
            return s;
        }

        private String find(ByteBuffer data, int at, int len, long a, long b) {
            long h = a * 0x9E3779B97F4A7C15L ^ b * 0xC2B2AE3D27D4EB4FL;
            // the high bits of a multiplicative hash are its well-mixed ones
            int slot = (int) (h >>> (64 - SLOT_BITS));
            for (int probe = 0; probe < 8; probe++, slot = (slot + 1) & (SLOTS - 1)) {
                String v = values[slot];
                if (v == null) {
                    String s = decode(data, at, len);
                    if (size == MAX) {
                        clear();
                        slot = (int) (h >>> (64 - SLOT_BITS));
                    }
                    first[slot] = a;
                    second[slot] = b;
                    values[slot] = s;
                    size++;
                    return s;
                }
                if (first[slot] == a && second[slot] == b) return v;
            }
            // 8 slots taken by other values: this one takes its home slot (the newest value is the likeliest next)
            slot = (int) (h >>> (64 - SLOT_BITS));
            String s = decode(data, at, len);
            first[slot] = a;
            second[slot] = b;
            values[slot] = s;
            return s;
        }

        /** Full: start over, so a sorted export's next values (more distinct ones than fit) are cached too. */
        private void clear() {
            java.util.Arrays.fill(values, null);
            size = 0;
        }

        private static String decode(ByteBuffer data, int at, int len) {
            byte[] bytes = new byte[len];
            data.get(at + 4, bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /**
     * Strings of values longer than 12 bytes, keyed by their bytes (read from native memory at the slot's pointer):
     * open addressing, bounded; a value seen before returns the same String, so the writers' caches hit by identity.
     */
    static final class LongStrings {
        /** Longer values (free text) are rare and seldom repeat: getString. */
        static final int MAX_LEN = 256;
        private static final int SLOT_BITS = 12;
        private static final int SLOTS = 1 << SLOT_BITS;
        private static final int MAX = SLOTS * 3 / 4;
        private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
        private final byte[][] keys = new byte[SLOTS][];
        private final String[] values = new String[SLOTS];
        private final byte[] scratch = new byte[MAX_LEN];
        private int size;
        boolean checked;

        /**
         * The String of the {@code len} bytes at {@code address}, hashed and compared where they are (little-endian,
         * as {@link #get(byte[], int)} reads them): bytes are copied only for a value not seen before.
         */
        String get(long address, int len) {
            long h = len;
            int i = 0;
            for (; i + 8 <= len; i += 8) h = (h ^ UNSAFE.getLong(address + i)) * 0x9E3779B97F4A7C15L;
            for (; i < len; i++) h = (h ^ (UNSAFE.getByte(address + i) & 0xFF)) * 0xC2B2AE3D27D4EB4FL;
            int slot = (int) (h >>> (64 - SLOT_BITS));
            for (int probe = 0; probe < 8; probe++, slot = (slot + 1) & (SLOTS - 1)) {
                byte[] k = keys[slot];
                if (k == null) break;
                if (k.length == len && sameBytes(k, address, len)) return values[slot];
            }
            UNSAFE.copyMemory(null, address, scratch, BYTES, len);
            return get(scratch, len);
        }

        private static boolean sameBytes(byte[] k, long address, int len) {
            int i = 0;
            for (; i + 8 <= len; i += 8) if ((long) LONGS.get(k, i) != UNSAFE.getLong(address + i)) return false;
            for (; i < len; i++) if (k[i] != UNSAFE.getByte(address + i)) return false;
            return true;
        }

        /** The String of {@code bytes[0, len)}: the cached one when these bytes were seen before. */
        String get(byte[] bytes, int len) {
            // 8 bytes per step (codes of 13-40 bytes: 2-5 steps instead of 13-40)
            long h = len;
            int i = 0;
            for (; i + 8 <= len; i += 8) h = (h ^ (long) LONGS.get(bytes, i)) * 0x9E3779B97F4A7C15L;
            for (; i < len; i++) h = (h ^ (bytes[i] & 0xFF)) * 0xC2B2AE3D27D4EB4FL;
            int slot = (int) (h >>> (64 - SLOT_BITS));
            for (int probe = 0; probe < 8; probe++, slot = (slot + 1) & (SLOTS - 1)) {
                byte[] k = keys[slot];
                if (k == null) {
                    String s = new String(bytes, 0, len, StandardCharsets.UTF_8);
                    if (size == MAX) {
                        clear();
                        slot = (int) (h >>> (64 - SLOT_BITS));
                    }
                    keys[slot] = java.util.Arrays.copyOf(bytes, len);
                    values[slot] = s;
                    size++;
                    return s;
                }
                if (k.length == len && java.util.Arrays.equals(k, 0, len, bytes, 0, len)) return values[slot];
            }
            // 8 slots taken by other values: this one takes its home slot (as ShortStrings)
            slot = (int) (h >>> (64 - SLOT_BITS));
            String s = new String(bytes, 0, len, StandardCharsets.UTF_8);
            keys[slot] = java.util.Arrays.copyOf(bytes, len);
            values[slot] = s;
            return s;
        }

        /** Full: start over (as ShortStrings). */
        private void clear() {
            java.util.Arrays.fill(keys, null);
            java.util.Arrays.fill(values, null);
            size = 0;
        }
    }

    /** Native memory access for the long strings' bytes (jdk.unsupported; absent: getString). */
    private static final sun.misc.Unsafe UNSAFE = unsafe();
    private static final long BYTES = UNSAFE == null ? 0 : UNSAFE.arrayBaseOffset(byte[].class);

    private static sun.misc.Unsafe unsafe() {
        try {
            Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return (sun.misc.Unsafe) f.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** The driver's view of a vector's memory (a private field; absent in another driver version: then getString). */
    private static final Field DATA = dataField();

    private static Field dataField() {
        try {
            Field f = DuckDBReadableVector.class.getDeclaredField("data");
            if (f.getType() != ByteBuffer.class) return null;
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
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
