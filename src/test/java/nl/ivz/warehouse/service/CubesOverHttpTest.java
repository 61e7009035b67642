package nl.ivz.warehouse.service;

import com.fasterxml.jackson.databind.JsonNode;
import nl.ivz.warehouse.cubes.Cube;
import nl.ivz.warehouse.cubes.Cubes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static nl.ivz.warehouse.service.ServiceFixture.JSON;
import static nl.ivz.warehouse.service.ServiceFixture.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The project's cubes, served from a warehouse built from the bundled sources, over real HTTP. */
class CubesOverHttpTest {
    @TempDir
    Path dir;

    @Test
    void everyCubeAnswersWithItsDefaultsAndTheSameColumnsAsTheCli() throws Exception {
        Path file = ServiceFixture.demoFile(dir);
        try (Server s = Server.start(ServiceConfig.defaults().warehouse(file).port(0))) {
            HttpClient http = HttpClient.newHttpClient();
            JsonNode list = JSON.readTree(get(http, s, "/api/cubes").body());
            assertEquals(Cubes.all().size(), list.size());
            for (Cube c : Cubes.all()) {
                HttpResponse<String> r = get(http, s, "/api/cubes/" + c.name());
                assertEquals(200, r.statusCode(), c.name() + ": " + r.body());
                JsonNode cols = JSON.readTree(r.body()).get("columns");
                assertTrue(cols.size() > 0, c.name());
            }
            HttpResponse<String> csv = get(http, s, "/api/cubes/benchmark?area=RE02&level=district&year=2014&format=csv");
            assertEquals(200, csv.statusCode(), csv.body());
            assertTrue(csv.body().contains("Twente"), csv.body());
            assertProblem(get(http, s, "/api/cubes/benchmark?year=twenty"), ProblemType.BAD_PARAMETER);
            assertProblem(get(http, s, "/api/cubes/benchmark?area=Nergenshuizen"), ProblemType.BAD_PARAMETER);
        }
    }

    private static HttpResponse<String> get(HttpClient http, Server s, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(s.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
