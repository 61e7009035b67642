package nl.ivz.warehouse.export;

import java.sql.SQLException;
import java.util.List;

/**
 * A forward-only result the writers stream from: a JDBC ResultSet ({@link JdbcRows}) or DuckDB's chunk API
 * ({@link DuckDBChunkRows}, faster and with the engine's own error messages when a streamed query fails midway).
 * Column indexes are 0-based.
 */
public interface Rows extends AutoCloseable {
    List<ResultWriter.Column> columns();

    boolean next() throws SQLException;

    /** The value as a plain Java object (Long, Double, BigDecimal, String, LocalDate, LocalDateTime, ...), or null. */
    Object get(int col) throws SQLException;

    /**
     * Moves past up to {@code max} rows, putting each value into {@code dest[col][at + i]}; returns how many (0: no
     * rows left). Afterwards the last of them is the current row.
     */
    default int fill(Object[][] dest, int at, int max) throws SQLException {
        int n = 0;
        while (n < max && next()) {
            for (int c = 0; c < dest.length; c++) dest[c][at + n] = get(c);
            n++;
        }
        return n;
    }

    @Override
    void close() throws SQLException;
}
