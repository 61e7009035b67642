package nl.ivz.warehouse.sources;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** 47013NED table view; the fixture is warehouse/sources/politie/47013NED_tableview_misdrijven_2022_2023.csv as published. */
class StatlineTableViewTest {
    static final Path FILE = ReaderFixtures.fixture("statline-tableview", "47013NED_tableview_misdrijven_2022_2023.csv");

    @Test
    void readsTitleFiltersColumnsAndRows() throws Exception {
        assertTrue(StatlineTableView.looksLike(SourceText.head(FILE)));
        StatlineTableView t = StatlineTableView.read(FILE, List.of("Regio's", "Regio"));
        assertEquals("Geregistreerde misdrijven en aangiften; soort misdrijf, gemeente 2026", t.title());
        assertEquals("Totaal misdrijven", t.filters().get("Soort misdrijf"));
        assertEquals(2, t.columns().size()); // 2022 and 2023
        assertEquals("2022", t.key(t.columns().get(0), "Perioden"));
        assertEquals("aantal", t.columns().get(0).unit());
        StatlineTableView.Row nl = t.rows().get(0);
        assertEquals("Nederland", nl.label());
        assertEquals(7, nl.line()); // title, filter, empty line and three header lines before it
        assertEquals(List.of("800027", "805590"), nl.values());
        assertEquals("Aa en Hunze", t.rows().get(1).label());
    }
}
