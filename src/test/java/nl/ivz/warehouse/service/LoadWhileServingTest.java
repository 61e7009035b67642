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

    static final Path SOURCES = Path.of("warehouse", "sources");
    static final String FILE_83648 = "83648NED_statline_export_labels_2013-2017.csv";

    /**
     * Issue 12: a StatLine "CSV met labels" file (83648NED, read by DuckDB's read_csv, not by Java) loads through
     * the sandboxed server while two clients query without pause; each answer is the old or the new state.
     */
    @Test
    void statlineCsvWithLabelsLoadsWhileTwoClientsQuery() throws Exception {
        try (java.util.stream.Stream<Path> ref = Files.list(SOURCES.resolve("reference"))) {
            for (Path p : ref.toList()) Files.copy(p, inbox.resolve(p.getFileName()));
        }
        Files.copy(SOURCES.resolve("politie").resolve(FILE_83648), inbox.resolve(FILE_83648));
        try (ServiceFixture fx = new ServiceFixture(ServiceFixture.config().inbox(inbox), false)) {
            List<String> reference;
            try (java.util.stream.Stream<Path> ref = Files.list(SOURCES.resolve("reference"))) {
                reference = ref.map(p -> "\"" + p.getFileName() + "\"").sorted().toList();
            }
            HttpResponse<String> refLoad = fx.post("/api/loads", "{\"files\":[" + String.join(",", reference) + "]}");
            assertEquals(200, refLoad.statusCode(), refLoad.body());
            String probe = sqlBody("SELECT (SELECT count(*) FROM fct_registration) || '/' || (SELECT count(*) FROM load_batch) AS state");
            String before = "0/" + reference.size();
            assertEquals(before, json(fx.post("/api/query", probe)).at("/rows/0/0").asText());

            AtomicBoolean loading = new AtomicBoolean(true);
            List<String> seen = Collections.synchronizedList(new ArrayList<>());
            List<Thread> readers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                Thread r = new Thread(() -> {
                    try {
                        int after = 0;
                        for (int i = 0; i < 20_000 && after < 3; i++) {
                            HttpResponse<String> resp = fx.post("/api/query", probe);
                            seen.add(resp.statusCode() == 200 ? json(resp).at("/rows/0/0").asText() : resp.statusCode() + " " + resp.body());
                            if (!loading.get()) after++;
                        }
                    } catch (Exception e) {
                        seen.add("error: " + e);
                    }
                });
                r.start();
                readers.add(r);
            }
            HttpResponse<String> load = fx.post("/api/loads", "{\"files\":[\"" + FILE_83648 + "\"]}");
            loading.set(false);
            for (Thread r : readers) r.join(120_000);
            assertEquals(200, load.statusCode(), load.body());
            JsonNode f = json(load).at("/files/0");
            assertEquals("statline-csv-labels", f.path("layout").asText());
            // the same figures as StatlineCsvLabelsLoaderTest (a direct load): 20,655 rows, 45,286 values
            assertEquals(20_655, f.path("rowsRead").asLong());
            assertEquals(45_286, f.path("rowsLoaded").asLong());
            String after = "45286/" + (reference.size() + 1);
            Set<String> states = new TreeSet<>(seen);
            assertTrue(Set.of(before, after).containsAll(states), "only before or after, saw " + states);
            assertTrue(states.contains(after), "readers saw the committed load");

            // Twente's registered crime, summed by hand from the file (StatlineCsvLabelsLoaderTest): 35,420 in 2013, 30,905 in 2014
            String twente = "SELECT sum(value) FROM fct_registration WHERE theme_code = 'misdrijven_totaal' AND measure_code = 'geregistreerde_misdrijven' "
                    + "AND region_code IN ('GM0141','GM0147','GM0153','GM0158','GM0163','GM0164','GM0168','GM0173','GM0183','GM0189','GM1700','GM1735','GM1742','GM1774') "
                    + "AND period_code = $p";
            assertEquals(35_420, json(fx.post("/api/query", "{\"sql\":\"" + twente + "\",\"params\":{\"p\":\"2013JJ00\"}}")).at("/rows/0/0").asLong());
            assertEquals(30_905, json(fx.post("/api/query", "{\"sql\":\"" + twente + "\",\"params\":{\"p\":\"2014JJ00\"}}")).at("/rows/0/0").asLong());
        }
    }

    /** A broken file of the same layout: the answer names file, line, column and what was expected, and nothing changes. */
    @Test
    void aFailingReadCsvLoadSaysWhereAndWhy() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("src/test/resources/politie/83648NED_twente_sample.csv"));
        lines.set(2, lines.get(2) + ";12");
        Files.write(inbox.resolve("83648NED_kapot.csv"), lines);
        try (ServiceFixture fx = new ServiceFixture(ServiceFixture.config().inbox(inbox))) {
            JsonNode p = assertProblem(fx.post("/api/loads", "{\"files\":[\"83648NED_kapot.csv\"]}"), ProblemType.LOAD_FAILED);
            String detail = p.path("detail").asText();
            assertTrue(detail.startsWith("83648NED_kapot.csv, line 3"), detail);
            assertTrue(detail.contains("expected 6 fields as in the header"), detail);
            assertTrue(!detail.contains("transaction is aborted"), detail);
            assertEquals("4/1", json(fx.post("/api/query", sqlBody("SELECT (SELECT count(*) FROM dim_region) || '/' || (SELECT count(*) FROM load_batch)")))
                    .at("/rows/0/0").asText(), "nothing loaded");
        }
    }

    /**
     * Every bundled source file, all layouts the demo uses, loads through the sandboxed server in one request and gives
     * the same row counts per table as a direct load with the engine's file access on.
     */
    @Test
    void everyBundledLayoutLoadsThroughTheSandboxedServiceAsItDoesDirectly() throws Exception {
        Path sources = SOURCES.toAbsolutePath();
        List<String> files;
        try (java.util.stream.Stream<Path> all = Files.walk(sources)) {
            files = all.filter(Files::isRegularFile).map(p -> sources.relativize(p).toString()).sorted().toList();
        }
        java.util.Map<String, Long> direct;
        try (nl.ivz.warehouse.core.Warehouse wh = nl.ivz.warehouse.core.Warehouse.inMemory()) {
            wh.migrate();
            new nl.ivz.warehouse.load.Loader(wh, null).load(List.of(sources), nl.ivz.warehouse.load.LoadOptions.defaults());
            direct = rowCounts(wh.connection());
        }
        try (ServiceFixture fx = new ServiceFixture(ServiceFixture.config().inbox(sources), false)) {
            StringBuilder body = new StringBuilder("{\"files\":[");
            for (int i = 0; i < files.size(); i++) body.append(i > 0 ? "," : "").append('"').append(files.get(i)).append('"');
            HttpResponse<String> load = fx.post("/api/loads", body.append("]}").toString());
            assertEquals(200, load.statusCode(), load.body());
            java.util.Map<String, Long> served = rowCounts(fx.server.database().warehouse().connection());
            assertEquals(direct, served);
            Set<String> layouts = new TreeSet<>();
            json(load).path("files").forEach(f -> layouts.add(f.path("layout").asText()));
            Set<String> known = new TreeSet<>();
            nl.ivz.warehouse.load.FactLoaders.all().forEach(l -> known.add(l.layout()));
            known.removeAll(layouts);
            System.out.println("Layouts loaded through the service: " + layouts + "; not among the bundled files: " + known);
            assertTrue(layouts.contains("statline-csv-labels"), "the layout DuckDB reads itself");
        }
    }

    static java.util.Map<String, Long> rowCounts(java.sql.Connection c) throws Exception {
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        List<String> tables = new ArrayList<>();
        try (java.sql.Statement st = c.createStatement(); java.sql.ResultSet rs = st.executeQuery(
                "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' AND NOT temporary")) {
            while (rs.next()) tables.add(rs.getString(1));
        }
        for (String t : tables) {
            try (java.sql.Statement st = c.createStatement(); java.sql.ResultSet rs = st.executeQuery("SELECT count(*) FROM \"" + t + "\"")) {
                rs.next();
                out.put(t, rs.getLong(1));
            }
        }
        return out;
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
