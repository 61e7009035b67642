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
            for (Object[] r : read(c, q)) viaChunks.add(r[0] + "|" + r[1]);
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

    /**
     * A sorted export with more distinct codes than the caches hold (14,000 short buurt-like codes of 10 bytes: the
     * short cache holds 6,144; 5,000 long ones of 23 bytes: the long cache holds 3,072), each code on 4 rows in a row:
     * every value is the driver's, and the 4 rows of a code share one String, also after a cache filled (it starts
     * over instead of refusing new values, so the writers' identity checks keep hitting).
     */
    @Test
    void sortedCodesBeyondTheCachesShareOneStringPerRun() throws Exception {
        String q = "SELECT 'BU' || lpad((i // 4)::VARCHAR, 8, '0') AS code, 'categorie-lang-' || lpad((i // 4 % 5000)::VARCHAR, 8, '0') AS cat "
                + "FROM range(56000) t(i) ORDER BY i";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            List<Object[]> rows = read(c, q);
            assertEquals(56_000, rows.size());
            for (int i = 0; i < rows.size(); i++) {
                assertEquals(String.format("BU%08d", i / 4), rows.get(i)[0]);
                assertEquals(String.format("categorie-lang-%08d", i / 4 % 5000), rows.get(i)[1]);
                if (i % 4 != 0) {
                    assertSame(rows.get(i - 1)[0], rows.get(i)[0], "row " + i);
                    assertSame(rows.get(i - 1)[1], rows.get(i)[1], "row " + i);
                }
            }
        }
    }

    /** Every row of {@code q} as read from DuckDB's chunks (the values of its first two columns). */
    private static List<Object[]> read(Connection c, String q) throws Exception {
        List<Object[]> out = new ArrayList<>();
        try (org.duckdb.DuckDBPreparedStatement ps = c.prepareStatement(q).unwrap(org.duckdb.DuckDBPreparedStatement.class);
             Rows rows = Results.open(ps)) {
            assertTrue(rows instanceof DuckDBChunkRows);
            while (rows.next()) out.add(new Object[] {rows.get(0), rows.get(1)});
        }
        return out;
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
