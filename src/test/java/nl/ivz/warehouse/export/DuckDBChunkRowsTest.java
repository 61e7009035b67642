package nl.ivz.warehouse.export;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DuckDBChunkRowsTest {
    /**
     * Strings longer than DuckDB's 12 inlined bytes (read through the slot's pointer): 13 to 300 bytes (over
     * LongStrings.MAX_LEN: the driver's getString), multi-byte characters, NULLs, 5,000 distinct values (more than
     * the cache holds) repeating over 20,000 rows (10 chunks), row for row as DuckDB's JDBC getString gives them.
     */
    @Test
    void longChunkStringsEqualTheDriversStrings() throws Exception {
        String q = "SELECT CASE WHEN i % 13 = 0 THEN NULL ELSE 'theme-' || repeat('x', (i % 290)::INTEGER) || '-' || (i % 5000) END AS a, "
                + "'categorie één/' || (i % 40) AS b, i AS n FROM range(20000) t(i) ORDER BY i";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            List<String> viaChunks = new ArrayList<>();
            try (org.duckdb.DuckDBPreparedStatement ps = c.prepareStatement(q).unwrap(org.duckdb.DuckDBPreparedStatement.class);
                 Rows rows = Results.open(ps)) {
                assertTrue(rows instanceof DuckDBChunkRows);
                while (rows.next()) viaChunks.add(rows.get(0) + "|" + rows.get(1));
            }
            List<String> viaJdbc = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery(q)) {
                while (rs.next()) viaJdbc.add(rs.getString(1) + "|" + rs.getString(2));
            }
            assertEquals(20_000, viaJdbc.size());
            assertEquals(viaJdbc, viaChunks);
            // row 7: 'theme-' + 7 x 'x' + '-7'; 'categorie één/7' (17 bytes: é is two bytes)
            assertEquals("theme-xxxxxxx-7|categorie één/7", viaChunks.get(7));
            assertEquals("null|categorie één/0", viaChunks.get(0));
        }
    }

    /** Equal bytes give the same String instance (what the Parquet writer's per-column caches count on). */
    @Test
    void longStringsAreSharedPerDistinctValue() {
        DuckDBChunkRows.LongStrings cache = new DuckDBChunkRows.LongStrings();
        byte[] a = "registratie-diefstal-fiets".getBytes(StandardCharsets.UTF_8);
        byte[] b = "registratie-diefstal-fiets-extra".getBytes(StandardCharsets.UTF_8);
        String first = cache.get(a, a.length);
        assertEquals("registratie-diefstal-fiets", first);
        assertSame(first, cache.get(a.clone(), a.length));
        // a prefix of the longer value: 26 of its 32 bytes are the same value
        assertSame(first, cache.get(b, a.length));
        String longer = cache.get(b, b.length);
        assertEquals("registratie-diefstal-fiets-extra", longer);
        assertNotSame(first, longer);
    }

    /** Whole DOUBLEs 0-1023 share one box each; -0.0 keeps its sign, 1023.5, 1024 and -1 are their own values. */
    @Test
    void wholeDoublesShareABox() {
        assertSame(DuckDBChunkRows.boxed(7.0), DuckDBChunkRows.boxed(7.0));
        assertSame(DuckDBChunkRows.boxed(0.0), DuckDBChunkRows.boxed(0.0));
        assertSame(DuckDBChunkRows.boxed(1023.0), DuckDBChunkRows.boxed(1023.0));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(DuckDBChunkRows.boxed(-0.0)));
        assertEquals(1023.5, DuckDBChunkRows.boxed(1023.5));
        assertEquals(1024.0, DuckDBChunkRows.boxed(1024.0));
        assertEquals(-1.0, DuckDBChunkRows.boxed(-1.0));
        assertTrue(Double.isNaN(DuckDBChunkRows.boxed(Double.NaN)));
    }
}
