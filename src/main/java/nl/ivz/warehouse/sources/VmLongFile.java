package nl.ivz.warehouse.sources;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Veiligheidsmonitor results in the long CBS layout of 81928NED (cbsodata "labels"): one row per area x
 * period x {@code Marges}, where {@code Marges} is {@code Waarde} (the estimate) or
 * {@code Betrouwbaarheidsmarge} (its 95% margin); one column per indicator; {@code ,} separator, decimal
 * point, empty = missing. An {@code ID} column, if present, is ignored.
 */
public final class VmLongFile implements AutoCloseable, Iterable<VmLongFile.Row> {
    public static final String MARGES = "Marges";
    public static final String REGIO = "RegioS";
    public static final String PERIODEN = "Perioden";
    public static final String WAARDE = "Waarde";
    public static final String MARGE = "Betrouwbaarheidsmarge";
    private static final Set<String> META = Set.of("id", "marges", "regios", "perioden");

    private final CsvSource csv;
    private final List<String> indicators = new ArrayList<>();
    private final List<Integer> indicatorIndex = new ArrayList<>();

    /** One data line: what it holds (Waarde or Betrouwbaarheidsmarge), area and period as written, and the indicator cells. */
    public record Row(long line, String kind, String area, String period, List<String> cells, String raw, int fields) { }

    private VmLongFile(CsvSource csv) {
        this.csv = csv;
        List<String> header = csv.header();
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i).trim();
            if (!META.contains(h.toLowerCase(Locale.ROOT)) && !h.isEmpty()) {
                indicators.add(h);
                indicatorIndex.add(i);
            }
        }
    }

    /** Opens the file and checks its header: Marges, RegioS, Perioden and at least one indicator column. */
    public static VmLongFile open(Path file) throws IOException, SourceFormatException {
        CsvSource csv = CsvSource.open(file, ',');
        try {
            csv.require(MARGES, REGIO, PERIODEN);
            VmLongFile f = new VmLongFile(csv);
            if (f.indicators.isEmpty()) {
                throw new SourceFormatException(file, 1, null, String.join(",", csv.header()),
                        "at least one indicator column besides ID, Marges, RegioS and Perioden");
            }
            return f;
        } catch (SourceFormatException e) {
            csv.close();
            throw e;
        }
    }

    /** True when the first line is a comma-separated header with Marges, RegioS and Perioden columns. */
    public static boolean looksLike(String head) {
        String first = SourceText.firstLine(head).toLowerCase(Locale.ROOT).replace("\"", "");
        List<String> cols = List.of(first.split(",", -1));
        return cols.contains("marges") && cols.contains("regios") && cols.contains("perioden");
    }

    /** Indicator column keys as in the header (e.g. VertrouwenInPolitieSchaalscore_51). */
    public List<String> indicators() {
        return indicators;
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
                List<String> cells = new ArrayList<>(indicatorIndex.size());
                for (int i : indicatorIndex) {
                    String v = r.get(i);
                    cells.add(v == null ? null : v.trim());
                }
                return new Row(r.line(), r.get(MARGES), r.get(REGIO), r.get(PERIODEN), cells, r.raw(), r.size());
            }
        };
    }

    /** Fails like {@link CsvSource#requireComplete} when a line has fewer fields than the header. */
    public void requireComplete(Row row) throws SourceFormatException {
        int expected = csv.header().size();
        if (row.fields() < expected) {
            throw new SourceFormatException(csv.file(), row.line(), csv.header().get(row.fields()), row.raw(),
                    expected + " fields as in the header, found " + row.fields() + " (truncated file or missing delimiter)");
        }
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }
}
