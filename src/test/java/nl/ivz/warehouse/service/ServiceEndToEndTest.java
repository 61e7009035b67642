package nl.ivz.warehouse.service;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static nl.ivz.warehouse.service.ServiceFixture.assertProblem;
import static nl.ivz.warehouse.service.ServiceFixture.json;
import static nl.ivz.warehouse.service.ServiceFixture.sqlBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceEndToEndTest {
    static ServiceFixture fx;

    @BeforeAll
    static void start() throws Exception {
        fx = new ServiceFixture(ServiceFixture.config().maxJsonRows(100));
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void healthReportsVersionAndLastLoad() throws Exception {
        HttpResponse<String> r = fx.get("/api/health");
        assertEquals(200, r.statusCode());
        JsonNode h = json(r);
        assertEquals("ok", h.get("status").asText());
        assertEquals(nl.ivz.warehouse.core.MigrationFiles.latest(), h.get("schemaVersion").asText());
        assertEquals("seed.csv", h.at("/lastLoad/file").asText());
        assertEquals(":memory:", h.get("warehouse").asText());
    }

    @Test
    void adHocJsonHasColumnsTypesIsoDatesAndNumbers() throws Exception {
        HttpResponse<String> r = fx.post("/api/query", sqlBody(
                "SELECT region_code, value, DATE '2014-01-01' AS d, 1.50::DECIMAL(5,2) AS dec FROM fct_registration WHERE region_code = $code ORDER BY value")
                .replace("}", ",\"params\":{\"code\":\"GM0153\"}}"));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode j = json(r);
        assertEquals("region_code", j.at("/columns/0/name").asText());
        assertEquals("DOUBLE", j.at("/columns/1/type").asText());
        assertEquals(2, j.get("rowCount").asInt());
        assertFalse(j.get("truncated").asBoolean());
        assertEquals(700.0, j.at("/rows/0/1").asDouble());
        assertEquals("2014-01-01", j.at("/rows/0/2").asText());
        assertTrue(j.at("/rows/0/3").isNumber());
        assertTrue(j.has("elapsedMs"));
    }

    @Test
    void getQueryWithNamedParameterFromQueryString() throws Exception {
        HttpResponse<String> r = fx.get("/api/query?sql=" + enc("SELECT count(*) AS n FROM fct_registration WHERE value > $min") + "&min=450");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(3, json(r).at("/rows/0/0").asInt());
    }

    @Test
    void interactiveJsonIsCappedWithTruncatedFlag() throws Exception {
        HttpResponse<String> r = fx.get("/api/query?sql=" + enc("SELECT * FROM range(1000)"));
        JsonNode j = json(r);
        assertEquals(100, j.get("rowCount").asInt());
        assertTrue(j.get("truncated").asBoolean());
    }

    @Test
    void exportsAreNotCapped() throws Exception {
        HttpResponse<String> r = fx.get("/api/query?format=csv&sql=" + enc("SELECT * FROM range(1000) t(i)"));
        assertEquals(200, r.statusCode());
        assertEquals(1001, r.body().split("\r\n").length);
        assertTrue(r.headers().firstValue("Content-Disposition").orElse("").contains("query.csv"));
    }

    @Test
    void csvNlHasBomSemicolonAndDecimalComma() throws Exception {
        HttpResponse<byte[]> r = fx.getBytes("/api/query?format=csv-nl&sql=" + enc("SELECT 'a;b' AS s, 1.5::DOUBLE AS x"));
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertEquals('\uFEFF', body.charAt(0));
        assertEquals("\uFEFFs;x\r\n\"a;b\";1,5\r\n", body);
    }

    @Test
    void acceptHeaderChoosesFormat() throws Exception {
        var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create(fx.server.url() + "/api/query?sql=" + enc("SELECT 1 AS a")))
                .header("Accept", "application/x-ndjson").build();
        HttpResponse<String> r = fx.http.send(req, HttpResponse.BodyHandlers.ofString());
        assertEquals("{\"a\":1}\n", r.body());
        HttpResponse<String> two = fx.get("/api/query?format=ndjson&sql=" + enc("SELECT * FROM range(2) t(i)"));
        assertEquals("{\"i\":0}\n{\"i\":1}\n", two.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/x-ndjson"));
        var html = java.net.http.HttpRequest.newBuilder(java.net.URI.create(fx.server.url() + "/api/query?sql=" + enc("SELECT 1 AS a")))
                .header("Accept", "text/html").build();
        assertProblem(fx.http.send(html, HttpResponse.BodyHandlers.ofString()), ProblemType.UNSUPPORTED_FORMAT);
    }

    @Test
    void cubesListAndRun() throws Exception {
        JsonNode list = json(fx.get("/api/cubes"));
        assertEquals("regions", list.at("/0/name").asText());
        assertEquals("level", list.at("/0/params/0/name").asText());
        JsonNode run = json(fx.get("/api/cubes/regions?level=gemeente"));
        assertEquals(3, run.get("rowCount").asInt());
        assertEquals("GM0141", run.at("/rows/0/0").asText());
        JsonNode district = json(fx.get("/api/cubes/regions?level=district"));
        assertEquals("Twente", district.at("/rows/0/1").asText());
        JsonNode p = assertProblem(fx.get("/api/cubes/regions?level=planet"), ProblemType.BAD_PARAMETER);
        assertEquals("level", p.get("parameter").asText());
        assertTrue(p.get("detail").asText().contains("gemeente"));
        assertProblem(fx.get("/api/cubes/regions?colour=red"), ProblemType.BAD_PARAMETER);
        assertProblem(fx.get("/api/cubes/nope"), ProblemType.UNKNOWN_CUBE);
        HttpResponse<String> csv = fx.get("/api/cubes/regions?format=csv&level=district");
        assertEquals("region_code,region_name\r\nPD01,Twente\r\n", csv.body());
    }

    @Test
    void cannedQueryWithTypedParameters() throws Exception {
        JsonNode list = json(fx.get("/api/queries"));
        assertTrue(list.size() >= 8, "at least 8 canned queries");
        JsonNode r = json(fx.get("/api/queries/crimes-per-municipality?year=2014"));
        assertEquals(3, r.get("rowCount").asInt(), r.toString());
        // Enschede: 700 / 158,000 x 1,000 = 4.43
        JsonNode ens = null;
        for (JsonNode row : r.get("rows")) if (row.get(0).asText().equals("GM0153")) ens = row;
        assertEquals(4.43, ens.get(7).asDouble(), 1e-9);
        assertProblem(fx.get("/api/queries/crimes-per-municipality?year=twenty"), ProblemType.BAD_PARAMETER);
        assertProblem(fx.get("/api/queries/crimes-per-municipality?yaer=2014"), ProblemType.BAD_PARAMETER);
        assertProblem(fx.get("/api/queries/nope"), ProblemType.UNKNOWN_QUERY);
    }

    @Test
    void changeOnPreviousYear() throws Exception {
        JsonNode r = json(fx.get("/api/queries/change-on-previous-year?area=GM0153"));
        assertEquals(2, r.get("rowCount").asInt(), r.toString());
        assertEquals(-100.0, r.at("/rows/1/6").asDouble());
        assertEquals(-12.5, r.at("/rows/1/7").asDouble());
    }

    @Test
    void schemaListsTablesColumnsAndComments() throws Exception {
        JsonNode s = json(fx.get("/api/schema"));
        JsonNode reg = null;
        for (JsonNode t : s.get("tables")) if (t.get("name").asText().equals("fct_registration")) reg = t;
        assertTrue(reg.get("comment").asText().startsWith("Police registrations"));
        assertEquals("batch_id", reg.at("/columns/0/name").asText());
        assertEquals("BIGINT", reg.at("/columns/0/type").asText());
        assertEquals("Load batch the row came from", reg.at("/columns/0/comment").asText());
    }

    @Test
    void unknownRouteIsProblem() throws Exception {
        assertProblem(fx.get("/api/nothing-here"), ProblemType.NOT_FOUND);
    }

    @Test
    void parquetExportReadsBackInDuckDB(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        String q = "SELECT i, i * 0.5 AS half, 'r' || i AS name, DATE '2014-01-01' + i::INTEGER AS d, [i] AS l FROM range(50000) t(i)";
        HttpResponse<byte[]> r = fx.getBytes("/api/query?format=parquet&sql=" + enc(q));
        assertEquals(200, r.statusCode());
        assertEquals("application/vnd.apache.parquet", r.headers().firstValue("Content-Type").orElse(""));
        java.nio.file.Path f = java.nio.file.Files.write(dir.resolve("x.parquet"), r.body());
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:");
             java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT count(*), sum(i), sum(half), max(name), max(d), count(*) "
                     + "FILTER (WHERE l = '[' || i || ']') FROM read_parquet('" + f + "')")) {
            rs.next();
            assertEquals(50000, rs.getLong(1));
            assertEquals(1249975000L, rs.getLong(2));
            assertEquals(624987500.0, rs.getDouble(3), 1e-6);
            assertEquals("r9999", rs.getString(4));
            assertEquals("2150-11-23", rs.getString(5));
            assertEquals(50000, rs.getLong(6));
        }
    }

    @Test
    void exportPastTheRowLimitIsCutOffNotSilentlyShort() throws Exception {
        try (ServiceFixture small = new ServiceFixture(ServiceFixture.config().maxExportRows(1000))) {
            java.net.http.HttpRequest req = java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(small.server.url() + "/api/query?format=csv&sql=" + enc("SELECT repeat('x', 100) FROM range(5000)"))).build();
            org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                    () -> small.http.send(req, HttpResponse.BodyHandlers.ofString()));
            // Under the limit before the first bytes went out: a proper problem answer.
            assertProblem(small.get("/api/query?format=csv&sql=" + enc("SELECT 1 FROM range(1001)")), ProblemType.QUERY_TOO_LARGE);
            assertEquals(200, small.get("/api/health").statusCode());
        }
    }

    @Test
    void midStreamEngineErrorsKeepTheEngineMessage() throws Exception {
        JsonNode p = assertProblem(fx.get("/api/query?sql=" + enc("SELECT CASE WHEN i < 5000 THEN i::VARCHAR ELSE 'x' END::INT FROM range(10000) t(i)")),
                ProblemType.BAD_SQL);
        assertTrue(p.get("detail").asText().contains("Could not convert string 'x'"), p.toString());
    }
}
