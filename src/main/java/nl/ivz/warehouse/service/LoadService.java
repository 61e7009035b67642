package nl.ivz.warehouse.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Loads while serving: all files of one request are loaded in ONE transaction (the loader's own, on a new
 * connection of the serving DuckDB instance). DuckDB's MVCC gives every reader a snapshot at the start of its transaction, so a
 * query sees the warehouse before the load or after its commit, never part of it, and readers are not
 * blocked while the load runs. One load at a time (DuckDB has one writer per file anyway).
 */
public final class LoadService {
    private final ServingDatabase db;
    private final Path inbox;
    private final InboxLoader loader;
    private final ReentrantLock lock = new ReentrantLock();

    private final Runnable afterLoad;

    LoadService(ServingDatabase db, Path inbox, InboxLoader loader, Runnable afterLoad) {
        this.afterLoad = afterLoad;
        this.db = db;
        this.inbox = inbox == null ? null : inbox.toAbsolutePath().normalize();
        this.loader = loader;
    }

    boolean enabled() {
        return inbox != null && loader != null;
    }

    /** Resolves a client path inside the inbox; anything else (.., absolute paths, symlinks out) is refused. */
    Path resolve(String name) {
        if (name == null || name.isBlank()) throw new ApiException(ProblemType.BAD_REQUEST, "Empty file name");
        Path p = inbox.resolve(name).normalize();
        if (!p.startsWith(inbox)) throw new ApiException(ProblemType.FORBIDDEN_PATH, "'" + name + "' is outside the inbox");
        if (!Files.isRegularFile(p)) throw new ApiException(ProblemType.NOT_FOUND, "No file '" + name + "' in the inbox");
        try {
            if (!p.toRealPath().startsWith(inbox.toRealPath())) {
                throw new ApiException(ProblemType.FORBIDDEN_PATH, "'" + name + "' links outside the inbox");
            }
        } catch (IOException e) {
            throw new ApiException(ProblemType.NOT_FOUND, "Cannot read '" + name + "': " + e.getMessage());
        }
        return p;
    }

    /** The client named files relative to the inbox; answer in the same terms, not with the server's folders. */
    private Object withoutServerPaths(Object result) {
        com.fasterxml.jackson.databind.JsonNode tree = new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(result);
        String prefix = inbox.toString() + java.io.File.separator;
        for (com.fasterxml.jackson.databind.JsonNode n : tree.isArray() ? tree : List.of(tree)) {
            if (n.isObject() && n.path("file").asText("").startsWith(prefix)) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) n).put("file", n.get("file").asText().substring(prefix.length()));
            }
        }
        return tree;
    }

    Map<String, Object> load(List<String> files, Map<String, String> options) {
        if (!enabled()) {
            throw new ApiException(ProblemType.LOADS_DISABLED, inbox == null
                    ? "This server has no inbox folder; start it with --inbox DIR to load through the service"
                    : "This server has no loader configured");
        }
        if (files == null || files.isEmpty()) throw new ApiException(ProblemType.BAD_REQUEST, "\"files\" must list at least one file");
        List<Path> paths = new ArrayList<>();
        for (String f : files) paths.add(resolve(f));
        if (!lock.tryLock()) throw new ApiException(ProblemType.LOAD_BUSY, "Another load is running; retry when it has finished");
        long start = System.nanoTime();
        try {
            Object result = loader.load(db.warehouse(), paths, options == null ? Map.of() : options);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("files", withoutServerPaths(result));
            out.put("elapsedMs", (System.nanoTime() - start) / 1_000_000);
            return out;
        } catch (ApiException e) {
            throw e;
        } catch (Exception e) {
            throw new ApiException(ProblemType.LOAD_FAILED, QueryService.engineMessage(e));
        } finally {
            // cached answers predate this load; dropping them after a failed load too is harmless
            afterLoad.run();
            lock.unlock();
        }
    }

}
