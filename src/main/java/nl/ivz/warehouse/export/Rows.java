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

    @Override
    void close() throws SQLException;
}
