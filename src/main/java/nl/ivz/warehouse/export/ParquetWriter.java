package nl.ivz.warehouse.export;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Streams a JDBC result as a Parquet file (format 1.0: PLAIN values, RLE definition levels, uncompressed,
 * one data page per column chunk). Rows are buffered one row group at a time (about 8 MB), so memory does
 * not grow with the result. Written by hand because DuckDB's own COPY TO needs a file, which the
 * sandbox (rightly) forbids, and parquet-mr drags in Hadoop.
 */
public final class ParquetWriter {
    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
    private static final int ROW_GROUP_BYTES = 8 << 20;
    private static final int ROW_GROUP_MAX_ROWS = 1 << 20;
    private static final Pattern DECIMAL = Pattern.compile("DECIMAL\\((\\d+),\\s*(\\d+)\\)");

    // Parquet physical types
    private static final int BOOLEAN = 0, INT32 = 1, INT64 = 2, FLOAT = 4, DOUBLE = 5, BYTE_ARRAY = 6, FIXED = 7;
    // converted types
    private static final int UTF8 = 0, DEC = 5, DATE = 6, TIMESTAMP_MICROS = 10, INT_8 = 15, INT_16 = 16, UINT_8 = 11, UINT_16 = 12;

    private enum Kind { BOOL, I32, I64, F32, F64, STRING, BLOB, DATE, TIMESTAMP, TIMESTAMP_TZ, DEC32, DEC64, DEC_FIXED }

    private static final class Col {
        final String name;
        final Kind kind;
        final int physical;
        final int converted; // -1 = none
        final int precision;
        final int scale;
        final int fixedLength;
        final LeBuffer values = new LeBuffer(1 << 12);
        boolean[] defined = new boolean[1024];
        int bits; // for BOOLEAN values
        int bitByte;
        final List<long[]> chunks = new ArrayList<>(); // {offset, size, numValues} per row group

        Col(String name, Kind kind, int physical, int converted, int precision, int scale, int fixedLength) {
            this.name = name; this.kind = kind; this.physical = physical; this.converted = converted;
            this.precision = precision; this.scale = scale; this.fixedLength = fixedLength;
        }
    }

    private final long maxRows;

    public ParquetWriter(long maxRows) {
        this.maxRows = maxRows;
    }

    public ResultWriter.Written write(Rows rs, List<ResultWriter.Column> columns, OutputStream raw) throws SQLException, IOException {
        CountingStream out = new CountingStream(raw);
        List<Col> cols = new ArrayList<>();
        for (ResultWriter.Column c : columns) cols.add(column(c));
        out.write(MAGIC);
        List<long[]> rowGroups = new ArrayList<>(); // {numRows, totalBytes}
        long total = 0;
        int inGroup = 0;
        boolean truncated = false;
        while (rs.next()) {
            if (total >= maxRows) { truncated = true; break; }
            for (int i = 0; i < cols.size(); i++) append(cols.get(i), rs.get(i), inGroup);
            inGroup++;
            total++;
            if (inGroup >= ROW_GROUP_MAX_ROWS || (inGroup % 1024 == 0 && buffered(cols) >= ROW_GROUP_BYTES)) {
                rowGroups.add(flushGroup(cols, inGroup, out));
                inGroup = 0;
            }
        }
        if (inGroup > 0 || rowGroups.isEmpty()) rowGroups.add(flushGroup(cols, inGroup, out));
        byte[] footer = footer(cols, rowGroups, total);
        out.write(footer);
        out.write(new byte[] {(byte) footer.length, (byte) (footer.length >>> 8), (byte) (footer.length >>> 16), (byte) (footer.length >>> 24)});
        out.write(MAGIC);
        out.flush();
        return new ResultWriter.Written(total, truncated);
    }

    private static long buffered(List<Col> cols) {
        long n = 0;
        for (Col c : cols) n += c.values.size();
        return n;
    }

    private static Col column(ResultWriter.Column c) {
        String tn = c.type().toUpperCase(Locale.ROOT);
        switch (c.sqlType()) {
            case Types.BOOLEAN: return new Col(c.name(), Kind.BOOL, BOOLEAN, -1, 0, 0, 0);
            case Types.TINYINT: return new Col(c.name(), Kind.I32, INT32, INT_8, 0, 0, 0);
            case Types.SMALLINT: return new Col(c.name(), Kind.I32, INT32, INT_16, 0, 0, 0);
            case Types.INTEGER: return new Col(c.name(), Kind.I32, INT32, -1, 0, 0, 0);
            case Types.BIGINT: return new Col(c.name(), Kind.I64, INT64, -1, 0, 0, 0);
            case Types.FLOAT: case Types.REAL: return new Col(c.name(), Kind.F32, FLOAT, -1, 0, 0, 0);
            case Types.DOUBLE: return new Col(c.name(), Kind.F64, DOUBLE, -1, 0, 0, 0);
            case Types.DATE: return new Col(c.name(), Kind.DATE, INT32, DATE, 0, 0, 0);
            case Types.TIMESTAMP: return new Col(c.name(), Kind.TIMESTAMP, INT64, TIMESTAMP_MICROS, 0, 0, 0);
            case Types.TIMESTAMP_WITH_TIMEZONE: return new Col(c.name(), Kind.TIMESTAMP_TZ, INT64, TIMESTAMP_MICROS, 0, 0, 0);
            case Types.BLOB: case Types.VARBINARY: case Types.BINARY: return new Col(c.name(), Kind.BLOB, BYTE_ARRAY, -1, 0, 0, 0);
            case Types.DECIMAL: case Types.NUMERIC: {
                Matcher m = DECIMAL.matcher(tn);
                if (m.find()) {
                    int p = Integer.parseInt(m.group(1));
                    int s = Integer.parseInt(m.group(2));
                    if (p <= 9) return new Col(c.name(), Kind.DEC32, INT32, DEC, p, s, 0);
                    if (p <= 18) return new Col(c.name(), Kind.DEC64, INT64, DEC, p, s, 0);
                    return new Col(c.name(), Kind.DEC_FIXED, FIXED, DEC, p, s, 16);
                }
                return new Col(c.name(), Kind.STRING, BYTE_ARRAY, UTF8, 0, 0, 0);
            }
            default:
                if (tn.equals("UTINYINT")) return new Col(c.name(), Kind.I32, INT32, UINT_8, 0, 0, 0);
                if (tn.equals("USMALLINT")) return new Col(c.name(), Kind.I32, INT32, UINT_16, 0, 0, 0);
                if (tn.equals("UINTEGER")) return new Col(c.name(), Kind.I64, INT64, -1, 0, 0, 0);
                // Everything else (HUGEINT, UBIGINT, INTERVAL, UUID, LIST, STRUCT, ...) as its text form.
                return new Col(c.name(), Kind.STRING, BYTE_ARRAY, UTF8, 0, 0, 0);
        }
    }

    private static void append(Col c, Object o, int row) {
        if (row >= c.defined.length) c.defined = Arrays.copyOf(c.defined, c.defined.length * 2);
        c.defined[row] = o != null;
        if (o == null) return;
        LeBuffer v = c.values;
        switch (c.kind) {
            case BOOL:
                if ((Boolean) o) c.bitByte |= 1 << (c.bits & 7);
                if ((++c.bits & 7) == 0) { v.writeByte(c.bitByte); c.bitByte = 0; }
                break;
            case I32: v.writeInt(((Number) o).intValue()); break;
            case I64: v.writeLong(((Number) o).longValue()); break;
            case F32: v.writeInt(Float.floatToRawIntBits(((Number) o).floatValue())); break;
            case F64: v.writeLong(Double.doubleToRawLongBits(((Number) o).doubleValue())); break;
            case DATE: v.writeInt((int) ((LocalDate) o).toEpochDay()); break;
            case TIMESTAMP: {
                LocalDateTime t = (LocalDateTime) o;
                v.writeLong(t.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + t.getNano() / 1_000);
                break;
            }
            case TIMESTAMP_TZ: {
                OffsetDateTime t = (OffsetDateTime) o;
                v.writeLong(t.toEpochSecond() * 1_000_000L + t.getNano() / 1_000);
                break;
            }
            case DEC32: case DEC64: case DEC_FIXED: {
                BigDecimal d = o instanceof BigDecimal ? (BigDecimal) o : new BigDecimal(o.toString());
                BigInteger unscaled = d.setScale(c.scale, RoundingMode.HALF_UP).unscaledValue();
                if (c.kind == Kind.DEC32) v.writeInt(unscaled.intValue());
                else if (c.kind == Kind.DEC64) v.writeLong(unscaled.longValue());
                else v.writeFixedBigEndian(unscaled.toByteArray(), c.fixedLength);
                break;
            }
            case BLOB: {
                byte[] b = o instanceof byte[] ? (byte[]) o : o.toString().getBytes(StandardCharsets.UTF_8);
                v.writeInt(b.length);
                v.write(b, 0, b.length);
                break;
            }
            default: {
                byte[] b = ResultWriter.plainText(o).getBytes(StandardCharsets.UTF_8);
                v.writeInt(b.length);
                v.write(b, 0, b.length);
            }
        }
    }

    /** Writes one row group: per column one page header and one data page. Returns {numRows, totalBytes}. */
    private static long[] flushGroup(List<Col> cols, int rows, CountingStream out) throws IOException {
        long groupBytes = 0;
        for (Col c : cols) {
            if (c.kind == Kind.BOOL && (c.bits & 7) != 0) { c.values.writeByte(c.bitByte); c.bitByte = 0; }
            byte[] levels = definitionLevels(c.defined, rows);
            int pageSize = 4 + levels.length + c.values.size();
            ThriftCompactWriter h = new ThriftCompactWriter();
            h.i32(1, 0);           // type DATA_PAGE
            h.i32(2, pageSize);    // uncompressed_page_size
            h.i32(3, pageSize);    // compressed_page_size
            h.beginStruct(5);      // data_page_header
            h.i32(1, rows);        // num_values (nulls included)
            h.i32(2, 0);           // encoding PLAIN
            h.i32(3, 3);           // definition_level_encoding RLE
            h.i32(4, 3);           // repetition_level_encoding RLE
            h.endStruct();
            h.stop();
            byte[] header = h.toByteArray();
            long offset = out.count();
            out.write(header);
            out.write(new byte[] {(byte) levels.length, (byte) (levels.length >>> 8), (byte) (levels.length >>> 16), (byte) (levels.length >>> 24)});
            out.write(levels);
            c.values.writeTo(out);
            long size = header.length + pageSize;
            c.chunks.add(new long[] {offset, size, rows});
            groupBytes += size;
            c.values.reset();
            c.bits = 0;
        }
        return new long[] {rows, groupBytes};
    }

    /** RLE/bit-packed hybrid, bit width 1: one RLE run when nothing is null, else bit-packed groups of 8. */
    private static byte[] definitionLevels(boolean[] defined, int rows) {
        LeBuffer b = new LeBuffer(16);
        boolean allDefined = true;
        for (int i = 0; i < rows; i++) if (!defined[i]) { allDefined = false; break; }
        if (allDefined) {
            if (rows == 0) return new byte[0];
            b.writeUnsignedVarint((long) rows << 1);
            b.writeByte(1);
            return b.toByteArray();
        }
        int groups = (rows + 7) / 8;
        b.writeUnsignedVarint(((long) groups << 1) | 1);
        for (int g = 0; g < groups; g++) {
            int x = 0;
            for (int k = 0; k < 8; k++) {
                int i = g * 8 + k;
                if (i < rows && defined[i]) x |= 1 << k;
            }
            b.writeByte(x);
        }
        return b.toByteArray();
    }

    private static byte[] footer(List<Col> cols, List<long[]> rowGroups, long totalRows) {
        ThriftCompactWriter f = new ThriftCompactWriter();
        f.i32(1, 1); // version
        f.listHeader(2, ThriftCompactWriter.STRUCT, cols.size() + 1);
        f.beginStruct(0);
        f.string(4, "schema");
        f.i32(5, cols.size());
        f.endStruct();
        for (Col c : cols) {
            f.beginStruct(0);
            f.i32(1, c.physical);
            if (c.physical == FIXED) f.i32(2, c.fixedLength);
            f.i32(3, 1); // OPTIONAL
            f.string(4, c.name);
            if (c.converted >= 0) f.i32(6, c.converted);
            if (c.converted == DEC) { f.i32(7, c.scale); f.i32(8, c.precision); }
            f.endStruct();
        }
        f.i64(3, totalRows);
        f.listHeader(4, ThriftCompactWriter.STRUCT, rowGroups.size());
        for (int g = 0; g < rowGroups.size(); g++) {
            f.beginStruct(0);
            f.listHeader(1, ThriftCompactWriter.STRUCT, cols.size());
            for (Col c : cols) {
                long[] chunk = c.chunks.get(g);
                f.beginStruct(0);
                f.i64(2, chunk[0]); // file_offset
                f.beginStruct(3);   // meta_data
                f.i32(1, c.physical);
                f.listHeader(2, ThriftCompactWriter.I32, 2);
                f.rawI32(0); // PLAIN
                f.rawI32(3); // RLE
                f.listHeader(3, ThriftCompactWriter.BINARY, 1);
                f.rawBinary(c.name.getBytes(StandardCharsets.UTF_8));
                f.i32(4, 0); // UNCOMPRESSED
                f.i64(5, chunk[2]);
                f.i64(6, chunk[1]);
                f.i64(7, chunk[1]);
                f.i64(9, chunk[0]); // data_page_offset
                f.endStruct();
                f.endStruct();
            }
            f.i64(2, rowGroups.get(g)[1]);
            f.i64(3, rowGroups.get(g)[0]);
            f.endStruct();
        }
        f.string(6, "ivz-warehouse " + ParquetWriter.class.getPackage().getName());
        f.stop();
        return f.toByteArray();
    }

    /** Growable little-endian byte buffer. */
    static final class LeBuffer {
        private byte[] buf;
        private int size;

        LeBuffer(int initial) { buf = new byte[initial]; }

        int size() { return size; }

        void reset() {
            size = 0;
            if (buf.length > (16 << 20)) buf = new byte[1 << 12];
        }

        private void ensure(int extra) {
            if (size + extra > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
        }

        void writeByte(int b) { ensure(1); buf[size++] = (byte) b; }

        void writeInt(int x) {
            ensure(4);
            buf[size] = (byte) x; buf[size + 1] = (byte) (x >>> 8); buf[size + 2] = (byte) (x >>> 16); buf[size + 3] = (byte) (x >>> 24);
            size += 4;
        }

        void writeLong(long x) {
            ensure(8);
            for (int k = 0; k < 8; k++) buf[size + k] = (byte) (x >>> (8 * k));
            size += 8;
        }

        void write(byte[] b, int off, int len) { ensure(len); System.arraycopy(b, off, buf, size, len); size += len; }

        /** Two's complement big-endian, sign-extended to {@code length} bytes. */
        void writeFixedBigEndian(byte[] twos, int length) {
            ensure(length);
            byte pad = (byte) (twos.length > 0 && twos[0] < 0 ? 0xFF : 0);
            int start = Math.max(0, twos.length - length);
            for (int k = 0; k < length - (twos.length - start); k++) buf[size++] = pad;
            System.arraycopy(twos, start, buf, size, twos.length - start);
            size += twos.length - start;
        }

        void writeUnsignedVarint(long v) {
            while ((v & ~0x7FL) != 0) { writeByte((int) ((v & 0x7F) | 0x80)); v >>>= 7; }
            writeByte((int) v);
        }

        byte[] toByteArray() { return Arrays.copyOf(buf, size); }

        void writeTo(OutputStream out) throws IOException { out.write(buf, 0, size); }
    }

    private static final class CountingStream extends OutputStream {
        private final OutputStream out;
        private long count;

        CountingStream(OutputStream out) { this.out = out; }

        long count() { return count; }

        @Override public void write(int b) throws IOException { out.write(b); count++; }

        @Override public void write(byte[] b, int off, int len) throws IOException { out.write(b, off, len); count += len; }

        @Override public void flush() throws IOException { out.flush(); }
    }
}
