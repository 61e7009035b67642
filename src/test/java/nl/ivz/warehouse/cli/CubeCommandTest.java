package nl.ivz.warehouse.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.*;

class CubeCommandTest {
    @Test
    void helpListsEveryCubeWithItsParameters() {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        assertEquals(0, cl.execute("cube", "--help"));
        String help = out.toString();
        for (String c : new String[]{"benchmark", "trend", "target", "priorities", "survey-sample", "significance", "dark-number"}) {
            assertTrue(help.contains("  " + c + ": "), c + "\n" + help);
        }
        assertTrue(help.contains("threshold [300]"), help);
        assertTrue(help.contains("price [9.28]"), help);
        assertTrue(help.contains("change, % change"), help);
        assertEquals("", err.toString());
    }

    @Test
    void unknownCubeIsAUsageError() {
        assertEquals(2, Main.run("cube", "benchmrk", "--warehouse", "target/none.duckdb"));
    }
}
