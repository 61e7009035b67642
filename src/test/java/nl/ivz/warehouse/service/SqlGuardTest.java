package nl.ivz.warehouse.service;

import nl.ivz.warehouse.core.Warehouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The first gate of ad-hoc SQL, on its own: DuckDB's parser decides what the text is; nothing runs. */
class SqlGuardTest {
    static Warehouse wh;

    @BeforeAll
    static void open() throws Exception {
        wh = Warehouse.inMemory();
        wh.migrate();
    }

    @AfterAll
    static void close() throws Exception {
        wh.close();
    }

    static SqlGuard.Checked check(String sql) {
        return SqlGuard.check(wh.connection(), sql, 1_000);
    }

    static ApiException refused(String sql) {
        return assertThrows(ApiException.class, () -> check(sql));
    }

    @Test
    void aSelectPassesAsItIs() {
        SqlGuard.Checked c = check("SELECT region_code FROM dim_region WHERE region_level = 'gemeente'");
        assertEquals("SELECT region_code FROM dim_region WHERE region_level = 'gemeente'", c.sql());
        assertEquals(List.of(), c.parameterNames());
    }

    @Test
    void namedParametersBecomePositionalOutsideStringsOnly() {
        SqlGuard.Checked c = check("SELECT '$code' AS t, region_name FROM dim_region WHERE region_code = $code OR region_code = $other"
                + " OR region_name = $code");
        assertEquals("SELECT '$code' AS t, region_name FROM dim_region WHERE region_code = $1 OR region_code = $2 OR region_name = $1", c.sql());
        assertEquals(List.of("code", "other"), c.parameterNames());
        assertEquals(List.of("1", "2"), check("SELECT $1::INTEGER + $2::INTEGER").parameterNames());
        ApiException mixed = refused("SELECT $a::INTEGER + $1::INTEGER");
        assertEquals(ProblemType.BAD_SQL, mixed.type());
    }

    @Test
    void onlyOneReadOnlyStatement() {
        ApiException two = refused("SELECT 1; SELECT 2");
        assertEquals(ProblemType.FORBIDDEN_STATEMENT, two.type());
        assertEquals("Exactly one statement is allowed; the text contains 2", two.getMessage());
        for (String sql : List.of("INSERT INTO dim_theme VALUES ('x', 'x', 0, 'x', NULL)", "DROP TABLE dim_region",
                "COPY dim_region TO 'out.csv'", "ATTACH 'other.duckdb'", "SET threads = 1", "PRAGMA version")) {
            assertEquals(ProblemType.FORBIDDEN_STATEMENT, refused(sql).type(), sql);
        }
    }

    @Test
    void filesAreOutOfReach() {
        ApiException f = refused("SELECT * FROM read_csv('/etc/passwd')");
        assertEquals(ProblemType.FORBIDDEN_ACCESS, f.type());
        assertTrue(f.getMessage().startsWith("The table function 'read_csv' is not available to ad-hoc SQL"), f.getMessage());
        ApiException scan = refused("SELECT * FROM '/etc/passwd.csv'");
        assertEquals(ProblemType.FORBIDDEN_ACCESS, scan.type());
        assertTrue(scan.getMessage().contains("looks like a file path or URL"), scan.getMessage());
        assertEquals(List.of(), check("SELECT * FROM range(3)").parameterNames(), "range is on the allow-list");
    }

    @Test
    void badTextGetsAClearProblem() {
        ApiException syntax = refused("SELEC 1");
        assertEquals(ProblemType.BAD_SQL, syntax.type());
        assertTrue(syntax.getMessage().startsWith("Syntax error: "), syntax.getMessage());
        ApiException big = refused("SELECT '" + "x".repeat(1_000) + "'");
        assertEquals(ProblemType.QUERY_TOO_LARGE, big.type());
        assertEquals("No SQL given", refused("  ").getMessage());
    }
}
