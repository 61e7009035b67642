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
            assertEquals(c.gemeenten.size() + c.predecessors.size(), dsl.fetchCount(DIM_REGION, DIM_REGION.REGION_LEVEL.eq("gemeente")));
            assertEquals(c.districts.size(), dsl.fetchCount(DIM_REGION, DIM_REGION.REGION_LEVEL.eq("district")));
            // the merged-away municipality hangs under its basisteam until the year before the merger
            Country.Area pred = c.predecessors.get(0);
            assertEquals(pred.validTo, dsl.select(DIM_REGION_PARENT.VALID_TO).from(DIM_REGION_PARENT)
                    .where(DIM_REGION_PARENT.REGION_CODE.eq(pred.code)).and(DIM_REGION_PARENT.HIERARCHY.eq("politie")).fetchOne().value1());
            assertEquals(59, dsl.fetchCount(MAP_SOURCE_THEME, MAP_SOURCE_THEME.SOURCE_SYSTEM.eq("politie-soortmisdrijf")));
        }
    }
}
