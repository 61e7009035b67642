package nl.ivz.warehouse.service;

import nl.ivz.warehouse.core.Warehouse;
import org.duckdb.DuckDBConnection;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The one DuckDB instance a server uses, bounded and sandboxed before the first request: memory limit, threads,
 * a spill folder of bounded size, external access off (no file reads or writes, no ATTACH, no extension
 * install/load) except the load inbox, and the configuration locked so no SQL can undo any of it. The sandbox is
 * per instance, so it holds for every connection; the inbox is opened because the loader has DuckDB read some
 * layouts itself (read_csv of StatLine "CSV met labels"), and ad-hoc SQL is kept out of it by {@link SqlGuard},
 * which refuses every file-reading table function before anything runs. Readers get pooled connections.
 */
public final class ServingDatabase implements AutoCloseable {
    private final Warehouse warehouse;
    private final BlockingQueue<DuckDBConnection> readers;
    private final DuckDBConnection meta;
    private final Settings settings;
    private final ProcessMemoryCap cap;
    private final Path ownTempDir;

    /** The limits in force, read back from DuckDB, for the banner and /api/health. */
    public record Settings(String memoryLimit, int threads, String tempDirectory, String maxTempSize, String allowedDirectories,
                           String hardCap) { }

    private ServingDatabase(Warehouse warehouse, int readerCount, Settings settings, ProcessMemoryCap cap, Path ownTempDir) throws SQLException {
        this.warehouse = warehouse;
        this.settings = settings;
        this.cap = cap;
        this.ownTempDir = ownTempDir;
        this.readers = new ArrayBlockingQueue<>(readerCount);
        for (int i = 0; i < readerCount; i++) readers.add(warehouse.newConnection());
        this.meta = warehouse.newConnection();
    }

    public static ServingDatabase open(ServiceConfig cfg) throws SQLException {
        Path file = cfg.warehouse();
        if (file != null && !Files.exists(file)) {
            throw new SQLException("No warehouse at " + file + " (run 'ivz init' or 'ivz demo' first)");
        }
        Properties props = new Properties();
        // Stream results chunk by chunk: a 10-million-row export must not be materialised first.
        props.setProperty("jdbc_stream_results", "true");
        Path ownTemp = null;
        Path temp = cfg.tempDirectory();
        try {
            if (temp == null && file == null) temp = ownTemp = Files.createTempDirectory("ivz-serve-spill");
            if (temp == null) temp = file.toAbsolutePath().resolveSibling(file.getFileName() + ".tmp");
        } catch (java.io.IOException e) {
            throw new SQLException("Cannot create a spill folder: " + e.getMessage(), e);
        }
        Warehouse wh = Warehouse.open(file, props);
        ProcessMemoryCap cap = null;
        try {
            wh.migrate(); // before the lock: Flyway needs nothing the sandbox forbids, but do it while we can
            Settings settings;
            try (Statement st = wh.connection().createStatement()) {
                // Settings of the instance can only be made before the lock below.
                st.execute("SET memory_limit = " + quote(cfg.memoryLimit()));
                st.execute("SET threads = " + cfg.threads());
                st.execute("SET temp_directory = " + quote(temp.toAbsolutePath().toString()));
                st.execute("SET max_temp_directory_size = " + quote(cfg.maxTempSize()));
                // The inbox only: some layouts are read by DuckDB itself (read_csv), and the loader runs on this
                // instance (DuckDB lets one instance hold a file). DuckDB adds the spill folder to the list on its own.
                if (cfg.inbox() != null) {
                    String dir = cfg.inbox().toAbsolutePath().normalize() + java.io.File.separator;
                    st.execute("SET allowed_directories = [" + quote(dir) + "]");
                }
                st.execute("SET enable_external_access = false");
                st.execute("SET lock_configuration = true");
                try (java.sql.ResultSet rs = st.executeQuery("SELECT current_setting('memory_limit'), current_setting('threads'), "
                        + "current_setting('temp_directory'), current_setting('max_temp_directory_size'), "
                        + "CAST(current_setting('allowed_directories') AS VARCHAR)")) {
                    rs.next();
                    cap = ProcessMemoryCap.apply(ProcessMemoryCap.bytes(rs.getString(1)), cfg.memoryHeadroomMb());
                    settings = new Settings(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5), cap.description());
                }
            }
            return new ServingDatabase(wh, cfg.maxConcurrent(), settings, cap, ownTemp);
        } catch (SQLException | RuntimeException e) {
            if (cap != null) cap.close();
            wh.close();
            throw e;
        }
    }

    public Settings settings() { return settings; }

    static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    public Warehouse warehouse() { return warehouse; }

    /** A reader connection, or null at once when all are busy (the caller holds a concurrency slot, so this is rare). */
    DuckDBConnection takeReader() {
        return readers.poll();
    }

    void returnReader(DuckDBConnection c) {
        readers.add(c);
    }

    /** Connection for health and schema look-ups: short queries, callers synchronise on it. */
    DuckDBConnection meta() { return meta; }

    @Override
    public void close() throws SQLException {
        for (DuckDBConnection c : readers) c.close();
        meta.close();
        warehouse.close();
        cap.close();
        if (ownTempDir != null) {
            try (java.util.stream.Stream<Path> files = Files.walk(ownTempDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (java.io.IOException ignored) {
                // a spill folder in the system temp folder; the OS cleans it up
            }
        }
    }
}
