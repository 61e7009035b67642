package nl.ivz.warehouse.service;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static nl.ivz.warehouse.service.ServiceFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Canned and cube answers are served from memory until the next load, then computed again. */
class ResultCacheTest {
    @TempDir
    Path inbox;

    static String cache(HttpResponse<String> r) {
        return r.headers().firstValue("X-Cache").orElse("none");
    }

    @Test
    void repeatedAnswersComeFromTheCacheUntilALoad() throws Exception {
        Files.writeString(inbox.resolve("themes.csv"), "theme_code,theme_name,field_number,field_name,description\n"
                + "fietsendiefstal,Fietsendiefstal,1,Veilige woon- en leefomgeving,\n");
        try (ServiceFixture fx = new ServiceFixture(ServiceFixture.config().inbox(inbox))) {
            HttpResponse<String> first = fx.get("/api/queries/load-history?format=csv");
            assertEquals(200, first.statusCode(), first.body());
            assertEquals("miss", cache(first));
            HttpResponse<String> second = fx.get("/api/queries/load-history?format=csv");
            assertEquals("hit", cache(second));
            assertEquals(first.body(), second.body());
            assertEquals(first.headers().firstValue("Content-Type"), second.headers().firstValue("Content-Type"));
            // other parameters, other answer
            assertEquals("miss", cache(fx.get("/api/queries/load-history?format=csv&limit=1")));
            assertEquals("miss", cache(fx.get("/api/queries/load-history?format=json")));

            HttpResponse<String> load = fx.post("/api/loads", "{\"files\":[\"themes.csv\"]}");
            assertEquals(200, load.statusCode(), load.body());
            HttpResponse<String> after = fx.get("/api/queries/load-history?format=csv");
            assertEquals("miss", cache(after));
            assertNotEquals(first.body(), after.body());
            assertEquals(first.body().split("\r\n").length + 1, after.body().split("\r\n").length, after.body());
            assertEquals("themes.csv", after.body().split("\r\n")[1].split(",")[1]);
        }
    }

    @Test
    void cacheCanBeTurnedOff() throws Exception {
        try (ServiceFixture fx = new ServiceFixture(ServiceFixture.config().cacheBytes(0))) {
            fx.get("/api/queries/load-history?format=csv");
            HttpResponse<String> again = fx.get("/api/queries/load-history?format=csv");
            assertEquals(200, again.statusCode());
            assertEquals("none", cache(again));
        }
    }

    @Test
    void errorsAreNotCached() throws Exception {
        try (ServiceFixture fx = new ServiceFixture(ServiceFixture.config())) {
            HttpResponse<String> bad = fx.get("/api/queries/load-history?limit=veel");
            assertEquals(400, bad.statusCode(), bad.body());
            HttpResponse<String> again = fx.get("/api/queries/load-history?limit=veel");
            assertEquals(400, again.statusCode());
            assertEquals(json(bad).get("type"), json(again).get("type"));
        }
    }
}
