package nl.ivz.warehouse.service;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static nl.ivz.warehouse.service.ServiceFixture.assertProblem;
import static nl.ivz.warehouse.service.ServiceFixture.json;
import static nl.ivz.warehouse.service.ServiceFixture.sqlBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Everything an analyst (or anyone who gets at the port) might send to change data, read server files, load
 * code or take the server down. Each case gets its documented status and problem type; afterwards the server
 * still answers and the data are as before.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputTest {
    static final String TOKEN = "s3cret-token";
    static ServiceFixture fx;
    static String fingerprintBefore;
    @TempDir
    static Path inbox;

    @BeforeAll
    static void start() throws Exception {
        Files.writeString(inbox.resolve("ok.csv"), "theme_code,theme_name,field_number,field_name,description\n");
        fx = new ServiceFixture(ServiceFixture.config().token(TOKEN).maxConcurrent(2)
                .queryTimeout(Duration.ofSeconds(2)).maxQueryChars(100_000).inbox(inbox));
        fingerprintBefore = fingerprint();
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    /** Row counts and sums of every table, through the service itself. */
    static String fingerprint() throws Exception {
        HttpResponse<String> r = fx.post("/api/query", sqlBody(
                "SELECT (SELECT count(*) FROM fct_registration) || '/' || (SELECT sum(value) FROM fct_registration) || '/' || "
                        + "(SELECT count(*) FROM dim_region) || '/' || (SELECT count(*) FROM load_batch) || '/' || "
                        + "(SELECT count(*) FROM duckdb_tables()) || '/' || (SELECT count(*) FROM fct_population) AS f"));
        assertEquals(200, r.statusCode(), r.body());
        return json(r).at("/rows/0/0").asText();
    }

    static Stream<Arguments> statements() {
        ProblemType stmt = ProblemType.FORBIDDEN_STATEMENT;
        ProblemType access = ProblemType.FORBIDDEN_ACCESS;
        return Stream.of(
                Arguments.of("DROP TABLE fct_registration", stmt),
                Arguments.of("CREATE TABLE evil (x INT)", stmt),
                Arguments.of("CREATE OR REPLACE VIEW dim_region AS SELECT 1", stmt),
                Arguments.of("INSERT INTO dim_region VALUES ('X','x','gemeente',1900,9999,true,NULL)", stmt),
                Arguments.of("UPDATE fct_registration SET value = 0", stmt),
                Arguments.of("DELETE FROM fct_registration", stmt),
                Arguments.of("ALTER TABLE dim_region ADD COLUMN x INT", stmt),
                Arguments.of("TRUNCATE fct_registration", stmt),
                Arguments.of("ATTACH '/tmp/evil.duckdb' AS evil", stmt),
                Arguments.of("DETACH memory", stmt),
                Arguments.of("COPY fct_registration TO '/tmp/stolen.csv'", stmt),
                Arguments.of("COPY (SELECT * FROM dim_region) TO '/tmp/stolen.parquet' (FORMAT parquet)", stmt),
                Arguments.of("EXPORT DATABASE '/tmp/stolen'", stmt),
                Arguments.of("IMPORT DATABASE '/tmp/stolen'", stmt),
                Arguments.of("INSTALL httpfs", stmt),
                Arguments.of("LOAD httpfs", stmt),
                Arguments.of("PRAGMA table_info('dim_region')", stmt),
                Arguments.of("SET enable_external_access = true", stmt),
                Arguments.of("RESET lock_configuration", stmt),
                Arguments.of("CALL pragma_version()", stmt),
                Arguments.of("CHECKPOINT", stmt),
                Arguments.of("BEGIN TRANSACTION", stmt),
                Arguments.of("SELECT 1; SELECT 2", stmt),
                Arguments.of("SELECT 1; DROP TABLE fct_registration", stmt),
                Arguments.of("EXPLAIN ANALYZE SELECT 1", stmt),
                Arguments.of("CREATE MACRO m(x) AS x", stmt),
                Arguments.of("CREATE SECRET s (TYPE s3, KEY_ID 'x', SECRET 'y')", stmt),
                Arguments.of("SELECT nextval('load_batch_seq')", stmt),
                Arguments.of("SELECT * FROM read_csv('/etc/passwd')", access),
                Arguments.of("SELECT * FROM read_text('/etc/passwd')", access),
                Arguments.of("SELECT * FROM read_blob('/etc/shadow')", access),
                Arguments.of("SELECT * FROM glob('/etc/*')", access),
                Arguments.of("SELECT * FROM read_parquet('/tmp/*.parquet')", access),
                // a quoted path as a table name is a replacement scan of a file: refused by the guard before DuckDB looks
                Arguments.of("SELECT * FROM '/etc/passwd'", access),
                Arguments.of("SELECT * FROM read_json_auto('" + inbox.resolve("ok.csv") + "')", access),
                Arguments.of("SELECT * FROM duckdb_extensions()", access),
                Arguments.of("SELECT * FROM query('DROP TABLE fct_registration')", access),
                // The inbox is open to the engine for the loader's read_csv; ad-hoc SQL still cannot reach it (issue 12).
                Arguments.of("SELECT * FROM read_csv('" + inbox.resolve("ok.csv") + "')", access),
                Arguments.of("SELECT * FROM read_text('" + inbox.resolve("ok.csv") + "')", access),
                Arguments.of("SELECT * FROM read_blob('" + inbox.resolve("ok.csv") + "')", access),
                Arguments.of("SELECT * FROM '" + inbox.resolve("ok.csv") + "'", access),
                Arguments.of("SELECT * FROM \"" + inbox.resolve("ok.csv") + "\"", access),
                Arguments.of("SELECT * FROM glob('" + inbox + "/*')", access),
                Arguments.of("SELECT * FROM sniff_csv('" + inbox.resolve("ok.csv") + "')", access),
                Arguments.of("SELECT * FROM read_json_objects('" + inbox.resolve("ok.csv") + "')", access),
                Arguments.of("SELECT (SELECT content FROM read_text('" + inbox.resolve("ok.csv") + "'))", access),
                Arguments.of("SELECT * FROM dim_region, LATERAL (SELECT * FROM read_csv('" + inbox.resolve("ok.csv") + "'))", access),
                Arguments.of("WITH x AS (SELECT * FROM read_csv_auto('" + inbox.resolve("ok.csv") + "')) SELECT * FROM x", access),
                Arguments.of("SELECT * FROM parquet_metadata('/tmp/x.parquet')", access),
                Arguments.of("SELECT * FROM parquet_schema('/tmp/x.parquet')", access),
                Arguments.of("SELECT * FROM read_ndjson('/etc/hostname')", access),
                Arguments.of("SELECT * FROM 'https://example.com/data.csv'", access),
                Arguments.of("SELECT * FROM \"/etc\".passwd", access),
                Arguments.of("SELECT * FROM query_table('dim_region')", access),
                Arguments.of("SELECT * FROM query('SELECT * FROM read_text(''/etc/passwd'')')", access),
                Arguments.of("SELECT * FROM duckdb_secrets()", access),
                Arguments.of("SELECT * FROM which_secret('s3://bucket/x', 's3')", access),
                Arguments.of("SELECT * FROM duckdb_settings()", access),
                Arguments.of("SET allowed_directories = ['/']", stmt),
                Arguments.of("DROP SECRET s", stmt),
                Arguments.of("PIVOT fct_registration ON theme_code USING sum(value)", stmt),
                Arguments.of("EXPLAIN SELECT 1", stmt),
                Arguments.of("VACUUM", stmt),
                Arguments.of("CREATE TEMP TABLE t AS SELECT 1", stmt),
                Arguments.of("USE memory", stmt),
                Arguments.of("SELECT nextval('load_batch_seq') FROM range(3)", stmt),

                Arguments.of("SELEC 1", ProblemType.BAD_SQL),
                Arguments.of("   ;  ", ProblemType.BAD_SQL));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @MethodSource("statements")
    @Order(1)
    void refused(String sql, ProblemType expected) throws Exception {
        JsonNode p = assertProblem(fx.post("/api/query", sqlBody(sql)), expected);
        assertFalse(p.get("detail").asText().isBlank());
        // The GET form and the export formats take the same road.
        assertProblem(fx.get("/api/query?format=csv&sql=" + URLEncoder.encode(sql, StandardCharsets.UTF_8)), expected);
    }

    @Test
    @Order(2)
    void recursiveCteBombIsCancelledByTheTimeLimit() throws Exception {
        assertProblem(fx.post("/api/query", sqlBody(
                "WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t) SELECT count(*) FROM t")), ProblemType.TIMEOUT);
    }

    @Test
    @Order(2)
    void crossJoinBombIsCancelledByTheTimeLimit() throws Exception {
        assertProblem(fx.post("/api/query", sqlBody(
                "SELECT count(*) FROM range(1000000) a, range(1000000) b, range(1000) c")), ProblemType.TIMEOUT);
    }

    @Test
    @Order(2)
    void deepNestingIsABadStatement() throws Exception {
        // 5,000 levels pass DuckDB's expression depth limit (POST only: as a GET URL this is over Jetty's 8 KB, which answers 414)
        JsonNode p = assertProblem(fx.post("/api/query", sqlBody("SELECT " + "(".repeat(5000) + "1" + ")".repeat(5000))), ProblemType.BAD_SQL);
        assertFalse(p.get("detail").asText().isBlank());
        assertEquals(200, fx.post("/api/query", sqlBody("SELECT " + "(".repeat(200) + "1" + ")".repeat(200))).statusCode());
    }

    @Test
    @Order(2)
    void summarizeOfAHugeRelationIsCancelledByTheTimeLimit() throws Exception {
        assertProblem(fx.post("/api/query", sqlBody("SUMMARIZE SELECT * FROM range(10000000000)")), ProblemType.TIMEOUT);
    }

    @Test
    @Order(2)
    void longInListsRunUpToTheQueryTextLimit() throws Exception {
        // 9,000 values (about 80,000 characters) run; 12,000 pass the 100,000-character limit
        String in = java.util.stream.IntStream.range(0, 9_000).mapToObj(i -> "'GM" + i + "'").collect(java.util.stream.Collectors.joining(","));
        HttpResponse<String> r = fx.post("/api/query", sqlBody("SELECT count(*) FROM dim_region WHERE region_code IN (" + in + ")"));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(0, json(r).at("/rows/0/0").asInt(), "GM0 .. GM8999 are not four-digit codes");
        String longer = java.util.stream.IntStream.range(0, 12_000).mapToObj(i -> "'GM" + i + "'").collect(java.util.stream.Collectors.joining(","));
        assertProblem(fx.post("/api/query", sqlBody("SELECT count(*) FROM dim_region WHERE region_code IN (" + longer + ")")),
                ProblemType.QUERY_TOO_LARGE);
    }

    @Test
    @Order(2)
    void oneMegabyteQueryIsTooLarge() throws Exception {
        String big = "SELECT 1 AS x" + " ".repeat(1 << 20);
        assertProblem(fx.post("/api/query", sqlBody(big)), ProblemType.QUERY_TOO_LARGE);
    }

    @Test
    @Order(2)
    void invalidUtf8BodyIsBadRequest() throws Exception {
        byte[] body = "{\"sql\": \"SELECT '\u0000'\"}".getBytes(StandardCharsets.UTF_8);
        byte[] bad = new byte[body.length + 2];
        System.arraycopy(body, 0, bad, 0, body.length);
        bad[body.length] = (byte) 0xC3;
        bad[body.length + 1] = (byte) 0x28;
        assertProblem(fx.post("/api/query", bad), ProblemType.BAD_REQUEST);
        assertProblem(fx.post("/api/query", new byte[] {'{', '"', 's', 'q', 'l', '"', ':', '"', (byte) 0xFF, '"', '}'}), ProblemType.BAD_REQUEST);
    }

    @Test
    @Order(2)
    void malformedBodiesAreBadRequests() throws Exception {
        assertProblem(fx.post("/api/query", "{\"sql\": "), ProblemType.BAD_REQUEST);
        assertProblem(fx.post("/api/query", "[1,2]"), ProblemType.BAD_REQUEST);
        assertProblem(fx.post("/api/query", "{\"sql\": 42}"), ProblemType.BAD_REQUEST);
    }

    @Test
    @Order(2)
    void wrongParameterTypes() throws Exception {
        assertProblem(fx.post("/api/query", "{\"sql\":\"SELECT $x::INT\",\"params\":{\"x\":{\"nested\":1}}}"), ProblemType.BAD_PARAMETER);
        assertProblem(fx.post("/api/query", "{\"sql\":\"SELECT $x::INT\",\"params\":{\"x\":[1,2]}}"), ProblemType.BAD_PARAMETER);
        assertProblem(fx.post("/api/query", "{\"sql\":\"SELECT $x::INT\",\"params\":{}}"), ProblemType.BAD_PARAMETER);
        assertProblem(fx.post("/api/query", "{\"sql\":\"SELECT 1\",\"params\":{\"y\":1}}"), ProblemType.BAD_PARAMETER);
        assertProblem(fx.post("/api/query", "{\"sql\":\"SELECT 1\",\"params\":\"x\"}"), ProblemType.BAD_PARAMETER);
        assertProblem(fx.get("/api/queries/load-history?limit=many"), ProblemType.BAD_PARAMETER);
        assertProblem(fx.get("/api/queries/published-vs-recomputed?tolerance=1e"), ProblemType.BAD_PARAMETER);
        assertProblem(fx.get("/api/queries/load-history?limit=1&limit=2"), ProblemType.BAD_PARAMETER);
    }

    @Test
    @Order(2)
    void missingOrWrongTokenIsUnauthorizedButHealthStaysOpen() throws Exception {
        HttpResponse<String> none = fx.get("/api/query?sql=SELECT%201", null);
        assertProblem(none, ProblemType.UNAUTHORIZED);
        assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        assertProblem(fx.get("/api/schema", "wrong"), ProblemType.UNAUTHORIZED);
        assertProblem(fx.get("/api/openapi.json", TOKEN + "x"), ProblemType.UNAUTHORIZED);
        HttpRequest basic = HttpRequest.newBuilder(URI.create(fx.server.url() + "/api/cubes"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(("u:" + TOKEN).getBytes())).build();
        assertProblem(fx.http.send(basic, HttpResponse.BodyHandlers.ofString()), ProblemType.UNAUTHORIZED);
        assertEquals(200, fx.get("/api/health", null).statusCode());
    }

    @Test
    @Order(2)
    void loadPathsOutsideTheInboxAreRefused() throws Exception {
        assertProblem(fx.post("/api/loads", "{\"files\":[\"../../../etc/passwd\"]}"), ProblemType.FORBIDDEN_PATH);
        assertProblem(fx.post("/api/loads", "{\"files\":[\"/etc/passwd\"]}"), ProblemType.FORBIDDEN_PATH);
        assertProblem(fx.post("/api/loads", "{\"files\":[\"missing.csv\"]}"), ProblemType.NOT_FOUND);
    }

    /** Hostile OData query options (issue 15): each gets an OData error body with its status, nothing runs as SQL text. */
    static Stream<Arguments> odataOptions() {
        String deep = "(".repeat(60) + "region_code eq 'x'" + ")".repeat(60);
        return Stream.of(
                Arguments.of("$filter=region_code eq 'x'; DROP TABLE fct_registration; --'", 400),
                Arguments.of("$filter=region_code eq 'x') OR (1 eq 1", 400),
                Arguments.of("$filter=1 eq 1) UNION SELECT * FROM dim_region --", 400),
                Arguments.of("$filter=read_csv('/etc/passwd') eq 'x'", 400),
                Arguments.of("$filter=region_code eq \"x\"", 400),
                Arguments.of("$filter=nosuch eq 1", 400),
                Arguments.of("$filter=region_code eq 1", 400),
                Arguments.of("$filter=" + deep, 400),
                Arguments.of("$filter=" + "not ".repeat(900) + "(region_code eq 'x')", 400),
                Arguments.of("$filter=region_code eq '" + "x".repeat(5000) + "'", 400),
                Arguments.of("$filter=substring(region_code, 1) eq 'x'", 501),
                Arguments.of("$top=99999999999999999999", 400),
                Arguments.of("$top=-1", 400),
                Arguments.of("$skip=1e9", 400),
                Arguments.of("$skiptoken=abc", 400),
                Arguments.of("$orderby=region_code; DROP TABLE dim_region", 400),
                Arguments.of("$select=region_code,(SELECT 1)", 400),
                Arguments.of("$expand=*", 501),
                Arguments.of("$apply=aggregate(region_code with countdistinct as n)", 501),
                Arguments.of("year=2014", 400));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @MethodSource("odataOptions")
    @Order(2)
    void odataHostileQueryOptionsGetODataErrors(String option, int status) throws Exception {
        int eq = option.indexOf('=');
        String query = option.substring(0, eq + 1) + URLEncoder.encode(option.substring(eq + 1), StandardCharsets.UTF_8).replace("+", "%20");
        HttpResponse<String> r = fx.get("/odata/dim_region?" + query);
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.headers().toString());
        JsonNode error = json(r).get("error");
        assertFalse(error.path("message").asText().isBlank(), r.body());
        assertTrue(!r.body().contains("\tat ") && !r.body().contains("Exception"), "no stack trace or exception name: " + r.body());
    }

    @Test
    @Order(2)
    void odataQuotesInLiteralsAreValuesAndTheFeedNeedsTheToken() throws Exception {
        HttpResponse<String> quoted = fx.get("/odata/dim_region?$filter=" + URLEncoder.encode("region_code eq 'x'' OR ''1''=''1'",
                StandardCharsets.UTF_8).replace("+", "%20"));
        assertEquals(200, quoted.statusCode(), quoted.body());
        assertEquals(0, json(quoted).get("value").size(), "the whole text is one value: no row has it");
        assertEquals(401, fx.get("/odata/dim_region", null).statusCode());
        assertEquals(401, fx.get("/odata/$metadata", "wrong").statusCode());
    }

    @Test
    @Order(3)
    void floodOfParallelRequestsGetsSome429AndNothingElseBreaks() throws Exception {
        // 2 slots; 10 requests that each hold a slot until the 2 s time limit cancels them.
        String bomb = sqlBody("SELECT count(*) FROM range(1000000) a, range(1000000) b, range(1000) c");
        List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            HttpRequest req = HttpRequest.newBuilder(URI.create(fx.server.url() + "/api/query"))
                    .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(bomb)).build();
            all.add(fx.http.sendAsync(req, HttpResponse.BodyHandlers.ofString()));
        }
        int tooMany = 0;
        for (CompletableFuture<HttpResponse<String>> f : all) {
            HttpResponse<String> r = f.get();
            if (r.statusCode() == 429) {
                assertProblem(r, ProblemType.TOO_MANY_REQUESTS);
                assertEquals("1", r.headers().firstValue("Retry-After").orElse(""));
                tooMany++;
            } else {
                assertProblem(r, ProblemType.TIMEOUT);
            }
        }
        assertTrue(tooMany >= 1, "some requests must be turned away");
        assertTrue(tooMany <= 8, "at most 8 of 10 turned away with 2 slots");
    }

    @Test
    @Order(4)
    void serverStillAnswersAndDataAreUnchanged() throws Exception {
        HttpResponse<String> h = fx.get("/api/health", null);
        assertEquals(200, h.statusCode());
        assertEquals("ok", json(h).get("status").asText());
        assertEquals(fingerprintBefore, fingerprint());
        assertFalse(Files.exists(Path.of("/tmp/stolen.csv")));
        assertFalse(Files.exists(Path.of("/tmp/evil.duckdb")));
    }
}
