package nl.ivz.warehouse.lake;

import nl.ivz.warehouse.core.Warehouse;
import nl.ivz.warehouse.lake.spark.SparkLake;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;


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

    @Test
    void everyCubeOnTheDemoWarehouse() throws Exception {
        spark.use("demo", dir.resolve("demo").toString());
        LakeFixtures.sameAnswers(demo, "Spark", c -> spark.run(c.cube(), c.params()), CubeCases.of(CubeCases.demoParams()), true);
    }

    @Test
    void everyCubeOnASmallSyntheticNationalWarehouse() throws Exception {
        spark.use("national", dir.resolve("national").toString());
        LakeFixtures.sameAnswers(national, "Spark", c -> spark.run(c.cube(), c.params()), CubeCases.of(CubeCases.nationalParams()), false);
    }
}
