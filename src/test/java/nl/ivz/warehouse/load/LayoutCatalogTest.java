package nl.ivz.warehouse.load;

import nl.ivz.warehouse.core.Warehouse;
import nl.ivz.warehouse.sources.SourceText;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every layout has a fixture (src/test/resources/layouts/LAYOUT/, a few lines cut from the bundled real file it
 * was built for), is recognised from it whatever the order of the list, loads it, and is documented in
 * docs/loading.md. Regenerate the page's table with
 * {@code mvn -o -q test -Dtest=LayoutCatalogTest -Dlayouts.write=true}.
 */
class LayoutCatalogTest {
    static final Path FIXTURES = Path.of("src/test/resources/layouts");
    static final Path PAGE = Path.of("docs/loading.md");

    /** The file of a fixture folder that the loader is given (the index of a multi-file dataset, else the one file). */
    static Path mainFile(FactLoader layout) throws IOException {
        Path dir = FIXTURES.resolve(layout.layout());
        if (!Files.isDirectory(dir)) return null;
        List<Path> mains = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
                try {
                    if (FactLoaders.companionOf(f, SourceText.head(f)) == null && !isPartOfDataset(f)) mains.add(f);
                } catch (Exception e) {
                    throw new AssertionError(f + ": " + e.getMessage(), e);
                }
            }
        }
        return mains.size() == 1 ? mains.get(0) : null;
    }

    private static boolean isPartOfDataset(Path f) {
        return Files.exists(f.resolveSibling("index.json")) && !f.getFileName().toString().equals("index.json");
    }

    static String example(FactLoader l) {
        try {
            Path f = mainFile(l);
            return f == null ? null : f.toString();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void everyLayoutHasOneFixtureRecognisedAsThatLayout() throws Exception {
        List<String> problems = new ArrayList<>();
        for (FactLoader l : FactLoaders.all()) {
            Path f = mainFile(l);
            if (f == null) {
                problems.add(l.layout() + ": no fixture (one file, or an index.json with its parts) in " + FIXTURES.resolve(l.layout()));
                continue;
            }
            try {
                Optional<FactLoader> found = FactLoaders.detect(f, SourceText.head(f));
                if (found.isEmpty() || !found.get().layout().equals(l.layout())) {
                    problems.add(f + ": recognised as " + found.map(FactLoader::layout).orElse("nothing") + ", not " + l.layout());
                }
            } catch (LoadException e) {
                problems.add(e.getMessage());
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void layoutNamesAreUniqueAndDescribed() {
        List<String> names = FactLoaders.all().stream().map(FactLoader::layout).toList();
        assertEquals(names.size(), names.stream().distinct().count(), "layout names must be unique: " + names);
        for (FactLoader l : FactLoaders.all()) {
            assertFalse(l.description().isBlank(), l.layout() + " has no description");
            assertFalse(l.signature().isBlank(), l.layout() + " does not say what it recognises");
            assertTrue(l.specificity() > 0, l.layout() + " has no specificity");
        }
    }

    @Test
    void twoLayoutsOfTheSameSpecificityAcceptingAFileIsAnErrorNamingBoth() {
        // a header that the VM long layout (Marges, RegioS, Perioden) and the StatLine CSV layout (Soort misdrijf,
        // Perioden, Regio's) would both accept, each with specificity 3
        Path f = Path.of("both.csv");
        String head = "Marges,RegioS,Perioden,Soort misdrijf,Regio's\n";
        LoadException e = assertThrows(LoadException.class, () -> FactLoaders.detect(f, head));
        assertTrue(e.getMessage().contains("vm-long") && e.getMessage().contains("statline-csv-labels"), e.getMessage());
    }

    @Test
    void theMoreSpecificLayoutWinsWhateverTheOrder() throws Exception {
        // rank-table's header starts with population-table's first columns: the exact 5-column header is population
        Path pop = mainFile(FactLoaders.byLayout("population-table").orElseThrow());
        assertEquals("population-table", FactLoaders.detect(pop, SourceText.head(pop)).orElseThrow().layout());
        Path rank = mainFile(FactLoaders.byLayout("rank-table").orElseThrow());
        assertEquals("rank-table", FactLoaders.detect(rank, SourceText.head(rank)).orElseThrow().layout());
    }

    @Test
    void everyFixtureLoads() throws Exception {
        try (Warehouse wh = Warehouse.inMemory()) {
            wh.migrate();
            new Loader(wh, null).load(List.of(Path.of("warehouse/sources/reference")), LoadOptions.defaults());
            List<String> problems = new ArrayList<>();
            for (FactLoader l : FactLoaders.all()) {
                Path f = mainFile(l);
                if (f == null) continue; // reported by everyLayoutHasOneFixtureRecognisedAsThatLayout
                try {
                    FileResult r = new Loader(wh, null).load(List.of(f), LoadOptions.defaults()).get(0);
                    assertEquals(l.layout(), r.layout());
                    if (r.rowsRead() == 0 && !r.skipped()) problems.add(f + ": no rows read");
                } catch (LoadException e) {
                    problems.add(f + ": " + e.getMessage().lines().findFirst().orElse(""));
                }
            }
            assertEquals(List.of(), problems);
        }
    }

    @Test
    void docsListEveryLayoutAsTheCodeDoes() throws Exception {
        String table = LayoutTable.markdown(LayoutCatalogTest::example);
        String page = Files.readString(PAGE, StandardCharsets.UTF_8);
        String expected = LayoutTable.replaceSection(page, table);
        if (Boolean.getBoolean("layouts.write")) {
            Files.writeString(PAGE, expected, StandardCharsets.UTF_8);
            return;
        }
        if (!expected.equals(page)) {
            fail(PAGE + " is out of date with the layouts in the code; regenerate it with "
                    + "mvn -o -q test -Dtest=LayoutCatalogTest -Dlayouts.write=true");
        }
        for (FactLoader l : FactLoaders.all()) assertTrue(page.contains("`" + l.layout() + "`"), l.layout() + " missing in " + PAGE);
    }
}
