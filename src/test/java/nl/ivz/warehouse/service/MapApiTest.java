package nl.ivz.warehouse.service;

import com.fasterxml.jackson.databind.JsonNode;
import nl.ivz.warehouse.sources.Boundaries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static nl.ivz.warehouse.service.ServiceFixture.JSON;
import static nl.ivz.warehouse.service.ServiceFixture.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14: GET /api/maps/{level} on the demo warehouse. The bundled boundaries (CBS/PDOK municipalities 2019 and 2022,
 * police units 2016) with the nearest year for a year without its own; basisteams and districts dissolved from the
 * municipalities by the warehouse's memberships (seed 002, 4.2: Twente's 14 municipalities in 5 basisteams).
 */
class MapApiTest {
    @TempDir
    Path dir;

    @Test
    void boundariesOfTheNearestYearAndDissolvedPoliceAreas() throws Exception {
        Path file = ServiceFixture.demoFile(dir);
        try (Server s = Server.start(ServiceConfig.defaults().warehouse(file).port(0))) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> r = get(http, s, "/api/maps/gemeente?year=2023");
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("application/geo+json", r.headers().firstValue("Content-Type").orElse("").split(";")[0]);
            JsonNode y2023 = JSON.readTree(r.body());
            // 2023 has no bundled boundaries: the 345 municipalities of 2022 stand in, and the answer says so
            assertEquals(2022, y2023.get("boundaryYear").asInt());
            assertEquals(345, y2023.get("features").size());
            assertTrue(y2023.get("note").asText().contains("Grenzen van 2022"), y2023.get("note").asText());
            JsonNode y2019 = JSON.readTree(get(http, s, "/api/maps/gemeente?year=2019").body());
            assertEquals(355, y2019.get("features").size());
            assertFalse(y2019.has("note"));

            JsonNode twente = JSON.readTree(get(http, s, "/api/maps/gemeente?year=2014&area=Twente").body());
            assertEquals(14, twente.get("features").size());
            assertEquals(2019, twente.get("boundaryYear").asInt()); // 2014 is nearer to 2019 than to 2022

            JsonNode teams = JSON.readTree(get(http, s, "/api/maps/basisteam?year=2014&area=Twente").body());
            Map<String, Integer> members = new TreeMap<>();
            for (JsonNode f : teams.get("features")) members.put(f.get("properties").get("name").asText(), f.get("properties").get("members").size());
            assertEquals(Map.of("Enschede", 1, "Noordoost-Twente", 4, "Twente-Midden", 4, "Twente-Noord", 2, "Twente-West", 3), members);

            // the district dissolved: one piece whose area is the sum of its 14 municipalities' (no overlap, no gaps lost)
            JsonNode district = JSON.readTree(get(http, s, "/api/maps/district?year=2014&area=Twente").body());
            assertEquals(1, district.get("features").size());
            Geometry dissolved = geometry(district.get("features").get(0).get("geometry"));
            assertEquals(1, dissolved.getNumGeometries(), "Twente is one contiguous area");
            double sum = 0;
            for (Boundaries.Area a : Boundaries.of("gemeente", 2019).areas()) {
                for (JsonNode f : twente.get("features")) if (f.get("properties").get("code").asText().equals(a.code())) sum += a.geometry().getArea();
            }
            assertEquals(sum, dissolved.getArea(), sum * 0.005);

            JsonNode units = JSON.readTree(get(http, s, "/api/maps/eenheid?year=2023").body());
            assertEquals(10, units.get("features").size());
            assertEquals(2016, units.get("boundaryYear").asInt());
            assertTrue(units.toString().contains("\"code\":\"RE02\",\"name\":\"Oost-Nederland\""), units.get("features").get(1).get("properties").toString());

            assertProblem(get(http, s, "/api/maps/wijk?year=2023"), ProblemType.BAD_PARAMETER);
            assertProblem(get(http, s, "/api/maps/gemeente?year=twenty"), ProblemType.BAD_PARAMETER);
            assertProblem(get(http, s, "/api/maps/gemeente?area=Nergenshuizen"), ProblemType.BAD_PARAMETER);
        }
    }

    private static Geometry geometry(JsonNode g) {
        GeometryFactory gf = new GeometryFactory();
        List<Polygon> polys = new ArrayList<>();
        for (JsonNode p : g.get("coordinates")) {
            Coordinate[] cs = new Coordinate[p.get(0).size()];
            for (int i = 0; i < cs.length; i++) cs[i] = new Coordinate(p.get(0).get(i).get(0).asDouble(), p.get(0).get(i).get(1).asDouble());
            polys.add(gf.createPolygon(cs));
        }
        return gf.createMultiPolygon(polys.toArray(new Polygon[0]));
    }

    private static HttpResponse<String> get(HttpClient http, Server s, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(s.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
