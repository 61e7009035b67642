package nl.ivz.warehouse.export;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The Parquet export, checked by DuckDB's own Parquet reader: same rows, same types, nulls kept. */
class ParquetExportTest {
    @TempDir
    Path dir;

    static final String QUERY = "SELECT i::INTEGER AS i, i::BIGINT * 1000000007 AS big, (i % 7)::SMALLINT AS small, (i % 3)::TINYINT AS tiny, "
            + "CASE WHEN i % 5 = 0 THEN NULL ELSE i * 0.25 END AS dbl, (i / 3.0)::FLOAT AS flt, "
            + "CASE WHEN i % 4 = 0 THEN NULL ELSE 'naam ' || i || ' é€' END AS s, i % 2 = 0 AS b, "
            + "CASE WHEN i % 11 = 0 THEN NULL ELSE (i % 1000)::DECIMAL(7,2) / 3 END AS dec_small, "
            + "(i * 12345.678)::DECIMAL(18,3) AS dec_mid, (-i * 1e20)::DECIMAL(38,4) AS dec_big, "
            + "DATE '2014-01-01' + (i % 400)::INTEGER AS d, TIMESTAMP '2014-01-01 10:00:00' + to_microseconds(i * 1000003) AS ts, "
            + "[i, i + 1] AS list, (i % 200)::UTINYINT AS ut "
            + "FROM range(%d) t(i)";

    void roundTrip(int rows, boolean viaChunks) throws Exception {
        Path file = dir.resolve("out" + rows + viaChunks + ".parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            String q = QUERY.replace("%d", Integer.toString(rows));
            try (OutputStream out = Files.newOutputStream(file)) {
                ResultSet rs = st.executeQuery(q);
                ResultWriter.Written w = new ResultWriter(ResultFormat.PARQUET, Long.MAX_VALUE).write(rs, out, System.nanoTime());
                assertEquals(rows, w.rows());
                assertFalse(w.truncated());
            }
            String cols = "i, big, small, tiny, dbl, flt, s, b, dec_small, dec_mid, dec_big, d, ts, list::VARCHAR AS list, ut";
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM read_parquet('" + file + "')")) {
                rs.next();
                assertEquals(rows, rs.getLong(1));
            }
            for (String diff : new String[] {
                    "SELECT " + cols + " FROM (" + q + ") EXCEPT ALL SELECT " + cols + " FROM read_parquet('" + file + "')",
                    "SELECT " + cols + " FROM read_parquet('" + file + "') EXCEPT ALL SELECT " + cols + " FROM (" + q + ")"}) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM (" + diff + ")")) {
                    rs.next();
                    assertEquals(0, rs.getLong(1), diff);
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('" + file + "')) ORDER BY ALL")) {
                StringBuilder types = new StringBuilder();
                while (rs.next()) types.append(rs.getString(1)).append(':').append(rs.getString(2)).append(' ');
                String t = types.toString();
                for (String expected : new String[] {"i:INTEGER", "big:BIGINT", "small:SMALLINT", "tiny:TINYINT", "dbl:DECIMAL(22,2)",
                        "flt:FLOAT", "s:VARCHAR", "b:BOOLEAN", "dec_mid:DECIMAL(18,3)", "dec_big:DECIMAL(38,4)", "d:DATE", "ts:TIMESTAMP", "list:VARCHAR"}) {
                    assertEquals(true, t.contains(expected + " "), expected + " in " + t);
                }
            }
        }
    }

    @Test
    void smallResult() throws Exception {
        roundTrip(1000, false);
    }

    @Test
    void emptyResult() throws Exception {
        roundTrip(0, false);
    }

    @Test
    void severalRowGroups() throws Exception {
        roundTrip(400_000, false);
    }

    /**
     * Row groups encoded on two workers and appended in order: 300,000 rows are groups of 122,880, 122,880 and
     * 54,240 rows; DuckDB reads back every row at its own position with exact values, and each group's min/max of
     * i are its first and last row number (0/122879, 122880/245759, 245760/299999).
     */
    @Test
    void parallelGroupsKeepOrderValuesAndStatistics() throws Exception {
        Path file = dir.resolve("parallel.parquet");
        String q = "SELECT i::INTEGER AS i, 'code' || (i % 1398) AS code, CASE WHEN i % 9 = 0 THEN NULL ELSE i * 0.5 END AS v FROM range(300000) t(i)";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            assertEquals(300_000, write(c, q, file));
            String read = "SELECT i, code, v, file_row_number FROM read_parquet('" + file + "', file_row_number = true)";
            try (ResultSet rs = st.executeQuery("SELECT count(*), count(*) FILTER (WHERE i <> file_row_number OR code <> 'code' || (i % 1398) "
                    + "OR (i % 9 = 0) <> (v IS NULL) OR v <> i * 0.5) FROM (" + read + ")")) {
                rs.next();
                assertEquals(300_000, rs.getLong(1));
                assertEquals(0, rs.getLong(2));
            }
            try (ResultSet rs = st.executeQuery("SELECT row_group_id, row_group_num_rows, stats_min, stats_max, compression FROM parquet_metadata('"
                    + file + "') WHERE path_in_schema = 'i' ORDER BY row_group_id")) {
                long[][] expected = {{122_880, 0, 122_879}, {122_880, 122_880, 245_759}, {54_240, 245_760, 299_999}};
                for (long[] e : expected) {
                    assertEquals(true, rs.next());
                    assertEquals(e[0], rs.getLong(2));
                    assertEquals(Long.toString(e[1]), rs.getString(3));
                    assertEquals(Long.toString(e[2]), rs.getString(4));
                    assertEquals("SNAPPY", rs.getString(5));
                }
                assertFalse(rs.next());
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM parquet_metadata('" + file + "') WHERE path_in_schema = 'code' "
                    + "AND encodings LIKE '%DICTIONARY%' AND dictionary_page_offset IS NOT NULL")) {
                rs.next();
                assertEquals(3, rs.getLong(1), "every group of the text column is dictionary-encoded");
            }
        }
    }

    /**
     * A sorted export of more distinct codes than the writer's per-column cache holds (14,000 against 4,096; each
     * code on 12 rows, as a buurt's months): DuckDB reads back every row with its own code, 14,000 distinct codes, and
     * every group's text column is dictionary-encoded (168,000 rows: groups of 122,880 and 45,120 rows).
     */
    @Test
    void sortedCodesBeyondTheCacheRoundTrip() throws Exception {
        Path file = dir.resolve("codes.parquet");
        String q = "SELECT i::INTEGER AS i, 'BU' || lpad((i // 12)::VARCHAR, 8, '0') AS code FROM range(168000) t(i) ORDER BY i";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            assertEquals(168_000, write(c, q, file));
            try (ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT code), count(*) FILTER (WHERE code <> 'BU' || lpad((i // 12)::VARCHAR, 8, '0')) "
                    + "FROM read_parquet('" + file + "')")) {
                rs.next();
                assertEquals(168_000, rs.getLong(1));
                assertEquals(14_000, rs.getLong(2));
                assertEquals(0, rs.getLong(3));
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM parquet_metadata('" + file + "') WHERE path_in_schema = 'code' "
                    + "AND encodings LIKE '%DICTIONARY%'")) {
                rs.next();
                assertEquals(2, rs.getLong(1));
            }
        }
    }

    /** Rows of {@code q} written to {@code file} by two encoding workers, read from DuckDB's chunks; returns the rows written. */
    static long write(Connection c, String q, Path file) throws Exception {
        try (OutputStream out = Files.newOutputStream(file);
             org.duckdb.DuckDBPreparedStatement ps = c.prepareStatement(q).unwrap(org.duckdb.DuckDBPreparedStatement.class);
             Rows rows = Results.open(ps)) {
            return new ParquetExport(Long.MAX_VALUE, 2).write(rows, rows.columns(), out).rows();
        }
    }

    /** The row limit stops the export with truncated=true and a complete file of exactly the limit's rows. */
    @Test
    void rowLimitTruncates() throws Exception {
        Path file = dir.resolve("limited.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            try (OutputStream out = Files.newOutputStream(file)) {
                ResultWriter.Written w = new ResultWriter(ResultFormat.PARQUET, 1000)
                        .write(st.executeQuery("SELECT i FROM range(5000) t(i)"), out, System.nanoTime());
                assertEquals(1000, w.rows());
                assertEquals(true, w.truncated());
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*), max(i) FROM read_parquet('" + file + "')")) {
                rs.next();
                assertEquals(1000, rs.getLong(1));
                assertEquals(999, rs.getLong(2));
            }
        }
    }
}
