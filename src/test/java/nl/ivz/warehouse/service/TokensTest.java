package nl.ivz.warehouse.service;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static nl.ivz.warehouse.service.ServiceFixture.assertProblem;
import static nl.ivz.warehouse.service.ServiceFixture.json;
import static nl.ivz.warehouse.service.ServiceFixture.sqlBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Named tokens with scopes from a file that is re-read when it changes, and the request log that names them. */
class TokensTest {
    static final String ANALYST = "analyst-7f3a9c";
    static final String LOADER = "loader-51be02";

    @TempDir
    Path dir;

    static String line(String name, String token, String scope) {
        return name + "," + Tokens.sha256(token.getBytes(StandardCharsets.UTF_8)) + "," + scope + "\n";
    }

    HttpResponse<String> send(ServiceFixture fx, String method, String path, String body, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fx.server.url() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) b.header("Authorization", "Bearer " + bearer);
        return fx.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void scopesRevocationWithoutRestartAndARequestLogWithoutTokens() throws Exception {
        Path tokens = dir.resolve("tokens.csv");
        Files.writeString(tokens, "# name,sha256,scope\n" + line("analyst", ANALYST, "read") + line("loader", LOADER, "load"));
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        Files.writeString(inbox.resolve("extra_themes.csv"), "theme_code,theme_name,field_number,field_name,description\n"
                + "winkeldiefstal,Winkeldiefstal,2,Bedrijvigheid en veiligheid,Diefstal uit winkels\n");
        Path log = dir.resolve("requests.ndjson");
        try (ServiceFixture fx = new ServiceFixture(ServiceFixture.config().tokensFile(tokens).requestLog(log).inbox(inbox))) {
            String sql = "SELECT count(*) FROM dim_region";
            HttpResponse<String> q = send(fx, "POST", "/api/query", sqlBody(sql), ANALYST);
            assertEquals(200, q.statusCode(), q.body());
            assertEquals(4, json(q).at("/rows/0/0").asInt(), "the fixture's 3 municipalities and 1 district");
            assertProblem(send(fx, "POST", "/api/loads", "{\"files\":[\"extra_themes.csv\"]}", ANALYST), ProblemType.INSUFFICIENT_SCOPE);
            HttpResponse<String> load = send(fx, "POST", "/api/loads", "{\"files\":[\"extra_themes.csv\"]}", LOADER);
            assertEquals(200, load.statusCode(), load.body());
            assertProblem(send(fx, "GET", "/api/cubes", null, "not-a-token"), ProblemType.UNAUTHORIZED);
            assertProblem(send(fx, "GET", "/api/cubes", null, null), ProblemType.UNAUTHORIZED);
            assertEquals(200, send(fx, "GET", "/api/health", null, null).statusCode());

            // revoke the analyst: delete its line; the running server notices on the next request
            Files.writeString(tokens, line("loader", LOADER, "load"));
            assertProblem(send(fx, "POST", "/api/query", sqlBody(sql), ANALYST), ProblemType.UNAUTHORIZED);
            assertEquals(200, send(fx, "POST", "/api/query", sqlBody(sql), LOADER).statusCode());

            List<JsonNode> entries = logLines(log, 8);
            String text = Files.readString(log);
            assertFalse(text.contains(ANALYST) || text.contains(LOADER), "no token in the log");
            assertFalse(text.contains("dim_region"), "no query text in the log, only its hash");
            // the logger runs as each answer completes: compare without relying on the order of lines
            JsonNode first = entries.stream().filter(e -> e.path("token").asText().equals("analyst") && e.path("status").asInt() == 200)
                    .findFirst().orElseThrow();
            assertEquals("POST", first.path("method").asText());
            assertEquals("/api/query", first.path("path").asText());
            assertEquals(RequestLog.hash(sql), first.path("queryHash").asText());
            assertEquals(1, first.path("rows").asInt());
            assertTrue(first.path("durationMs").asLong() >= 0);
            assertEquals(List.of("analyst/200", "analyst/403", "loader/200", "loader/200", "null/200", "null/401", "null/401", "null/401"),
                    entries.stream().map(e -> e.path("token").asText("null") + "/" + e.path("status").asInt()).sorted().toList());
            assertEquals(2, entries.stream().filter(e -> RequestLog.hash(sql).equals(e.path("queryHash").asText())).count(),
                    "the same query, the same hash");
        }
    }

    /** The log is written after the answer has left: wait (bounded) until the expected lines are there. */
    static List<JsonNode> logLines(Path log, int expected) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        List<JsonNode> out = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            out.clear();
            for (String l : Files.readAllLines(log)) if (!l.isBlank()) out.add(ServiceFixture.JSON.readTree(l));
            if (out.size() >= expected) return out;
            Thread.sleep(50);
        }
        assertEquals(expected, out.size(), "log lines");
        return out;
    }

    @Test
    void aTokensFileThatDoesNotParseStopsTheStart() throws Exception {
        Path tokens = dir.resolve("tokens.csv");
        Files.writeString(tokens, line("a", "x", "read") + "b,abc,read\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ServiceFixture(ServiceFixture.config().tokensFile(tokens)));
        assertTrue(e.getMessage().contains("tokens.csv, line 2: expected the token's sha256 as 64 hex digits"), e.getMessage());
        Files.writeString(tokens, line("a", "x", "admin"));
        e = assertThrows(IllegalArgumentException.class, () -> new ServiceFixture(ServiceFixture.config().tokensFile(tokens)));
        assertTrue(e.getMessage().contains("line 1: expected scope read or load, found 'admin'"), e.getMessage());
    }
}
