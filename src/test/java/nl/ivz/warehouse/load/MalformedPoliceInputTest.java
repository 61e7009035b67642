package nl.ivz.warehouse.load;

import nl.ivz.warehouse.core.Warehouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static nl.ivz.warehouse.load.PoliceLoadSupport.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Malformed inputs across the police/population layouts. A fatal fault must name file, line, column, value and
 * what was expected, and leave every table exactly as it was; a row fault (without --strict) lands in
 * load_rejected_row with its line and reason while the good rows load.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedPoliceInputTest {
    private static final Path SAMPLE = Path.of("src", "test", "resources", "politie", "83648NED_twente_sample.csv");
    private static final LoadOptions STRICT = new LoadOptions(null, true);

    private Warehouse wh;
    @TempDir
    Path dir;

    @BeforeAll
    void open() throws Exception {
        wh = warehouseWithReference();
    }

    @AfterAll
    void close() throws Exception {
        wh.close();
    }

    /** The real sample's lines (BOM removed): header + 12 rows of Almelo, Enschede, Hengelo 2016-2017. */
    private static List<String> sample() throws IOException {
        List<String> l = new ArrayList<>(Files.readAllLines(SAMPLE, StandardCharsets.UTF_8));
        l.set(0, l.get(0).replace("\uFEFF", ""));
        return l;
    }

    private Path write(String name, List<String> lines) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "\uFEFF" + String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return p;
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    /** Loads and expects failure; asserts that no table changed; returns the message. */
    private String fatal(LoadOptions options, Path... files) throws Exception {
        Map<String, Long> before = counts(wh);
        LoadException e = assertThrows(LoadException.class, () -> new Loader(wh, null).load(List.of(files), options));
        assertEquals(before, counts(wh), "the warehouse must be unchanged after a failed load");
        return e.getMessage();
    }

    private String fatal(Path... files) throws Exception {
        return fatal(LoadOptions.defaults(), files);
    }

    private static void has(String message, String... parts) {
        for (String p : parts) assertTrue(message.contains(p), "expected '" + p + "' in: " + message);
    }

    // ------------------------------------------------------------- fatal faults

    @Test
    void badUtf8InTheHead() throws Exception {
        byte[] good = Files.readAllBytes(SAMPLE);
        String s = new String(good, StandardCharsets.UTF_8);
        int at = s.indexOf("Enschede");
        byte[] bad = good.clone();
        bad[s.substring(0, at).getBytes(StandardCharsets.UTF_8).length] = (byte) 0xE9; // a Latin-1 é
        has(fatal(write("latin1.csv", bad)), "latin1.csv, line 4", "byte 0xE9", "expected UTF-8 text");
    }

    @Test
    void badUtf8BeyondTheFirst64Kb() throws Exception {
        List<String> l = sample();
        List<String> big = new ArrayList<>(l);
        for (int i = 0; big.size() < 2000; i++) big.add(l.get(1 + i % 12));
        big.add("\"Misdrijven, totaal\";\"2017\";\"Hengelo (O.)\u0000\";4090;100;50,6");
        Path p = write("late-latin1.csv", big);
        byte[] b = Files.readAllBytes(p);
        for (int i = b.length - 1; i > 0; i--) {
            if (b[i] == 0) {
                b[i] = (byte) 0xE9;
                break;
            }
        }
        Files.write(p, b);
        has(fatal(p), "late-latin1.csv, line 2001", "expected UTF-8 text");
    }

    @Test
    void unknownLayout() throws Exception {
        has(fatal(write("unknown.csv", List.of("naam;jaar;waarde", "Enschede;2014;12"))),
                "unknown.csv, line 1", "found 'naam;jaar;waarde'", "expected the header of a known layout", "--format");
    }

    @Test
    void unknownFormatName() throws Exception {
        has(fatal(new LoadOptions("statline-xls", false), SAMPLE), "Unknown --format 'statline-xls'", "statline-csv-labels");
    }

    @Test
    void missingRequiredColumn() throws Exception {
        List<String> l = sample();
        l.set(0, l.get(0).replace("\"Regio's\"", "\"Regio\""));
        has(fatal(write("no-regio.csv", l)), "no-regio.csv, line 1", "column 'Regio's'", "expected a column named 'Regio's'");
    }

    @Test
    void truncatedLastLine() throws Exception {
        List<String> l = sample();
        String last = l.get(l.size() - 1);
        l.set(l.size() - 1, last.substring(0, last.indexOf("Hengelo") + 4));
        Path p = dir.resolve("truncated.csv");
        Files.writeString(p, "\uFEFF" + String.join("\n", l), StandardCharsets.UTF_8); // no final line break either
        has(fatal(p), "truncated.csv, line 13", "expected");
    }

    @Test
    void missingFieldsInTheMiddle() throws Exception {
        List<String> l = sample();
        l.set(5, "\"Misdrijven, totaal\";\"2016\";\"Hengelo (O.)\";4620");
        has(fatal(write("short-row.csv", l)), "short-row.csv, line 6", "6 fields as in the header");
    }

    @Test
    void strayDelimiterGivesTooManyFields() throws Exception {
        List<String> l = sample();
        l.set(2, l.get(2) + ";17");
        has(fatal(write("long-row.csv", l)), "long-row.csv, line 3", "6 fields as in the header");
    }

    @Test
    void emptyFile() throws Exception {
        Path p = write("empty.csv", new byte[0]);
        has(fatal(p), "empty.csv, line 1", "found ''", "expected the header of a known layout");
        has(fatal(new LoadOptions("statline-csv-labels", false), p), "empty.csv, line 1", "the file is empty");
    }

    @Test
    void headerOnly() throws Exception {
        has(fatal(write("header-only.csv", sample().subList(0, 1))), "header-only.csv, line 2", "data rows after the header");
    }

    @Test
    void wrongDelimiter() throws Exception {
        List<String> l = new ArrayList<>();
        for (String s : sample()) l.add(s.replace(";", ","));
        has(fatal(write("commas.csv", l)), "commas.csv, line 1", "expected ';' between columns", "separated by ','");
    }

    @Test
    void duplicateHeader() throws Exception {
        List<String> l = sample();
        l.set(0, l.get(0).replace("Geregistreerde misdrijven per 1000 inw.  (per 1 000 inwoners)", "Totaal geregistreerde misdrijven (aantal)"));
        has(fatal(write("dup.csv", l)), "dup.csv, line 1", "column 'Geregistreerde misdrijven/Totaal geregistreerde misdrijven (aantal)' appears twice");
    }

    @Test
    void unmappedMeasureColumnIsFatalWithStrict() throws Exception {
        List<String> l = sample();
        l.set(0, l.get(0).replace("(aantal)", "(stuks)"));
        has(fatal(STRICT, write("unmapped.csv", l)), "unmapped.csv, line 1",
                "column 'Geregistreerde misdrijven/Totaal geregistreerde misdrijven (stuks)'", "measure_mappings.csv");
    }

    @Test
    void textInANumberColumnWithStrict() throws Exception {
        List<String> l = sample();
        l.set(3, l.get(3).replace("11020", "elfduizend"));
        has(fatal(STRICT, write("text-strict.csv", l)), "text-strict.csv, line 4",
                "column 'Geregistreerde misdrijven/Totaal geregistreerde misdrijven (aantal)'", "value 'elfduizend'", "decimal comma", "--strict");
    }

    @Test
    void unknownAreaWithStrict() throws Exception {
        List<String> l = sample();
        l.set(7, l.get(7).replace("Almelo", "Almeloo"));
        has(fatal(STRICT, write("area-strict.csv", l)), "area-strict.csv, line 8", "column 'Regio's'", "value 'Almeloo'", "unknown area", "--strict");
    }

    @Test
    void unknownCategoryWithStrict() throws Exception {
        List<String> l = sample();
        l.set(9, l.get(9).replace("1 Vermogensmisdrijven", "1 Vermogensdelicten"));
        has(fatal(STRICT, write("cat-strict.csv", l)), "cat-strict.csv, line 10", "column 'Soort misdrijf'", "value '1 Vermogensdelicten'",
                "theme_mappings.csv");
    }

    @Test
    void aGoodFileAndABadOneLeaveNothing() throws Exception {
        List<String> l = sample();
        l.set(12, "\"1 Vermogensmisdrijven\";\"2017\"");
        List<String> good = sample();
        good.set(1, good.get(1).replace("Almelo", "Almelo-Zuid")); // an unknown area, created by the appender, rolled back too
        String m = fatal(write("good.csv", good), POLITIE.resolve("47013NED_tableview_misdrijven_2022_2023.csv"), write("bad-last.csv", l));
        has(m, "bad-last.csv, line 13");
    }

    @Test
    void odataObservationsTruncated() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("03759-truncated"));
        copyV4(folder);
        Path obs = folder.resolve("observations-page-1.json");
        byte[] b = Files.readAllBytes(obs);
        Files.write(obs, java.util.Arrays.copyOf(b, b.length / 2));
        has(fatal(folder), "observations-page-1.json, line", "complete JSON (the observations file is truncated)");
    }

    @Test
    void odataCodeListMissing() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("03759-no-periods"));
        copyV4(folder);
        Files.delete(folder.resolve("codes-Perioden.json"));
        has(fatal(folder.resolve("index.json")), "index.json, column 'codes-Perioden'", "found 'codes-Perioden.json'",
                "expected the code list file codes-Perioden.json next to index.json");
    }

    @Test
    void typedJsonIsNotJson() throws Exception {
        Path p = dir.resolve("typed-broken.json");
        Files.writeString(p, "{\n  \"odata.metadata\":\"https://opendata.cbs.nl/ODataApi/OData/84489NED/$metadata#Cbs.OData.WebAPI.TypedDataSet\","
                + "\"value\":[\n    {\"ID\":0,\"Code_3\":\"GM0141    \" \"Naam_2\":\"Almelo\"}\n  ]\n}\n");
        has(fatal(p), "typed-broken.json, line 3", "expected valid JSON");
    }

    @Test
    void tableViewTruncatedRow() throws Exception {
        List<String> l = new ArrayList<>(Files.readAllLines(POLITIE.resolve("47013NED_tableview_misdrijven_2022_2023.csv")));
        l.set(9, "\"Aalten\";\"681\"");
        has(fatal(write("tv-short.csv", l)), "tv-short.csv, line 10", "3 fields per row as in the header lines, found 2");
    }

    @Test
    void tableViewWithoutPeriods() throws Exception {
        List<String> l = new ArrayList<>(Files.readAllLines(POLITIE.resolve("47013NED_tableview_misdrijven_2022_2023.csv")));
        l.remove(4); // "Perioden";"2022";"2023"
        has(fatal(write("tv-no-period.csv", l)), "tv-no-period.csv", "column 2", "expected a \"Perioden\" header line");
    }

    @Test
    void untypedCsvWithoutRegioS() throws Exception {
        Path p = write("70072ned_broken.csv", List.of("\"ID\";\"Regio\";\"Perioden\";\"TotaleBevolking_1\"", "\"125\";\"PV20  \";\"1995JJ00\";\"  557995\""));
        has(fatal(new LoadOptions("odata-v3-untyped-csv", false), p), "70072ned_broken.csv, line 1", "column 'RegioS'");
    }

    @Test
    void untypedCsvTruncatedRow() throws Exception {
        Path p = write("70072ned_short.csv", List.of("\"ID\";\"RegioS\";\"Perioden\";\"TotaleBevolking_1\"",
                "\"125\";\"PV20  \";\"1995JJ00\";\"  557995\"", "\"126\";\"PV20  \";\"1996JJ00\""));
        has(fatal(p), "70072ned_short.csv, line 3", "column 'TotaleBevolking_1'", "4 fields as in the header, found 3");
    }

    @Test
    void wideFileWithAMalformedColumnName() throws Exception {
        Path p = write("wide.csv", List.of("Soort Misdrijf,Nederland_Totaal geregistreerde misdrijven_2014,Overijssel (PV) 2014",
                "\"Misdrijven, totaal\",1025630,54065"));
        has(fatal(p), "wide.csv, line 1", "column 'Overijssel (PV) 2014'", "expected a column named <area>_<topic>_<year>");
    }

    // ------------------------------------------------------------- row faults without --strict

    @Test
    void rowFaultsGoToRejectedRowsWithTheirLines() throws Exception {
        List<String> l = sample();
        l.set(3, l.get(3).replace("11020", "elfduizend"));                 // line 4: text in a number column
        l.set(5, l.get(5).replace("\"2016\"", "\"20x6\""));                // line 6: unknown period
        l.add(4, "");                                                        // a blank line: later rows move down one line
        l.set(10, l.get(10).replace("1 Vermogensmisdrijven", "1 Vermogensdelicten")); // line 11: unknown category
        FileResult f = load(wh, write("row-faults.csv", l)).get(0);
        assertEquals(3, f.rowsRejected());
        assertEquals(12, f.rowsRead());
        assertEquals(9 * 3, f.rowsLoaded(), "9 good rows x 3 measures");
        List<String> rejects = column(wh, "SELECT line_number || '|' || column_name || '|' || raw_value || '|' || reason "
                + "FROM load_rejected_row WHERE batch_id = " + f.batchId() + " ORDER BY line_number");
        assertEquals(3, rejects.size(), rejects.toString());
        assertTrue(rejects.get(0).startsWith("4|Geregistreerde misdrijven/Totaal geregistreerde misdrijven (aantal)|elfduizend|text in a number column"), rejects.get(0));
        assertTrue(rejects.get(1).startsWith("7|Perioden|20x6|unknown period"), rejects.get(1));
        assertTrue(rejects.get(2).startsWith("11|Soort misdrijf|1 Vermogensdelicten|unknown Soort misdrijf"), rejects.get(2));
        assertEquals(1, f.firstRejects().stream().filter(s -> s.contains("line 7")).count(), f.firstRejects().toString());
    }

    @Test
    void unknownMunicipalityIsRejectedNotGivenAMadeUpCode() throws Exception {
        List<String> l = sample();
        l.set(1, l.get(1).replace("Almelo", "Nieuwdorp aan Zee"));
        FileResult f = load(wh, write("new-area.csv", l)).get(0);
        assertEquals(1, f.rowsRejected());
        assertTrue(f.firstRejects().get(0).contains("line 2, column 'Regio's', value 'Nieuwdorp aan Zee': unknown area"), f.firstRejects().toString());
        assertEquals(0, number(wh, "SELECT count(*) FROM dim_region WHERE region_name = 'Nieuwdorp aan Zee'"));
    }

    @Test
    void tableViewTextInANumberCell() throws Exception {
        List<String> l = new ArrayList<>(Files.readAllLines(POLITIE.resolve("47013NED_tableview_misdrijven_2022_2023.csv")));
        l.set(8, "\"Aalsmeer\";\"1O69\";\"1118\"");
        FileResult f = load(wh, write("tv-text.csv", l)).get(0);
        assertEquals(1, f.rowsRejected());
        assertEquals("9|2022|1O69", text(wh, "SELECT line_number || '|' || column_name || '|' || raw_value FROM load_rejected_row WHERE batch_id = " + f.batchId()));
    }

    private static void copyV4(Path to) throws IOException {
        try (var s = Files.list(CBS.resolve("03759ned"))) {
            for (Path p : s.toList()) Files.copy(p, to.resolve(p.getFileName()));
        }
    }
}
