package nl.ivz.warehouse.cli;

import nl.ivz.warehouse.service.Server;
import nl.ivz.warehouse.service.ServiceConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve cubes, canned queries and sandboxed read-only SQL over HTTP (see /api/openapi.json).")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    WarehouseOption warehouse;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}, loopback only)")
    String host;

    @Option(names = "--port", defaultValue = "7070", description = "Port; 0 picks a free one (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--token", description = "Bearer token every route but /api/health requires (default: env IVZ_TOKEN, else none)")
    String token;

    @Option(names = "--cors-origin", split = ",", paramLabel = "ORIGIN", description = "Dashboard origins allowed by CORS, e.g. http://localhost:3000")
    List<String> corsOrigins;

    @Option(names = "--timeout", defaultValue = "10", description = "Seconds a query may run before it is cancelled in the engine (default: ${DEFAULT-VALUE})")
    int timeoutSeconds;

    @Option(names = "--export-timeout", defaultValue = "600", description = "Seconds an export may take to stream (default: ${DEFAULT-VALUE})")
    int exportTimeoutSeconds;

    @Option(names = "--max-concurrent", defaultValue = "4", description = "Queries running at once; more get 429 (default: ${DEFAULT-VALUE})")
    int maxConcurrent;

    @Option(names = "--max-rows", defaultValue = "10000", description = "Rows in an interactive JSON answer (default: ${DEFAULT-VALUE}); more sets truncated=true")
    long maxJsonRows;

    @Option(names = "--max-export-rows", defaultValue = "100000000", description = "Rows an export may have (default: ${DEFAULT-VALUE})")
    long maxExportRows;

    @Option(names = "--max-result-mb", defaultValue = "8192", description = "Megabytes a result may have (default: ${DEFAULT-VALUE})")
    long maxResultMb;

    @Option(names = "--max-query-chars", defaultValue = "100000", description = "Characters of query text (default: ${DEFAULT-VALUE})")
    int maxQueryChars;

    @Option(names = "--memory-limit", description = "DuckDB memory_limit of the served instance, e.g. 2GB (default: a quarter of the machine's memory, at most 3072MB)")
    String memoryLimit;

    @Option(names = "--threads", description = "DuckDB worker threads (default: the number of processors)")
    Integer threads;

    @Option(names = "--temp-dir", paramLabel = "DIR", description = "Where DuckDB spills large sorts, joins and aggregates (default: <warehouse>.tmp)")
    Path tempDir;

    @Option(names = "--max-temp-size", defaultValue = "4GB", description = "Spill space a server may use; a query needing more gets 507 (default: ${DEFAULT-VALUE})")
    String maxTempSize;

    @Option(names = "--memory-headroom-mb", defaultValue = "1024", description = "Hard cap on the process's memory: what it uses at start + "
            + "heap + memory limit + this many MB or the memory limit again, whichever is more (RLIMIT_DATA); 0 = no cap (default: ${DEFAULT-VALUE})")
    long headroomMb;

    @Option(names = "--tokens", paramLabel = "FILE", description = "Named tokens: one 'name,sha256-of-token,read|load' per line; re-read when it changes (revoke by deleting a line)")
    Path tokensFile;

    @Option(names = "--request-log", paramLabel = "FILE", description = "Request log, one JSON object per line (default: <warehouse>.requests.ndjson; 'none' = off)")
    String requestLog;

    @Option(names = "--cache-mb", defaultValue = "64", description = "Megabytes of cube and canned-query answers kept until the next load; 0 = off (default: ${DEFAULT-VALUE})")
    long cacheMb;

    @Option(names = "--inbox", paramLabel = "DIR", description = "Folder POST /api/loads may load files from (default: none, load API off)")
    Path inbox;

    @Override
    public Integer call() throws Exception {
        if (!Files.exists(warehouse.path)) {
            System.err.println("Error: no warehouse at " + warehouse.path + " (run 'ivz init' or 'ivz demo' first)");
            return 1;
        }
        ServiceConfig cfg = ServiceConfig.defaults().warehouse(warehouse.path).host(host).port(port)
                .token(token != null || tokensFile != null ? token : System.getenv("IVZ_TOKEN")).corsOrigins(corsOrigins)
                .queryTimeout(Duration.ofSeconds(timeoutSeconds)).exportTimeout(Duration.ofSeconds(exportTimeoutSeconds))
                .maxConcurrent(maxConcurrent).maxJsonRows(maxJsonRows).maxExportRows(maxExportRows)
                .maxResultBytes(maxResultMb << 20).maxQueryChars(maxQueryChars).memoryLimit(memoryLimit).inbox(inbox).cacheBytes(cacheMb << 20)
                .tempDirectory(tempDir).maxTempSize(maxTempSize).memoryHeadroomMb(headroomMb).tokensFile(tokensFile)
                .requestLog("none".equals(requestLog) ? null
                        : requestLog != null ? Path.of(requestLog) : warehouse.path.resolveSibling(warehouse.path.getFileName() + ".requests.ndjson"));
        if (threads != null) cfg.threads(threads);
        Server server = Server.start(cfg);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stopped.countDown();
        }));
        System.out.println("Serving " + warehouse.path + " at " + server.url() + "/api (OpenAPI: " + server.url() + "/api/openapi.json)");
        System.out.println("Web page for analysts: " + server.url() + "/");
        System.out.println("OData feed for Power BI and Excel: " + server.url() + "/odata/ (token as the Basic password)");
        System.out.println("Limits: " + cfg.limitsSummary());
        var st = server.database().settings();
        System.out.println("Engine: memory limit " + st.memoryLimit() + ", " + st.threads() + " threads, spill up to " + st.maxTempSize()
                + " in " + st.tempDirectory() + ", files readable by the engine: " + st.allowedDirectories()
                + "; process memory cap " + st.hardCap());
        System.out.println("Request log: " + (cfg.requestLog() == null ? "off" : cfg.requestLog().toAbsolutePath()));
        System.out.println(inbox == null ? "Loads: off (start with --inbox DIR to load through POST /api/loads)"
                : "Loads: POST /api/loads with files from " + inbox.toAbsolutePath() + " (one transaction; readers see before or after)");
        System.out.println("Press Ctrl+C to stop.");
        stopped.await();
        return 0;
    }
}
