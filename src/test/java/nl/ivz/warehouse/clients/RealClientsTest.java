package nl.ivz.warehouse.clients;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.ivz.warehouse.cli.Main;
import nl.ivz.warehouse.core.StorageFormat;
import nl.ivz.warehouse.core.Warehouse;
import nl.ivz.warehouse.export.ResultFormat;
import nl.ivz.warehouse.export.ResultWriter;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 17: the demo warehouse opens in DuckDB clients nobody here wrote, of the 1.5 line analysts have
 * (Python, Node, CLI 1.5.6): Python's duckdb 1.5.6 from the package index, Node's @duckdb/node-api 1.5.6 and the
 * DuckDB 1.5.6 JDBC driver in its own class loader. Each opens the file read-only, lists the tables and views with their comments, reads
 * Twente's published and recomputed total score and a Parquet file written by ivz's own Parquet writer. The SQL is
 * src/test/node/reads.json, the same for both clients.
 */
class RealClientsTest {
    static final Path NODE_DIR = Path.of("src/test/node");
    static final Path PYTHON_DIR = Path.of("src/test/python");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path warehouse;
    static Path parquet;
    /** The reads through this project's own DuckDB (2.0), to compare the clients with. */
    static Map<String, List<List<String>>> expected;

    @BeforeAll
    static void buildDemoWarehouse() throws Exception {
        warehouse = dir.resolve("demo.duckdb");
        parquet = dir.resolve("total-scores.parquet");
        // What `ivz demo` builds (the bundled sources), in two sessions as warehouses grow: the data is written by a
        // session that opened an existing file, with DuckDB 2.0's default settings
        assertEquals(0, Main.run("init", "--warehouse", warehouse.toString()));
        assertEquals(0, Main.run("load", "--warehouse", warehouse.toString(), "warehouse/sources"));
        try (Warehouse wh = Warehouse.open(warehouse)) {
            assertEquals(Warehouse.STORAGE_VERSION + "+", wh.storageVersion());
            try (Statement st = wh.connection().createStatement();
                 ResultSet rs = st.executeQuery("select region_code, published_value, computed_value from v_reconcile_published"
                         + " where check_kind = 'total_score' order by region_code");
                 OutputStream out = Files.newOutputStream(parquet)) {
                new ResultWriter(ResultFormat.PARQUET, Long.MAX_VALUE).write(rs, out, System.nanoTime());
            }
            expected = reads(wh.connection());
        }
    }

    static Map<String, String> sql() throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        JsonNode j = JSON.readTree(NODE_DIR.resolve("reads.json").toFile());
        for (Iterator<Map.Entry<String, JsonNode>> it = j.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            m.put(e.getKey(), e.getValue().asText());
        }
        return m;
    }

    static Map<String, List<List<String>>> reads(Connection c) throws SQLException, IOException {
        Map<String, List<List<String>>> out = new LinkedHashMap<>();
        try (Statement st = c.createStatement()) {
            for (Map.Entry<String, String> q : sql().entrySet()) {
                List<List<String>> rows = new ArrayList<>();
                try (ResultSet rs = st.executeQuery(q.getValue().replace("$parquet", parquet.toString().replace("'", "''")))) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        List<String> row = new ArrayList<>();
                        for (int i = 1; i <= n; i++) row.add(normal(rs.getString(i)));
                        rows.add(row);
                    }
                }
                out.put(q.getKey(), rows);
            }
        }
        return out;
    }

    /** Numbers as plain decimals ("55.0" from JDBC and "55" from Node are the same value). */
    static String normal(String v) {
        if (v == null) return null;
        try {
            return new BigDecimal(v).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return v;
        }
    }

    /** What every client must read: DuckDB 1.5, the same tables and comments as ours, Twente 55 and 55. */
    static void assertReads(Map<String, List<List<String>>> got) {
        assertTrue(got.get("version").get(0).get(0).startsWith("v1.5."), "client version " + got.get("version"));
        assertEquals(expected.get("tables"), got.get("tables"));
        assertTrue(got.get("tables").contains(List.of("fct_published_figure", "Figures a source states about itself (ranks, total"
                + " scores, totals, parent values, % changes, costs), kept as published so they can be reconciled with recomputed ones")));
        // Bijlage 2 of the Actieplan (seed 002): Twente's published total score is 55, and so is the sum of its published ranks
        assertEquals(List.of(List.of("55", "55")), got.get("twente"));
        // the same table, written by ivz's Parquet writer: Gelderland-Zuid's published 64 against its ranks' sum 69
        assertEquals(List.of(List.of("PD-GELDERLAND-MIDDEN", "68", "68"), List.of("PD-GELDERLAND-ZUID", "64", "69"),
                List.of("PD-IJSSELLAND", "55", "55"), List.of("PD-NOORD-EN-OOST-GELDERLAND", "53", "53"),
                List.of("PD-TWENTE", "55", "55")), got.get("parquet"));
    }

    static Driver duckdb15() throws Exception {
        String jar = System.getProperty("duckdb.client.jar");
        if (jar == null || !Files.exists(Path.of(jar))) {
            fail("The DuckDB 1.5 JDBC driver is missing (" + jar + "): run the tests through Maven, which copies"
                    + " org.duckdb:duckdb_jdbc:1.5.6.0 to target/real-clients (process-test-classes)");
        }
        // the platform loader as parent: none of the test class path's DuckDB 2.0 classes are visible to it
        URLClassLoader loader = new URLClassLoader(new URL[] {Path.of(jar).toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        return (Driver) loader.loadClass("org.duckdb.DuckDBDriver").getDeclaredConstructor().newInstance();
    }

    static Connection readOnly(Driver d, Path file) throws SQLException {
        Properties p = new Properties();
        p.setProperty("duckdb.read_only", "true");
        return d.connect("jdbc:duckdb:" + file.toAbsolutePath(), p);
    }

    @Test
    void duckdbJdbc15ReadsTheDemoWarehouse() throws Exception {
        try (Connection c = readOnly(duckdb15(), warehouse)) {
            assertReads(reads(c));
        }
    }

    @Test
    void nodeClientReadsTheDemoWarehouse() throws Exception {
        String node = "node";
        try {
            Process v = new ProcessBuilder(node, "--version").redirectErrorStream(true).start();
            v.waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            fail("Node.js is not installed (no 'node' on the PATH), so Node's DuckDB client cannot be tested: install"
                    + " Node.js 18+ and npm (.ci/run does: apt-get install nodejs npm), then npm ci --prefix src/test/node");
        }
        if (!Files.exists(NODE_DIR.resolve("node_modules/@duckdb/node-api/package.json"))) {
            fail("Node's DuckDB client is not installed: run npm ci --prefix src/test/node (.ci/run does)");
        }
        assertReads(runClient(NODE_DIR, node, "read-warehouse.mjs"));
    }

    @Test
    void pythonClientReadsTheDemoWarehouse() throws Exception {
        Path python = PYTHON_DIR.resolve(".venv/bin/python");
        Path unavailable = PYTHON_DIR.resolve(".venv-unavailable");
        // .ci/run leaves pip's own error here when the package index cannot be reached from the CI machine
        Assumptions.assumeFalse(!Files.isExecutable(python) && Files.exists(unavailable),
                () -> "Python's duckdb could not be installed on this machine: " + read(unavailable));
        if (!Files.isExecutable(python)) {
            fail("Python's DuckDB client is not installed: run python3 -m venv src/test/python/.venv && src/test/python/.venv/bin/pip"
                    + " install -r src/test/python/requirements.txt (.ci/run does)");
        }
        assertReads(runClient(PYTHON_DIR, python.toAbsolutePath().toString(), "read_warehouse.py"));
    }

    static String read(Path p) {
        try {
            return Files.readString(p).strip();
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Runs a client's script on the warehouse and the Parquet file and reads the JSON object it prints. */
    static Map<String, List<List<String>>> runClient(Path workDir, String program, String script) throws Exception {
        Process p = new ProcessBuilder(program, script, warehouse.toAbsolutePath().toString(), parquet.toAbsolutePath().toString())
                .directory(workDir.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), program + " did not finish");
        assertEquals(0, p.exitValue(), program + " " + script + " failed; output: " + out);
        Map<String, List<List<String>>> got = new LinkedHashMap<>();
        JsonNode j = JSON.readTree(out);
        for (Iterator<Map.Entry<String, JsonNode>> it = j.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            List<List<String>> rows = new ArrayList<>();
            for (JsonNode r : e.getValue()) {
                List<String> row = new ArrayList<>();
                for (JsonNode v : r) row.add(v.isNull() ? null : normal(v.asText()));
                rows.add(row);
            }
            got.put(e.getKey(), rows);
        }
        return got;
    }

    /** The control: in DuckDB 2.0's own default format the same client cannot open a warehouse. */
    @Test
    void aFileInDuckDb2sDefaultFormatDoesNotOpenInTheClient() throws Exception {
        Path latest = dir.resolve("latest.duckdb");
        try (Warehouse wh = Warehouse.open(latest, StorageFormat.config("latest"))) {
            wh.migrate();
            assertEquals("v2.0.0+", wh.storageVersion());
        }
        Driver d = duckdb15();
        SQLException e = assertThrows(SQLException.class, () -> readOnly(d, latest).close());
        assertTrue(e.getMessage().contains("but we can only read versions between 64 and 68"), e.getMessage());
    }
}
