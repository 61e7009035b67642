package nl.ivz.warehouse.service;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which ad-hoc statements may be answered from the cache: those whose answer only changes when the data does. */
class SqlGuardVolatileTest {
    @Test
    void volatileFunctionsAreFoundAnywhereInTheStatement() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            // the same data gives the same answer
            assertEquals(true, SqlGuard.check(c, "SELECT region_code FROM dim_region WHERE region_level = 'gemeente' ORDER BY 1", 10_000).deterministic());
            assertEquals(true, SqlGuard.check(c, "SELECT upper('now'), 'random' AS random FROM range(3)", 10_000).deterministic());
            // these change from run to run: in the select list, in a WHERE, in a subquery, spelled in capitals
            assertEquals(false, SqlGuard.check(c, "SELECT random()", 10_000).deterministic());
            assertEquals(false, SqlGuard.check(c, "SELECT * FROM range(10) WHERE range < 10 * RANDOM()", 10_000).deterministic());
            assertEquals(false, SqlGuard.check(c, "SELECT (SELECT now()) AS t", 10_000).deterministic());
            assertEquals(false, SqlGuard.check(c, "SELECT current_date", 10_000).deterministic());
            assertEquals(false, SqlGuard.check(c, "SELECT CURRENT_TIMESTAMP", 10_000).deterministic());
            assertEquals(false, SqlGuard.check(c, "SELECT gen_random_uuid()", 10_000).deterministic());
        }
    }
}
