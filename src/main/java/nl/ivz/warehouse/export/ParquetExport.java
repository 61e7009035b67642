package nl.ivz.warehouse.export;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Streams a result as Parquet with the Apache Parquet library (parquet-hadoop, which the lake export already
 * ships): Snappy pages, dictionary encoding, min/max statistics per column chunk. The file goes straight to the
 * output stream (no temporary file: the sandboxed service may not write one); only the current row group is held,
 * compressed, in memory.
 */
public final class ParquetExport {
    /** Row group size: bounds the heap an export takes (the group is buffered compressed until it is complete). */
    static final int ROW_GROUP_BYTES = 64 << 20;
    private static final Pattern DECIMAL = Pattern.compile("DECIMAL\\((\\d+),\\s*(\\d+)\\)");

    private enum Kind { BOOL, I32, I64, F32, F64, STRING, BLOB, DATE, TIMESTAMP, TIMESTAMP_TZ, DEC32, DEC64, DEC_FIXED }

    private record Col(String name, Kind kind, int scale) { }

    private final long maxRows;

    public ParquetExport(long maxRows) {
        this.maxRows = maxRows;
    }

    public ResultWriter.Written write(Rows rows, List<ResultWriter.Column> columns, OutputStream out) throws SQLException, IOException {
        Types.MessageTypeBuilder schema = Types.buildMessage();
        List<Col> cols = new ArrayList<>();
        for (ResultWriter.Column c : columns) cols.add(column(c, schema));
        RowSupport support = new RowSupport(schema.named("schema"), cols.toArray(new Col[0]));
        long n = 0;
        boolean truncated = false;
        try (ParquetWriter<Rows> w = new Builder(new StreamFile(out), support)
                .withConf(new PlainParquetConfiguration())
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withDictionaryEncoding(true)
                .withRowGroupSize((long) ROW_GROUP_BYTES)
                .build()) {
            while (rows.next()) {
                if (n >= maxRows) {
                    truncated = true;
                    break;
                }
                w.write(rows);
                n++;
            }
        } catch (UncheckedSql e) {
            throw e.getCause();
        }
        out.flush();
        return new ResultWriter.Written(n, truncated);
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

    /** The current row of a {@link Rows} as one Parquet record. */
    private static final class RowSupport extends WriteSupport<Rows> {
        private final MessageType schema;
        private final Col[] cols;
        private RecordConsumer rc;

        /** Per text column: the Binary of each value seen (codes and labels repeat), up to {@link #CACHED} values. */
        private final HashMap<String, Binary>[] binaries;
        private static final int CACHED = 4096;

        @SuppressWarnings("unchecked")
        RowSupport(MessageType schema, Col[] cols) {
            this.schema = schema;
            this.cols = cols;
            this.binaries = new HashMap[cols.length];
            for (int i = 0; i < cols.length; i++) binaries[i] = new HashMap<>();
        }

        private Binary text(int col, String s) {
            HashMap<String, Binary> m = binaries[col];
            Binary b = m.get(s);
            if (b == null) {
                b = Binary.fromString(s);
                if (m.size() < CACHED) m.put(s, b);
            }
            return b;
        }

        @Override
        public WriteContext init(Configuration configuration) {
            return new WriteContext(schema, new HashMap<>());
        }

        @Override
        public WriteContext init(ParquetConfiguration configuration) {
            return new WriteContext(schema, new HashMap<>());
        }

        @Override
        public String getName() {
            return "ivz-warehouse";
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.rc = recordConsumer;
        }

        @Override
        public void write(Rows r) {
            rc.startMessage();
            for (int i = 0; i < cols.length; i++) {
                Object o;
                try {
                    o = r.get(i);
                } catch (SQLException e) {
                    throw new UncheckedSql(e);
                }
                if (o == null) continue;
                Col c = cols[i];
                rc.startField(c.name(), i);
                if (c.kind() == Kind.STRING && o instanceof String t) rc.addBinary(text(i, t));
                else add(c, o);
                rc.endField(c.name(), i);
            }
            rc.endMessage();
        }

        private void add(Col c, Object o) {
            switch (c.kind()) {
                case BOOL: rc.addBoolean((Boolean) o); break;
                case I32: rc.addInteger(((Number) o).intValue()); break;
                case I64: rc.addLong(((Number) o).longValue()); break;
                case F32: rc.addFloat(((Number) o).floatValue()); break;
                case F64: rc.addDouble(((Number) o).doubleValue()); break;
                case DATE: rc.addInteger((int) ((LocalDate) o).toEpochDay()); break;
                case TIMESTAMP: {
                    LocalDateTime t = (LocalDateTime) o;
                    rc.addLong(t.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + t.getNano() / 1_000);
                    break;
                }
                case TIMESTAMP_TZ: {
                    OffsetDateTime t = o instanceof OffsetDateTime ? (OffsetDateTime) o : OffsetDateTime.parse(o.toString());
                    rc.addLong(t.toEpochSecond() * 1_000_000L + t.getNano() / 1_000);
                    break;
                }
                case DEC32: case DEC64: case DEC_FIXED: {
                    BigDecimal d = o instanceof BigDecimal ? (BigDecimal) o : new BigDecimal(o.toString());
                    BigInteger unscaled = d.setScale(c.scale(), RoundingMode.HALF_UP).unscaledValue();
                    if (c.kind() == Kind.DEC32) rc.addInteger(unscaled.intValue());
                    else if (c.kind() == Kind.DEC64) rc.addLong(unscaled.longValue());
                    else rc.addBinary(Binary.fromConstantByteArray(bigEndian16(unscaled)));
                    break;
                }
                case BLOB:
                    rc.addBinary(o instanceof byte[] ? Binary.fromConstantByteArray((byte[]) o) : Binary.fromString(o.toString()));
                    break;
                default:
                    rc.addBinary(Binary.fromString(o instanceof String ? (String) o : ResultWriter.plainText(o)));
            }
        }
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

    /** A result that fails midway (an engine error in a later chunk) surfaces as the SQLException it was. */
    private static final class UncheckedSql extends RuntimeException {
        UncheckedSql(SQLException e) { super(e); }

        @Override public synchronized SQLException getCause() { return (SQLException) super.getCause(); }
    }

    private static final class Builder extends ParquetWriter.Builder<Rows, Builder> {
        private final RowSupport support;

        Builder(OutputFile file, RowSupport support) {
            super(file);
            this.support = support;
        }

        @Override protected Builder self() { return this; }

        @Override protected WriteSupport<Rows> getWriteSupport(Configuration conf) { return support; }

        @Override protected WriteSupport<Rows> getWriteSupport(ParquetConfiguration conf) { return support; }
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
            return new PositionOutputStream() {
                private long pos;

                @Override public long getPos() { return pos; }

                @Override public void write(int b) throws IOException {
                    out.write(b);
                    pos++;
                }

                @Override public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                    pos += len;
                }

                @Override public void flush() throws IOException { out.flush(); }

                @Override public void close() throws IOException { out.flush(); }
            };
        }
    }
}
