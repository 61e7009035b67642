package nl.ivz.warehouse.export;

import org.duckdb.DuckDBChunkedResult;
import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBDataChunkReader;
import org.duckdb.DuckDBReadableVector;

import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Rows read straight from DuckDB's data chunks. Used for results whose column types it can read; a
 * streamed JDBC ResultSet loses the engine's error message when a query fails after the first chunk
 * ("Invalid result set"), this API keeps it, and it reads about 1.5x faster.
 */
public final class DuckDBChunkRows implements Rows {
    private static final Set<String> SUPPORTED = Set.of("BOOLEAN", "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT",
            "USMALLINT", "UINTEGER", "UBIGINT", "HUGEINT", "UHUGEINT", "FLOAT", "DOUBLE", "VARCHAR", "DATE", "TIMESTAMP",
            "TIMESTAMP_MS", "TIMESTAMP_NS", "TIMESTAMP_S", "TIMESTAMP WITH TIME ZONE");
    private static final Set<DuckDBColumnType> TIMESTAMPS = EnumSet.of(DuckDBColumnType.TIMESTAMP, DuckDBColumnType.TIMESTAMP_MS,
            DuckDBColumnType.TIMESTAMP_NS, DuckDBColumnType.TIMESTAMP_S);

    private final DuckDBChunkedResult result;
    private final List<ResultWriter.Column> columns;
    private final DuckDBReadableVector[] vectors;
    private final DuckDBColumnType[] types;
    private long row = -1;
    private long rowsInChunk;

    /** @param columns names and types to report (the statement's own, even where the values were cast to text) */
    public DuckDBChunkRows(DuckDBChunkedResult result, List<ResultWriter.Column> columns) {
        this.result = result;
        this.columns = columns;
        this.vectors = new DuckDBReadableVector[columns.size()];
        this.types = new DuckDBColumnType[columns.size()];
    }

    /** Whether every column has a type this reader handles (else use the JDBC ResultSet). */
    public static boolean canRead(List<ResultWriter.Column> columns) {
        for (ResultWriter.Column c : columns) if (!canReadType(c.type())) return false;
        return true;
    }

    public static boolean canReadType(String typeName) {
        String t = typeName.toUpperCase(Locale.ROOT);
        return SUPPORTED.contains(t) || t.startsWith("DECIMAL");
    }

    @Override public List<ResultWriter.Column> columns() { return columns; }

    @Override
    public boolean next() throws SQLException {
        row++;
        while (row >= rowsInChunk) {
            boolean more;
            try {
                more = result.nextChunk();
            } catch (RuntimeException e) {
                if (e.getCause() instanceof SQLException) throw (SQLException) e.getCause();
                throw new SQLException(e.getMessage(), e);
            }
            if (!more) return false;
            DuckDBDataChunkReader chunk = result.chunk();
            rowsInChunk = chunk.rowCount();
            row = 0;
            for (int i = 0; i < vectors.length; i++) {
                vectors[i] = chunk.vector(i);
                types[i] = vectors[i].getType();
            }
        }
        return true;
    }

    @Override
    public Object get(int col) {
        DuckDBReadableVector v = vectors[col];
        if (v.isNull(row)) return null;
        DuckDBColumnType t = types[col];
        switch (t) {
            case BOOLEAN: return v.getBoolean(row);
            case TINYINT: return (long) v.getByte(row);
            case SMALLINT: return (long) v.getShort(row);
            case INTEGER: return (long) v.getInt(row);
            case BIGINT: return v.getLong(row);
            case UTINYINT: return (long) v.getUint8(row);
            case USMALLINT: return (long) v.getUint16(row);
            case UINTEGER: return v.getUint32(row);
            case UBIGINT: return v.getUint64(row);
            case HUGEINT: return v.getHugeInt(row);
            case UHUGEINT: return v.getUHugeInt(row);
            case FLOAT: return (double) v.getFloat(row);
            case DOUBLE: return v.getDouble(row);
            case DECIMAL: return v.getBigDecimal(row);
            case VARCHAR: return v.getString(row);
            case DATE: return v.getLocalDate(row);
            case TIMESTAMP_WITH_TIME_ZONE: return v.getOffsetDateTime(row);
            default:
                if (TIMESTAMPS.contains(t)) return v.getLocalDateTime(row);
                throw new IllegalStateException("Column type " + t + " is not readable from chunks");
        }
    }

    @Override
    public void close() throws SQLException {
        result.close();
    }
}
