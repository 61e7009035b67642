package nl.ivz.warehouse.load.cbs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Java label scan that lets DuckDB read a StatLine file once: what it collects, and when it sends a file to the staged path. */
class LabelScanTest {
    @TempDir
    Path dir;

    private static final String HEADER = "\uFEFF\"Soort misdrijf\";\"Perioden\";\"Regio's\";\"Aantal\"\n";
    private static final List<String> MISSING = List.of("", ".", "x", "-", "..");

    private LabelScan.Result scan(String text) throws Exception {
        Path f = Files.writeString(dir.resolve("f.csv"), text);
        return LabelScan.scan(f, new int[] {0, 1, 2}, MISSING);
    }

    @Test
    void collectsTheDistinctLabelsInFirstSeenOrder() throws Exception {
        LabelScan.Result r = scan(HEADER + "\"Totaal\";\"2012 januari\";\"'s-Gravenhage\";5\r\n\"1.1.1 Woning\";\"2012 januari\";\"'s-Gravenhage\";;\r\n"
                + "\"Totaal\";\"2012 februari\";\"Almelo; centrum\";1,5");
        assertTrue(r.clean());
        assertEquals(3, r.rows());
        assertEquals(List.of("Totaal", "1.1.1 Woning"), r.labels().get(0));
        assertEquals(List.of("2012 januari", "2012 februari"), r.labels().get(1));
        // the quote keeps the ';' inside the label; a label without a closing newline is the last line
        assertEquals(List.of("'s-Gravenhage", "Almelo; centrum"), r.labels().get(2));
    }

    @Test
    void countsEveryLineAcrossBufferRefills() throws Exception {
        StringBuilder sb = new StringBuilder(HEADER);
        // 150,000 lines of about 40 bytes: 6 MB, more than the 4 MB buffer
        for (int i = 0; i < 150_000; i++) sb.append("\"c").append(i % 7).append("\";\"2013\";\"Buurt ").append(i % 1000).append("\";").append(i).append('\n');
        LabelScan.Result r = scan(sb.toString());
        assertTrue(r.clean());
        assertEquals(150_000, r.rows());
        assertEquals(7, r.labels().get(0).size());
        assertEquals(1, r.labels().get(1).size());
        assertEquals(1000, r.labels().get(2).size());
        assertEquals("Buurt 999", r.labels().get(2).get(999));
        // in two halves on two threads: the same lines and labels, in first-seen order
        LabelScan.Result halves = LabelScan.scan(dir.resolve("f.csv"), new int[] {0, 1, 2}, MISSING, 1);
        assertTrue(halves.clean());
        assertEquals(150_000, halves.rows());
        assertEquals(r.labels(), halves.labels());
    }

    @Test
    void aFileThatIsNotPlainGoesToTheStagedPath() throws Exception {
        assertFalse(scan(HEADER + "\"Totaal\";\"\";\"Almelo\";5\n").clean(), "empty period");
        assertFalse(scan(HEADER + "\"Totaal\";\"2013\";-;5\n").clean(), "a missing-value symbol as area");
        assertFalse(scan(HEADER + "\"Totaal\";\"2013\"\n").clean(), "too few fields");
        assertFalse(scan(HEADER + "\"Totaal \"\"A\"\"\";\"2013\";\"Almelo\";5\n").clean(), "a doubled quote in a label");
        assertFalse(scan(HEADER + "\"Totaal\"x;\"2013\";\"Almelo\";5\n").clean(), "text after the closing quote");
    }
}
