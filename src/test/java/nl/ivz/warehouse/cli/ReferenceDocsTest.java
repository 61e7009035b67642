package nl.ivz.warehouse.cli;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generated reference pages in docs/generated are what the code says now (cubes, parameters, columns, --help). */
class ReferenceDocsTest {
    @Test
    void generatedPagesAreUpToDate() throws Exception {
        for (Map.Entry<String, String> e : ReferenceDocs.pages().entrySet()) {
            Path file = Path.of("docs", "generated", e.getKey());
            assertTrue(Files.exists(file), file + " is missing: run 'java -jar target/ivz-warehouse.jar docs' (or ReferenceDocs) and commit it");
            assertEquals(e.getValue(), Files.readString(file, StandardCharsets.UTF_8),
                    file + " is out of date: run 'java -jar target/ivz-warehouse.jar docs' and commit the result");
        }
    }

    @Test
    void theCubePageNamesEveryParameterAndColumn() {
        String cubes = ReferenceDocs.cubes();
        // the one area vocabulary: no region_* column and no parent parameter in any cube
        assertTrue(cubes.contains("| `area` | area | `RE02` |"), "benchmark's area parameter");
        assertTrue(cubes.contains("\n| `area_code` |") && !cubes.contains("\n| `region_code` |") && !cubes.contains("\n| `parent` |"), cubes);
        assertTrue(cubes.contains("| `total_score` | punten |  | Sum of the area's ranks over the themes |"), "benchmark's total_score");
    }
}
