package nl.ivz.warehouse.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The canned queries, read once at start and checked by the same guard as ad-hoc SQL (a bad file stops the start). */
public final class CannedQueries {
    public record Entry(CannedQuery query, SqlGuard.Checked checked) { }

    private final Map<String, Entry> byName;

    private CannedQueries(Map<String, Entry> byName) {
        this.byName = byName;
    }

    public static CannedQueries load(Path dir, Connection c, int maxChars) {
        Map<String, String> texts = dir != null ? readDir(dir) : readBundled();
        Map<String, Entry> out = new TreeMap<>();
        texts.forEach((name, text) -> {
            CannedQuery q = CannedQuery.parse(name, text);
            SqlGuard.Checked checked;
            try {
                checked = SqlGuard.check(c, text, Math.max(maxChars, text.length()));
            } catch (ApiException e) {
                throw new IllegalArgumentException("queries/" + name + ".sql: " + e.getMessage(), e);
            }
            for (String p : checked.parameterNames()) {
                if (q.params().stream().noneMatch(x -> x.name().equals(p))) {
                    throw new IllegalArgumentException("queries/" + name + ".sql uses $" + p + " but its header declares no such parameter");
                }
            }
            out.put(name, new Entry(q, checked));
        });
        return new CannedQueries(out);
    }

    public List<CannedQuery> all() {
        return byName.values().stream().map(Entry::query).toList();
    }

    public Optional<Entry> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    private static Map<String, String> readDir(Path dir) {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String f = p.getFileName().toString();
                if (f.endsWith(".sql")) out.put(f.substring(0, f.length() - 4), Files.readString(p, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read canned queries from " + dir, e);
        }
        return out;
    }

    /** queries/ is bundled in the jar (see pom.xml); list it from a folder or from inside the jar. */
    private static Map<String, String> readBundled() {
        URL url = CannedQueries.class.getClassLoader().getResource("queries");
        if (url == null) return Map.of();
        try {
            URI uri = url.toURI();
            if (uri.getScheme().equals("jar")) {
                FileSystem fs;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(uri);
                }
                return readDir(fs.getPath("queries"));
            }
            return readDir(Path.of(uri));
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("Cannot list bundled queries at " + url + ": " + e.getMessage(), e);
        }
    }
}
