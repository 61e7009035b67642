package nl.ivz.warehouse.load;

import nl.ivz.warehouse.core.Warehouse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test helper: a fresh in-memory warehouse with the bundled reference data, loaded with the given files. */
final class SurveyFixtures {
    static final Path SOURCES = Path.of("warehouse", "sources");
    static final Path REFERENCE = SOURCES.resolve("reference");
    static final Path SEEDS = SOURCES.resolve("seeds");
    static final Path VM = SOURCES.resolve("vm");

    private SurveyFixtures() { }

    static Warehouse warehouse() throws Exception {
        Warehouse wh = Warehouse.inMemory();
        wh.migrate();
        new Loader(wh, null).load(List.of(REFERENCE), LoadOptions.defaults());
        return wh;
    }

    static List<FileResult> load(Warehouse wh, LoadOptions options, Path... files) throws LoadException {
        return new Loader(wh, null).load(new ArrayList<>(List.of(files)), options);
    }

    static List<FileResult> load(Warehouse wh, Path... files) throws LoadException {
        return load(wh, LoadOptions.defaults(), files);
    }

    /** Single value of a query (for short assertions). */
    static double value(Warehouse wh, String sql) {
        Object o = wh.dsl().fetchValue(sql);
        if (o == null) throw new AssertionError("no row for: " + sql);
        return ((Number) o).doubleValue();
    }
}
