package nl.ivz.warehouse.sources;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The layout fixtures (src/test/resources/layouts: lines cut from the bundled real files) and broken copies of them. */
final class ReaderFixtures {
    static final Path LAYOUTS = Path.of("src/test/resources/layouts");

    private ReaderFixtures() { }

    static Path fixture(String layout, String file) {
        return LAYOUTS.resolve(layout).resolve(file);
    }

    /** A copy of {@code text} in a temporary folder, under {@code name}. */
    static Path write(Path dir, String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }
}
