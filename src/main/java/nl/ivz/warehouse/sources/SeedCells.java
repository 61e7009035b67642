package nl.ivz.warehouse.sources;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cell formats of tables transcribed from documents (our plan and seed layouts): Dutch numbers with a
 * thousands dot and decimal comma ("34.649", "2,64"), signed percentages with a space ("- 13%", "+ 10%"),
 * a value with its published rank in brackets ("2,64 (1)"). Each parser returns null for text that is not
 * in its format, so the caller can reject the cell with its own message.
 */
public final class SeedCells {
    private static final Pattern DUTCH_NUMBER = Pattern.compile("[+-]?\\s*(\\d{1,3}(\\.\\d{3})+|\\d+)(,\\d+)?");
    private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?\\d*\\.?\\d+");
    private static final Pattern PERCENT = Pattern.compile("([+-]?)\\s*(\\d+(?:,\\d+)?)\\s*%");
    private static final Pattern VALUE_RANK = Pattern.compile("([+-]?[\\d.,]+)\\s*(?:\\(\\s*(\\d+)\\s*\\))?");

    private SeedCells() { }

    /** A value with its published rank (rank null when the cell has none). */
    public record ValueRank(double value, Integer rank) { }

    /** "34.649" -> 34649, "2,64" -> 2.64, "- 13" -> -13; null if not a Dutch number. */
    public static Double dutchNumber(String raw) {
        if (raw == null) return null;
        String t = raw.trim();
        if (!DUTCH_NUMBER.matcher(t).matches()) return null;
        return Double.parseDouble(t.replace(" ", "").replace(".", "").replace(',', '.'));
    }

    /** A Dutch number, or a plain number with a decimal point when it has no comma and no thousands groups ("0.05"). */
    public static Double number(String raw) {
        if (raw == null) return null;
        String t = raw.trim();
        if (PLAIN_NUMBER.matcher(t).matches() && t.contains(".") && !t.matches("[+-]?\\d{1,3}(\\.\\d{3})+")) {
            return Double.parseDouble(t);
        }
        return dutchNumber(t);
    }

    /** A whole number ("4.874" -> 4874); null if not a whole Dutch number. */
    public static Long whole(String raw) {
        Double d = dutchNumber(raw);
        if (d == null || d != Math.rint(d) || (raw != null && raw.contains(","))) return null;
        return d.longValue();
    }

    /** "- 13%" -> -13, "+ 10%" -> 10, "-15%" -> -15, "11,5%" -> 11.5; null if not a percentage. */
    public static Double percent(String raw) {
        if (raw == null) return null;
        Matcher m = PERCENT.matcher(raw.trim());
        if (!m.matches()) return null;
        double v = Double.parseDouble(m.group(2).replace(',', '.'));
        return "-".equals(m.group(1)) ? -v : v;
    }

    /** A yearly change as a fraction: "-5%" -> -0.05, "-0,05" / "-0.05" -> -0.05; null otherwise. */
    public static Double fraction(String raw) {
        if (raw == null) return null;
        Double p = percent(raw);
        if (p != null) return p / 100.0;
        return number(raw);
    }

    /** "2,64 (1)" -> 2.64 rank 1; "3,09" -> 3.09 without rank; null if neither. */
    public static ValueRank valueRank(String raw) {
        if (raw == null) return null;
        Matcher m = VALUE_RANK.matcher(raw.trim());
        if (!m.matches()) return null;
        Double v = dutchNumber(m.group(1));
        if (v == null) return null;
        return new ValueRank(v, m.group(2) == null ? null : Integer.parseInt(m.group(2)));
    }

    /** A published direction of change: Daling -1, Gelijk (gebleven) 0, Stijging +1; null otherwise. */
    public static Integer direction(String raw) {
        if (raw == null) return null;
        String t = raw.trim().toLowerCase(Locale.ROOT);
        if (t.equals("daling")) return -1;
        if (t.equals("gelijk") || t.equals("gelijk gebleven")) return 0;
        if (t.equals("stijging")) return 1;
        return null;
    }
}
