package nl.ivz.warehouse.bench;

import io.javalin.Javalin;
import nl.ivz.warehouse.service.Server;
import nl.ivz.warehouse.service.ServiceConfig;

import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The HTTP service on loopback: requests/s and p99 latency of a cube endpoint and a small ad-hoc query, each
 * against a bare Javalin endpoint that returns the same bytes, measured alternately in the same run with the
 * same clients; and the service's streaming CSV and Parquet exports against DuckDB's COPY TO.
 */
final class ServiceBench {
    private ServiceBench() { }

    record Probe(double requestsPerSecond, double p99Millis, long errors, long requests) { }

    static void run(Suite s, Path warehouse) throws Exception {
        Suite.Options o = s.options();
        ServiceConfig cfg = ServiceConfig.defaults().warehouse(warehouse).host("127.0.0.1").port(0)
                .maxConcurrent(Math.max(8, o.concurrency() * 2)).maxExportRows(Long.MAX_VALUE).maxResultBytes(Long.MAX_VALUE)
                .exportTimeout(Duration.ofHours(1));
        try (Server server = Server.start(cfg)) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
            String unit = firstDistrictParent(client, server.url());
            List<String[]> endpoints = new ArrayList<>();
            endpoints.add(new String[] {"cube endpoint: benchmark area=" + unit + " level=gemeente year=2016",
                    "/api/cubes/benchmark?area=" + unit + "&level=gemeente&year=2016"});
            endpoints.add(new String[] {"small ad-hoc query (districts of a unit)",
                    "/api/query?sql=" + URLEncoder.encode("SELECT r.region_code, r.region_name FROM dim_region r JOIN dim_region_parent p "
                            + "ON p.region_code = r.region_code WHERE p.parent_code = '" + unit + "' ORDER BY 1", StandardCharsets.UTF_8)});
            for (String[] e : endpoints) endpoint(s, client, server.url(), e[0], e[1]);
            exports(s, client, server.url());
        }
    }

    private static String firstDistrictParent(HttpClient client, String base) throws Exception {
        String sql = "SELECT p.parent_code FROM dim_region_parent p JOIN dim_region r ON r.region_code = p.region_code "
                + "WHERE r.region_level = 'district' GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1";
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/api/query?format=csv&sql="
                + URLEncoder.encode(sql, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IllegalStateException("service answered " + r.statusCode() + ": " + r.body());
        return r.body().lines().skip(1).findFirst().orElseThrow().trim();
    }

    private static void endpoint(Suite s, HttpClient client, String base, String what, String path) throws Exception {
        Suite.Options o = s.options();
        HttpResponse<byte[]> first = client.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (first.statusCode() != 200) {
            s.add(s.line("service", what, "req/s", null, "bare Javalin endpoint", null, Report.Better.HIGHER, 0.5,
                    "service answered " + first.statusCode() + ": " + CubeBench.firstLine(new String(first.body(), StandardCharsets.UTF_8))));
            return;
        }
        byte[] body = first.body();
        String type = first.headers().firstValue("Content-Type").orElse("application/json");
        Javalin bare = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.routes.get("/bare", ctx -> ctx.contentType(type).result(body));
        }).start("127.0.0.1", 0);
        try {
            String bareUrl = "http://127.0.0.1:" + bare.port() + "/bare";
            List<Double> ours = new ArrayList<>();
            List<Double> ref = new ArrayList<>();
            List<Double> oursP99 = new ArrayList<>();
            List<Double> refP99 = new ArrayList<>();
            long errors = 0;
            probe(client, base + path, 1, o.concurrency());
            probe(client, bareUrl, 1, o.concurrency());
            for (int run = 0; run < o.runs(); run++) {
                Probe p = probe(client, base + path, o.serviceSeconds(), o.concurrency());
                Probe b = probe(client, bareUrl, o.serviceSeconds(), o.concurrency());
                ours.add(p.requestsPerSecond());
                oursP99.add(p.p99Millis());
                ref.add(b.requestsPerSecond());
                refP99.add(b.p99Millis());
                errors += p.errors() + b.errors();
                s.logLine("  %s: service %.0f req/s p99 %.1f ms; bare %.0f req/s p99 %.1f ms", what, p.requestsPerSecond(), p.p99Millis(),
                        b.requestsPerSecond(), b.p99Millis());
            }
            String note = String.format(Locale.ROOT, "%,d bytes per response, %d clients, %d s per probe%s", body.length, o.concurrency(),
                    o.serviceSeconds(), errors > 0 ? ", " + errors + " non-200 answers" : "");
            s.add(s.line("service", what, "req/s", Measure.Stat.of(ours), "bare Javalin, same bytes", Measure.Stat.of(ref),
                    Report.Better.HIGHER, 0.5, note));
            s.add(s.line("service", what + ": p99 latency", "ms", Measure.Stat.of(oursP99), "bare Javalin, same bytes", Measure.Stat.of(refP99),
                    Report.Better.LOWER, null, "latency: lower is better"));
        } finally {
            bare.stop();
        }
    }

    /** Closed-loop load: {@code clients} threads each send the next request when the last one is answered. */
    static Probe probe(HttpClient client, String url, int seconds, int clients) throws InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long[][] lat = new long[clients][];
        int[] counts = new int[clients];
        AtomicLong errors = new AtomicLong();
        Thread[] threads = new Thread[clients];
        long start = System.nanoTime();
        for (int t = 0; t < clients; t++) {
            int id = t;
            lat[id] = new long[1 << 16];
            threads[t] = new Thread(() -> {
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<InputStream> r = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
                        try (InputStream in = r.body()) {
                            in.transferTo(java.io.OutputStream.nullOutputStream());
                        }
                        if (r.statusCode() != 200) errors.incrementAndGet();
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    if (counts[id] == lat[id].length) lat[id] = Arrays.copyOf(lat[id], lat[id].length * 2);
                    lat[id][counts[id]++] = System.nanoTime() - t0;
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) t.join();
        double secs = (System.nanoTime() - start) / 1e9;
        int n = Arrays.stream(counts).sum();
        long[] all = new long[n];
        int k = 0;
        for (int t = 0; t < clients; t++) {
            System.arraycopy(lat[t], 0, all, k, counts[t]);
            k += counts[t];
        }
        Arrays.sort(all);
        double p99 = n == 0 ? 0 : all[Math.min(n - 1, (int) Math.ceil(n * 0.99) - 1)] / 1e6;
        return new Probe(n / secs, p99, errors.get(), n);
    }

    /** Untimed exports per format before the timed ones. */
    private static final int WARM_UP_EXPORTS = 3;

    /**
     * The service's streaming exports (CSV and Parquet over HTTP) of the suite's export query. {@link #WARM_UP_EXPORTS}
     * untimed exports per format first, as the endpoints get a warm-up probe: a fresh server runs its writers' code
     * uncompiled at first (Parquet at scale 0.1, six exports in a row: 2.25, 1.09, 0.71, 0.69, 0.65, 0.57 s); their
     * times are logged, not counted.
     */
    private static void exports(Suite s, HttpClient client, String base) throws Exception {
        String q = Suite.exportQuery();
        long rows = s.exportRows();
        for (String format : List.of("csv", "parquet")) {
            List<Double> ours = new ArrayList<>();
            long size = 0;
            String note = null;
            for (int run = -WARM_UP_EXPORTS; run < s.options().runs(); run++) {
                long t0 = System.nanoTime();
                HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(URI.create(base + "/api/query?format=" + format + "&sql="
                        + URLEncoder.encode(q, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofInputStream());
                long bytes;
                try (InputStream in = r.body()) {
                    bytes = in.transferTo(java.io.OutputStream.nullOutputStream());
                }
                double secs = (System.nanoTime() - t0) / 1e9;
                if (r.statusCode() != 200) {
                    note = "service answered " + r.statusCode();
                    break;
                }
                s.logLine("  service export %s%s: %,d rows, %,d bytes in %.2f s", format, run < 0 ? " (warm-up, not counted)" : "", rows, bytes, secs);
                if (run < 0) continue;
                ours.add(rows / secs);
                size = bytes;
            }
            Report.Line ref = s.referenceExport(format);
            s.add(s.line("exports", "service HTTP export, " + format + " (" + String.format(Locale.ROOT, "%,d", rows) + " rows)", "rows/s",
                    ours.isEmpty() ? null : Measure.Stat.of(ours), ref == null ? null : ref.reference(), ref == null ? null : ref.ref(),
                    Report.Better.HIGHER, 0.5, note != null ? note : "GET /api/query?format=" + format + ", streamed over loopback, after " + WARM_UP_EXPORTS + " untimed exports"));
            if (format.equals("parquet") && size > 0 && s.copyParquetBytes() > 0) {
                s.add(s.line("exports", "Parquet file size, the same rows", "MB", Measure.Stat.of(List.of(size / 1e6)),
                        "DuckDB COPY TO (FORMAT parquet)", Measure.Stat.of(List.of(s.copyParquetBytes() / 1e6)), Report.Better.LOWER, 1.5,
                        String.format(Locale.ROOT, "%,d bytes vs %,d bytes", size, s.copyParquetBytes())));
            }
        }
    }
}
