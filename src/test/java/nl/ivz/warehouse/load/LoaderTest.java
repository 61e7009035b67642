package nl.ivz.warehouse.load;

import nl.ivz.warehouse.core.Warehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The load framework itself, on the reference layouts: all or nothing, idempotent, rejects with reasons. */
class LoaderTest {
    @TempDir
    Path dir;

    static final String THEMES = "theme_code,theme_name,field_number,field_name,description\n"
            + "woninginbraak,Woninginbraken,1,Veilige woon- en leefomgeving,\n";

    static long count(Warehouse wh, String table) throws Exception {
        try (ResultSet rs = wh.connection().createStatement().executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void loadingTheSameFileTwiceAddsNothing() throws Exception {
        Path themes = write("themes.csv", THEMES);
        try (Warehouse wh = Warehouse.inMemory()) {
            wh.migrate();
            Loader loader = new Loader(wh, null);
            List<FileResult> first = loader.load(List.of(themes), LoadOptions.defaults());
            assertEquals(1, first.get(0).rowsLoaded());
            List<FileResult> second = loader.load(List.of(themes), LoadOptions.defaults());
            assertTrue(second.get(0).skipped());
            assertEquals(first.get(0).batchId(), second.get(0).batchId());
            assertEquals(1, count(wh, "dim_theme"));
            assertEquals(1, count(wh, "load_batch"));
        }
    }

    @Test
    void aFailingFileRollsBackTheWholeCall() throws Exception {
        Path themes = write("a_themes.csv", THEMES);
        Path broken = write("b_regions.csv", "region_code,region_name,region_level,valid_from,valid_to,aliases\n"
                + "GM0153,Enschede,gemeente,,,\nGM0141,Almelo\n");
        try (Warehouse wh = Warehouse.inMemory()) {
            wh.migrate();
            LoadException e = assertThrows(LoadException.class,
                    () -> new Loader(wh, null).load(List.of(themes, broken), LoadOptions.defaults()));
            assertTrue(e.getMessage().startsWith("b_regions.csv, line 3, column 'region_level': found 'GM0141,Almelo', "
                    + "expected 6 fields as in the header, found 2"), e.getMessage());
            assertTrue(e.getMessage().contains("Nothing was loaded"));
            for (String t : List.of("dim_theme", "dim_region", "load_batch", "load_rejected_row")) {
                assertEquals(0, count(wh, t), t);
            }
        }
    }

    @Test
    void rowProblemsAreRejectedWithReasonsOrFatalWhenStrict() throws Exception {
        Path regions = write("regions.csv", "region_code,region_name,region_level,valid_from,valid_to,aliases\n"
                + "GM0153,Enschede,gemeente,,,\nGM0141,Almelo,stad,,,\nGM0164,Hengelo,gemeente,twintig,,\n");
        try (Warehouse wh = Warehouse.inMemory()) {
            wh.migrate();
            LoadException strict = assertThrows(LoadException.class,
                    () -> new Loader(wh, null).load(List.of(regions), new LoadOptions(null, true)));
            assertTrue(strict.getMessage().startsWith("regions.csv, line 3, column 'region_level', value 'stad': expected one of"),
                    strict.getMessage());
            assertEquals(0, count(wh, "dim_region"));

            FileResult r = new Loader(wh, null).load(List.of(regions), LoadOptions.defaults()).get(0);
            assertEquals(3, r.rowsRead());
            assertEquals(1, r.rowsLoaded());
            assertEquals(2, r.rowsRejected());
            try (ResultSet rs = wh.connection().createStatement().executeQuery(
                    "select line_number, column_name, raw_value, reason from load_rejected_row order by line_number")) {
                assertTrue(rs.next());
                assertEquals(3, rs.getLong(1));
                assertEquals("region_level", rs.getString(2));
                assertEquals("stad", rs.getString(3));
                assertTrue(rs.next());
                assertEquals(4, rs.getLong(1));
                assertEquals("valid_from", rs.getString(2));
                assertEquals("expected a year (1800-9999) or empty", rs.getString(4));
            }
        }
    }

    @Test
    void unknownLayoutAndBadEncodingAreClearFatalErrors() throws Exception {
        Path odd = write("odd.csv", "foo;bar\n1;2\n");
        Path latin1 = dir.resolve("latin1.csv");
        Files.write(latin1, ("theme_code,theme_name,field_number,field_name,description\n"
                + "x,Fryslân,1,f,\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        try (Warehouse wh = Warehouse.inMemory()) {
            wh.migrate();
            LoadException u = assertThrows(LoadException.class, () -> new Loader(wh, null).load(List.of(odd), LoadOptions.defaults()));
            assertTrue(u.getMessage().startsWith("odd.csv, line 1: found 'foo;bar', expected the header of a known layout"), u.getMessage());
            LoadException enc = assertThrows(LoadException.class, () -> new Loader(wh, null).load(List.of(latin1), LoadOptions.defaults()));
            assertTrue(enc.getMessage().startsWith("latin1.csv, line 2: found 'byte 0xE2 at offset"), enc.getMessage());
            assertTrue(enc.getMessage().contains("expected UTF-8 text"), enc.getMessage());
            assertEquals(0, count(wh, "load_batch"));
        }
    }
}
