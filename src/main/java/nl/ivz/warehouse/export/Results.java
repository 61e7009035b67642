package nl.ivz.warehouse.export;

import org.duckdb.DuckDBPreparedStatement;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The one way exports read a result (CLI, HTTP, cube exports, the benchmark): DuckDB's data chunks, decoded ahead
 * on a second thread, with the JDBC ResultSet only for column types the chunk reader cannot read.
 */
public final class Results {
    private Results() { }

    /** Rows of a prepared DuckDB statement (run here); closing them leaves the statement to its owner. */
    public static Rows open(DuckDBPreparedStatement ps) throws SQLException {
        List<ResultWriter.Column> cols = ResultWriter.columns(ps.getMetaData());
        return DuckDBChunkRows.canRead(cols) ? new DuckDBChunkRows(ps.query(), cols) : new JdbcRows(ps.executeQuery());
    }

    /** Prepares and runs {@code sql}, writes its rows in {@code writer}'s format; the statement is closed after. */
    public static ResultWriter.Written write(Connection c, String sql, ResultWriter writer, java.io.OutputStream out, long startNanos)
            throws SQLException, java.io.IOException {
        try (DuckDBPreparedStatement ps = c.prepareStatement(sql).unwrap(DuckDBPreparedStatement.class); Rows rows = open(ps)) {
            return writer.write(rows, out, startNanos);
        }
    }
}
