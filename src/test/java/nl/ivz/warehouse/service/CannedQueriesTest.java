package nl.ivz.warehouse.service;

import com.fasterxml.jackson.databind.JsonNode;
import nl.ivz.warehouse.core.Warehouse;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every shipped query parses, declares its parameters, and runs on an empty and on a filled warehouse. */
class CannedQueriesTest {
    @Test
    void everyQueryRunsOnEmptyAndFilledTablesWithDefaults() throws Exception {
        try (ServiceFixture fx = new ServiceFixture(ServiceFixture.config())) {
            JsonNode list = ServiceFixture.json(fx.get("/api/queries"));
            assertTrue(list.size() >= 8);
            for (JsonNode q : list) {
                assertFalse(q.get("title").asText().isBlank());
                assertFalse(q.get("description").asText().isBlank());
                var r = fx.get("/api/queries/" + q.get("name").asText());
                assertEquals(200, r.statusCode(), q.get("name") + ": " + r.body());
                assertTrue(ServiceFixture.json(r).get("columns").size() > 1, r.body());
            }
        }
        // And on the bare schema: no table has rows.
        try (Server s = Server.start(ServiceConfig.defaults().warehouse(null).port(0).queriesDir(Path.of("queries")).cubes(List::of))) {
            var http = java.net.http.HttpClient.newHttpClient();
            for (CannedQuery q : CannedQueries.load(Path.of("queries"), s.database().warehouse().connection(), 100_000).all()) {
                var r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(s.url() + "/api/queries/" + q.name() + "?format=csv")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode(), q.name() + ": " + r.body());
                assertEquals(1, r.body().split("\r\n").length, q.name() + " has only its header on an empty warehouse");
            }
        }
    }

    @Test
    void headerParsing() {
        CannedQuery q = CannedQuery.parse("x", "-- title: T\n-- description: D\n-- param: year INTEGER = 2014 | Year\n-- param: area VARCHAR = null\n-- param: need DATE\nSELECT $year");
        assertEquals("T", q.title());
        assertEquals(3, q.params().size());
        Map<String, Object> v = q.values(Map.of("need", "2014-05-01"));
        assertEquals(2014L, v.get("year"));
        assertEquals(null, v.get("area"));
        assertEquals(java.time.LocalDate.of(2014, 5, 1), v.get("need"));
        assertThrows(ApiException.class, () -> q.values(Map.of()));
        assertThrows(IllegalArgumentException.class, () -> CannedQuery.parse("y", "-- title: T\n-- description: D\n-- param: year INTEGR = 1\nSELECT 1"));
        assertThrows(IllegalArgumentException.class, () -> CannedQuery.parse("z", "SELECT 1"));
    }

    @Test
    void aQueryUsingAnUndeclaredParameterStopsTheStart(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("bad.sql"), "-- title: T\n-- description: D\nSELECT $nope");
        try (Warehouse wh = Warehouse.inMemory()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CannedQueries.load(dir, wh.connection(), 1000));
            assertTrue(e.getMessage().contains("$nope"), e.getMessage());
            java.nio.file.Files.writeString(dir.resolve("bad.sql"), "-- title: T\n-- description: D\nDELETE FROM x");
            e = assertThrows(IllegalArgumentException.class, () -> CannedQueries.load(dir, wh.connection(), 1000));
            assertTrue(e.getMessage().contains("read-only"), e.getMessage());
        }
    }
}
