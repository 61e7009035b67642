package nl.ivz.warehouse.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * One JSON object per request, appended to a file (newline-delimited JSON, so an admin can query it with
 * {@code SELECT * FROM read_json('requests.ndjson')} in any DuckDB): time, token name, method, path, a hash of the
 * query, status, duration and rows. Neither the token nor the query text is written; the hash lets an admin find
 * repeats of one query. Kept out of the warehouse so serving never writes to it.
 */
final class RequestLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RequestLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final BufferedWriter out;

    private RequestLog(BufferedWriter out) {
        this.out = out;
    }

    static RequestLog open(Path file) {
        if (file == null) return new RequestLog(null);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            return new RequestLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot open the request log " + file + ": " + e.getMessage(), e);
        }
    }

    record Entry(String token, String method, String path, String queryHash, int status, long durationMs, Long rows) { }

    void write(Entry e) {
        if (out == null) return;
        ObjectNode n = JSON.createObjectNode();
        n.put("time", Instant.now().toString());
        n.put("token", e.token());
        n.put("method", e.method());
        n.put("path", e.path());
        n.put("queryHash", e.queryHash());
        n.put("status", e.status());
        n.put("durationMs", e.durationMs());
        if (e.rows() == null) n.putNull("rows");
        else n.put("rows", e.rows());
        synchronized (this) {
            try {
                out.write(n.toString());
                out.write('\n');
                out.flush();
            } catch (IOException ex) {
                LOG.warn("Cannot write the request log: {}", ex.getMessage());
            }
        }
    }

    /** A short, stable hash of a query text or of a cube/canned query with its parameters. */
    static String hash(String text) {
        return Tokens.sha256(text.getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    }

    @Override
    public synchronized void close() {
        if (out == null) return;
        try {
            out.close();
        } catch (IOException ignored) {
            // closing a log at shutdown
        }
    }
}
