package nl.ivz.warehouse.bench;

import nl.ivz.warehouse.core.Warehouse;
import nl.ivz.warehouse.load.FactLoaders;
import nl.ivz.warehouse.load.FileResult;
import nl.ivz.warehouse.load.LoadOptions;
import nl.ivz.warehouse.load.Loader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static nl.ivz.warehouse.db.Tables.FCT_PLAN_PRIORITY;
import static nl.ivz.warehouse.db.Tables.FCT_REGISTRATION;
import static nl.ivz.warehouse.db.Tables.FCT_SURVEY;
import static nl.ivz.warehouse.db.Tables.FCT_SURVEY_RESPONSE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The generated source files load with the project's own loaders (where the layout's loader is on main), nothing rejected. */
class GeneratedFilesLoadTest {
    @TempDir
    static Path tmp;
    static Country country;
    static Generator.Result result;
    static Warehouse wh;

    @BeforeAll
    static void setUp() throws Exception {
        country = Country.build(0.002, 7);
        result = new Generator(country, tmp, null).generate(Path.of("warehouse/sources/reference"));
        wh = Warehouse.inMemory();
        wh.migrate();
        new Loader(wh, null).load(List.of(tmp.resolve("reference")), new LoadOptions(null, true));
    }

    @AfterAll
    static void tearDown() throws Exception {
        wh.close();
    }

    static FileResult load(String file) throws Exception {
        List<FileResult> r = new Loader(wh, null).load(List.of(tmp.resolve(file)), new LoadOptions(null, true));
        r.forEach(x -> assertEquals(0, x.rowsRejected(), x.file()));
        return r.get(0);
    }

    @Test
    void surveyPlansAndResponsesLoad() throws Exception {
        FileResult vm = load(Generator.VM_FILE);
        assertEquals(result.rows(Generator.VM_FILE), vm.rowsRead());
        assertTrue(wh.dsl().fetchCount(FCT_SURVEY) > 1000);
        long marks;
        try (Stream<Path> files = Files.list(tmp.resolve(Generator.PLANS_DIR))) {
            marks = 0;
            for (Path f : files.toList()) {
                marks += Files.readAllLines(f).stream().filter(l -> !l.startsWith("gemeente,") && !l.startsWith("Totaal"))
                        .mapToLong(l -> l.chars().filter(c -> c == 'X').count()).sum();
            }
        }
        new Loader(wh, null).load(List.of(tmp.resolve(Generator.PLANS_DIR)), new LoadOptions(null, true));
        assertEquals(marks, wh.dsl().fetchCount(FCT_PLAN_PRIORITY));
        load(Generator.SURVEY_RESPONSE_FILE);
        assertEquals(result.rows(Generator.SURVEY_RESPONSE_FILE), wh.dsl().fetchCount(FCT_SURVEY_RESPONSE));
    }

    @Test
    void registrationsLoadWhenTheStatLineLoaderIsThere() throws Exception {
        assumeTrue(FactLoaders.byLayout("statline-csv-labels").isPresent(), "StatLine CSV loader not on main yet");
        FileResult r = load(Generator.BUURT_FILE);
        // one count per line; the relative and per-1,000 columns are empty at buurt level
        assertEquals(result.rows(Generator.BUURT_FILE), r.rowsLoaded());
        assertEquals(result.rows(Generator.BUURT_FILE), wh.dsl().fetchCount(FCT_REGISTRATION, FCT_REGISTRATION.BATCH_ID.eq(r.batchId())));
        assertEquals(0, wh.dsl().fetchCount(nl.ivz.warehouse.db.Tables.DIM_REGION, nl.ivz.warehouse.db.Tables.DIM_REGION.IS_KNOWN.isFalse()),
                "every buurt label resolves to the generated hierarchy");
    }
}
