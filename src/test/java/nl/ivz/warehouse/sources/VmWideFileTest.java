package nl.ivz.warehouse.sources;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** VM wide layout; the fixture is the header and first lines of warehouse/sources/vm/vm_veiligheidsbeleving_provincie_2015-2017_wide.csv. */
class VmWideFileTest {
    static final Path FILE = ReaderFixtures.fixture("vm-wide", "vm_veiligheidsbeleving_provincie_2015-2017_wide.csv");

    @Test
    void pairsValueAndMarginColumnsPerAreaAndYear() throws Exception {
        try (VmWideFile f = VmWideFile.open(FILE)) {
            VmWideFile.Cell first = f.cells().get(0);
            assertEquals("Groningen (PV)", first.area());
            assertEquals("2015", first.year());
            assertEquals(2, first.valueIndex()); // Onderwerp, Perioden, then Waarde_Groningen (PV)_2015
            assertEquals("Marges_Groningen (PV)_2015", f.header(first.marginIndex()));
            List<VmWideFile.Row> rows = new ArrayList<>();
            for (VmWideFile.Row r : f) rows.add(r);
            VmWideFile.Row r = rows.get(0);
            assertEquals(2, r.line());
            assertEquals("Voelt zich wel eens onveilig", r.indicator()); // "|||Voelt zich wel eens onveilig" without the indent
            assertEquals("%", r.unit());
            assertEquals("32,9", r.fields().get(first.valueIndex()));
            assertEquals("1,3", rows.get(1).fields().get(first.valueIndex())); // Voelt zich vaak onveilig, Groningen 2015
        }
    }

    @Test
    void aColumnThatIsNoValueOrMarginIsFatal(@TempDir Path dir) throws Exception {
        Path f = ReaderFixtures.write(dir, "x.csv", "Onderwerp,Perioden,Waarde_Groningen (PV)_2015,Aantal_Groningen\n");
        SourceFormatException e = assertThrows(SourceFormatException.class, () -> VmWideFile.open(f).close());
        assertTrue(e.getMessage().contains("Aantal_Groningen"), e.getMessage());
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    }

    @Test
    void cleanLabelDropsTheTopicIndent() {
        assertEquals("Voelt zich vaak onveilig", VmWideFile.cleanLabel("|||Voelt zich  vaak onveilig "));
    }
}
