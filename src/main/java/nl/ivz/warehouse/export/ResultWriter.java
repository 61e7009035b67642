package nl.ivz.warehouse.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams a JDBC result to an output stream, one row at a time (only the terminal table buffers), so
 * an export of any size runs in constant memory.
 */
public final class ResultWriter {
    private final ResultFormat format;
    private final long maxRows;
    private XlsxWriter.Provenance provenance;

    /** @param maxRows rows to write before stopping with truncated=true; Long.MAX_VALUE for exports */
    public ResultWriter(ResultFormat format, long maxRows) {
        this.format = format;
        this.maxRows = maxRows;
    }

    /** What the xlsx "Bron" sheet says about the result (ignored by the other formats). */
    public ResultWriter provenance(XlsxWriter.Provenance p) {
        this.provenance = p;
        return this;
    }

    /** Result of a write: how many rows went out and whether more were left. */
    public record Written(long rows, boolean truncated) { }

    public record Column(String name, String type, int sqlType) { }

    public static List<Column> columns(ResultSetMetaData md) throws SQLException {
        List<Column> cols = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            cols.add(new Column(md.getColumnLabel(i), md.getColumnTypeName(i), md.getColumnType(i)));
        }
        return cols;
    }

    public Written write(ResultSet rs, OutputStream out, long startNanos) throws SQLException, IOException {
        return write(new JdbcRows(rs), out, startNanos);
    }

    public Written write(Rows rs, OutputStream out, long startNanos) throws SQLException, IOException {
        List<Column> cols = rs.columns();
        switch (format) {
            case JSON: return writeJson(rs, cols, out, startNanos, false);
            case NDJSON: return writeJson(rs, cols, out, startNanos, true);
            case CSV: return writeCsv(rs, cols, out, ',', false);
            case CSV_NL: return writeCsv(rs, cols, out, ';', true);
            case TABLE: return writeTable(rs, cols, out);
            case PARQUET: return new ParquetExport(maxRows).write(rs, cols, out);
            case XLSX: return new XlsxWriter(maxRows, provenance).write(rs, cols, out);
            default: throw new IllegalStateException(format.toString());
        }
    }

    static boolean isNumeric(int t) {
        return t == Types.INTEGER || t == Types.BIGINT || t == Types.SMALLINT || t == Types.TINYINT
                || t == Types.DOUBLE || t == Types.FLOAT || t == Types.REAL || t == Types.DECIMAL || t == Types.NUMERIC;
    }

    /** Plain decimal text (no exponent), "." as decimal point; integral doubles without ".0". */
    public static String number(Object v) {
        if (v instanceof Long || v instanceof Integer) return v.toString();
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) return Double.toString(d);
            if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
            String s = Double.toString(d); // shortest round-trip digits; plain unless it has an exponent
            if (significantDigits(s) > 15) {
                // binary noise of arithmetic (2097.2799999999997): a double carries 15 decimal digits exactly
                return new BigDecimal(s).round(DOUBLE_DIGITS).stripTrailingZeros().toPlainString();
            }
            return s.indexOf('E') < 0 ? s : BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        if (v instanceof BigDecimal) return trimZeros(((BigDecimal) v).toPlainString());
        return v.toString();
    }

    private static final java.math.MathContext DOUBLE_DIGITS = new java.math.MathContext(15);

    /** Digits of Double.toString's mantissa without leading zeros. */
    private static int significantDigits(String s) {
        int n = 0;
        boolean leading = true;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == 'E') break;
            if (ch < '0' || ch > '9') continue;
            if (leading && ch == '0') continue;
            leading = false;
            n++;
        }
        return n;
    }

    /** "1.50" -> "1.5", "2.00" -> "2" (cheaper than BigDecimal.stripTrailingZeros on every cell). */
    private static String trimZeros(String s) {
        if (s.indexOf('.') < 0) return s;
        int end = s.length();
        while (s.charAt(end - 1) == '0') end--;
        if (s.charAt(end - 1) == '.') end--;
        return end == s.length() ? s : s.substring(0, end);
    }

    /** Text of one cell for CSV and table output; null for SQL NULL. */
    static String text(Rows rs, int i, Column c) throws SQLException {
        Object v = rs.get(i - 1);
        if (v == null) return null;
        return plainText(v);
    }

    /** Text of a non-null value as CSV and table output write it. */
    static String plainText(Object v) {
        if (v instanceof Number) return number(v);
        if (v instanceof java.sql.Timestamp) return ((java.sql.Timestamp) v).toLocalDateTime().toString();
        if (v instanceof java.sql.Date) return ((java.sql.Date) v).toLocalDate().toString();
        return v.toString();
    }

    private Written writeCsv(Rows rs, List<Column> cols, OutputStream out, char sep, boolean dutch)
            throws SQLException, IOException {
        CsvBytes w = new CsvBytes(out);
        if (dutch) w.text("\uFEFF");
        for (int i = 0; i < cols.size(); i++) {
            if (i > 0) w.sep(sep);
            w.cell(cols.get(i).name(), sep);
        }
        w.newline();
        boolean[] numeric = new boolean[cols.size()];
        for (int i = 0; i < numeric.length; i++) numeric[i] = isNumeric(cols.get(i).sqlType());
        long n = 0;
        boolean truncated = false;
        while (rs.next()) {
            if (n >= maxRows) { truncated = true; break; }
            for (int i = 0; i < numeric.length; i++) {
                if (i > 0) w.sep(sep);
                Object v = rs.get(i);
                if (v == null) continue;
                if (numeric[i]) {
                    // whole numbers straight to bytes: the same digits number() gives, without a String per cell
                    if (v instanceof Long l) w.number(l);
                    else if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) w.number(d.longValue());
                    else {
                        String t = plainText(v);
                        w.text(dutch ? t.replace('.', ',') : t);
                    }
                } else {
                    w.cell(v instanceof String s ? s : plainText(v), sep);
                }
            }
            w.newline();
            n++;
        }
        w.flush();
        return new Written(n, truncated);
    }

    static String csvQuote(String s, char sep) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == sep || ch == '"' || ch == '\n' || ch == '\r') return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    private Written writeJson(Rows rs, List<Column> cols, OutputStream out, long startNanos, boolean nd)
            throws SQLException, IOException {
        JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.setRootValueSeparator(null); // NDJSON: lines start with '{', not with Jackson's default space
        long n = 0;
        boolean truncated = false;
        if (!nd) {
            g.writeStartObject();
            g.writeArrayFieldStart("columns");
            for (Column c : cols) {
                g.writeStartObject();
                g.writeStringField("name", c.name());
                g.writeStringField("type", c.type());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("rows");
        }
        while (rs.next()) {
            if (n >= maxRows) { truncated = true; break; }
            if (nd) g.writeStartObject(); else g.writeStartArray();
            for (int i = 0; i < cols.size(); i++) {
                if (nd) g.writeFieldName(cols.get(i).name());
                writeJsonValue(g, rs.get(i));
            }
            if (nd) { g.writeEndObject(); g.writeRaw('\n'); } else g.writeEndArray();
            n++;
        }
        if (!nd) {
            g.writeEndArray();
            g.writeNumberField("rowCount", n);
            g.writeBooleanField("truncated", truncated);
            g.writeNumberField("elapsedMs", (System.nanoTime() - startNanos) / 1_000_000);
            g.writeEndObject();
        }
        g.flush();
        return new Written(n, truncated);
    }

    static void writeJsonValue(JsonGenerator g, Object v) throws IOException {
        if (v == null) g.writeNull();
        else if (v instanceof Boolean) g.writeBoolean((Boolean) v);
        else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) g.writeNumber(((Number) v).longValue());
        else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) g.writeNull(); else g.writeNumber(number(v));
        }
        else if (v instanceof BigDecimal) g.writeNumber((BigDecimal) v);
        else if (v instanceof java.math.BigInteger) g.writeNumber((java.math.BigInteger) v);
        else if (v instanceof java.sql.Timestamp) g.writeString(((java.sql.Timestamp) v).toLocalDateTime().toString());
        else if (v instanceof java.sql.Date) g.writeString(((java.sql.Date) v).toLocalDate().toString());
        else if (v instanceof java.time.temporal.TemporalAccessor) g.writeString(v.toString());
        else if (v instanceof java.sql.Array) {
            try {
                Object[] items = (Object[]) ((java.sql.Array) v).getArray();
                g.writeStartArray();
                for (Object o : items) writeJsonValue(g, o);
                g.writeEndArray();
            } catch (SQLException e) {
                g.writeString(v.toString());
            }
        }
        else g.writeString(v.toString());
    }

    private Written writeTable(Rows rs, List<Column> cols, OutputStream out) throws SQLException, IOException {
        List<String[]> rows = new ArrayList<>();
        int[] width = new int[cols.size()];
        for (int i = 0; i < cols.size(); i++) width[i] = cols.get(i).name().length();
        boolean truncated = false;
        while (rs.next()) {
            if (rows.size() >= maxRows) { truncated = true; break; }
            String[] r = new String[cols.size()];
            for (int i = 0; i < cols.size(); i++) {
                String t = text(rs, i + 1, cols.get(i));
                r[i] = t == null ? "" : t;
                width[i] = Math.max(width[i], r[i].length());
            }
            rows.add(r);
        }
        StringBuilder sb = new StringBuilder();
        appendRow(sb, cols.stream().map(Column::name).toArray(String[]::new), width, cols, true);
        for (int i = 0; i < cols.size(); i++) {
            if (i > 0) sb.append("-+-");
            sb.append("-".repeat(width[i]));
        }
        sb.append('\n');
        for (String[] r : rows) appendRow(sb, r, width, cols, false);
        sb.append('(').append(rows.size()).append(rows.size() == 1 ? " row" : " rows")
                .append(truncated ? ", more not shown" : "").append(")\n");
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        return new Written(rows.size(), truncated);
    }

    private static void appendRow(StringBuilder sb, String[] r, int[] width, List<Column> cols, boolean header) {
        for (int i = 0; i < r.length; i++) {
            if (i > 0) sb.append(" | ");
            boolean right = !header && isNumeric(cols.get(i).sqlType());
            String pad = " ".repeat(width[i] - r[i].length());
            sb.append(right ? pad + r[i] : r[i] + (i == r.length - 1 ? "" : pad));
        }
        sb.append('\n');
    }
}
