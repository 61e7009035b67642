package nl.ivz.warehouse.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The DuckDB storage format of a warehouse file: which DuckDB versions can open it, a clear message for a file
 * this DuckDB cannot read, and the rewrite of a file into another format (COPY FROM DATABASE).
 */
public final class StorageFormat {
    /** DuckDB's setting for the format of newly created files; existing files keep theirs. */
    public static final String SETTING = "storage_compatibility_version";

    // DuckDB's own message; "storage " was added to it in 2.0, so both wordings are matched.
    private static final Pattern TOO_NEW = Pattern.compile(
            "read a database file with (?:storage )?version number (\\d+), but we can only read (?:storage )?versions between (\\d+) and (\\d+)");

    private StorageFormat() { }

    /** Connection settings that create a new file in storage format {@code version} ("v1.4.0", "latest"). */
    public static Properties config(String version) {
        Properties p = new Properties();
        p.setProperty(SETTING, version);
        return p;
    }

    /** A file written by a newer DuckDB than the one in this build. */
    public static final class TooNew extends SQLException {
        TooNew(String message, SQLException cause) {
            super(message, cause);
        }
    }

    /** Turns DuckDB's "version number N, but we can only read versions between A and B" into a message for users. */
    static SQLException explain(Path file, SQLException e) {
        Matcher m = e.getMessage() == null ? null : TOO_NEW.matcher(e.getMessage());
        if (m == null || !m.find()) return e;
        return new TooNew("Warehouse " + file + " was written by a newer DuckDB than this ivz reads: its storage version number is "
                + m.group(1) + ", this ivz (DuckDB " + engineVersion() + ") reads " + m.group(2) + " to " + m.group(3)
                + ". Use an ivz built with that newer DuckDB, or rewrite the file there in an older format"
                + " (ATTACH 'copy.duckdb' AS c (STORAGE_VERSION '" + Warehouse.STORAGE_VERSION + "'); COPY FROM DATABASE ... TO c).", e);
    }

    /** The library version of the bundled DuckDB, e.g. "v2.0.0". */
    public static String engineVersion() {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select version()")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            return "unknown";
        }
    }

    /** DuckDB's storage_version tag of the connection's database, e.g. "v1.4.0+"; null for an in-memory database. */
    public static String of(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select tags['storage_version'] from duckdb_databases() where database_name = current_database()")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** True if a file tagged {@code tag} ("v2.0.0+") needs a newer DuckDB than {@code version} ("v1.4.0") does. */
    public static boolean newerThan(String tag, String version) {
        if (tag == null) return false;
        return compare(numbers(tag), numbers(version)) > 0;
    }

    /** "Opens in DuckDB 1.4.0 and newer" for a tag "v1.4.0+". */
    public static String readers(String tag) {
        if (tag == null) return "in memory";
        return "opens in DuckDB " + tag.replaceAll("^v|\\+$", "") + " and newer";
    }

    private static int[] numbers(String v) {
        if (v.equalsIgnoreCase("latest")) return new int[] {Integer.MAX_VALUE};
        String[] parts = v.replaceAll("^v|\\+$", "").split("\\.");
        int[] n = new int[parts.length];
        for (int i = 0; i < parts.length; i++) n[i] = Integer.parseInt(parts[i]);
        return n;
    }

    private static int compare(int[] a, int[] b) {
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int x = i < a.length ? a[i] : 0, y = i < b.length ? b[i] : 0;
            if (x != y) return Integer.compare(x, y);
        }
        return 0;
    }

    /** What a rewrite did. */
    public record Rewrite(String from, String to, int tables, long rows) { }

    /**
     * Rewrites a closed warehouse file in storage format {@code version}: DuckDB copies every table, view,
     * sequence and comment into a new file (COPY FROM DATABASE), the row counts are compared, and only then
     * the new file replaces the old one. On any failure the old file is left as it was.
     */
    public static Rewrite rewrite(Path file, String version) throws SQLException, IOException {
        if (!Files.exists(file)) throw new SQLException("No warehouse at " + file);
        Path wal = Path.of(file + ".wal");
        if (Files.exists(wal)) {
            // an unclean shutdown left changes in the WAL: fold them into the file first, or the WAL would
            // later be replayed against the rewritten file
            try (Warehouse wh = Warehouse.open(file); Statement st = wh.connection().createStatement()) {
                st.execute("CHECKPOINT");
            }
            if (Files.exists(wal)) throw new SQLException("Cannot rewrite " + file + ": its write-ahead log " + wal + " remains after a checkpoint");
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".rewrite.tmp");
        Files.deleteIfExists(tmp);
        Files.deleteIfExists(Path.of(tmp + ".wal"));
        String from;
        int tables = 0;
        long rows = 0;
        try {
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:", new Properties()); Statement st = c.createStatement()) {
                st.execute("ATTACH " + literal(file.toAbsolutePath().toString()) + " AS ivz_old (READ_ONLY)");
                from = tag(st, "ivz_old");
                st.execute("ATTACH " + literal(tmp.toAbsolutePath().toString()) + " AS ivz_new (STORAGE_VERSION " + literal(version) + ")");
                st.execute("COPY FROM DATABASE ivz_old TO ivz_new");
                List<String> names = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("select schema_name, table_name from duckdb_tables() where database_name = 'ivz_old' order by all")) {
                    while (rs.next()) names.add("\"" + rs.getString(1) + "\".\"" + rs.getString(2) + "\"");
                }
                for (String t : names) {
                    long before = count(st, "ivz_old." + t), after = count(st, "ivz_new." + t);
                    if (before != after) throw new SQLException("Rewrite of " + file + " stopped: table " + t + " has "
                            + before + " rows, the copy " + after + "; the warehouse is unchanged");
                    tables++;
                    rows += after;
                }
                st.execute("DETACH ivz_new");
                st.execute("DETACH ivz_old");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
            Files.deleteIfExists(Path.of(tmp + ".wal"));
        }
        String to;
        try (Warehouse wh = Warehouse.open(file)) {
            to = wh.storageVersion();
        }
        return new Rewrite(from, to, tables, rows);
    }

    private static String tag(Statement st, String db) throws SQLException {
        try (ResultSet rs = st.executeQuery("select tags['storage_version'] from duckdb_databases() where database_name = " + literal(db))) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static long count(Statement st, String table) throws SQLException {
        try (ResultSet rs = st.executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
