package nl.ivz.warehouse.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.HandlerType;
import io.javalin.router.ParsedEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import static nl.ivz.warehouse.service.ServiceFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /api/openapi.json describes exactly the routes the server has, and each documented route answers. */
class OpenApiTest {
    static ServiceFixture fx;

    @BeforeAll
    static void start() throws Exception {
        fx = new ServiceFixture(ServiceFixture.config().corsOrigins(java.util.List.of("http://localhost:3000")));
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @Test
    void documentMatchesTheRouter() throws Exception {
        JsonNode doc = json(fx.get("/api/openapi.json"));
        assertEquals("3.0.3", doc.get("openapi").asText());
        Set<String> documented = new TreeSet<>();
        for (Iterator<String> paths = doc.get("paths").fieldNames(); paths.hasNext(); ) {
            String path = paths.next();
            doc.get("paths").get(path).fieldNames().forEachRemaining(m -> documented.add(m.toUpperCase(Locale.ROOT) + " " + path));
        }
        Set<String> registered = new TreeSet<>();
        for (ParsedEndpoint e : fx.server.javalin().unsafe.internalRouter.allHttpHandlers()) {
            HandlerType m = e.endpoint.method;
            // CORS preflight and HEAD are protocol plumbing, not API operations.
            if (m == HandlerType.OPTIONS || m == HandlerType.HEAD || !m.isHttpMethod()) continue;
            // the OData feed describes itself in its own $metadata, not in the OpenAPI document
            if (e.endpoint.path.startsWith("/odata")) continue;
            registered.add(m.name() + " " + e.endpoint.path);
        }
        assertEquals(registered, documented);
        assertTrue(documented.size() >= 10, documented.toString());
    }

    @Test
    void everyDocumentedOperationAnswersWithADocumentedStatus() throws Exception {
        JsonNode doc = json(fx.get("/api/openapi.json"));
        for (Iterator<String> paths = doc.get("paths").fieldNames(); paths.hasNext(); ) {
            String path = paths.next();
            for (Iterator<String> ms = doc.get("paths").get(path).fieldNames(); ms.hasNext(); ) {
                String method = ms.next();
                JsonNode op = doc.get("paths").get(path).get(method);
                String concrete = path.replace("{name}", path.startsWith("/api/cubes") ? "regions" : "load-history");
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fx.server.url() + concrete + (concrete.equals("/api/query") && method.equals("get") ? "?sql=SELECT%201" : "")));
                if (method.equals("post")) b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        path.equals("/api/query") ? "{\"sql\":\"SELECT 1\"}" : "{\"files\":[\"x.csv\"]}"));
                HttpResponse<String> r = fx.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
                assertNotEquals(404, r.statusCode() == 404 && r.body().contains("not-found\"") ? 404 : 0, method + " " + path + ": " + r.body());
                assertTrue(op.get("responses").has(Integer.toString(r.statusCode())),
                        method + " " + path + " answered " + r.statusCode() + ", not documented: " + r.body());
            }
        }
    }

    @Test
    void problemTypesAreListed() throws Exception {
        JsonNode doc = json(fx.get("/api/openapi.json"));
        JsonNode kinds = doc.at("/components/schemas/Problem/properties/type/enum");
        assertEquals(ProblemType.values().length, kinds.size());
    }

    @Test
    void corsAllowsConfiguredOriginsOnly() throws Exception {
        HttpRequest ok = HttpRequest.newBuilder(URI.create(fx.server.url() + "/api/health")).header("Origin", "http://localhost:3000").build();
        HttpResponse<String> r = fx.http.send(ok, HttpResponse.BodyHandlers.ofString());
        assertEquals("http://localhost:3000", r.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        HttpRequest evil = HttpRequest.newBuilder(URI.create(fx.server.url() + "/api/health")).header("Origin", "http://evil.example").build();
        HttpResponse<String> e = fx.http.send(evil, HttpResponse.BodyHandlers.ofString());
        assertTrue(e.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
        HttpRequest pre = HttpRequest.newBuilder(URI.create(fx.server.url() + "/api/query"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://localhost:3000").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type").build();
        HttpResponse<String> p = fx.http.send(pre, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, p.statusCode());
        assertEquals("http://localhost:3000", p.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
    }
}
