package nl.ivz.warehouse.sources;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A StatLine table view saved as CSV (47013NED): a title line, filter lines ("Soort misdrijf: Totaal
 * misdrijven"), an empty line, header lines that give each value column its topic ("Onderwerp"), period
 * ("Perioden") and unit (on the line that names the row dimension, e.g. "Regio's"), then one row per area,
 * then a footer ("Bron: Politie"). All fields quoted, ';', '.' = missing.
 */
public final class StatlineTableView {
    /** One value column: its header values per header line (Onderwerp, Perioden, ...) and its unit. */
    public record Column(int index, Map<String, String> keys, String unit) { }

    /** One data row. */
    public record Row(long line, String label, List<String> values, String raw) { }

    private final String title;
    private final Map<String, String> filters;
    private final String rowDimension;
    private final List<Column> columns;
    private final List<Row> rows;
    private final List<String> footer;

    private StatlineTableView(String title, Map<String, String> filters, String rowDimension, List<Column> columns,
                              List<Row> rows, List<String> footer) {
        this.title = title;
        this.filters = filters;
        this.rowDimension = rowDimension;
        this.columns = columns;
        this.rows = rows;
        this.footer = footer;
    }

    public String title() { return title; }
    public Map<String, String> filters() { return filters; }
    public String rowDimension() { return rowDimension; }
    public List<Column> columns() { return columns; }
    public List<Row> rows() { return rows; }
    public List<String> footer() { return footer; }

    /** True when the first line is a single quoted title and a header line "Onderwerp";... follows. */
    public static boolean looksLike(String head) {
        String[] lines = head.split("\r?\n", 12);
        if (lines.length < 4 || Delimited.split(lines[0], ';').size() != 1) return false;
        for (String l : lines) if (l.startsWith("\"Onderwerp\";") || l.startsWith("Onderwerp;")) return true;
        return false;
    }

    /** Reads the whole table (table views are small: one row per area). */
    public static StatlineTableView read(Path file, List<String> rowDimensions) throws IOException, SourceFormatException {
        List<CSVRecord> recs = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)))) {
            r.mark(4);
            if (r.read() != '\uFEFF') r.reset();
            CSVParser p = CSVParser.parse(r, CSVFormat.DEFAULT.builder().setDelimiter(';').setIgnoreEmptyLines(false).get());
            long lastLine = 0;
            try {
                for (CSVRecord rec : p) {
                    long line = Math.max(lastLine + 1, p.getCurrentLineNumber());
                    lastLine = line;
                    recs.add(rec);
                    lines.add(line);
                }
            } catch (UncheckedIOException e) {
                if (e.getCause() instanceof java.nio.charset.CharacterCodingException) {
                    throw new SourceFormatException(file, lastLine + 1, null, null, "UTF-8 text (save the file as UTF-8)");
                }
                throw new SourceFormatException(file, lastLine + 1, null, null,
                        "well-formed ';'-separated quoted fields (" + e.getCause().getMessage() + ": truncated file?)");
            }
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new SourceFormatException(file, 0, null, null, "UTF-8 text (save the file as UTF-8)");
        }
        if (recs.isEmpty()) throw new SourceFormatException(file, 1, null, "", "a StatLine table view (title line, filters, header lines, rows); the file is empty");
        String title = recs.get(0).get(0).trim();
        int i = 1;
        Map<String, String> filters = new LinkedHashMap<>();
        while (i < recs.size() && recs.get(i).size() == 1 && !recs.get(i).get(0).isBlank()) {
            String f = recs.get(i).get(0);
            int colon = f.indexOf(':');
            if (colon > 0) filters.put(f.substring(0, colon).trim(), f.substring(colon + 1).trim());
            i++;
        }
        while (i < recs.size() && recs.get(i).size() == 1 && recs.get(i).get(0).isBlank()) i++;
        // header lines up to (and including) the line naming the row dimension
        List<CSVRecord> header = new ArrayList<>();
        String rowDim = null;
        int width = -1;
        while (i < recs.size()) {
            CSVRecord h = recs.get(i);
            if (width < 0) width = h.size();
            if (h.size() != width || h.size() < 2) {
                throw new SourceFormatException(file, lines.get(i), null, String.join(";", h.toList()),
                        "header lines with " + Math.max(width, 2) + " fields each, the last naming the row dimension (" + String.join(", ", rowDimensions) + ")");
            }
            header.add(h);
            i++;
            String first = h.get(0).trim();
            if (rowDimensions.stream().anyMatch(d -> d.equalsIgnoreCase(first))) {
                rowDim = first;
                break;
            }
        }
        if (rowDim == null) {
            throw new SourceFormatException(file, lines.get(Math.min(i, recs.size()) - 1), null, null,
                    "a header line starting with the row dimension (" + String.join(", ", rowDimensions) + ") above the data rows");
        }
        List<Column> columns = new ArrayList<>();
        for (int c = 1; c < width; c++) {
            Map<String, String> keys = new LinkedHashMap<>();
            for (int k = 0; k < header.size() - 1; k++) keys.put(header.get(k).get(0).trim(), header.get(k).get(c).trim());
            columns.add(new Column(c, keys, header.get(header.size() - 1).get(c).trim()));
        }
        List<Row> rows = new ArrayList<>();
        List<String> footer = new ArrayList<>();
        for (; i < recs.size(); i++) {
            CSVRecord rec = recs.get(i);
            String raw = String.join(";", rec.toList());
            if (rec.size() == 1) {
                if (!rec.get(0).isBlank()) footer.add(rec.get(0).trim());
                continue;
            }
            if (!footer.isEmpty() || rec.size() != width) {
                throw new SourceFormatException(file, lines.get(i), rec.size() < width ? header.get(header.size() - 2).get(Math.min(rec.size(), width - 1)) : null,
                        raw, width + " fields per row as in the header lines, found " + rec.size() + (rec.size() < width ? " (truncated row or file)" : ""));
            }
            rows.add(new Row(lines.get(i), rec.get(0).trim(), rec.toList().subList(1, rec.size()), raw));
        }
        return new StatlineTableView(title, filters, rowDim, columns, rows, footer);
    }

    /** Header value of a column for a dimension name (case-insensitive), or the filter value, or null. */
    public String key(Column c, String dimension) {
        for (Map.Entry<String, String> e : c.keys().entrySet()) if (e.getKey().equalsIgnoreCase(dimension)) return e.getValue();
        for (Map.Entry<String, String> e : filters.entrySet()) if (e.getKey().equalsIgnoreCase(dimension)) return e.getValue();
        return null;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
