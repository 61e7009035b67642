package nl.ivz.warehouse.sources;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * CBS tables per old police region (the 25 regions before the national police of 2013), as saved from
 * StatLine: {@code ;}, every field quoted, decimal point, {@code *} after a year = provisional. Three layouts,
 * each read into long cells (area x period x category x column):
 * <ul>
 * <li>{@link Layout#VICTIMS} 80169NED {@code Perioden;Politieregio;Onderwerpen_1;Onderwerpen_2;Onderwerpen_3;Cijfersoort;Waarde}
 *   (% of persons victim in the last 12 months per crime group; category = Onderwerpen_3, column = Cijfersoort)</li>
 * <li>{@link Layout#CRIME} 80344NED {@code Regio;Soort misdrijf;Jaar;<measure>...} (registered and cleared crimes)</li>
 * <li>{@link Layout#UNSAFETY} {@code Politieregio's;Perioden;<indicator>...} (feelings of unsafety, wide; category empty)</li>
 * </ul>
 */
public final class PoliceRegionFiles {
    public enum Layout { VICTIMS, CRIME, UNSAFETY }

    /**
     * One value: where it is, its labels and the number; {@code value} is null for an empty cell or a CBS
     * missing symbol, and {@code notNumber} is true when the cell holds text that is no number.
     */
    public record Cell(long line, String area, String period, String category, String column, String raw,
                       Double value, boolean notNumber, String rawLine) { }

    private PoliceRegionFiles() { }

    /** The layout of a file from its first line, or null. */
    public static Layout detect(String head) {
        List<String> h = Delimited.split(SourceText.firstLine(head), ';').stream()
                .map(s -> s.trim().toLowerCase(Locale.ROOT)).toList();
        if (h.size() == 7 && h.get(0).equals("perioden") && h.get(1).equals("politieregio") && h.get(2).equals("onderwerpen_1")
                && h.get(6).equals("waarde")) return Layout.VICTIMS;
        if (h.size() > 3 && h.get(0).equals("regio") && h.get(1).equals("soort misdrijf") && h.get(2).equals("jaar")) return Layout.CRIME;
        if (h.size() > 2 && h.get(0).equals("politieregio's") && h.get(1).equals("perioden")) return Layout.UNSAFETY;
        return null;
    }

    /** Reads every value of the file; a missing column or a short line is fatal (file, line, column, value, expected). */
    public static List<Cell> read(Path file, Layout layout) throws IOException, SourceFormatException {
        List<Cell> out = new ArrayList<>();
        try (CsvSource csv = CsvSource.open(file, ';')) {
            switch (layout) {
                case VICTIMS -> {
                    csv.require("Perioden", "Politieregio", "Onderwerpen_3", "Cijfersoort", "Waarde");
                    for (CsvSource.Row r : csv) {
                        csv.requireComplete(r);
                        out.add(cell(r, r.get("Politieregio"), r.get("Perioden"), r.get("Onderwerpen_3"), r.get("Cijfersoort"), r.get("Waarde")));
                    }
                }
                case CRIME -> {
                    csv.require("Regio", "Soort misdrijf", "Jaar");
                    List<String> h = csv.header();
                    for (CsvSource.Row r : csv) {
                        csv.requireComplete(r);
                        for (int i = 3; i < h.size(); i++) {
                            out.add(cell(r, r.get("Regio"), r.get("Jaar"), r.get("Soort misdrijf"), h.get(i).trim(), r.get(i).trim()));
                        }
                    }
                }
                case UNSAFETY -> {
                    csv.require("Politieregio's", "Perioden");
                    List<String> h = csv.header();
                    for (CsvSource.Row r : csv) {
                        csv.requireComplete(r);
                        for (int i = 2; i < h.size(); i++) {
                            out.add(cell(r, r.get("Politieregio's"), r.get("Perioden"), "", h.get(i).trim(), r.get(i).trim()));
                        }
                    }
                }
                default -> throw new IllegalArgumentException(layout.name());
            }
        }
        return out;
    }

    private static Cell cell(CsvSource.Row r, String area, String period, String category, String column, String raw) {
        Double v = null;
        boolean bad = false;
        try {
            v = CsvSource.number(raw, false);
        } catch (NumberFormatException e) {
            bad = true;
        }
        return new Cell(r.line(), area, period, category, column, raw, v, bad, r.raw());
    }
}
