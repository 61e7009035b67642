package nl.ivz.warehouse.export;

import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.xerial.snappy.Snappy;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Streams a result as Parquet with the Apache Parquet library (parquet-hadoop, which the lake export already
 * ships): Snappy pages, dictionary encoding, min/max statistics per column chunk. The file goes straight to the
 * output stream (no temporary file: the sandboxed service may not write one).
 *
 * <p>Row groups of {@link #GROUP_ROWS} rows (DuckDB's own COPY default) are encoded on worker threads, one group
 * per worker, into the library's column writers directly (no per-row record consumer); the calling thread reads
 * the rows and appends the finished groups to the file in their order. One core encoding parquet-hadoop pages is
 * about 1.7 s per million rows of six columns; DuckDB's COPY uses every core, so this does too.
 */
public final class ParquetExport {
    /** Rows per row group, at most: DuckDB's COPY default (122,880), so files and their dictionaries match its layout. */
    static final int GROUP_ROWS = 122_880;
    /** Cells a group may hold before it is encoded (bounds the heap of wide results: rows x columns). */
    static final int GROUP_CELLS = 1 << 20;
    private static final Pattern DECIMAL = Pattern.compile("DECIMAL\\((\\d+),\\s*(\\d+)\\)");

    private enum Kind { BOOL, I32, I64, F32, F64, STRING, BLOB, DATE, TIMESTAMP, TIMESTAMP_TZ, DEC32, DEC64, DEC_FIXED }

    private record Col(String name, Kind kind, int scale) { }

    private final long maxRows;
    private final int workers;

    public ParquetExport(long maxRows) {
        this(maxRows, Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
    }

    /** @param workers threads encoding row groups (1: one encoder beside the reading thread) */
    ParquetExport(long maxRows, int workers) {
        this.maxRows = maxRows;
        this.workers = workers;
    }

    /** A row group read but not yet encoded: values per column. */
    private record Batch(Object[][] values, int rows) { }

    /** A row group encoded: its pages, compressed, waiting to be appended to the file. */
    private record Encoded(int rows, ColumnChunkPageWriteStore pages, ColumnWriteStore store) {
        void release() {
            store.close();
            pages.close();
        }
    }

    public ResultWriter.Written write(Rows rows, List<ResultWriter.Column> columns, OutputStream out) throws SQLException, IOException {
        Types.MessageTypeBuilder builder = Types.buildMessage();
        List<Col> list = new ArrayList<>();
        for (ResultWriter.Column c : columns) list.add(column(c, builder));
        MessageType schema = builder.named("schema");
        Col[] cols = list.toArray(new Col[0]);
        ParquetProperties props = ParquetProperties.builder().withDictionaryEncoding(true).build();
        int groupRows = Math.max(2048, Math.min(GROUP_ROWS, GROUP_CELLS / Math.max(1, cols.length)));
        ParquetFileWriter file = new ParquetFileWriter(new StreamFile(out), schema, ParquetFileWriter.Mode.CREATE,
                ParquetWriter.DEFAULT_BLOCK_SIZE, 0, null, props);
        file.start();
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "ivz-parquet-encoder");
            t.setDaemon(true);
            return t;
        });
        // groups in flight, oldest first: one more than the workers, so no worker waits while the oldest is appended
        ArrayDeque<Future<Encoded>> pending = new ArrayDeque<>();
        long n = 0;
        boolean truncated = false;
        try {
            Object[][] values = new Object[cols.length][groupRows];
            int filled = 0;
            while (true) {
                if (n >= maxRows) {
                    truncated = rows.next();
                    break;
                }
                int got = rows.fill(values, filled, (int) Math.min(groupRows - filled, maxRows - n));
                if (got == 0) break;
                filled += got;
                n += got;
                if (filled == groupRows) {
                    submit(pool, pending, new Batch(values, filled), schema, cols, file);
                    values = new Object[cols.length][groupRows];
                    filled = 0;
                }
            }
            if (filled > 0) submit(pool, pending, new Batch(values, filled), schema, cols, file);
            while (!pending.isEmpty()) append(pending.poll(), file);
            file.end(Map.of("writer.model.name", "ivz-warehouse"));
        } finally {
            for (Future<Encoded> f : pending) f.cancel(true);
            pool.shutdownNow();
        }
        out.flush();
        return new ResultWriter.Written(n, truncated);
    }

    private void submit(ExecutorService pool, ArrayDeque<Future<Encoded>> pending, Batch b, MessageType schema, Col[] cols,
                        ParquetFileWriter file) throws IOException {
        while (pending.size() > workers) append(pending.poll(), file);
        pending.add(pool.submit(() -> encode(b, schema, cols)));
    }

    /** Waits for the oldest group and writes it to the file (its pages are compressed already: a copy). */
    private static void append(Future<Encoded> f, ParquetFileWriter file) throws IOException {
        Encoded e;
        try {
            e = f.get();
        } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while encoding Parquet", x);
        } catch (ExecutionException x) {
            Throwable c = x.getCause();
            if (c instanceof IOException io) throw io;
            if (c instanceof RuntimeException r) throw r;
            if (c instanceof Error err) throw err;
            throw new IOException(c);
        }
        try {
            file.startBlock(e.rows());
            e.pages().flushToFileWriter(file);
            file.endBlock();
        } finally {
            e.release();
        }
    }

    /** Encodes one row group: column by column in blocks of rows, then the rows are ended for the page size checks. */
    private static Encoded encode(Batch b, MessageType schema, Col[] cols) {
        List<ColumnDescriptor> descriptors = schema.getColumns();
        List<ColumnDescriptor> textColumns = new ArrayList<>();
        for (int c = 0; c < cols.length; c++) if (cols[c].kind() == Kind.STRING) textColumns.add(descriptors.get(c));
        ParquetTexts texts = new ParquetTexts(textColumns);
        ParquetProperties props = texts.properties();
        ColumnChunkPageWriteStore pages = new ColumnChunkPageWriteStore(new SnappyCompressor(), schema, props.getAllocator(),
                props.getColumnIndexTruncateLength(), props.getPageWriteChecksumEnabled());
        ColumnWriteStore store = props.newColumnWriteStore(schema, texts.pages(pages), pages);
        ColumnWriter[] writers = new ColumnWriter[cols.length];
        for (int c = 0; c < cols.length; c++) writers[c] = store.getColumnWriter(descriptors.get(c));
        Texts[] binaries = new Texts[cols.length];
        for (int c = 0; c < cols.length; c++) if (cols[c].kind() == Kind.STRING) binaries[c] = new Texts();
        final int block = 1024;
        for (int from = 0; from < b.rows(); from += block) {
            int to = Math.min(b.rows(), from + block);
            for (int c = 0; c < cols.length; c++) {
                Object[] v = b.values()[c];
                ColumnWriter w = writers[c];
                switch (cols[c].kind()) {
                    case STRING: writeTexts(w, v, from, to, binaries[c]); break;
                    case I32: writeInts(w, v, from, to); break;
                    case I64: writeLongs(w, v, from, to); break;
                    case F64: writeDoubles(w, v, from, to); break;
                    default: writeOthers(w, cols[c], v, from, to);
                }
            }
            endRecords(store, to - from);
        }
        store.flush();
        return new Encoded(b.rows(), pages, store);
    }

    /** Its own small method, so the JIT compiles this loop on its own early (inlined into encode it waited for encode's). */
    private static void endRecords(ColumnWriteStore store, int n) {
        for (int r = 0; r < n; r++) store.endRecord();
    }

    private static void writeTexts(ColumnWriter w, Object[] v, int from, int to, Texts texts) {
        for (int r = from; r < to; r++) {
            Object o = v[r];
            if (o == null) w.writeNull(0, 0);
            else if (o instanceof String t) w.write(texts.binary(t), 0, 1);
            else w.write(utf8(ResultWriter.plainText(o)), 0, 1);
        }
    }

    private static void writeInts(ColumnWriter w, Object[] v, int from, int to) {
        for (int r = from; r < to; r++) {
            Object o = v[r];
            if (o == null) w.writeNull(0, 0);
            else w.write(((Number) o).intValue(), 0, 1);
        }
    }

    private static void writeLongs(ColumnWriter w, Object[] v, int from, int to) {
        for (int r = from; r < to; r++) {
            Object o = v[r];
            if (o == null) w.writeNull(0, 0);
            else w.write(((Number) o).longValue(), 0, 1);
        }
    }

    private static void writeDoubles(ColumnWriter w, Object[] v, int from, int to) {
        for (int r = from; r < to; r++) {
            Object o = v[r];
            if (o == null) w.writeNull(0, 0);
            else w.write(((Number) o).doubleValue(), 0, 1);
        }
    }

    /** The less common kinds (booleans, floats, dates, timestamps, decimals, blobs): one switch per value. */
    private static void writeOthers(ColumnWriter w, Col col, Object[] v, int from, int to) {
        for (int r = from; r < to; r++) {
            Object o = v[r];
            if (o == null) w.writeNull(0, 0);
            else add(w, col, o);
        }
    }

    /**
     * Snappy with snappy-java directly (raw blocks, as Parquet's SNAPPY codec writes them): no Hadoop codec factory and
     * compressor pool per row group.
     */
    private static final class SnappyCompressor implements CompressionCodecFactory.BytesInputCompressor {
        @Override
        public BytesInput compress(BytesInput bytes) throws IOException {
            byte[] in = bytes.toByteArray();
            byte[] out = new byte[Snappy.maxCompressedLength(in.length)];
            int n = Snappy.compress(in, 0, in.length, out, 0);
            return BytesInput.from(out, 0, n);
        }

        @Override public CompressionCodecName getCodecName() { return CompressionCodecName.SNAPPY; }

        @Override public void release() { }
    }

    /** Per text column: the Binary of each value seen (codes and labels repeat), up to {@link #CACHED} values. */
    private static final int CACHED = 4096;

    /**
     * Binaries backed by byte arrays: the dictionary's hashing and the statistics' min/max compares read them directly
     * (on the ByteBuffer-backed ones of Binary.fromString they were the encoders' hot spots). The previous value is checked first by
     * identity (sorted exports repeat a code row after row; the chunk reader returns one String per distinct value).
     */
    static final class Texts {
        private final HashMap<String, Binary> known = new HashMap<>();
        private String last;
        private Binary lastBinary;

        Binary binary(String s) {
            if (s == last) return lastBinary;
            Binary b = known.get(s);
            if (b == null) {
                b = utf8(s);
                // full: start over, so a sorted export's later values (more distinct ones than fit) are cached too
                if (known.size() == CACHED) known.clear();
                known.put(s, b);
            }
            last = s;
            lastBinary = b;
            return b;
        }
    }

    private static Binary utf8(String s) {
        return Binary.fromConstantByteArray(s.getBytes(StandardCharsets.UTF_8));
    }

    private static void add(ColumnWriter w, Col c, Object o) {
        switch (c.kind()) {
            case BOOL: w.write((Boolean) o, 0, 1); break;
            case I32: w.write(((Number) o).intValue(), 0, 1); break;
            case I64: w.write(((Number) o).longValue(), 0, 1); break;
            case F32: w.write(((Number) o).floatValue(), 0, 1); break;
            case F64: w.write(((Number) o).doubleValue(), 0, 1); break;
            case DATE: w.write((int) ((LocalDate) o).toEpochDay(), 0, 1); break;
            case TIMESTAMP: {
                LocalDateTime t = (LocalDateTime) o;
                w.write(t.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + t.getNano() / 1_000, 0, 1);
                break;
            }
            case TIMESTAMP_TZ: {
                OffsetDateTime t = o instanceof OffsetDateTime ? (OffsetDateTime) o : OffsetDateTime.parse(o.toString());
                w.write(t.toEpochSecond() * 1_000_000L + t.getNano() / 1_000, 0, 1);
                break;
            }
            case DEC32: case DEC64: case DEC_FIXED: {
                BigDecimal d = o instanceof BigDecimal ? (BigDecimal) o : new BigDecimal(o.toString());
                BigInteger unscaled = d.setScale(c.scale(), RoundingMode.HALF_UP).unscaledValue();
                if (c.kind() == Kind.DEC32) w.write(unscaled.intValue(), 0, 1);
                else if (c.kind() == Kind.DEC64) w.write(unscaled.longValue(), 0, 1);
                else w.write(Binary.fromConstantByteArray(bigEndian16(unscaled)), 0, 1);
                break;
            }
            case BLOB:
                w.write(o instanceof byte[] ? Binary.fromConstantByteArray((byte[]) o) : utf8(o.toString()), 0, 1);
                break;
            default:
                w.write(utf8(o instanceof String ? (String) o : ResultWriter.plainText(o)), 0, 1);
        }
    }

    /** Maps a result column onto a Parquet column (optional: any value may be NULL); unknown types go as text. */
    private static Col column(ResultWriter.Column c, Types.MessageTypeBuilder m) {
        String tn = c.type().toUpperCase(Locale.ROOT);
        String name = c.name();
        switch (c.sqlType()) {
            case java.sql.Types.BOOLEAN:
                m.optional(PrimitiveTypeName.BOOLEAN).named(name);
                return new Col(name, Kind.BOOL, 0);
            case java.sql.Types.TINYINT:
                m.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.intType(8, true)).named(name);
                return new Col(name, Kind.I32, 0);
            case java.sql.Types.SMALLINT:
                m.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.intType(16, true)).named(name);
                return new Col(name, Kind.I32, 0);
            case java.sql.Types.INTEGER:
                m.optional(PrimitiveTypeName.INT32).named(name);
                return new Col(name, Kind.I32, 0);
            case java.sql.Types.BIGINT:
                m.optional(PrimitiveTypeName.INT64).named(name);
                return new Col(name, Kind.I64, 0);
            case java.sql.Types.FLOAT: case java.sql.Types.REAL:
                m.optional(PrimitiveTypeName.FLOAT).named(name);
                return new Col(name, Kind.F32, 0);
            case java.sql.Types.DOUBLE:
                m.optional(PrimitiveTypeName.DOUBLE).named(name);
                return new Col(name, Kind.F64, 0);
            case java.sql.Types.DATE:
                m.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType()).named(name);
                return new Col(name, Kind.DATE, 0);
            case java.sql.Types.TIMESTAMP:
                m.optional(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.timestampType(false, LogicalTypeAnnotation.TimeUnit.MICROS)).named(name);
                return new Col(name, Kind.TIMESTAMP, 0);
            case java.sql.Types.TIMESTAMP_WITH_TIMEZONE:
                m.optional(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS)).named(name);
                return new Col(name, Kind.TIMESTAMP_TZ, 0);
            case java.sql.Types.BLOB: case java.sql.Types.VARBINARY: case java.sql.Types.BINARY:
                m.optional(PrimitiveTypeName.BINARY).named(name);
                return new Col(name, Kind.BLOB, 0);
            case java.sql.Types.DECIMAL: case java.sql.Types.NUMERIC: {
                Matcher d = DECIMAL.matcher(tn);
                if (d.find()) {
                    int p = Integer.parseInt(d.group(1));
                    int s = Integer.parseInt(d.group(2));
                    LogicalTypeAnnotation dec = LogicalTypeAnnotation.decimalType(s, p);
                    if (p <= 9) {
                        m.optional(PrimitiveTypeName.INT32).as(dec).named(name);
                        return new Col(name, Kind.DEC32, s);
                    }
                    if (p <= 18) {
                        m.optional(PrimitiveTypeName.INT64).as(dec).named(name);
                        return new Col(name, Kind.DEC64, s);
                    }
                    m.optional(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY).length(16).as(dec).named(name);
                    return new Col(name, Kind.DEC_FIXED, s);
                }
                break;
            }
            default:
                if (tn.equals("UTINYINT")) {
                    m.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.intType(8, false)).named(name);
                    return new Col(name, Kind.I32, 0);
                }
                if (tn.equals("USMALLINT")) {
                    m.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.intType(16, false)).named(name);
                    return new Col(name, Kind.I32, 0);
                }
                if (tn.equals("UINTEGER")) {
                    m.optional(PrimitiveTypeName.INT64).named(name);
                    return new Col(name, Kind.I64, 0);
                }
        }
        // everything else (HUGEINT, UBIGINT, INTERVAL, UUID, LIST, STRUCT, ...) as its text form
        m.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(name);
        return new Col(name, Kind.STRING, 0);
    }

    /** Two's complement, sign-extended to 16 bytes (FIXED_LEN_BYTE_ARRAY(16) decimals). */
    private static byte[] bigEndian16(BigInteger v) {
        byte[] b = v.toByteArray();
        byte[] out = new byte[16];
        byte fill = (byte) (v.signum() < 0 ? 0xFF : 0);
        java.util.Arrays.fill(out, 0, 16 - b.length, fill);
        System.arraycopy(b, 0, out, 16 - b.length, b.length);
        return out;
    }

    /** The response (or any stream) as Parquet's output file; closing it flushes but leaves the stream to its owner. */
    private static final class StreamFile implements OutputFile {
        private final OutputStream out;

        StreamFile(OutputStream out) { this.out = out; }

        @Override public PositionOutputStream create(long blockSizeHint) { return stream(); }

        @Override public PositionOutputStream createOrOverwrite(long blockSizeHint) { return stream(); }

        @Override public boolean supportsBlockSize() { return false; }

        @Override public long defaultBlockSize() { return 0; }

        private PositionOutputStream stream() {
            // page headers arrive a few bytes at a time: the response below gets large writes instead
            OutputStream buffered = new java.io.BufferedOutputStream(out, CsvBytes.BUFFER);
            return new PositionOutputStream() {
                private long pos;

                @Override public long getPos() { return pos; }

                @Override public void write(int b) throws IOException {
                    buffered.write(b);
                    pos++;
                }

                @Override public void write(byte[] b, int off, int len) throws IOException {
                    buffered.write(b, off, len);
                    pos += len;
                }

                @Override public void flush() throws IOException { buffered.flush(); }

                @Override public void close() throws IOException { buffered.flush(); }
            };
        }
    }
}
