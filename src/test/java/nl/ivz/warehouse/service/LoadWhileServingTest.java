package nl.ivz.warehouse.service;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static nl.ivz.warehouse.service.ServiceFixture.assertProblem;
import static nl.ivz.warehouse.service.ServiceFixture.json;
import static nl.ivz.warehouse.service.ServiceFixture.sqlBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Queries keep running while POST /api/loads loads a file through the project's loader in the same DuckDB
 * instance, and each sees the warehouse before the load or after it, never a part of it.
 */
class LoadWhileServingTest {
    static final int AREAS = 1_000;

    @TempDir
    Path inbox;

    @Test
    void readersSeeOldOrNewNeverAMix() throws Exception {
        StringBuilder csv = new StringBuilder("region_code,region_name,region_level,valid_from,valid_to,aliases\n");
        for (int i = 0; i < AREAS; i++) csv.append(String.format("BU%08d,Buurt %d,buurt,,,%n", i, i));
        Files.writeString(inbox.resolve("regions.csv"), csv);
        Files.writeString(inbox.resolve("broken.csv"), "region_code,region_name,region_level,valid_from,valid_to,aliases\nBU99999999,Kapot\n");
        try (ServiceFixture fx = new ServiceFixture(ServiceFixture.config().inbox(inbox).maxConcurrent(4))) {
            String probe = sqlBody("SELECT (SELECT count(*) FROM dim_region) || '/' || (SELECT count(*) FROM load_batch) AS state");
            String before = json(fx.post("/api/query", probe)).at("/rows/0/0").asText();
            assertEquals("4/1", before);

            AtomicBoolean loading = new AtomicBoolean(true);
            AtomicInteger duringLoad = new AtomicInteger();
            List<String> seen = Collections.synchronizedList(new ArrayList<>());
            List<Thread> readers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                Thread r = new Thread(() -> {
                    try {
                        int after = 0;
                        for (int i = 0; i < 5_000 && after < 3; i++) {
                            boolean wasLoading = loading.get();
                            HttpResponse<String> resp = fx.post("/api/query", probe);
                            assertEquals(200, resp.statusCode(), resp.body());
                            seen.add(json(resp).at("/rows/0/0").asText());
                            if (wasLoading && loading.get()) duringLoad.incrementAndGet();
                            if (!loading.get()) after++;
                        }
                    } catch (Exception e) {
                        seen.add("error: " + e);
                    }
                });
                r.start();
                readers.add(r);
            }
            HttpResponse<String> load = fx.post("/api/loads", "{\"files\":[\"regions.csv\"]}");
            loading.set(false);
            for (Thread r : readers) r.join(60_000);
            assertEquals(200, load.statusCode(), load.body());
            JsonNode result = json(load);
            assertEquals(AREAS, result.at("/files/0/rowsLoaded").asLong(), load.body());
            assertEquals("regions.csv", result.at("/files/0/file").asText(), "no server paths in the answer");

            String after = (4 + AREAS) + "/2";
            Set<String> states = new TreeSet<>(seen);
            assertEquals(Set.of(before, after).containsAll(states), true, "only before or after, saw " + states);
            assertTrue(states.contains(after), "readers saw the committed load");
            assertTrue(duringLoad.get() > 0, "queries were answered while the load ran");
            assertEquals(after, json(fx.post("/api/query", probe)).at("/rows/0/0").asText());

            // A load that fails part-way changes nothing.
            assertProblem(fx.post("/api/loads", "{\"files\":[\"broken.csv\"]}"), ProblemType.LOAD_FAILED);
            assertEquals(after, json(fx.post("/api/query", probe)).at("/rows/0/0").asText());
            JsonNode health = json(fx.get("/api/health"));
            assertEquals("regions.csv", health.at("/lastLoad/file").asText());
        }
    }

    @Test
    void oneLoadAtATime() throws Exception {
        Files.writeString(inbox.resolve("a.csv"), "x\n");
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        InboxLoader blocking = (wh, files, options) -> {
            started.countDown();
            release.await();
            return List.of(java.util.Map.of("file", files.get(0).getFileName().toString(), "rowsLoaded", 0));
        };
        try (ServiceFixture fx = new ServiceFixture(ServiceFixture.config().inbox(inbox).loader(blocking))) {
            var first = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return fx.post("/api/loads", "{\"files\":[\"a.csv\"]}");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            started.await();
            assertProblem(fx.post("/api/loads", "{\"files\":[\"a.csv\"]}"), ProblemType.LOAD_BUSY);
            assertEquals(200, fx.get("/api/health").statusCode(), "queries go on while a load runs");
            release.countDown();
            HttpResponse<String> r = first.get();
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("a.csv", json(r).at("/files/0/file").asText());
        }
    }
}
