package nl.ivz.warehouse.export;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ResultWriterTest {
    @Test
    void numbersArePlainWithoutTrailingZeros() {
        assertEquals("1.5", ResultWriter.number(new BigDecimal("1.50")));
        assertEquals("2", ResultWriter.number(new BigDecimal("2.00")));
        assertEquals("-0.05", ResultWriter.number(new BigDecimal("-0.050")));
        assertEquals("120", ResultWriter.number(new BigDecimal("120")));
        assertEquals("0.1", ResultWriter.number(0.1));
        assertEquals("3", ResultWriter.number(3.0));
        assertEquals("0.00012", ResultWriter.number(1.2e-4));
        assertEquals("123456789012346000000", ResultWriter.number(1.2345678901234568e20));
        // binary noise of arithmetic is cut at the 15 digits a double carries: 226 x 9.28 (seed 000, Borne), 0.1 + 0.2
        assertEquals("2097.28", ResultWriter.number(226 * 9.28));
        assertEquals("0.3", ResultWriter.number(0.1 + 0.2));
        assertEquals("0.333333333333333", ResultWriter.number(1.0 / 3));
        assertEquals("42", ResultWriter.number(42L));
    }

    @Test
    void csvQuotesTextButNotNumbers() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             ResultSet rs = c.createStatement().executeQuery("SELECT 'a,b' AS t, 'say \"hi\"' AS q, 2.50::DECIMAL(4,2) AS n, NULL AS e")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new ResultWriter(ResultFormat.CSV, Long.MAX_VALUE).write(rs, out, System.nanoTime());
            assertEquals("t,q,n,e\r\n\"a,b\",\"say \"\"hi\"\"\",2.5,\r\n", out.toString(StandardCharsets.UTF_8));
        }
    }

    /**
     * The byte-level CSV writer against values worked out by hand: whole numbers (including the extremes of BIGINT
     * and doubles that are whole) as plain digits, fractions as number() writes them, non-ASCII text as UTF-8,
     * quoting only where RFC 4180 needs it; the Dutch variant with ';' and decimal commas.
     */
    @Test
    void csvBytesMatchTheTextRules() throws Exception {
        String q = "SELECT * FROM (VALUES ('-9223372036854775808'::BIGINT, 42.0::DOUBLE, 'é€ café', 'x;y'), "
                + "(9223372036854775807::BIGINT, -0.5::DOUBLE, 'line\nbreak', NULL), (0::BIGINT, 1e15::DOUBLE, '', 'plain')) t(n, d, s, u)";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            assertEquals("n,d,s,u\r\n-9223372036854775808,42,é€ café,x;y\r\n9223372036854775807,-0.5,\"line\nbreak\",\r\n"
                    + "0,1000000000000000,,plain\r\n", viaChunks(c, q, ResultFormat.CSV));
            assertEquals("\uFEFFn;d;s;u\r\n-9223372036854775808;42;é€ café;\"x;y\"\r\n9223372036854775807;-0,5;\"line\nbreak\";\r\n"
                    + "0;1000000000000000;;plain\r\n", viaChunks(c, q, ResultFormat.CSV_NL));
        }
    }

    private static String viaChunks(Connection c, String q, ResultFormat format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (org.duckdb.DuckDBPreparedStatement ps = c.prepareStatement(q).unwrap(org.duckdb.DuckDBPreparedStatement.class);
             Rows rows = Results.open(ps)) {
            new ResultWriter(format, Long.MAX_VALUE).write(rows, out, System.nanoTime());
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * Short VARCHARs are read from the chunk's memory (values of up to 12 bytes): every length from 0 to 14 bytes,
     * multi-byte characters, NULLs and values repeating over several chunks come out exactly as DuckDB's own
     * JDBC getString gives them, row for row.
     */
    @Test
    void chunkStringsEqualTheDriversStrings() throws Exception {
        String q = "SELECT CASE WHEN i % 17 = 0 THEN NULL ELSE left('abcdefghijklmn', (i % 15)::INTEGER) END AS a, "
                + "CASE WHEN i % 3 = 0 THEN 'é' || (i % 50) ELSE 'code' || (i % 700) END AS b FROM range(10000) t(i)";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            java.util.List<String> viaChunks = new java.util.ArrayList<>();
            try (org.duckdb.DuckDBPreparedStatement ps = c.prepareStatement(q).unwrap(org.duckdb.DuckDBPreparedStatement.class);
                 Rows rows = Results.open(ps)) {
                assertEquals(true, rows instanceof DuckDBChunkRows);
                while (rows.next()) viaChunks.add(rows.get(0) + "|" + rows.get(1));
            }
            java.util.List<String> viaJdbc = new java.util.ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery(q)) {
                while (rs.next()) viaJdbc.add(rs.getString(1) + "|" + rs.getString(2));
            }
            assertEquals(10_000, viaJdbc.size());
            assertEquals(viaJdbc, viaChunks);
        }
    }
}
