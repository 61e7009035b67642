package nl.ivz.warehouse.export;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ResultWriterTest {
    @Test
    void numbersArePlainWithoutTrailingZeros() {
        assertEquals("1.5", ResultWriter.number(new BigDecimal("1.50")));
        assertEquals("2", ResultWriter.number(new BigDecimal("2.00")));
        assertEquals("-0.05", ResultWriter.number(new BigDecimal("-0.050")));
        assertEquals("120", ResultWriter.number(new BigDecimal("120")));
        assertEquals("0.1", ResultWriter.number(0.1));
        assertEquals("3", ResultWriter.number(3.0));
        assertEquals("0.00012", ResultWriter.number(1.2e-4));
        assertEquals("123456789012346000000", ResultWriter.number(1.2345678901234568e20));
        // binary noise of arithmetic is cut at the 15 digits a double carries: 226 x 9.28 (seed 000, Borne), 0.1 + 0.2
        assertEquals("2097.28", ResultWriter.number(226 * 9.28));
        assertEquals("0.3", ResultWriter.number(0.1 + 0.2));
        assertEquals("0.333333333333333", ResultWriter.number(1.0 / 3));
        assertEquals("42", ResultWriter.number(42L));
    }

    @Test
    void csvQuotesTextButNotNumbers() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             ResultSet rs = c.createStatement().executeQuery("SELECT 'a,b' AS t, 'say \"hi\"' AS q, 2.50::DECIMAL(4,2) AS n, NULL AS e")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new ResultWriter(ResultFormat.CSV, Long.MAX_VALUE).write(rs, out, System.nanoTime());
            assertEquals("t,q,n,e\r\n\"a,b\",\"say \"\"hi\"\"\",2.5,\r\n", out.toString(StandardCharsets.UTF_8));
        }
    }
}
