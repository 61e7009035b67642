package nl.ivz.warehouse.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CliTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) { }

    static Run run(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            var cl = Main.commandLine();
            cl.setOut(new java.io.PrintWriter(System.out, true));
            cl.setErr(new java.io.PrintWriter(System.err, true));
            int code = cl.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void initThenQueryInEveryFormat() {
        String wh = dir.resolve("w.duckdb").toString();
        Run init = run("init", "--warehouse", wh);
        assertEquals(0, init.code(), init.err());
        assertTrue(init.out().contains(nl.ivz.warehouse.core.MigrationFiles.count() + " migration(s) applied, schema version "
                + nl.ivz.warehouse.core.MigrationFiles.latest()), init.out());
        assertTrue(run("init", "--warehouse", wh).out().contains("0 migration(s) applied"));

        String sql = "select 'Hof van Twente' as naam, 'a,\"b\"' as lastig, 1234.5::double as waarde, 42 as n";
        Run csv = run("query", "--warehouse", wh, "--format", "csv", sql);
        assertEquals("naam,lastig,waarde,n\r\nHof van Twente,\"a,\"\"b\"\"\",1234.5,42\r\n", csv.out());

        Run nl = run("query", "--warehouse", wh, "--format", "csv-nl", sql);
        assertEquals("\uFEFFnaam;lastig;waarde;n\r\nHof van Twente;a,\"\"b\"\";1234,5;42\r\n".replace(";a,\"\"b\"\";", ";\"a,\"\"b\"\"\";"), nl.out());

        Run json = run("query", "--warehouse", wh, "--format", "json", sql);
        assertTrue(json.out().startsWith("{\"columns\":[{\"name\":\"naam\",\"type\":\"VARCHAR\"},"), json.out());
        assertTrue(json.out().contains("\"rows\":[[\"Hof van Twente\",\"a,\\\"b\\\"\",1234.5,42]],\"rowCount\":1,\"truncated\":false"), json.out());

        Run table = run("query", "--warehouse", wh, sql);
        assertTrue(table.out().contains("Hof van Twente | a,\"b\"  | 1234.5 | 42"), table.out());
        assertTrue(table.out().contains("(1 row)"));
    }

    @Test
    void sqlErrorPrintsDuckDbMessageWithoutStackTrace() {
        String wh = dir.resolve("w.duckdb").toString();
        run("init", "--warehouse", wh);
        Run r = run("query", "--warehouse", wh, "select * from no_such_table");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("Error: Catalog Error: Table with name no_such_table does not exist"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void unknownCommandOrOptionPrintsUsageAndExits2() {
        Run r = run("frobnicate");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Unmatched argument") && r.err().contains("Usage: ivz"), r.err());
        Run o = run("query", "--bogus", "select 1");
        assertEquals(2, o.code());
        assertTrue(o.err().contains("Unknown option: '--bogus'") && o.err().contains("Usage: ivz query"), o.err());
    }

    @Test
    void everyCommandHasHelp() {
        for (String c : new String[] {"init", "load", "query", "demo"}) {
            Run r = run(c, "--help");
            assertEquals(0, r.code(), c);
            assertTrue(r.out().contains("Usage: ivz " + c) && r.out().contains("--warehouse"), r.out());
        }
    }

    @Test
    void demoBuildsTheReferenceDimensions() {
        String wh = dir.resolve("demo.duckdb").toString();
        Run r = run("demo", "--no-serve", "--warehouse", wh, "--sources", "warehouse/sources/reference");
        assertEquals(0, r.code(), r.err());
        Run q = run("query", "--warehouse", wh, "--format", "csv",
                "select region_level, count(*) as n from dim_region where region_level in ('land','eenheid','district','basisteam','gemeente') group by 1 order by 1");
        // the national reference: 463 municipalities of 2010-2026 + GM0998/GM0999, RE01-RE10 + RE99, Oost-Nederland's 5 districts
        // + Amsterdam-Centrum/-Noord, Twente's 5 basisteams
        assertEquals("region_level,n\r\nbasisteam,5\r\ndistrict,6\r\neenheid,11\r\ngemeente,465\r\nland,1\r\n", q.out());
        Run twente = run("query", "--warehouse", wh, "--format", "csv",
                "select p.parent_code, count(*) as n from dim_region_parent p join dim_region r using (region_code) "
                        + "where p.hierarchy = 'politie' and r.region_level = 'gemeente' and p.parent_code like 'BT-%' and 2014 between p.valid_from and p.valid_to group by 1 order by 1");
        assertEquals("parent_code,n\r\nBT-ENSCHEDE,1\r\nBT-NOORDOOST-TWENTE,4\r\nBT-TWENTE-MIDDEN,4\r\nBT-TWENTE-NOORD,2\r\nBT-TWENTE-WEST,3\r\n", twente.out());
        Run themes = run("query", "--warehouse", wh, "--format", "csv",
                "select field_number, count(*) as n from dim_theme group by 1 order by 1");
        assertTrue(themes.out().startsWith("field_number,n\r\n0,"), themes.out());
        assertTrue(themes.out().contains("\r\n5,3\r\n"), themes.out());
    }
}
