package nl.ivz.warehouse.sources;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Veiligheidsmonitor results reshaped wide (as analysts save StatLine tables): the first column holds the
 * indicator label (with StatLine's {@code |||} topic-tree indent), the second its unit (named
 * {@code Perioden} in the real files, a leftover of the reshaping), then one {@code Waarde_<area>_<year>}
 * and one {@code Marges_<area>_<year>} column per area and year; a {@code *} after the year marks a
 * provisional figure. Decimal comma.
 */
public final class VmWideFile implements AutoCloseable, Iterable<VmWideFile.Row> {
    private static final Pattern COLUMN = Pattern.compile("^(Waarde|Marges)_(.+)_(\\d{4}\\*{0,2})$", Pattern.CASE_INSENSITIVE);

    /** One area x year: where its value and its margin are (margin -1 when the file has none). */
    public record Cell(String area, String year, int valueIndex, int marginIndex) { }

    /** One indicator line: cleaned label, unit text, and the raw fields. */
    public record Row(long line, String indicator, String unit, List<String> fields, String raw) { }

    private final CsvSource csv;
    private final List<Cell> cells;

    private VmWideFile(CsvSource csv, List<Cell> cells) {
        this.csv = csv;
        this.cells = cells;
    }

    public static boolean looksLike(String head) {
        String first = SourceText.firstLine(head);
        return first.contains("Waarde_") && first.contains("Marges_");
    }

    /** Opens the file and pairs every Marges_ column with its Waarde_ column; any other column is fatal. */
    public static VmWideFile open(Path file) throws IOException, SourceFormatException {
        CsvSource csv = CsvSource.open(file, ',');
        try {
            List<String> header = csv.header();
            if (header.size() < 3) {
                throw new SourceFormatException(file, 1, null, String.join(",", header),
                        "an indicator column, a unit column and Waarde_<area>_<year> columns");
            }
            Map<String, int[]> byKey = new LinkedHashMap<>();
            Map<String, String[]> names = new LinkedHashMap<>();
            for (int i = 2; i < header.size(); i++) {
                String h = header.get(i).trim();
                Matcher m = COLUMN.matcher(h);
                if (!m.matches()) {
                    throw new SourceFormatException(file, 1, h, h,
                            "a column named Waarde_<area>_<year> or Marges_<area>_<year> (e.g. Waarde_Overijssel (PV)_2016)");
                }
                String key = m.group(2).trim().toLowerCase(Locale.ROOT) + "|" + m.group(3);
                int[] idx = byKey.computeIfAbsent(key, k -> new int[] {-1, -1});
                names.putIfAbsent(key, new String[] {m.group(2).trim(), m.group(3)});
                int slot = m.group(1).equalsIgnoreCase("Waarde") ? 0 : 1;
                if (idx[slot] >= 0) {
                    throw new SourceFormatException(file, 1, h, h, "each Waarde_/Marges_ column once (this one appears twice)");
                }
                idx[slot] = i;
            }
            List<Cell> cells = new ArrayList<>();
            for (Map.Entry<String, int[]> e : byKey.entrySet()) {
                String[] n = names.get(e.getKey());
                if (e.getValue()[0] < 0) {
                    throw new SourceFormatException(file, 1, header.get(e.getValue()[1]), header.get(e.getValue()[1]),
                            "a Waarde_" + n[0] + "_" + n[1] + " column for this margin column");
                }
                cells.add(new Cell(n[0], n[1], e.getValue()[0], e.getValue()[1]));
            }
            return new VmWideFile(csv, cells);
        } catch (SourceFormatException e) {
            csv.close();
            throw e;
        }
    }

    /** Indicator label without the topic-tree indent ({@code |||}) and surplus white space. */
    public static String cleanLabel(String raw) {
        return raw == null ? "" : raw.replaceFirst("^\\|+", "").trim().replaceAll("\\s+", " ");
    }

    public List<Cell> cells() {
        return cells;
    }

    public String header(int index) {
        return csv.header().get(index);
    }

    public int columns() {
        return csv.header().size();
    }

    public Path file() {
        return csv.file();
    }

    @Override
    public Iterator<Row> iterator() {
        Iterator<CsvSource.Row> it = csv.iterator();
        return new Iterator<>() {
            @Override public boolean hasNext() { return it.hasNext(); }

            @Override
            public Row next() {
                CsvSource.Row r = it.next();
                List<String> f = new ArrayList<>(r.size());
                for (int i = 0; i < r.size(); i++) f.add(r.get(i));
                return new Row(r.line(), cleanLabel(r.get(0)), r.get(1) == null ? "" : r.get(1).trim(), f, r.raw());
            }
        };
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }
}
