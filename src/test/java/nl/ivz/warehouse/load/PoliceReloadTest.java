package nl.ivz.warehouse.load;

import nl.ivz.warehouse.core.Warehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static nl.ivz.warehouse.load.PoliceLoadSupport.*;
import static org.junit.jupiter.api.Assertions.*;

/** Loading again: the same file adds nothing; a newer release of the same table and periods replaces the older facts. */
class PoliceReloadTest {
    private static final Path SAMPLE = Path.of("src", "test", "resources", "politie", "83648NED_twente_sample.csv");

    @TempDir
    Path dir;

    @Test
    void theSameFileTwiceAddsNothing() throws Exception {
        try (Warehouse wh = warehouseWithReference()) {
            load(wh, FILE_83648, POLITIE.resolve("47013NED_tableview_misdrijven_2022_2023.csv"), CBS.resolve("03759ned"));
            Map<String, Long> before = counts(wh);
            List<FileResult> again = load(wh, FILE_83648, POLITIE.resolve("47013NED_tableview_misdrijven_2022_2023.csv"), CBS.resolve("03759ned"));
            assertTrue(again.stream().allMatch(FileResult::skipped), again.toString());
            assertEquals(before, counts(wh));
        }
    }

    @Test
    void provisionalFiguresAreReplacedByTheDefinitiveRelease() throws Exception {
        try (Warehouse wh = warehouseWithReference()) {
            // release 1: 2017 provisional ("2017*"), as StatLine published it before the definitive figures
            List<String> lines = new ArrayList<>(Files.readAllLines(SAMPLE, StandardCharsets.UTF_8));
            List<String> provisional = new ArrayList<>();
            for (String l : lines) provisional.add(l.replace("\"2017\"", "\"2017*\"").replace(";3900;", ";3890;"));
            Path v1 = dir.resolve("83648NED_release1.csv");
            Files.write(v1, provisional, StandardCharsets.UTF_8);
            FileResult first = load(wh, v1).get(0);
            assertEquals("voorlopig", text(wh, "SELECT period_status FROM dim_period WHERE period_code = '2017JJ00'"));
            assertEquals("definitief 2016; voorlopig 2017*", first.notes().isEmpty() ? text(wh,
                    "SELECT release_label FROM load_batch WHERE batch_id = " + first.batchId()) : text(wh,
                    "SELECT release_label FROM load_batch WHERE batch_id = " + first.batchId()));
            String almelo2017 = "SELECT value FROM fct_registration WHERE region_code = 'GM0141' AND period_code = '2017JJ00' "
                    + "AND measure_code = 'geregistreerde_misdrijven' AND source_category = 'Misdrijven, totaal'";
            assertEquals(3890, number(wh, almelo2017));

            // release 2: the real (definitive) file
            FileResult second = load(wh, SAMPLE).get(0);
            assertEquals(3900, number(wh, almelo2017), "only the newest release's value remains");
            assertEquals(1, number(wh, "SELECT count(*) FROM (" + almelo2017 + ")"));
            assertEquals("definitief", text(wh, "SELECT period_status FROM dim_period WHERE period_code = '2017JJ00'"));
            assertEquals("replaced", text(wh, "SELECT status FROM load_batch WHERE batch_id = " + first.batchId()));
            assertEquals(second.batchId(), (long) number(wh, "SELECT replaced_by FROM load_batch WHERE batch_id = " + first.batchId()));
            assertEquals("loaded", text(wh, "SELECT status FROM load_batch WHERE batch_id = " + second.batchId()));
            assertEquals(0, number(wh, "SELECT count(*) FROM fct_registration WHERE batch_id = " + first.batchId()));
            assertTrue(second.notes().stream().anyMatch(n -> n.contains("replaces 36 fct_registration rows of batch " + first.batchId())), second.notes().toString());
        }
    }

    @Test
    void aLaterFileWithOtherAreasReplacesOnlyWhatItCovers() throws Exception {
        try (Warehouse wh = warehouseWithReference()) {
            FileResult all = load(wh, FILE_83648).get(0);
            FileResult twente = load(wh, SAMPLE).get(0);
            // the sample re-publishes 12 rows x 3 measures of 2016-2017: those move to the new batch, the rest stays
            assertEquals(45_286 - 36, number(wh, "SELECT count(*) FROM fct_registration WHERE batch_id = " + all.batchId()));
            assertEquals("loaded", text(wh, "SELECT status FROM load_batch WHERE batch_id = " + all.batchId()));
            assertEquals(twente.batchId(), (long) number(wh, "SELECT replaced_by FROM load_batch WHERE batch_id = " + all.batchId()));
            assertEquals(45_286, number(wh, "SELECT count(*) FROM fct_registration WHERE source_table = '83648NED'"));
        }
    }
}
