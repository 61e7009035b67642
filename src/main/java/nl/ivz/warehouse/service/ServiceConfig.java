package nl.ivz.warehouse.service;

import nl.ivz.warehouse.cubes.Cube;
import nl.ivz.warehouse.cubes.Cubes;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/** Settings of one running query service. Fluent setters; defaults are the documented ones. */
public final class ServiceConfig {
    private Path warehouse;
    private String host = "127.0.0.1";
    private int port = 7070;
    private String token;
    private final List<String> corsOrigins = new ArrayList<>();
    private Duration queryTimeout = Duration.ofSeconds(10);
    private Duration exportTimeout = Duration.ofMinutes(10);
    private int maxConcurrent = 4;
    private long maxJsonRows = 10_000;
    private long maxExportRows = 100_000_000L;
    private long maxResultBytes = 8L << 30;
    private int maxQueryChars = 100_000;
    private String memoryLimit = defaultMemoryLimit();
    private int threads = Runtime.getRuntime().availableProcessors();
    private Path tempDirectory;
    private String maxTempSize = "4GB";
    private long memoryHeadroomMb = 1024;
    private Path tokensFile;
    private Path requestLog;
    private Path inbox;
    private long cacheBytes = 64L << 20;
    private Supplier<List<Cube>> cubes = Cubes::all;
    private Path queriesDir;
    private InboxLoader loader = InboxLoader.standard();

    public static ServiceConfig defaults() { return new ServiceConfig(); }

    /** Warehouse file; null serves a fresh in-memory warehouse (tests, demos). */
    public ServiceConfig warehouse(Path p) { this.warehouse = p; return this; }
    public ServiceConfig host(String h) { this.host = Objects.requireNonNull(h); return this; }
    /** 0 picks a free port. */
    public ServiceConfig port(int p) { this.port = p; return this; }
    public ServiceConfig token(String t) { this.token = t == null || t.isBlank() ? null : t; return this; }
    public ServiceConfig corsOrigins(List<String> origins) { corsOrigins.clear(); if (origins != null) corsOrigins.addAll(origins); return this; }
    public ServiceConfig queryTimeout(Duration d) { this.queryTimeout = d; return this; }
    public ServiceConfig exportTimeout(Duration d) { this.exportTimeout = d; return this; }
    public ServiceConfig maxConcurrent(int n) { this.maxConcurrent = n; return this; }
    public ServiceConfig maxJsonRows(long n) { this.maxJsonRows = n; return this; }
    public ServiceConfig maxExportRows(long n) { this.maxExportRows = n; return this; }
    public ServiceConfig maxResultBytes(long n) { this.maxResultBytes = n; return this; }
    public ServiceConfig maxQueryChars(int n) { this.maxQueryChars = n; return this; }
    /** DuckDB memory_limit of the serving instance (e.g. "1GB"); null means {@link #defaultMemoryLimit()}. */
    public ServiceConfig memoryLimit(String m) { this.memoryLimit = m == null || m.isBlank() ? defaultMemoryLimit() : m; return this; }
    /** DuckDB worker threads of the serving instance. */
    public ServiceConfig threads(int n) { this.threads = n; return this; }
    /** Where DuckDB spills (sorts, joins, aggregates larger than memory); null = next to the warehouse file (or a temp folder). */
    public ServiceConfig tempDirectory(Path p) { this.tempDirectory = p; return this; }
    /** DuckDB max_temp_directory_size, e.g. "4GB": a query that would spill more fails (507). */
    public ServiceConfig maxTempSize(String s) { this.maxTempSize = Objects.requireNonNull(s); return this; }
    /**
     * Megabytes the process may allocate beyond the JVM's heap and DuckDB's memory limit before allocations fail
     * (a hard cap through RLIMIT_DATA, for the work DuckDB does not count against its limit); the memory limit again
     * when that is more; 0 = no hard cap.
     */
    public ServiceConfig memoryHeadroomMb(long mb) { this.memoryHeadroomMb = mb; return this; }
    /** Named tokens (name, sha256 of the token, scope read|load), re-read when the file changes; null = single --token or none. */
    public ServiceConfig tokensFile(Path p) { this.tokensFile = p; return this; }
    /** Request log (one JSON object per line: time, token name, route, query hash, duration, rows, status); null = off. */
    public ServiceConfig requestLog(Path p) { this.requestLog = p; return this; }
    /** Folder from which POST /api/loads may load files; null disables the load API. */
    public ServiceConfig inbox(Path p) { this.inbox = p; return this; }
    /** Bytes of cube and canned-query answers kept until the next load; 0 turns the cache off. */
    public ServiceConfig cacheBytes(long n) { this.cacheBytes = n; return this; }
    public long cacheBytes() { return cacheBytes; }
    public ServiceConfig cubes(Supplier<List<Cube>> c) { this.cubes = Objects.requireNonNull(c); return this; }
    /** Folder with canned queries; null reads the queries/ bundled in the jar. */
    public ServiceConfig queriesDir(Path p) { this.queriesDir = p; return this; }
    public ServiceConfig loader(InboxLoader l) { this.loader = l; return this; }

    public Path warehouse() { return warehouse; }
    public String host() { return host; }
    public int port() { return port; }
    public String token() { return token; }
    public List<String> corsOrigins() { return List.copyOf(corsOrigins); }
    public Duration queryTimeout() { return queryTimeout; }
    public Duration exportTimeout() { return exportTimeout; }
    public int maxConcurrent() { return maxConcurrent; }
    public long maxJsonRows() { return maxJsonRows; }
    public long maxExportRows() { return maxExportRows; }
    public long maxResultBytes() { return maxResultBytes; }
    public int maxQueryChars() { return maxQueryChars; }
    public String memoryLimit() { return memoryLimit; }
    public int threads() { return threads; }
    public Path tempDirectory() { return tempDirectory; }
    public String maxTempSize() { return maxTempSize; }
    public long memoryHeadroomMb() { return memoryHeadroomMb; }
    public Path tokensFile() { return tokensFile; }
    public Path requestLog() { return requestLog; }

    /**
     * A modest share of the machine: a quarter of its memory, at most 3 GB (DuckDB's own default is 80%). Under 2 GB a
     * national export (one year of buurt x month, 9.9 M rows sorted) spilled its sort: 7.5 s instead of 5.2 s.
     */
    public static String defaultMemoryLimit() {
        long total = physicalMemoryBytes();
        long mb = total <= 0 ? 2048 : Math.min(3072, (total >> 20) / 4);
        return Math.max(mb, 128) + "MB";
    }

    private static long physicalMemoryBytes() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean b ? b.getTotalMemorySize() : -1;
    }
    public Path inbox() { return inbox; }
    public Supplier<List<Cube>> cubes() { return cubes; }
    public Path queriesDir() { return queriesDir; }
    public InboxLoader loader() { return loader; }

    void validate() {
        if (maxConcurrent < 1) throw new IllegalArgumentException("maxConcurrent must be at least 1");
        if (queryTimeout.toMillis() < 1 || exportTimeout.toMillis() < 1) throw new IllegalArgumentException("timeouts must be positive");
        if (maxJsonRows < 0 || maxExportRows < 1 || maxResultBytes < 1 || maxQueryChars < 1) throw new IllegalArgumentException("limits must be positive");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1");
        if (memoryHeadroomMb < 0) throw new IllegalArgumentException("memory headroom must be 0 or more");
        if (token != null && tokensFile != null) throw new IllegalArgumentException("use either a single token or a tokens file, not both");
    }

    /** One line for the start banner. */
    public String limitsSummary() {
        return String.format("timeout %ds (exports %ds), %d concurrent queries, JSON %,d rows, exports %,d rows / %,d MB, query text %,d chars, answer cache %,d MB%s%s",
                queryTimeout.toSeconds(), exportTimeout.toSeconds(), maxConcurrent, maxJsonRows, maxExportRows, maxResultBytes >> 20,
                maxQueryChars, cacheBytes >> 20, tokensFile != null ? ", named tokens from " + tokensFile
                        : token != null ? ", bearer token required" : ", no token",
                corsOrigins.isEmpty() ? "" : ", CORS for " + String.join(" ", corsOrigins));
    }
}
