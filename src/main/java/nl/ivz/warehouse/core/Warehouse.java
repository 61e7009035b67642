package nl.ivz.warehouse.core;

import org.duckdb.DuckDBConnection;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * One open DuckDB warehouse file. DuckDB allows a single writer per file, so the whole process shares
 * this one instance; Flyway and other users get {@link DuckDBConnection#duplicate()}s of it.
 */
public final class Warehouse implements AutoCloseable {
    public static final Path DEFAULT_PATH = Path.of("warehouse", "ivz.duckdb");

    /**
     * DuckDB storage format of new warehouse files. duckdb_jdbc 2.0 would write v2.0.0, which the DuckDB 1.x
     * clients analysts have (Python, Node, R, CLI, DBeaver) cannot open; v1.4.0 opens in DuckDB 1.4.0 and newer.
     * Existing files keep the format they were written in (see {@link StorageFormat}, docs/clients.md).
     */
    public static final String STORAGE_VERSION = "v1.4.0";

    private final Path file;
    private final DuckDBConnection connection;
    /** Bumped when a load commits: answers kept from before may be stale (the served ad-hoc answer cache reads it). */

    private Warehouse(Path file, DuckDBConnection connection) {
        this.file = file;
        this.connection = connection;
    }

    /**
     * Opens (creating if needed) a warehouse file; {@code null} gives an in-memory one. A new file is written in
     * {@link #STORAGE_VERSION} unless {@code config} sets {@code storage_compatibility_version}; an existing file
     * keeps the format it was written in. A file written by a newer DuckDB than this one fails with a {@link StorageFormat.TooNew}.
     */
    public static Warehouse open(Path file) throws SQLException {
        return open(file, new Properties());
    }

    public static Warehouse open(Path file, Properties config) throws SQLException {
        Properties props = new Properties();
        props.putAll(config);
        // Only when creating: the setting also makes the instance serialise in the old format (json_serialize_sql
        // then lacks query_location_length, which SqlGuard needs), and an existing file keeps its own format anyway.
        if (file != null && !Files.exists(file)) props.putIfAbsent(StorageFormat.SETTING, STORAGE_VERSION);
        String url = "jdbc:duckdb:";
        if (file != null) {
            try {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) Files.createDirectories(parent);
            } catch (java.io.IOException e) {
                throw new SQLException("Cannot create folder for " + file + ": " + e.getMessage(), e);
            }
            url += file.toAbsolutePath();
        }
        try {
            return new Warehouse(file, (DuckDBConnection) DriverManager.getConnection(url, props));
        } catch (SQLException e) {
            throw StorageFormat.explain(file, e);
        }
    }

    public static Warehouse inMemory() throws SQLException {
        return open(null);
    }

    /** Creates or brings the schema up to date with migrations/ (bundled in the jar as classpath:db/migration). */
    public MigrateResult migrate() {
        return flyway().migrate();
    }

    public Flyway flyway() {
        return flyway(Migrations.locations());
    }

    /** Flyway on this warehouse with other migration locations (tests, or a folder given by an operator). */
    public Flyway flyway(String... locations) {
        return Flyway.configure()
                .dataSource(dataSource())
                .locations(locations)
                // the version numbers V6-V9 were handed out after V13 existed: a file already at V13 takes them late
                .outOfOrder(true)
                .load();
    }

    /** Moves when a load commits (the process-wide {@link DataVersion}: answers kept in memory follow it). */
    public long dataVersion() {
        return DataVersion.current();
    }

    /** Called by the loader after a commit. */
    public void dataChanged() {
        DataVersion.bump();
    }

    /** The storage format of this file as DuckDB tags it, e.g. "v1.4.0+" (readable by DuckDB 1.4.0 and newer); null in memory. */
    public String storageVersion() throws SQLException {
        return StorageFormat.of(connection);
    }

    public Path file() {
        return file;
    }

    /** The shared connection. Do not close it; close the Warehouse. */
    public DuckDBConnection connection() {
        return connection;
    }

    /** A new connection to the same database instance (own transaction state). Close it after use. */
    public DuckDBConnection newConnection() throws SQLException {
        return (DuckDBConnection) connection.duplicate();
    }

    public DSLContext dsl() {
        return dsl(connection);
    }

    public static DSLContext dsl(Connection c) {
        return DSL.using(c, SQLDialect.DUCKDB, settings());
    }

    /** jOOQ settings shared by every query builder: unquoted lower-case names read like hand-written SQL. */
    public static Settings settings() {
        return new Settings().withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED)
                .withRenderSchema(false).withRenderCatalog(false);
    }

    /** A DataSource handing out duplicates of the one open connection (Flyway needs a DataSource). */
    public DataSource dataSource() {
        return new DataSource() {
            @Override public Connection getConnection() throws SQLException { return connection.duplicate(); }
            @Override public Connection getConnection(String u, String p) throws SQLException { return getConnection(); }
            @Override public PrintWriter getLogWriter() { return null; }
            @Override public void setLogWriter(PrintWriter out) { }
            @Override public void setLoginTimeout(int seconds) { }
            @Override public int getLoginTimeout() { return 0; }
            @Override public Logger getParentLogger() throws SQLFeatureNotSupportedException { throw new SQLFeatureNotSupportedException(); }
            @Override public <T> T unwrap(Class<T> iface) throws SQLException { throw new SQLException("not a wrapper"); }
            @Override public boolean isWrapperFor(Class<?> iface) { return false; }
        };
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
