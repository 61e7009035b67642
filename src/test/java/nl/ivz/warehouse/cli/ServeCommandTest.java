package nl.ivz.warehouse.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServeCommandTest {
    @Test
    void helpListsTheLimitsAndAMissingWarehouseIsAClearError() {
        var help = Main.commandLine();
        java.io.StringWriter out = new java.io.StringWriter();
        help.setOut(new java.io.PrintWriter(out));
        assertEquals(0, help.execute("serve", "--help"));
        for (String opt : new String[] {"--port", "--host", "--token", "--cors-origin", "--timeout", "--max-concurrent", "--inbox"}) {
            assertTrue(out.toString().contains(opt), opt);
        }
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertEquals(1, Main.run("serve", "--warehouse", "target/no-such-warehouse.duckdb", "--port", "0"));
        } finally {
            System.setErr(err);
        }
        assertTrue(captured.toString(StandardCharsets.UTF_8).contains("no warehouse at"), captured.toString(StandardCharsets.UTF_8));
    }
}
