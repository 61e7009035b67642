package nl.ivz.warehouse.load;

import nl.ivz.warehouse.core.Warehouse;
import nl.ivz.warehouse.sources.CsvSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static nl.ivz.warehouse.load.PoliceLoadSupport.*;
import static org.junit.jupiter.api.Assertions.*;

/** Every code of the real police and CBS crime code lists has a theme in theme_mappings.csv. */
class PoliceThemeMappingTest {
    private static final Path RES = Path.of("src", "test", "resources", "politie");

    @Test
    void everyCodeOfTheCodeListsIsMapped() throws Exception {
        try (Warehouse wh = warehouseWithReference()) {
            assertAllMapped(wh, SourceThemes.POLITIE, RES.resolve("47025NED_SoortMisdrijf.csv"), ',', "Key", "Title", 59);
            assertAllMapped(wh, SourceThemes.OVERLAST, RES.resolve("47025NED_Overlast.csv"), ',', "Key", "Title", 9);
            assertAllMapped(wh, SourceThemes.CBS, RES.resolve("83648NED_SoortMisdrijf_codelist.csv"), ',', "Key", "Title", 75);
            SourceThemes police = new SourceThemes(wh.dsl(), SourceThemes.POLITIE);
            assertEquals("woninginbraak", police.theme("1.1.1"));
            assertEquals("fietsendiefstal", police.theme("1.2.3 Diefstal van brom-, snor-, fietsen"));
            assertEquals("misdrijven_totaal", police.theme("Totaal misdrijven"));
            assertEquals("overlast_verwarde_personen", new SourceThemes(wh.dsl(), SourceThemes.OVERLAST).theme("E33"));
            SourceThemes cbs = new SourceThemes(wh.dsl(), SourceThemes.CBS);
            assertEquals("misdrijven_totaal", cbs.theme("Misdrijven, totaal"));
            assertEquals("vernieling", cbs.theme("2 Vernielingen, misdr.openb.orde/gezag"));
            assertEquals("geweld", cbs.theme("3.1 Mishandeling"));
            assertNull(cbs.theme("1 Vermogensdelicten"));
        }
    }

    private static void assertAllMapped(Warehouse wh, String system, Path file, char delim, String keyCol, String titleCol, int expected) throws Exception {
        SourceThemes themes = new SourceThemes(wh.dsl(), system);
        List<String> missing = new ArrayList<>();
        int n = 0;
        try (CsvSource csv = CsvSource.open(file, delim)) {
            for (CsvSource.Row r : csv) {
                n++;
                if (themes.theme(r.get(keyCol)) == null) missing.add(r.get(keyCol));
                if (themes.theme(r.get(titleCol)) == null) missing.add(r.get(titleCol));
            }
        }
        assertEquals(expected, n, file.toString());
        assertEquals(List.of(), missing, system);
    }
}
