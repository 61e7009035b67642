package nl.ivz.warehouse.export;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams a result as an Excel workbook (fastexcel): sheet "Gegevens" with typed cells (numbers as numbers in their
 * published decimals, dates as dates, booleans), a bold header row, frozen panes, a filter and column widths; sheet
 * "Bron" with the question, each column's unit and description, and the load batches behind the figures. Text goes
 * in as inline strings and rows are flushed every {@value #FLUSH_ROWS}, so memory does not grow with the result
 * (the widths come from the first {@value #SAMPLE_ROWS} rows).
 */
public final class XlsxWriter {
    /** Data rows on one sheet: Excel's 1,048,576 rows less the header. */
    public static final long MAX_ROWS = 1_048_575;
    static final int SAMPLE_ROWS = 200;
    static final int FLUSH_ROWS = 2000;

    /** What a column means: its unit and published decimals (null = as is). */
    public record ColumnNote(String name, String unit, String description, Integer decimals) { }

    /** One load batch behind the figures. */
    public record Source(long batchId, String file, String sourceTable, String release, long rowsLoaded,
                         LocalDateTime loadedAt, String status) { }

    /** The "Bron" sheet: what was asked, what the columns mean and where the figures come from. */
    public record Provenance(String title, String question, List<ColumnNote> columns, List<Source> sources) {
        ColumnNote note(String column) {
            for (ColumnNote n : columns) if (n.name().equalsIgnoreCase(column)) return n;
            return null;
        }
    }

    private final long maxRows;
    private final Provenance provenance;

    public XlsxWriter(long maxRows, Provenance provenance) {
        this.maxRows = Math.min(maxRows, MAX_ROWS);
        this.provenance = provenance == null ? new Provenance("Resultaat", "", List.of(), List.of()) : provenance;
    }

    public ResultWriter.Written write(Rows rs, List<ResultWriter.Column> cols, OutputStream raw) throws SQLException, IOException {
        // fastexcel closes its stream when it finishes; the caller owns ours
        OutputStream out = new FilterOutputStream(raw) {
            @Override public void write(byte[] b, int off, int len) throws IOException { raw.write(b, off, len); }
            @Override public void close() throws IOException { raw.flush(); }
        };
        Workbook wb = new Workbook(out, "ivz-warehouse", "1.0");
        Worksheet ws = wb.newWorksheet("Gegevens");
        String[] formats = new String[cols.size()];
        for (int c = 0; c < cols.size(); c++) {
            ColumnNote n = provenance.note(cols.get(c).name());
            formats[c] = numberFormat(cols.get(c), n == null ? null : n.decimals());
            ws.value(0, c, cols.get(c).name());
            ws.style(0, c).bold().fillColor("D9E1F2").set();
        }
        ws.freezePane(0, 1);
        // widths from the header and the first rows, which stay in memory until the widths are set
        List<Object[]> sample = new ArrayList<>();
        long n = 0;
        boolean truncated = false;
        boolean more;
        while ((more = rs.next()) && sample.size() < SAMPLE_ROWS) {
            if (n >= maxRows) { truncated = true; break; }
            Object[] row = new Object[cols.size()];
            for (int c = 0; c < row.length; c++) row[c] = rs.get(c);
            sample.add(row);
            n++;
        }
        for (int c = 0; c < cols.size(); c++) {
            int w = cols.get(c).name().length();
            for (Object[] row : sample) w = Math.max(w, shownLength(row[c]));
            ws.width(c, Math.min(60, w + 2));
        }
        int r = 1;
        for (Object[] row : sample) {
            for (int c = 0; c < row.length; c++) cell(ws, r, c, row[c], formats[c]);
            r++;
        }
        sample.clear();
        // 'more' is true when the loop stopped at the sample size with a row already read
        while (more && !truncated) {
            if (n >= maxRows) { truncated = true; break; }
            for (int c = 0; c < cols.size(); c++) cell(ws, r, c, rs.get(c), formats[c]);
            r++;
            n++;
            if (r % FLUSH_ROWS == 0) ws.flush();
            more = rs.next();
        }
        if (!cols.isEmpty()) ws.setAutoFilter(0, 0, cols.size() - 1);
        ws.finish();
        writeSources(wb.newWorksheet("Bron"), cols, n);
        wb.finish();
        raw.flush();
        return new ResultWriter.Written(n, truncated);
    }

    private void writeSources(Worksheet ws, List<ResultWriter.Column> cols, long rows) throws IOException {
        int r = 0;
        ws.value(r, 0, provenance.title());
        ws.style(r, 0).bold().fontSize(14).set();
        r += 2;
        r = pair(ws, r, "Vraag", provenance.question());
        ws.value(r, 0, "Gemaakt op");
        ws.value(r, 1, LocalDateTime.now().withNano(0));
        ws.style(r, 1).format("yyyy-mm-dd hh:mm:ss").horizontalAlignment("left").set();
        r++;
        ws.value(r, 0, "Rijen");
        ws.value(r, 1, rows);
        ws.style(r, 1).horizontalAlignment("left").set();
        r += 2;
        r = header(ws, r, "Kolom", "Type", "Eenheid", "Decimalen", "Omschrijving");
        for (ResultWriter.Column c : cols) {
            ColumnNote note = provenance.note(c.name());
            ws.value(r, 0, c.name());
            ws.value(r, 1, c.type());
            if (note != null) {
                if (note.unit() != null) ws.value(r, 2, note.unit());
                if (note.decimals() != null) ws.value(r, 3, note.decimals());
                if (note.description() != null) ws.value(r, 4, note.description());
            }
            r++;
        }
        r++;
        if (provenance.sources().isEmpty()) {
            ws.value(r, 0, "Geen geladen bestanden achter deze cijfers gevonden (de tabellen van de vraag hebben geen laadbatches).");
        } else {
            ws.value(r, 0, "Geladen bestanden achter de tabellen van deze vraag");
            ws.style(r, 0).bold().set();
            r++;
            r = header(ws, r, "Batch", "Bestand", "Brontabel", "Uitgave", "Rijen geladen", "Geladen op", "Status");
            for (Source s : provenance.sources()) {
                ws.value(r, 0, s.batchId());
                ws.value(r, 1, s.file());
                if (s.sourceTable() != null) ws.value(r, 2, s.sourceTable());
                if (s.release() != null) ws.value(r, 3, s.release());
                ws.value(r, 4, s.rowsLoaded());
                if (s.loadedAt() != null) {
                    ws.value(r, 5, s.loadedAt().withNano(0));
                    ws.style(r, 5).format("yyyy-mm-dd hh:mm:ss").set();
                }
                ws.value(r, 6, s.status());
                r++;
            }
        }
        double[] widths = {22, 40, 16, 22, 14, 20, 60};
        for (int c = 0; c < widths.length; c++) ws.width(c, widths[c]);
        ws.finish();
    }

    private static int pair(Worksheet ws, int r, String label, String value) {
        ws.value(r, 0, label);
        ws.value(r, 1, value);
        return r + 1;
    }

    private static int header(Worksheet ws, int r, String... labels) {
        for (int c = 0; c < labels.length; c++) {
            ws.value(r, c, labels[c]);
            ws.style(r, c).bold().fillColor("D9E1F2").set();
        }
        return r + 1;
    }

    /** Excel number format of a column: its published decimals, else the scale of a DECIMAL, else Excel's own. */
    static String numberFormat(ResultWriter.Column c, Integer decimals) {
        if (!ResultWriter.isNumeric(c.sqlType())) return null;
        Integer d = decimals;
        if (d == null && c.type().startsWith("DECIMAL(")) {
            String t = c.type();
            d = Integer.parseInt(t.substring(t.indexOf(',') + 1, t.indexOf(')')).trim());
        }
        if (d == null) return null;
        return d == 0 ? "#,##0" : "#,##0." + "0".repeat(d);
    }

    private static void cell(Worksheet ws, int r, int c, Object v, String format) {
        if (v == null) return;
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                ws.inlineString(r, c, Double.toString(d));
                return;
            }
            ws.value(r, c, new BigDecimal(ResultWriter.number(v))); // the same digits as CSV and JSON
        } else if (v instanceof BigDecimal || v instanceof Long || v instanceof Integer || v instanceof BigInteger
                || v instanceof Short || v instanceof Byte) {
            ws.value(r, c, (Number) v);
        } else if (v instanceof Boolean) {
            ws.value(r, c, (Boolean) v);
        } else if (v instanceof LocalDate) {
            ws.value(r, c, (LocalDate) v);
            ws.style(r, c).format("yyyy-mm-dd").set();
            return;
        } else if (v instanceof LocalDateTime || v instanceof java.sql.Timestamp || v instanceof OffsetDateTime) {
            LocalDateTime t = v instanceof java.sql.Timestamp ts ? ts.toLocalDateTime()
                    : v instanceof OffsetDateTime o ? o.toLocalDateTime() : (LocalDateTime) v;
            ws.value(r, c, t);
            ws.style(r, c).format("yyyy-mm-dd hh:mm:ss").set();
            return;
        } else if (v instanceof java.sql.Date sd) {
            ws.value(r, c, sd.toLocalDate());
            ws.style(r, c).format("yyyy-mm-dd").set();
            return;
        } else {
            ws.inlineString(r, c, ResultWriter.plainText(v));
            return;
        }
        if (format != null) ws.style(r, c).format(format).set();
    }

    private static int shownLength(Object v) {
        if (v == null) return 0;
        if (v instanceof LocalDate || v instanceof java.sql.Date) return 10;
        if (v instanceof LocalDateTime || v instanceof java.sql.Timestamp || v instanceof OffsetDateTime) return 19;
        return Math.min(60, ResultWriter.plainText(v).length());
    }
}
