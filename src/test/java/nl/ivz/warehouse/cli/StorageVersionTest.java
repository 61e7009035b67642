package nl.ivz.warehouse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.ivz.warehouse.core.MigrationFiles;
import nl.ivz.warehouse.core.StorageFormat;
import nl.ivz.warehouse.core.Warehouse;
import nl.ivz.warehouse.service.Server;
import nl.ivz.warehouse.service.ServiceConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 17: the DuckDB storage format of warehouse files (new, existing, rewritten, too new), in init and /api/health. */
class StorageVersionTest {
    static final String VIEWS = "select string_agg(view_name || ': ' || comment, '; ' order by view_name) from duckdb_views() where not internal";

    @TempDir
    Path dir;

    /** The storage version number in a DuckDB file's main header (little-endian, after the checksum and "DUCK"). */
    static long headerVersion(Path file) throws Exception {
        byte[] b = Files.readAllBytes(file);
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("DUCK", new String(b, 8, 4, java.nio.charset.StandardCharsets.US_ASCII));
        return buf.getLong(12);
    }

    static String query(Warehouse wh, String sql) {
        return String.valueOf(wh.dsl().fetchValue(sql));
    }

    @Test
    void initWritesANewFileForDuckDb14AndNewerAndHealthShowsIt() throws Exception {
        Path file = dir.resolve("w.duckdb");
        CliTest.Run init = CliTest.run("init", "--warehouse", file.toString());
        assertEquals(0, init.code(), init.err());
        assertEquals("Warehouse " + file + ": " + MigrationFiles.count() + " migration(s) applied, schema version " + MigrationFiles.latest()
                + ", DuckDB storage v1.4.0+ (opens in DuckDB 1.4.0 and newer)\n", init.out());
        assertEquals("", init.err());
        // 67 is DuckDB's storage number for v1.4.0; DuckDB 1.5.6 reads 64 to 68, 2.0's own default would be 69
        assertEquals(67, headerVersion(file));

        try (Server s = Server.start(ServiceConfig.defaults().warehouse(file).host("127.0.0.1").port(0))) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + s.port() + "/api/health")).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode h = new ObjectMapper().readTree(r.body());
            assertEquals("v1.4.0+", h.get("storageVersion").asText());
        }
    }

    @Test
    void aFileInDuckDb2FormatIsNotedAndRewrittenWithEverythingInIt() throws Exception {
        Path file = dir.resolve("old.duckdb");
        String views;
        try (Warehouse wh = Warehouse.open(file, StorageFormat.config("latest")); Statement st = wh.connection().createStatement()) {
            wh.migrate();
            views = query(wh, VIEWS);
            st.execute("insert into dim_theme values ('t', 'Test', 1, 'Veilige woon- en leefomgeving', null)");
            st.execute("insert into load_batch (batch_id, file_name, file_sha256, layout, started_at, status) "
                    + "values (nextval('load_batch_seq'), 'a.csv', 'x', 'test', now(), 'loaded')");
        }
        assertEquals(999, headerVersion(file)); // DuckDB 2.0 marks its own format so that 1.x readers stop at once

        CliTest.Run init = CliTest.run("init", "--warehouse", file.toString());
        assertEquals(0, init.code());
        assertTrue(init.out().endsWith("DuckDB storage v2.0.0+ (opens in DuckDB 2.0.0 and newer)\n"), init.out());
        assertEquals("Note: " + file + " keeps the storage format it was written in, v2.0.0+; DuckDB clients before v2.0.0"
                + " (Python, Node, R, CLI or DBeaver 1.x) cannot open it. To rewrite it as v1.4.0: ivz init --rewrite-storage --warehouse "
                + file + "\n", init.err());

        CliTest.Run rewrite = CliTest.run("init", "--rewrite-storage", "--warehouse", file.toString());
        assertEquals(0, rewrite.code(), rewrite.err());
        assertTrue(rewrite.out().startsWith("Rewrote " + file + " from storage v2.0.0+ to v1.4.0+: "), rewrite.out());
        assertTrue(rewrite.out().contains("0 migration(s) applied, schema version " + MigrationFiles.latest() + ", DuckDB storage v1.4.0+"), rewrite.out());
        assertEquals("", rewrite.err());
        assertEquals(67, headerVersion(file));
        assertFalse(Files.exists(dir.resolve("old.duckdb.rewrite.tmp")));
        try (Warehouse wh = Warehouse.open(file)) {
            assertEquals("Test", query(wh, "select theme_name from dim_theme where theme_code = 't'"));
            assertEquals("Shared theme list, grouped in the five safety fields (veiligheidsvelden) of the VNG method Kernbeleid Veiligheid; field 0 holds totals",
                    query(wh, "select comment from duckdb_tables() where table_name = 'dim_theme'"));
            assertEquals(views, query(wh, VIEWS));
            // the sequence goes on after the copied batch
            assertEquals("2", query(wh, "select nextval('load_batch_seq')"));
        }
        CliTest.Run again = CliTest.run("init", "--rewrite-storage", "--warehouse", file.toString());
        assertTrue(again.out().startsWith("Rewrote " + file + " from storage v1.4.0+ to v1.4.0+"), again.out());
    }

    @Test
    void aRewriteThatCannotOpenTheFileLeavesItAsItWas() throws Exception {
        Path file = dir.resolve("held.duckdb");
        try (Warehouse held = Warehouse.open(file, StorageFormat.config("latest"))) {
            held.migrate();
            held.connection().createStatement().execute("checkpoint");
            byte[] before = Files.readAllBytes(file);
            // another database instance holds the file (as `ivz serve` would): the copy cannot start
            CliTest.Run r = CliTest.run("init", "--rewrite-storage", "--warehouse", file.toString());
            assertEquals(1, r.code());
            assertTrue(r.err().startsWith("Error: "), r.err());
            assertFalse(r.err().contains("\tat "), r.err());
            assertArrayEquals(before, Files.readAllBytes(file));
            assertFalse(Files.exists(dir.resolve("held.duckdb.rewrite.tmp")));
        }
    }

    /**
     * A file from a DuckDB newer than ours: made from a real file by raising the version number in its header.
     * DuckDB's header checksum XORs one hash per 8-byte word (word x 0xbf58476d1ce4e5b9), so swapping the word that
     * holds the version and correcting the checksum by the two words' hashes gives a file DuckDB reads up to the version check.
     */
    @Test
    void aFileFromANewerDuckDbGivesAClearMessage() throws Exception {
        Path file = dir.resolve("future.duckdb");
        try (Warehouse wh = Warehouse.open(file)) {
            wh.migrate();
        }
        byte[] b = Files.readAllBytes(file);
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        long oldWord = buf.getLong(8);
        buf.putInt(12, 70);
        long newWord = buf.getLong(8);
        long m = 0xbf58476d1ce4e5b9L;
        buf.putLong(0, buf.getLong(0) ^ (oldWord * m) ^ (newWord * m));
        Files.write(file, Arrays.copyOf(b, b.length));

        StorageFormat.TooNew e = assertThrows(StorageFormat.TooNew.class, () -> Warehouse.open(file).close());
        String expected = "Warehouse " + file + " was written by a newer DuckDB than this ivz reads: its storage version number is 70,"
                + " this ivz (DuckDB v2.0.0) reads 64 to 69.";
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());

        CliTest.Run q = CliTest.run("query", "--warehouse", file.toString(), "select 1");
        assertEquals(1, q.code());
        assertTrue(q.err().startsWith("Error: " + expected), q.err());
        assertFalse(q.err().contains("\tat "), q.err());
    }
}
