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
 * The one DuckDB instance a server uses, sandboxed before the first request: external access off (no
 * file reads or writes, no ATTACH, no extension install/load), and the configuration
 * locked so no SQL can undo that. The sandbox is per instance, so it holds for every connection, including
 * the loader's (which reads its files through Java). Readers get pooled connections.
 */
public final class ServingDatabase implements AutoCloseable {
    private final Warehouse warehouse;
    private final BlockingQueue<DuckDBConnection> readers;
    private final DuckDBConnection meta;

    private ServingDatabase(Warehouse warehouse, int readerCount) throws SQLException {
        this.warehouse = warehouse;
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
        Warehouse wh = Warehouse.open(file, props);
        try {
            wh.migrate(); // before the lock: Flyway needs nothing the sandbox forbids, but do it while we can
            try (Statement st = wh.connection().createStatement()) {
                if (cfg.memoryLimit() != null) st.execute("SET memory_limit = " + quote(cfg.memoryLimit()));
                // No allowed_directories, not even for the inbox: the loader reads files through Java, so the
                // engine never needs file access and ad-hoc SQL cannot read the inbox either.
                st.execute("SET enable_external_access = false");
                st.execute("SET lock_configuration = true");
            }
            return new ServingDatabase(wh, cfg.maxConcurrent());
        } catch (SQLException e) {
            wh.close();
            throw e;
        }
    }

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
    }
}
