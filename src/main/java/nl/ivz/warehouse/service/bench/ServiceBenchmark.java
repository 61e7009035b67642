package nl.ivz.warehouse.service.bench;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import nl.ivz.warehouse.core.Warehouse;
import nl.ivz.warehouse.cubes.Cubes;
import nl.ivz.warehouse.export.ResultFormat;
import nl.ivz.warehouse.export.ResultWriter;
import nl.ivz.warehouse.load.LoadOptions;
import nl.ivz.warehouse.load.Loader;
import nl.ivz.warehouse.service.Server;
import nl.ivz.warehouse.service.ServiceConfig;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Query service benchmark (not a test). One run, loopback only, bounded in time:
 * <ol>
 * <li>builds the demo warehouse from warehouse/sources with the project's loader,</li>
 * <li>starts the real server in a child JVM with -Xmx256m, plus in the same child a bare Javalin endpoint that
 *     returns the very same bytes (cached from the real answer),</li>
 * <li>measures requests/s and p99 latency of the benchmark cube (districts of Oost-Nederland, 2014) and a small ad-hoc query against the bare
 *     endpoint, and against a "direct" endpoint that runs the same SQL straight on DuckDB without the service's layers,
 *     with the same client and concurrency,</li>
 * <li>streams 10 million rows as CSV and Parquet from the child (256 MB heap, peak heap sampled through
 *     /api/health) and compares rows/s with DuckDB's own COPY ... TO of the same query in this JVM.</li>
 * </ol>
 * Run from the repository root: {@code java -cp target/ivz-warehouse.jar nl.ivz.warehouse.service.bench.ServiceBenchmark [seconds-per-phase] [export-rows]}
 */
public final class ServiceBenchmark {
    static final String CUBE = "/api/cubes/benchmark?area=RE02&level=district&year=2014";
    static final String ADHOC_SQL = "SELECT region_code, region_name, region_level FROM dim_region ORDER BY region_code LIMIT 20";
    static final String EXPORT_SQL = "SELECT i AS id, i % 1000 AS k, i * 0.5 AS v, 'naam ' || (i % 100) AS s, DATE '2014-01-01' + (i % 365)::INTEGER AS d FROM range(%d) t(i)";

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--child")) {
            child(Path.of(args[1]));
            return;
        }
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        long exportRows = args.length > 1 ? Long.parseLong(args[1]) : 10_000_000L;
        Path dir = Files.createTempDirectory("ivz-service-bench");
        Path file = dir.resolve("bench.duckdb");
        try (Warehouse wh = Warehouse.open(file)) {
            wh.migrate();
            new Loader(wh, null).load(List.of(Path.of("warehouse", "sources")), LoadOptions.defaults());
        }

        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), ServiceBenchmark.class.getName(), "--child", file.toString());
        pb.redirectErrorStream(true);
        Process child = pb.start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line;
            String real = null;
            String bare = null;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("READY ")) {
                    String[] p = line.split(" ");
                    real = p[1];
                    bare = p[2];
                    break;
                }
            }
            if (real == null) throw new IllegalStateException("child server did not start");
            Thread drain = new Thread(() -> { try { while (out.readLine() != null) { } } catch (IOException ignored) { } });
            drain.setDaemon(true);
            drain.start();

            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String adhoc = "/api/query?sql=" + URLEncoder.encode(ADHOC_SQL, StandardCharsets.UTF_8);
            List<String[]> table = new ArrayList<>();
            int workers = 4;
            for (String[] pair : new String[][] {{"cube " + CUBE, CUBE, "/bare/cube"},
                    {"ad-hoc SQL (20 rows)", adhoc, "/bare/adhoc"}}) {
                Load svc = load(http, real + pair[1], workers, seconds);
                Load raw = load(http, bare + pair[2], workers, seconds);
                Load direct = load(http, bare + pair[2].replace("/bare/", "/direct/"), workers, seconds);
                table.add(new String[] {pair[0], f0(svc.perSecond()), f0(raw.perSecond()), f2(svc.perSecond() / raw.perSecond()),
                        f1(svc.p99Millis()), f1(raw.p99Millis()), f0(direct.perSecond()), f2(svc.perSecond() / direct.perSecond()),
                        f1(direct.p99Millis())});
            }

            String sql = EXPORT_SQL.replace("%d", Long.toString(exportRows));
            List<String[]> exports = new ArrayList<>();
            for (String fmt : new String[] {"csv", "parquet"}) {
                Export e = export(http, real, sql, fmt);
                double copy = duckdbCopy(dir, sql, fmt);
                exports.add(new String[] {fmt, String.format("%,d", e.rows), f2(e.seconds), f0(e.rows / e.seconds),
                        f2(copy), f0(exportRows / copy), f2((e.rows / e.seconds) / (exportRows / copy)),
                        String.format("%,.1f", e.bytes / 1e6), e.peakHeapMb + " / " + e.maxHeapMb});
            }

            System.out.println();
            System.out.printf("Query service benchmark, %s, %d cores, Java %s, %d client threads, %d s per phase%n",
                    java.time.LocalDate.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), workers, seconds);
            System.out.println();
            System.out.println("| endpoint | service req/s | bare Javalin (same bytes) req/s | ratio | service p99 ms | bare p99 ms "
                    + "| direct DuckDB+Javalin req/s | ratio to direct | direct p99 ms |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
            for (String[] r : table) System.out.println("| " + String.join(" | ", r) + " |");
            System.out.println();
            System.out.println("| export | rows | service s | service rows/s | DuckDB COPY TO s | COPY rows/s | ratio | MB sent | server heap peak / max MB |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
            for (String[] r : exports) System.out.println("| " + String.join(" | ", r) + " |");
        } finally {
            child.destroy();
            child.waitFor();
            try (var files = Files.list(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        }
    }

    static String f0(double d) { return String.format("%,.0f", d); }
    static String f1(double d) { return String.format("%,.1f", d); }
    static String f2(double d) { return String.format("%,.2f", d); }

    /** The child: the real server, and a bare Javalin serving the same bytes for the same requests. */
    static void child(Path file) throws Exception {
        Server server = Server.start(ServiceConfig.defaults().warehouse(file).port(0).maxConcurrent(8));
        HttpClient http = HttpClient.newHttpClient();
        Map<String, byte[]> bodies = new ConcurrentHashMap<>();
        Map<String, String> types = new ConcurrentHashMap<>();
        String adhoc = "/api/query?sql=" + URLEncoder.encode(ADHOC_SQL, StandardCharsets.UTF_8);
        for (String[] p : new String[][] {{"cube", CUBE}, {"adhoc", adhoc}}) {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(server.url() + p[1])).build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) throw new IllegalStateException(p[1] + " answered " + r.statusCode() + ": " + new String(r.body(), StandardCharsets.UTF_8));
            bodies.put(p[0], r.body());
            types.put(p[0], r.headers().firstValue("Content-Type").orElse("application/json"));
        }
        // "direct": the same question run straight on DuckDB (no guard, transaction, limits or problem handling), to
        // show how much of a request is the engine's work and how much the service's.
        java.util.concurrent.BlockingQueue<org.duckdb.DuckDBConnection> pool = new java.util.concurrent.LinkedBlockingQueue<>();
        for (int i = 0; i < 8; i++) pool.add(server.database().warehouse().newConnection());
        Map<String, String> cubeParams = Map.of("area", "RE02", "level", "district", "year", "2014");
        Javalin bare = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.http.compressionStrategy = CompressionStrategy.NONE;
            c.routes.get("/bare/{name}", ctx -> ctx.contentType(types.get(ctx.pathParam("name"))).result(bodies.get(ctx.pathParam("name"))));
            c.routes.get("/direct/{name}", ctx -> {
                org.duckdb.DuckDBConnection conn = pool.take();
                try {
                    String sql = ctx.pathParam("name").equals("cube")
                            ? Cubes.byName("benchmark").orElseThrow().query(Warehouse.dsl(conn), cubeParams).getSQL(org.jooq.conf.ParamType.INLINED)
                            : ADHOC_SQL;
                    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                        ctx.contentType("application/json");
                        new ResultWriter(ResultFormat.JSON, 10_000).write(rs, ctx.outputStream(), System.nanoTime());
                    }
                } finally {
                    pool.add(conn);
                }
            });
        }).start("127.0.0.1", 0);
        System.out.println("READY " + server.url() + " http://127.0.0.1:" + bare.port());
        System.out.flush();
        Thread.currentThread().join();
    }

    record Load(long requests, double seconds, long[] latenciesNanos) {
        double perSecond() { return requests / seconds; }
        double p99Millis() {
            if (latenciesNanos.length == 0) return Double.NaN;
            long[] s = latenciesNanos.clone();
            Arrays.sort(s);
            return s[(int) Math.min(s.length - 1, Math.ceil(s.length * 0.99) - 1)] / 1e6;
        }
    }

    /** One client thread: sends the request back to back and keeps the latencies of the measured window. */
    static final class Worker extends Thread {
        final long[] latencies = new long[1_000_000];
        int n;
        final HttpClient http;
        final HttpRequest req;
        final long warmEnd;
        final long end;
        volatile Exception failure;

        Worker(HttpClient http, HttpRequest req, long warmEnd, long end) {
            this.http = http;
            this.req = req;
            this.warmEnd = warmEnd;
            this.end = end;
        }

        @Override
        public void run() {
            try {
                for (long t0 = System.nanoTime(); t0 < end; t0 = System.nanoTime()) {
                    HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
                    long t1 = System.nanoTime();
                    if (r.statusCode() != 200) throw new IllegalStateException(req.uri() + " answered " + r.statusCode());
                    if (t0 >= warmEnd && t1 <= end && n < latencies.length) latencies[n++] = t1 - t0;
                }
            } catch (Exception e) {
                failure = e;
            }
        }
    }

    /** {@code workers} threads send the request back to back: 1 s warm-up, then {@code seconds} measured. */
    static Load load(HttpClient http, String url, int workers, int seconds) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build();
        long warmEnd = System.nanoTime() + 1_000_000_000L;
        long end = warmEnd + seconds * 1_000_000_000L;
        List<Worker> ws = new ArrayList<>();
        for (int w = 0; w < workers; w++) ws.add(new Worker(http, req, warmEnd, end));
        ws.forEach(Thread::start);
        int total = 0;
        for (Worker w : ws) {
            w.join();
            if (w.failure != null) throw w.failure;
            total += w.n;
        }
        long[] all = new long[total];
        int k = 0;
        for (Worker w : ws) {
            System.arraycopy(w.latencies, 0, all, k, w.n);
            k += w.n;
        }
        return new Load(total, seconds, all);
    }

    record Export(long rows, long bytes, double seconds, long peakHeapMb, long maxHeapMb) { }

    /** Streams an export, counting rows (CSV lines, or Parquet rows from the footer) and sampling the server's heap. */
    static Export export(HttpClient http, String base, String sql, String format) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/api/query?format=" + format + "&sql="
                + URLEncoder.encode(sql, StandardCharsets.UTF_8))).build();
        AtomicLong peak = new AtomicLong();
        long[] max = new long[1];
        Thread sampler = new Thread(() -> {
            HttpRequest h = HttpRequest.newBuilder(URI.create(base + "/api/health")).build();
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    String body = http.send(h, HttpResponse.BodyHandlers.ofString()).body();
                    peak.accumulateAndGet(number(body, "\"heapUsedMb\":"), Math::max);
                    max[0] = number(body, "\"heapMaxMb\":");
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception ignored) {
                    // keep sampling
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        long t0 = System.nanoTime();
        HttpResponse<InputStream> r = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() != 200) throw new IllegalStateException("export answered " + r.statusCode());
        long bytes = 0;
        long newlines = 0;
        byte[] buf = new byte[1 << 16];
        Path tmp = format.equals("parquet") ? Files.createTempFile("ivz-bench", ".parquet") : null;
        try (InputStream in = r.body(); var copy = tmp == null ? null : Files.newOutputStream(tmp)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                bytes += n;
                if (copy != null) copy.write(buf, 0, n);
                else for (int i = 0; i < n; i++) if (buf[i] == '\n') newlines++;
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        sampler.interrupt();
        long rows = newlines - 1;
        if (tmp != null) {
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                 ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM read_parquet('" + tmp + "')")) {
                rs.next();
                rows = rs.getLong(1);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        return new Export(rows, bytes, secs, peak.get(), max[0]);
    }

    static long number(String json, String key) {
        int i = json.indexOf(key);
        if (i < 0) return 0;
        int j = i + key.length();
        int k = j;
        while (k < json.length() && Character.isDigit(json.charAt(k))) k++;
        return k > j ? Long.parseLong(json.substring(j, k)) : 0;
    }

    /** DuckDB's own COPY TO of the same query to a local file (no sandbox here: this is the reference). */
    static double duckdbCopy(Path dir, String sql, String format) throws Exception {
        Path out = dir.resolve("copy." + format);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            long t0 = System.nanoTime();
            st.execute("COPY (" + sql + ") TO '" + out + "' (FORMAT " + (format.equals("csv") ? "csv, HEADER" : "parquet") + ")");
            double s = (System.nanoTime() - t0) / 1e9;
            Files.deleteIfExists(out);
            return s;
        }
    }
}
