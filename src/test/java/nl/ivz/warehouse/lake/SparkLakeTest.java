package nl.ivz.warehouse.lake;

import nl.ivz.warehouse.core.Warehouse;
import nl.ivz.warehouse.lake.spark.SparkLake;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.ResultQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.function.Function;

import static nl.ivz.warehouse.db.Tables.DIM_REGION;
import static nl.ivz.warehouse.db.Tables.DIM_REGION_PARENT;
import static nl.ivz.warehouse.db.Tables.FCT_SURVEY;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.denseRank;
import static org.jooq.impl.DSL.grouping;
import static org.jooq.impl.DSL.rollup;
import static org.jooq.impl.DSL.round;
import static org.jooq.impl.DSL.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Spark in local mode reads the Iceberg export of the demo warehouse and answers jOOQ queries as DuckDB does. */
@org.junit.jupiter.api.Tag("spark")
class SparkLakeTest {
    @TempDir
    static Path dir;
    static Warehouse wh;
    static SparkLake spark;

    @BeforeAll
    static void export() throws Exception {
        wh = LakeFixtures.demo();
        new IcebergExport(wh, dir.resolve("lake").toString(), null).run();
        spark = SparkLake.local(dir.resolve("lake").toString(), 2);
    }

    @AfterAll
    static void close() throws Exception {
        if (spark != null) spark.close();
        if (wh != null) wh.close();
    }

    void same(Function<DSLContext, ResultQuery<? extends Record>> q) {
        Result<? extends Record> duck = q.apply(wh.dsl()).fetch();
        Result<? extends Record> sp = q.apply(spark.dsl()).fetch();
        assertTrue(duck.size() > 0, "query returns rows on DuckDB");
        assertEquals(LakeFixtures.names(duck), LakeFixtures.names(sp));
        assertEquals(LakeFixtures.canonical(duck), LakeFixtures.canonical(sp));
    }

    @Test
    void rowCountsOfEveryTableAreTheSame() throws Exception {
        for (LakeTable t : LakeTable.all(wh.connection())) {
            long duck = wh.dsl().fetchCount(org.jooq.impl.DSL.table(org.jooq.impl.DSL.name(t.name())));
            long sp = ((Number) spark.fetch("SELECT count(*) FROM " + t.name()).get(0).get(0)).longValue();
            assertEquals(duck, sp, t.name());
        }
    }

    @Test
    void windowFunctionsAndRollupRenderForSparkAndGiveTheSameRows() {
        same(ctx -> ctx.select(FCT_SURVEY.REGION_CODE, FCT_SURVEY.MEASURE_CODE, FCT_SURVEY.VALUE,
                        denseRank().over().partitionBy(FCT_SURVEY.MEASURE_CODE, FCT_SURVEY.PERIOD_CODE).orderBy(FCT_SURVEY.VALUE.desc()).as("rnk"))
                .from(FCT_SURVEY)
                .orderBy(FCT_SURVEY.MEASURE_CODE, FCT_SURVEY.PERIOD_CODE, FCT_SURVEY.REGION_CODE));
        same(ctx -> ctx.select(DIM_REGION.REGION_LEVEL, DIM_REGION_PARENT.HIERARCHY, count().as("n"),
                        grouping(DIM_REGION.REGION_LEVEL).as("g"))
                .from(DIM_REGION).join(DIM_REGION_PARENT).on(DIM_REGION_PARENT.REGION_CODE.eq(DIM_REGION.REGION_CODE))
                .groupBy(rollup(DIM_REGION.REGION_LEVEL, DIM_REGION_PARENT.HIERARCHY))
                .orderBy(DIM_REGION.REGION_LEVEL.asc().nullsLast(), DIM_REGION_PARENT.HIERARCHY.asc().nullsLast()));
        same(ctx -> ctx.select(FCT_SURVEY.PERIOD_CODE, round(sum(FCT_SURVEY.VALUE.mul(FCT_SURVEY.MARGIN)).div(count()), 3).as("x"))
                .from(FCT_SURVEY).where(FCT_SURVEY.MARGIN.isNotNull())
                .groupBy(FCT_SURVEY.PERIOD_CODE).orderBy(FCT_SURVEY.PERIOD_CODE));
    }
}
