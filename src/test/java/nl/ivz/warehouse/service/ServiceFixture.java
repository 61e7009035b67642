package nl.ivz.warehouse.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real server on a free loopback port over an in-memory warehouse with a few known rows, and a real HTTP client. */
final class ServiceFixture implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    final Server server;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final String token;

    ServiceFixture(ServiceConfig cfg) throws SQLException {
        this(cfg, true);
    }

    /** @param seed false for an empty (migrated) warehouse, e.g. to load the bundled sources through the service */
    ServiceFixture(ServiceConfig cfg, boolean seed) throws SQLException {
        this.token = cfg.token();
        this.server = Server.start(cfg.warehouse(null).host("127.0.0.1").port(0).queriesDir(Path.of("queries"))
                .cubes(() -> List.of(new RegionsTestCube())));
        if (seed) seed(server.database().warehouse().connection());
    }

    /** The demo warehouse as a file in {@code dir}, built from the bundled sources like {@code ivz demo}. */
    static Path demoFile(Path dir) throws Exception {
        Path file = dir.resolve("demo.duckdb");
        try (nl.ivz.warehouse.core.Warehouse wh = nl.ivz.warehouse.core.Warehouse.open(file)) {
            wh.migrate();
            new nl.ivz.warehouse.load.Loader(wh, null).load(List.of(Path.of("warehouse", "sources")), nl.ivz.warehouse.load.LoadOptions.defaults());
        }
        return file;
    }

    static ServiceConfig config() {
        return ServiceConfig.defaults();
    }

    /** Twente-like sample: 3 municipalities, one district, 2 years of burglaries and population. */
    static void seed(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("INSERT INTO load_batch (batch_id, file_name, file_sha256, layout, started_at, finished_at, status, rows_loaded) "
                    + "VALUES (nextval('load_batch_seq'), 'seed.csv', 'abc', 'test', TIMESTAMP '2026-01-01 10:00:00', TIMESTAMP '2026-01-01 10:00:02', 'loaded', 12)");
            st.execute("INSERT INTO dim_region (region_code, region_name, region_level) VALUES "
                    + "('GM0153','Enschede','gemeente'),('GM0164','Hengelo','gemeente'),('GM0141','Almelo','gemeente'),('PD01','Twente','district')");
            st.execute("INSERT INTO dim_region_parent (region_code, hierarchy, parent_code) VALUES "
                    + "('GM0153','politie','PD01'),('GM0164','politie','PD01'),('GM0141','politie','PD01')");
            st.execute("INSERT INTO dim_period VALUES ('2013JJ00',2013,NULL,'jaar','2013','definitief'),('2014JJ00',2014,NULL,'jaar','2014','definitief')");
            st.execute("INSERT INTO dim_theme VALUES ('woninginbraak','Woninginbraak',1,'Veilige woon- en leefomgeving',NULL)");
            st.execute("INSERT INTO dim_measure VALUES ('geregistreerde_misdrijven','Geregistreerde misdrijven','aantal','hoger_slechter',NULL,NULL,NULL)");
            st.execute("INSERT INTO fct_registration VALUES "
                    + "(1,'GM0153','2013JJ00','woninginbraak','geregistreerde_misdrijven','T','Diefstal/inbraak woning',800),"
                    + "(1,'GM0153','2014JJ00','woninginbraak','geregistreerde_misdrijven','T','Diefstal/inbraak woning',700),"
                    + "(1,'GM0164','2013JJ00','woninginbraak','geregistreerde_misdrijven','T','Diefstal/inbraak woning',400),"
                    + "(1,'GM0164','2014JJ00','woninginbraak','geregistreerde_misdrijven','T','Diefstal/inbraak woning',500),"
                    + "(1,'GM0141','2014JJ00','woninginbraak','geregistreerde_misdrijven','T','Diefstal/inbraak woning',300)");
            st.execute("INSERT INTO fct_population VALUES "
                    + "(1,'GM0153','2014JJ00','inwoners','P',DATE '2014-01-01',158000),"
                    + "(1,'GM0164','2014JJ00','inwoners','P',DATE '2014-01-01',80000),"
                    + "(1,'GM0141','2014JJ00','inwoners','P',DATE '2014-01-01',72000)");
        }
        // facts written by hand, not by the loader: the yearly aggregate the cubes read is rebuilt from them
        nl.ivz.warehouse.load.RegistrationYears.rebuild(c);
    }

    HttpResponse<String> get(String path) throws Exception {
        return get(path, token);
    }

    HttpResponse<String> get(String path, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(60)).GET();
        if (bearer != null) b.header("Authorization", "Bearer " + bearer);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> getBytes(String path) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(60)).GET();
        if (token != null) b.header("Authorization", "Bearer " + token);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> post(String path, String json) throws Exception {
        return post(path, json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    HttpResponse<String> post(String path, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String sqlBody(String sql) {
        return JSON.createObjectNode().put("sql", sql).toString();
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    /** Asserts an RFC 7807 answer of the given kind (and never a stack trace). */
    static JsonNode assertProblem(HttpResponse<String> r, ProblemType type) throws Exception {
        assertEquals(type.status(), r.statusCode(), () -> "status for " + type + ": " + r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), r.headers().toString());
        JsonNode p = json(r);
        assertEquals(type.uri(), p.path("type").asText(), r.body());
        assertEquals(type.status(), p.path("status").asInt());
        assertTrue(!r.body().contains("\tat ") && !r.body().contains("Exception"), "no stack trace or exception name: " + r.body());
        return p;
    }

    @Override
    public void close() {
        server.stop();
    }
}
