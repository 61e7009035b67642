package nl.ivz.warehouse.web;

import nl.ivz.warehouse.service.Server;
import nl.ivz.warehouse.service.ServiceConfig;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The page's files come from the service itself at /, without a token even when the API needs one. */
class WebPageServedTest {
    static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void indexScriptAndStylesAreServedAtTheRootWhileTheApiWantsTheToken() throws Exception {
        try (Server server = Server.start(ServiceConfig.defaults().port(0).token("secret"))) {
            HttpResponse<String> index = get(server.url() + "/");
            assertEquals(200, index.statusCode());
            assertTrue(index.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), index.headers().toString());
            assertTrue(index.body().contains("<title>IVZ Veiligheidscijfers</title>"), index.body());
            assertTrue(index.body().contains("<script src=\"app.js\"></script>"));

            HttpResponse<String> js = get(server.url() + "/app.js");
            assertEquals(200, js.statusCode());
            assertTrue(js.headers().firstValue("Content-Type").orElse("").contains("javascript"), js.headers().toString());
            assertTrue(js.body().contains("'Authorization'") || js.body().contains("hd.Authorization = 'Bearer '"), "sends the token");
            assertEquals("no-cache", js.headers().firstValue("Cache-Control").orElse(""));

            HttpResponse<String> css = get(server.url() + "/app.css");
            assertEquals(200, css.statusCode());
            assertTrue(css.headers().firstValue("Content-Type").orElse("").startsWith("text/css"), css.headers().toString());

            HttpResponse<String> api = get(server.url() + "/api/cubes");
            assertEquals(401, api.statusCode());
            assertTrue(api.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        }
    }
}
