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
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A header-led delimited text file (CSV, StatLine exports, our own plan and reference layouts), read row by
 * row with the line number of each row. Strict UTF-8, BOM removed.
 */
public final class CsvSource implements AutoCloseable, Iterable<CsvSource.Row> {
    private final Path file;
    private final CSVParser parser;
    private final List<String> header;
    private final Map<String, Integer> index = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    /** One data row: its fields by header name, its line and its raw text. */
    public final class Row {
        private final CSVRecord record;
        private final long line;

        Row(CSVRecord record, long line) {
            this.record = record;
            this.line = line;
        }

        public long line() { return line; }
        public int size() { return record.size(); }
        public String get(int i) { return i < record.size() ? record.get(i) : null; }

        /** Field by header name (case-insensitive), trimmed; null if the row is shorter. */
        public String get(String column) {
            Integer i = index.get(column);
            if (i == null) throw new IllegalArgumentException("no column " + column);
            return i < record.size() ? record.get(i).trim() : null;
        }

        public boolean has(String column) { return index.containsKey(column); }

        /** The row as it was in the file (fields re-joined). */
        public String raw() { return String.join(String.valueOf(delimiter), record.toList()); }
    }

    private final char delimiter;

    private CsvSource(Path file, CSVParser parser, char delimiter) {
        this.file = file;
        this.parser = parser;
        this.delimiter = delimiter;
        this.header = new ArrayList<>(parser.getHeaderNames());
        for (int i = 0; i < header.size(); i++) index.putIfAbsent(header.get(i).trim(), i);
    }

    /** Opens a file whose first line is the header, with the given delimiter. */
    public static CsvSource open(Path file, char delimiter) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
        r.mark(4);
        if (r.read() != '\uFEFF') r.reset();
        CSVFormat fmt = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true)
                .setAllowMissingColumnNames(true).setIgnoreEmptyLines(true).setTrim(false).get();
        return new CsvSource(file, CSVParser.parse(r, fmt), delimiter);
    }

    public List<String> header() {
        return header;
    }

    /** Fails with file, line 1, the column and what was expected when a required column is missing. */
    public void require(String... columns) throws SourceFormatException {
        for (String c : columns) {
            if (!index.containsKey(c)) {
                throw new SourceFormatException(file, 1, c, String.join(String.valueOf(delimiter), header),
                        "a column named '" + c + "' (required columns: " + String.join(", ", columns) + ")");
            }
        }
    }

    /** Fails when a row has fewer fields than the header (a truncated file or a lost delimiter). */
    public void requireComplete(Row row) throws SourceFormatException {
        if (row.size() < header.size()) {
            throw new SourceFormatException(file, row.line(), header.get(row.size()), row.raw(),
                    header.size() + " fields as in the header, found " + row.size()
                            + " (truncated file or missing delimiter)");
        }
    }

    @Override
    public Iterator<Row> iterator() {
        Iterator<CSVRecord> it = parser.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                try {
                    return it.hasNext();
                } catch (UncheckedIOException e) {
                    throw e;
                }
            }

            @Override
            public Row next() {
                CSVRecord rec = it.next();
                // line of the record's first character: header is line 1
                long line = rec.getCharacterPosition() < 0 ? rec.getRecordNumber() + 1 : lineOf(rec);
                return new Row(rec, line);
            }
        };
    }

    private long lastLine = 1;

    private long lineOf(CSVRecord rec) {
        // parser.getCurrentLineNumber() counts the line breaks consumed so far (the record's own included)
        long consumed = parser.getCurrentLineNumber();
        long line = Math.max(lastLine + 1, consumed);
        lastLine = line;
        return line;
    }

    public Path file() {
        return file;
    }

    /** Dutch or English number text to a double: "1.234,5" / "1234.5" / "30,8"; null for CBS missing symbols. */
    public static Double number(String raw, boolean decimalComma) {
        if (raw == null) return null;
        String t = raw.trim();
        if (t.isEmpty() || t.equals(".") || t.equals("x") || t.equals("-") || t.equals("..")) return null;
        if (decimalComma) t = t.replace(".", "").replace(',', '.');
        return Double.parseDouble(t);
    }

    public static boolean isMissingSymbol(String raw) {
        if (raw == null) return true;
        String t = raw.trim().toLowerCase(Locale.ROOT);
        return t.isEmpty() || t.equals(".") || t.equals("x") || t.equals("-") || t.equals("..");
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
