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

    private final Path file;
    private final DuckDBConnection connection;

    private Warehouse(Path file, DuckDBConnection connection) {
        this.file = file;
        this.connection = connection;
    }

    /** Opens (creating if needed) a warehouse file; {@code null} or ":memory:" gives an in-memory one. */
    public static Warehouse open(Path file) throws SQLException {
        return open(file, new Properties());
    }

    public static Warehouse open(Path file, Properties config) throws SQLException {
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
        DuckDBConnection c = (DuckDBConnection) DriverManager.getConnection(url, config);
        return new Warehouse(file, c);
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
                .load();
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
