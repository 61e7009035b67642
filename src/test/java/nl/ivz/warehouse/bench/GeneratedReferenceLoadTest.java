package nl.ivz.warehouse.bench;

import nl.ivz.warehouse.core.Warehouse;
import nl.ivz.warehouse.load.FileResult;
import nl.ivz.warehouse.load.LoadOptions;
import nl.ivz.warehouse.load.Loader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static nl.ivz.warehouse.db.Tables.DIM_REGION;
import static nl.ivz.warehouse.db.Tables.DIM_REGION_PARENT;
import static nl.ivz.warehouse.db.Tables.MAP_SOURCE_THEME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generated reference files load with the project's own Loader, with nothing rejected. */
class GeneratedReferenceLoadTest {
    @TempDir
    Path tmp;

    @Test
    void generatedCountryReferenceLoads() throws Exception {
        Country c = Country.build(0.002, 7);
        new Generator(c, tmp, null).generate(Path.of("warehouse/sources/reference"));
        try (Warehouse wh = Warehouse.inMemory()) {
            wh.migrate();
            List<FileResult> results = new Loader(wh, null).load(List.of(tmp.resolve("reference")), new LoadOptions(null, true));
            assertTrue(results.size() >= 5, "regions, memberships, theme mappings and the project's themes and measures: " + results);
            results.forEach(r -> assertEquals(0, r.rowsRejected(), r.file()));
            var dsl = wh.dsl();
            assertEquals(c.buurten.size(), dsl.fetchCount(DIM_REGION, DIM_REGION.REGION_LEVEL.eq("buurt")));
            // every municipality of the national geography (463 rows of geography_gemeenten.csv) and regions.csv's GM0998
            // Buitenland and GM0999 niet in te delen, not only those with buurten
            assertEquals(465, dsl.fetchCount(DIM_REGION, DIM_REGION.REGION_LEVEL.eq("gemeente")));
            // the country's districts plus Amsterdam-Centrum/-Noord, which regions.csv has without a parent
            assertEquals(c.districts.size() + 1, dsl.fetchCount(DIM_REGION, DIM_REGION.REGION_LEVEL.eq("district")));
            assertEquals(25, dsl.fetchCount(DIM_REGION, DIM_REGION.REGION_LEVEL.eq("politieregio")));
            // Weesp hangs under a basisteam of Midden-Nederland until 2022, its last year; one politie parent per municipality
            var weesp = dsl.select(DIM_REGION_PARENT.PARENT_CODE, DIM_REGION_PARENT.VALID_TO).from(DIM_REGION_PARENT)
                    .where(DIM_REGION_PARENT.REGION_CODE.eq("GM0457")).and(DIM_REGION_PARENT.HIERARCHY.eq("politie")).fetchOne();
            assertEquals(2022, weesp.value2());
            assertEquals("RE03", c.basisteams.stream().filter(b -> b.code.equals(weesp.value1())).findFirst().orElseThrow().parent.parent.code);
            // a wijk of Amsterdam that was Weesp's: under Weesp until 2022, under Amsterdam from 2023
            Country.Area wijk = c.wijkLineage.entrySet().stream().filter(e -> e.getValue().size() == 2
                    && e.getValue().get(1).code.equals("GM0457")).findFirst().orElseThrow().getKey();
            var parents = dsl.select(DIM_REGION_PARENT.PARENT_CODE, DIM_REGION_PARENT.VALID_FROM, DIM_REGION_PARENT.VALID_TO).from(DIM_REGION_PARENT)
                    .where(DIM_REGION_PARENT.REGION_CODE.eq(wijk.code)).orderBy(DIM_REGION_PARENT.PARENT_CODE).fetch();
            assertEquals(2, parents.size(), parents.toString());
            assertEquals("GM0363", parents.get(0).value1());
            assertEquals(2023, parents.get(0).value2());
            assertEquals("GM0457", parents.get(1).value1());
            assertEquals(2022, parents.get(1).value3());
            assertEquals(59, dsl.fetchCount(MAP_SOURCE_THEME, MAP_SOURCE_THEME.SOURCE_SYSTEM.eq("politie-soortmisdrijf")));
        }
    }
}
