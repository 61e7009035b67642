package nl.ivz.warehouse.sources;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** 80344NED per police region; the fixture is the first lines of warehouse/sources/politieregio/80344NED_misdrijven_politieregio_2005-2011.csv. */
class PoliceRegionFilesTest {
    static final Path CRIME = ReaderFixtures.fixture("cbs-crime-politieregio", "80344NED_misdrijven_politieregio_2005-2011.csv");

    @Test
    void crimeFileYieldsOneCellPerMeasureColumn() throws Exception {
        assertEquals(PoliceRegionFiles.Layout.CRIME, PoliceRegionFiles.detect(SourceText.head(CRIME)));
        List<PoliceRegionFiles.Cell> cells = PoliceRegionFiles.read(CRIME, PoliceRegionFiles.Layout.CRIME);
        // 7 data lines x 4 measure columns
        assertEquals(28, cells.size());
        PoliceRegionFiles.Cell c = cells.get(0);
        assertEquals(2, c.line());
        assertEquals("Nederland", c.area());
        assertEquals("2005", c.period());
        assertEquals("Misdrijven, totaal", c.category());
        assertEquals(1341950.0, c.value()); // "Nederland";"Misdrijven, totaal";"2005";"1341950";...
        assertEquals(82.3, cells.get(1).value()); // per 1 000 inwoners on the same line
        assertEquals(339200.0, cells.get(2).value()); // Totaal opgehelderde misdrijven
    }

    @Test
    void otherHeadersAreNoPoliceRegionLayout() {
        assertNull(PoliceRegionFiles.detect("\"Soort misdrijf\";\"Perioden\";\"Regio's\";\"Geregistreerde misdrijven\"\n"));
    }

    @Test
    void aShortLineIsFatal(@TempDir Path dir) throws Exception {
        Path f = ReaderFixtures.write(dir, "80344NED_cut.csv", "\"Regio\";\"Soort misdrijf\";\"Jaar\";\"geregistreerde misdrijven\"\n"
                + "\"Nederland\";\"Misdrijven, totaal\";\"2005\"\n");
        SourceFormatException e = assertThrows(SourceFormatException.class, () -> PoliceRegionFiles.read(f, PoliceRegionFiles.Layout.CRIME));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }
}
