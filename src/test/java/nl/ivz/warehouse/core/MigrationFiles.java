package nl.ivz.warehouse.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The migrations of the project (migrations/V<n>__*.sql), so tests do not hard-code how many there are. */
public final class MigrationFiles {
    private MigrationFiles() { }

    public static List<Path> all() {
        try (Stream<Path> s = Files.list(Path.of("migrations"))) {
            return s.filter(p -> p.getFileName().toString().matches("V\\d+__.*\\.sql")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int count() {
        return all().size();
    }

    /** The highest version, as Flyway reports it ("3"). */
    public static String latest() {
        return all().stream().map(p -> p.getFileName().toString().replaceAll("^V(\\d+)__.*", "$1"))
                .mapToInt(Integer::parseInt).max().orElseThrow() + "";
    }
}
