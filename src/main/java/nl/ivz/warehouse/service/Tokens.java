package nl.ivz.warehouse.service;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Who may call the API. Either one shared token (--token, named "token", scope load) or a tokens file
 * (--tokens): one {@code name,sha256-of-token,scope} per line, scope {@code read} (queries, cubes, schema) or
 * {@code load} (also POST /api/loads), {@code #} comments. The file holds hashes only, and is re-read when it
 * changes, so a token is revoked by deleting its line, without a restart. A file that does not parse after a
 * change locks everyone out (and says why in the server log) rather than keeping revoked tokens valid.
 */
final class Tokens {
    private static final Logger LOG = LoggerFactory.getLogger(Tokens.class);

    enum Scope { READ, LOAD }

    record Entry(String name, Scope scope) { }

    private final Path file;
    private final byte[] single;
    private Map<String, Entry> byHash = Map.of();
    private Object version;

    private Tokens(Path file, String single) {
        this.file = file;
        this.single = single == null ? null : single.getBytes(StandardCharsets.UTF_8);
    }

    static Tokens of(ServiceConfig cfg) {
        Tokens t = new Tokens(cfg.tokensFile(), cfg.token());
        if (t.file != null) {
            try {
                t.byHash = parse(t.file);
                t.version = stamp(t.file);
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalArgumentException("Tokens file " + t.file + ": " + e.getMessage(), e);
            }
        }
        return t;
    }

    /** True when requests need a token. */
    boolean required() {
        return single != null || file != null;
    }

    /** The token's entry, or null if it is unknown (or revoked). */
    Entry check(String token) {
        byte[] given = token.getBytes(StandardCharsets.UTF_8);
        if (single != null) return MessageDigest.isEqual(given, single) ? new Entry("token", Scope.LOAD) : null;
        return current().get(sha256(given));
    }

    private synchronized Map<String, Entry> current() {
        try {
            Object now = stamp(file);
            if (!now.equals(version)) {
                version = now;
                byHash = parse(file);
                LOG.info("Re-read {}: {} token(s)", file, byHash.size());
            }
        } catch (IOException | IllegalArgumentException e) {
            LOG.error("Tokens file {} cannot be used, refusing every token until it is fixed: {}", file, e.getMessage());
            byHash = Map.of();
        }
        return byHash;
    }

    private static Object stamp(Path f) throws IOException {
        BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
        return List.of(a.lastModifiedTime(), a.size(), String.valueOf(a.fileKey()));
    }

    static Map<String, Entry> parse(Path f) throws IOException {
        Map<String, Entry> out = new HashMap<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.isEmpty() || l.startsWith("#")) continue;
            String[] p = l.split(",", -1);
            String where = f.getFileName() + ", line " + (i + 1) + ": ";
            if (p.length != 3) throw new IllegalArgumentException(where + "expected name,sha256,scope");
            String name = p[0].strip();
            String hash = p[1].strip().toLowerCase(Locale.ROOT);
            String scope = p[2].strip().toLowerCase(Locale.ROOT);
            if (name.isEmpty() || !names.add(name)) throw new IllegalArgumentException(where + "expected a unique, non-empty name");
            if (!hash.matches("[0-9a-f]{64}")) throw new IllegalArgumentException(where + "expected the token's sha256 as 64 hex digits");
            if (!scope.equals("read") && !scope.equals("load")) throw new IllegalArgumentException(where + "expected scope read or load, found '" + scope + "'");
            if (out.put(hash, new Entry(name, Scope.valueOf(scope.toUpperCase(Locale.ROOT)))) != null) {
                throw new IllegalArgumentException(where + "the same token hash appears twice");
            }
        }
        return out;
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
