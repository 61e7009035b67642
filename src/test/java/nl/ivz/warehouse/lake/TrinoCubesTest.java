package nl.ivz.warehouse.lake;

import nl.ivz.warehouse.core.Warehouse;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every cube rendered in jOOQ's TRINO dialect runs on a real single-node Trino 476 reading the Iceberg export and
 * gives exactly the rows DuckDB gives. Skipped, with the reason, where no JDK 24+ or no Trino server download exists.
 */
class TrinoCubesTest {
    @TempDir
    static Path dir;
    static Warehouse demo;
    static Warehouse national;
    static TrinoServer trino;
    static Connection conn;
    static Connection nationalConn;

    @BeforeAll
    static void setUp() throws Exception {
        Assumptions.assumeTrue(TrinoServer.unavailable().isEmpty(), () -> "Trino test skipped: " + TrinoServer.unavailable().get());
        demo = LakeFixtures.demo();
        new IcebergExport(demo, dir.resolve("demo").toString(), null).run();
        trino = TrinoServer.start(dir.resolve("trino"));
        conn = TrinoLake.connect(trino.jdbcUrl("demo"), "ivz-test");
        TrinoLake.register(conn, "iceberg", "demo", dir.resolve("demo").toString());
        national = LakeFixtures.national(dir);
        new IcebergExport(national, dir.resolve("national").toString(), null).run();
        nationalConn = TrinoLake.connect(trino.jdbcUrl("national"), "ivz-test");
        TrinoLake.register(nationalConn, "iceberg", "national", dir.resolve("national").toString());
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (conn != null) conn.close();
        if (nationalConn != null) nationalConn.close();
        if (national != null) national.close();
        if (trino != null) trino.close();
        if (demo != null) demo.close();
    }

    @Test
    void everyTableIsRegisteredWithItsRowsAndComment() throws Exception {
        for (LakeTable t : LakeTable.all(demo.connection())) {
            long duck = demo.dsl().fetchCount(org.jooq.impl.DSL.table(org.jooq.impl.DSL.name(t.name())));
            try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + t.name())) {
                rs.next();
                assertEquals(duck, rs.getLong(1), t.name());
            }
        }
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT comment FROM system.metadata.table_comments WHERE catalog_name = 'iceberg' AND schema_name = 'demo' AND table_name = 'fct_survey'")) {
            assertTrue(rs.next());
            assertTrue(rs.getString(1).startsWith("Veiligheidsmonitor results"), rs.getString(1));
        }
    }

    @Test
    void everyCubeOnTheDemoWarehouse() throws Exception {
        DSLContext trinoDsl = nl.ivz.warehouse.lake.Engine.TRINO.dsl(conn);
        LakeFixtures.sameAnswers(demo, "Trino", c -> c.cube().query(trinoDsl, c.params()).fetch(), CubeCases.of(CubeCases.demoParams()), true);
    }

    @Test
    void everyCubeOnASmallSyntheticNationalWarehouse() throws Exception {
        DSLContext trinoDsl = nl.ivz.warehouse.lake.Engine.TRINO.dsl(nationalConn);
        LakeFixtures.sameAnswers(national, "Trino", c -> c.cube().query(trinoDsl, c.params()).fetch(), CubeCases.of(CubeCases.nationalParams()), false);
    }
}
