package nl.ivz.warehouse.lake;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real single-node Trino for tests: the server tarball from the local Maven repository (downloaded by the
 * "trino" profile), unpacked once into target/trino, started on a free port with a JDK 24+ and an Iceberg catalog
 * "iceberg" on a file metastore. {@link #unavailable()} says why it cannot run here, for a clear skip message.
 */
final class TrinoServer implements AutoCloseable {
    static final String VERSION = "476";

    final int port;
    private final Process process;
    private final Path log;

    private TrinoServer(int port, Process process, Path log) {
        this.port = port;
        this.process = process;
        this.log = log;
    }

    String jdbcUrl(String schema) {
        return "jdbc:trino://127.0.0.1:" + port + "/iceberg/" + schema;
    }

    /** A JDK whose version is 24 or newer: TRINO_JAVA_HOME, else any under /usr/lib/jvm. */
    static Optional<Path> java() {
        List<Path> candidates = new ArrayList<>();
        String env = System.getenv("TRINO_JAVA_HOME");
        if (env != null && !env.isBlank()) candidates.add(Path.of(env));
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> s = Files.list(jvms)) {
                s.sorted().forEach(candidates::add);
            } catch (IOException ignored) {
                // no JDK list
            }
        }
        for (Path home : candidates) {
            Path java = home.resolve("bin/java");
            if (Files.isExecutable(java) && major(home) >= 24) return Optional.of(java);
        }
        return Optional.empty();
    }

    static int major(Path home) {
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String v = line.substring(line.indexOf('"') + 1);
                    return Integer.parseInt(v.split("[.\"]")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    static Path tarball() {
        String repo = System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository");
        return Path.of(repo, "io", "trino", "trino-server", VERSION, "trino-server-" + VERSION + ".tar.gz");
    }

    /** Why Trino cannot run here, or empty when it can. */
    static Optional<String> unavailable() {
        if (java().isEmpty()) {
            return Optional.of("Trino " + VERSION + " needs Java 24 or newer; none found (set TRINO_JAVA_HOME to a JDK 24+ home)");
        }
        if (!Files.exists(tarball())) {
            return Optional.of("Trino server not downloaded: " + tarball() + " is missing (build with -Ptrino; the profile is on "
                    + "automatically where /usr/lib/jvm/temurin-25-jdk-amd64 exists)");
        }
        return Optional.empty();
    }

    /** The server unpacked under target/trino (lib and plugins; the tarball hard-links jars across plugins, so all are unpacked). */
    static Path unpack() throws IOException, InterruptedException {
        Path target = Path.of("target", "trino").toAbsolutePath();
        Path server = target.resolve("trino-server-" + VERSION);
        Path done = target.resolve(".unpacked-" + VERSION);
        if (Files.exists(done)) return server;
        Files.createDirectories(target);
        Process tar = new ProcessBuilder("tar", "xzf", tarball().toString(), "-C", target.toString(), "--wildcards",
                "trino-server-" + VERSION + "/lib/*", "trino-server-" + VERSION + "/plugin/*")
                .redirectErrorStream(true).redirectOutput(target.resolve("tar.log").toFile()).start();
        if (tar.waitFor() != 0) throw new IOException("Unpacking " + tarball() + " failed: see " + target.resolve("tar.log"));
        // only the Iceberg connector is loaded: starting with all 50 plugins takes much longer
        Path plugins = target.resolve("plugins");
        Files.createDirectories(plugins);
        if (!Files.exists(plugins.resolve("iceberg"))) Files.createSymbolicLink(plugins.resolve("iceberg"), server.resolve("plugin/iceberg"));
        Files.writeString(done, "ok");
        return server;
    }

    static TrinoServer start(Path work) throws Exception {
        Path server = unpack();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path etc = Files.createDirectories(work.resolve("etc"));
        Path catalogs = Files.createDirectories(etc.resolve("catalog"));
        Path data = Files.createDirectories(work.resolve("data"));
        Files.writeString(etc.resolve("config.properties"), String.join("\n",
                "coordinator=true", "node-scheduler.include-coordinator=true",
                "http-server.http.port=" + port, "discovery.uri=http://127.0.0.1:" + port,
                "query.max-memory=512MB", "query.max-memory-per-node=512MB", "http-server.log.enabled=false",
                "catalog.config-dir=" + catalogs, "plugin.dir=" + server.getParent().resolve("plugins"), ""));
        Files.writeString(etc.resolve("log.properties"), "io.trino=WARN\norg.apache.iceberg=WARN\n");
        Files.writeString(catalogs.resolve("iceberg.properties"), String.join("\n",
                "connector.name=iceberg", "iceberg.catalog.type=testing_file_metastore",
                "hive.metastore.catalog.dir=" + data.resolve("metastore").toUri(),
                "iceberg.register-table-procedure.enabled=true", "fs.hadoop.enabled=true", ""));
        Path log = work.resolve("server.log");
        Process p = new ProcessBuilder(java().orElseThrow().toString(), "-cp", server.resolve("lib") + "/*",
                "-Xmx1G", "-XX:+UseG1GC", "-Djdk.attach.allowAttachSelf=true", "--enable-native-access=ALL-UNNAMED",
                "-XX:+EnableDynamicAgentLoading", "-Dnode.environment=test", "-Dnode.id=ivz-test",
                "-Dnode.internal-address=127.0.0.1", "-Dnode.data-dir=" + data, "-Dconfig=" + etc.resolve("config.properties"),
                "-Dlog.levels-file=" + etc.resolve("log.properties"), "io.trino.server.TrinoServer")
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        TrinoServer t = new TrinoServer(port, p, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) throw new IllegalStateException("Trino stopped while starting; log: " + tail(log));
            if (t.ready()) return t;
            Thread.sleep(1000);
        }
        t.close();
        throw new IllegalStateException("Trino did not start within 240 s; log: " + tail(log));
    }

    boolean ready() {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/v1/info").toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(2000);
            String body = new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return body.contains("\"starting\":false");
        } catch (IOException e) {
            return false;
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
