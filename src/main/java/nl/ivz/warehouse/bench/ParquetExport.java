package nl.ivz.warehouse.bench;

import java.nio.file.Path;
import java.sql.Connection;

/** The project's Parquet export path (the service's streaming writer), timed. */
final class ParquetExport {
    private ParquetExport() { }

    static Double rowsPerSecond(Connection c, String query, Path out, long rows) {
        throw new UnsupportedOperationException("not measured: no Parquet export writer on main yet");
    }
}
