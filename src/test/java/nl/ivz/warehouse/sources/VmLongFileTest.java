package nl.ivz.warehouse.sources;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** 81928NED long layout; the fixture is the first 8 data lines of warehouse/sources/vm/81928NED_cbsodata_labels_2012-2019.csv. */
class VmLongFileTest {
    static final Path FILE = ReaderFixtures.fixture("vm-long", "81928NED_cbsodata_labels_2012-2019.csv");

    @Test
    void yieldsKindAreaPeriodAndTheIndicatorCellsOfEachLine() throws Exception {
        List<VmLongFile.Row> rows = new ArrayList<>();
        try (VmLongFile f = VmLongFile.open(FILE)) {
            // ID, Marges, RegioS and Perioden are not indicators: the first indicator is the fifth column
            assertEquals("ContactMetPolitieInEigenGemeente_1", f.indicators().get(0));
            assertEquals("HandhavingTotaal_2", f.indicators().get(1));
            for (VmLongFile.Row r : f) rows.add(r);
        }
        assertEquals(8, rows.size());
        VmLongFile.Row first = rows.get(0);
        assertEquals(2, first.line());
        assertEquals("Waarde", first.kind());
        assertEquals("Nederland", first.area());
        assertEquals("2012", first.period());
        assertEquals("27.7", first.cells().get(0)); // line 2: 0,Waarde,Nederland,2012,27.7,17.3,...
        assertEquals("17.3", first.cells().get(1));
        VmLongFile.Row third = rows.get(2);
        assertEquals(4, third.line());
        assertEquals("2014", third.period());
        assertEquals("16.6", third.cells().get(1)); // line 4: 2,Waarde,Nederland,2014,26.1,16.6,...
    }

    @Test
    void aShortLineIsFatalWithLineAndColumn(@TempDir Path dir) throws Exception {
        List<String> lines = Files.readAllLines(FILE);
        String cut = lines.get(2).substring(0, lines.get(2).indexOf(",27.2,") + 5); // line 3 ends after its first indicator
        Path f = ReaderFixtures.write(dir, "81928NED_cut.csv", lines.get(0) + "\n" + lines.get(1) + "\n" + cut + "\n");
        try (VmLongFile v = VmLongFile.open(f)) {
            List<VmLongFile.Row> rows = new ArrayList<>();
            for (VmLongFile.Row r : v) rows.add(r);
            v.requireComplete(rows.get(0));
            SourceFormatException e = assertThrows(SourceFormatException.class, () -> v.requireComplete(rows.get(1)));
            assertTrue(e.getMessage().contains("line 3"), e.getMessage());
            assertTrue(e.getMessage().contains("HandhavingTotaal_2"), e.getMessage());
            assertTrue(e.getMessage().contains("fields as in the header"), e.getMessage());
        }
    }

    @Test
    void aHeaderWithoutMargesIsRefused(@TempDir Path dir) throws Exception {
        Path f = ReaderFixtures.write(dir, "x.csv", "ID,RegioS,Perioden,Bekeuring_3\n0,Nederland,2012,10.2\n");
        SourceFormatException e = assertThrows(SourceFormatException.class, () -> VmLongFile.open(f).close());
        assertTrue(e.getMessage().contains("Marges"), e.getMessage());
    }
}
