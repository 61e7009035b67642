package nl.ivz.warehouse.sources;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Header-led CSV; fixtures from src/test/resources/layouts (lines of the bundled seed and reference files). */
class CsvSourceTest {
    @Test
    void rowsByHeaderNameWithTheirLines() throws Exception {
        Path f = ReaderFixtures.fixture("reference-themes", "themes.csv");
        List<CsvSource.Row> rows = new ArrayList<>();
        try (CsvSource csv = CsvSource.open(f, ',')) {
            assertEquals(List.of("theme_code", "theme_name", "field_number", "field_name", "description"), csv.header());
            csv.require("theme_code", "field_number");
            for (CsvSource.Row r : csv) rows.add(r);
        }
        assertEquals(2, rows.get(0).line());
        assertEquals(rows.size() + 1, rows.get(rows.size() - 1).line()); // one line per row in this file
        assertTrue(rows.get(0).has("THEME_CODE")); // names are case-insensitive
    }

    @Test
    void aQuotedLineBreakKeepsLaterLineNumbersRight(@TempDir Path dir) throws Exception {
        Path f = ReaderFixtures.write(dir, "x.csv", "\uFEFFa,b\n1,\"two\nlines\"\n3,4\n");
        List<CsvSource.Row> rows = new ArrayList<>();
        try (CsvSource csv = CsvSource.open(f, ',')) {
            assertEquals("a", csv.header().get(0)); // the BOM is not part of the first column name
            for (CsvSource.Row r : csv) rows.add(r);
        }
        assertEquals("two\nlines", rows.get(0).get("b"));
        assertEquals(4, rows.get(1).line());
    }

    @Test
    void missingColumnAndShortRowAreFatalWithLineAndColumn(@TempDir Path dir) throws Exception {
        Path f = ReaderFixtures.write(dir, "x.csv", "area,period,value\nTwente,2014\n");
        try (CsvSource csv = CsvSource.open(f, ',')) {
            SourceFormatException missing = assertThrows(SourceFormatException.class, () -> csv.require("measure"));
            assertTrue(missing.getMessage().contains("line 1") && missing.getMessage().contains("measure"), missing.getMessage());
            CsvSource.Row r = csv.iterator().next();
            SourceFormatException shortRow = assertThrows(SourceFormatException.class, () -> csv.requireComplete(r));
            assertTrue(shortRow.getMessage().contains("line 2") && shortRow.getMessage().contains("value"), shortRow.getMessage());
        }
    }

    @Test
    void dutchAndEnglishNumbersAndMissingSymbols() {
        assertEquals(1234.5, CsvSource.number("1.234,5", true));
        assertEquals(30.8, CsvSource.number("30,8", true));
        assertEquals(1234.5, CsvSource.number("1234.5", false));
        assertNull(CsvSource.number(".", false));
        assertNull(CsvSource.number(" x ", true));
        assertTrue(CsvSource.isMissingSymbol("-"));
        assertThrows(NumberFormatException.class, () -> CsvSource.number("abc", true));
    }
}
