package nl.ivz.warehouse.export;

import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.internal.column.columnindex.ColumnIndex;
import org.apache.parquet.internal.column.columnindex.OffsetIndex;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.Binary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParquetTextsTest {
    /** A text column's Binaries: UTF-8 bytes in a byte array, one Binary per distinct value, equal or same String. */
    @Test
    void oneByteArrayBinaryPerDistinctValue() {
        ParquetExport.Texts texts = new ParquetExport.Texts();
        Binary a = texts.binary("GM0014");
        assertSame(a, texts.binary("GM0014"));
        // an equal String that is another instance: found in the map, not the one-value memo
        assertSame(a, texts.binary(new String("GM0014")));
        Binary b = texts.binary("één");
        // é is two bytes in UTF-8 (0xC3 0xA9), twice, then n
        assertArrayEquals(new byte[] {(byte) 0xC3, (byte) 0xA9, (byte) 0xC3, (byte) 0xA9, 'n'}, b.getBytes());
        assertEquals(5, b.length());
        assertSame(a, texts.binary("GM0014"));
        assertEquals("GM0014", a.toStringUsingUTF8());
    }

    @TempDir
    Path dir;

    /**
     * Text statistics built once per distinct value per page (the library's per-row ones are off for text columns): every
     * page's min, max and null count (column index and offset index) and every column chunk's equal what DuckDB
     * computes over the same rows. {@code code}: 1,398 repeating values, the dictionary path; {@code id}: a distinct
     * value per row (3.2 MB per group, over the dictionary's 1 MB), the plain fall-back after the first dictionary pages.
     */
    @Test
    void pageAndChunkStatisticsOfTextColumnsMatchTheData() throws Exception {
        Path file = dir.resolve("texts.parquet");
        String q = "SELECT i, CASE WHEN i % 7 = 0 THEN NULL ELSE 'code' || (i % 1398) END AS code, "
                + "CASE WHEN i % 5 = 0 THEN NULL ELSE 'registratie-' || (1000000 - i) END AS id FROM range(300000) t(i) ORDER BY i";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            assertEquals(300_000, ParquetExportTest.write(c, q, file));
            // the values themselves, row for row
            try (ResultSet rs = st.executeQuery("SELECT count(*), count(*) FILTER (WHERE code IS DISTINCT FROM (CASE WHEN i % 7 = 0 THEN NULL "
                    + "ELSE 'code' || (i % 1398) END) OR id IS DISTINCT FROM (CASE WHEN i % 5 = 0 THEN NULL ELSE 'registratie-' || (1000000 - i) END)) "
                    + "FROM read_parquet('" + file + "')")) {
                rs.next();
                assertEquals(300_000, rs.getLong(1));
                assertEquals(0, rs.getLong(2));
            }
            int pagesChecked = 0;
            boolean plainSeen = false;
            try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
                long groupStart = 0;
                for (BlockMetaData group : reader.getRowGroups()) {
                    for (ColumnChunkMetaData chunk : group.getColumns()) {
                        String col = chunk.getPath().toDotString();
                        if (col.equals("i")) continue;
                        if (col.equals("id") && chunk.getEncodings().contains(org.apache.parquet.column.Encoding.PLAIN)) plainSeen = true;
                        String[] expected = stats(st, q, col, groupStart, groupStart + group.getRowCount() - 1);
                        Statistics<?> s = chunk.getStatistics();
                        assertEquals(expected[0], utf8(s.getMinBytes()), col + " min of the group at " + groupStart);
                        assertEquals(expected[1], utf8(s.getMaxBytes()), col + " max of the group at " + groupStart);
                        assertEquals(Long.parseLong(expected[2]), s.getNumNulls(), col + " nulls of the group at " + groupStart);
                        ColumnIndex index = reader.readColumnIndex(chunk);
                        OffsetIndex offsets = reader.readOffsetIndex(chunk);
                        assertTrue(offsets.getPageCount() > 1, col + ": several pages per group");
                        for (int p = 0; p < offsets.getPageCount(); p++) {
                            long first = groupStart + offsets.getFirstRowIndex(p);
                            long last = groupStart + offsets.getLastRowIndex(p, group.getRowCount());
                            String[] e = stats(st, q, col, first, last);
                            assertEquals(e[0], utf8(index.getMinValues().get(p)), col + " page min, rows " + first + "-" + last);
                            assertEquals(e[1], utf8(index.getMaxValues().get(p)), col + " page max, rows " + first + "-" + last);
                            assertEquals(Long.parseLong(e[2]), index.getNullCounts().get(p), col + " page nulls, rows " + first + "-" + last);
                            pagesChecked++;
                        }
                    }
                    groupStart += group.getRowCount();
                }
            }
            assertTrue(plainSeen, "the distinct ids fell back to PLAIN");
            assertTrue(pagesChecked > 20, pagesChecked + " pages checked");
        }
    }

    /** min, max and null count of a column over rows {@code from..to} of the query, by DuckDB. */
    private static String[] stats(Statement st, String q, String col, long from, long to) throws Exception {
        try (ResultSet rs = st.executeQuery("SELECT min(" + col + "), max(" + col + "), count(*) FILTER (WHERE " + col + " IS NULL) FROM (" + q
                + ") WHERE i BETWEEN " + from + " AND " + to)) {
            rs.next();
            return new String[] {rs.getString(1), rs.getString(2), Long.toString(rs.getLong(3))};
        }
    }

    private static String utf8(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    private static String utf8(ByteBuffer b) {
        byte[] bytes = new byte[b.remaining()];
        b.duplicate().get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
