package nl.ivz.warehouse.load;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Helpers every loader shares: the source table id of a file, release labels, and SQL text and statements on
 * the load's connection. One place, so loaders do not call each other's statics.
 */
public final class SourceTables {
    private static final Pattern CBS_TABLE = Pattern.compile("(?i)(\\d{5}(?:ned|eng))");
    /** The label of the line with a source's own totals in our plan and survey tables ("Totaal"). */
    public static final String TOTAL_LINE = "totaal";

    private SourceTables() { }

    /** The CBS table id in a file name, as CBS spells it in lists (83648ned_....csv -> 83648NED). */
    public static Optional<String> cbsTableId(Path file) {
        Matcher m = CBS_TABLE.matcher(file.getFileName().toString());
        return m.find() ? Optional.of(m.group(1).toUpperCase(Locale.ROOT)) : Optional.empty();
    }

    /** The CBS table id in a file name exactly as written there (70072ned stays lower case). */
    public static Optional<String> cbsTableIdAsWritten(Path file) {
        Matcher m = CBS_TABLE.matcher(file.getFileName().toString());
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** {@link #cbsTableId(Path)} or {@code fallback}. */
    public static String cbsTableId(Path file, String fallback) {
        return cbsTableId(file).orElse(fallback);
    }

    /** The file name without extension: the source table of our own layouts (seed002_2.5.1_misdrijven_verdachten). */
    public static String stem(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** load_batch.release_label: "definitief 2014, 2015; voorlopig 2016*" (at most 200 characters). */
    public static String releaseLabel(Set<String> definitive, Set<String> provisional) {
        StringBuilder sb = new StringBuilder();
        if (!definitive.isEmpty()) sb.append("definitief ").append(String.join(", ", definitive));
        if (!provisional.isEmpty()) sb.append(sb.length() > 0 ? "; " : "").append("voorlopig ").append(String.join(", ", provisional));
        String s = sb.toString();
        return s.length() > 200 ? s.substring(0, 197) + "..." : s;
    }

    /** A SQL string literal. */
    public static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    public static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** Runs an INSERT/UPDATE/DELETE and returns the rows it changed. */
    public static long update(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            return st.executeLargeUpdate(sql);
        }
    }

    /** The first column of the first row of a query as a number (count(*) and the like). */
    public static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A number in reconciliation notes: 20585 -> "20,585", 2.5 -> "2.50". */
    public static String fmt(double v) {
        return v == Math.rint(v) ? String.format("%,.0f", v) : String.format("%,.2f", v);
    }

    /** A number as a source printed it, in notes: 20585 -> "20585", 2.5 -> "2.5". */
    public static String plain(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
