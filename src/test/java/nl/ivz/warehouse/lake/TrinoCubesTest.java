package nl.ivz.warehouse.lake;

import nl.ivz.warehouse.core.Warehouse;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

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

    static void sameOnTrino(Warehouse wh, DSLContext trinoDsl, List<CubeCases.Case> cases, boolean everyCubeAnswers) throws Exception {
        Set<String> withRows = new HashSet<>();
        List<String> failures = new ArrayList<>();
        for (CubeCases.Case c : cases) {
            Result<? extends Record> duck;
            try {
                duck = c.cube().query(wh.dsl(), c.params()).fetch();
            } catch (nl.ivz.warehouse.cubes.CubeException refused) {
                if (everyCubeAnswers) throw refused;
                continue; // this warehouse has no data for the question (e.g. no police registrations yet)
            }
            if (!duck.isEmpty()) withRows.add(c.cube().name());
            try {
                Result<? extends Record> tr = c.cube().query(trinoDsl, c.params()).fetch();
                if (!LakeFixtures.names(duck).equals(LakeFixtures.names(tr))) {
                    failures.add(c + ": columns " + LakeFixtures.names(duck) + " on DuckDB, " + LakeFixtures.names(tr) + " on Trino");
                } else if (!LakeFixtures.canonical(duck).equals(LakeFixtures.canonical(tr))) {
                    failures.add(c + ": rows differ\n  DuckDB: " + LakeFixtures.canonical(duck) + "\n  Trino:  " + LakeFixtures.canonical(tr));
                }
            } catch (Exception e) {
                String m = String.valueOf(e.getMessage());
                failures.add(c + ": " + (m.contains("Query failed") ? m.substring(m.indexOf("Query failed")) : m).lines().limit(6)
                        .collect(Collectors.joining(" | ")));
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " cube question(s) differ on Trino:\n" + String.join("\n", failures));
        if (everyCubeAnswers) {
            for (CubeCases.Case c : cases) assertTrue(withRows.contains(c.cube().name()), c.cube().name() + " returned no rows in any case");
        } else {
            assertTrue(withRows.size() >= 3, "cubes with answers: " + withRows);
        }
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
        sameOnTrino(demo, nl.ivz.warehouse.lake.Engine.TRINO.dsl(conn), CubeCases.of(CubeCases.demoParams()), true);
    }

    @Test
    void everyCubeOnASmallSyntheticNationalWarehouse() throws Exception {
        sameOnTrino(national, nl.ivz.warehouse.lake.Engine.TRINO.dsl(nationalConn), CubeCases.of(CubeCases.nationalParams()), false);
    }
}
