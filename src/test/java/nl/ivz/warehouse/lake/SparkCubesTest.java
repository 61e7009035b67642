package nl.ivz.warehouse.lake;

import nl.ivz.warehouse.core.Warehouse;
import nl.ivz.warehouse.lake.spark.SparkLake;
import org.jooq.Record;
import org.jooq.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Collectors;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every cube on Spark local, reading the Iceberg export, gives exactly the rows DuckDB gives on the warehouse. */
@Tag("spark")
class SparkCubesTest {
    @TempDir
    static Path dir;
    static Warehouse demo;
    static Warehouse national;
    static SparkLake spark;

    @BeforeAll
    static void setUp() throws Exception {
        demo = LakeFixtures.demo();
        new IcebergExport(demo, dir.resolve("demo").toString(), null).run();
        national = LakeFixtures.national(dir);
        new IcebergExport(national, dir.resolve("national").toString(), null).run();
        spark = SparkLake.local(dir.resolve("demo").toString(), 2);
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (spark != null) spark.close();
        if (demo != null) demo.close();
        if (national != null) national.close();
    }

    static void sameOnSpark(Warehouse wh, SparkLake spark, Iterable<CubeCases.Case> cases, boolean everyCubeAnswers) throws Exception {
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
                Result<? extends Record> sp = spark.run(c.cube(), c.params());
                if (!LakeFixtures.names(duck).equals(LakeFixtures.names(sp))) {
                    failures.add(c + ": columns " + LakeFixtures.names(duck) + " on DuckDB, " + LakeFixtures.names(sp) + " on Spark");
                } else if (!LakeFixtures.canonical(duck).equals(LakeFixtures.canonical(sp))) {
                    failures.add(c + ": rows differ\n  DuckDB: " + LakeFixtures.canonical(duck) + "\n  Spark:  " + LakeFixtures.canonical(sp));
                }
            } catch (Exception e) {
                failures.add(c + ": " + e.getMessage().lines().limit(6).collect(Collectors.joining(" | ")));
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " cube question(s) differ on Spark:\n" + String.join("\n", failures));
        // each cube is compared on at least one question with an answer, not only on empty results
        if (everyCubeAnswers) {
            for (CubeCases.Case c : cases) assertTrue(withRows.contains(c.cube().name()), c.cube().name() + " returned no rows in any case");
        } else {
            assertTrue(withRows.size() >= 3, "cubes with answers: " + withRows);
        }
    }

    @Test
    void everyCubeOnTheDemoWarehouse() throws Exception {
        spark.use("demo", dir.resolve("demo").toString());
        sameOnSpark(demo, spark, CubeCases.of(CubeCases.demoParams()), true);
    }

    @Test
    void everyCubeOnASmallSyntheticNationalWarehouse() throws Exception {
        spark.use("national", dir.resolve("national").toString());
        sameOnSpark(national, spark, CubeCases.of(CubeCases.nationalParams()), false);
    }
}
