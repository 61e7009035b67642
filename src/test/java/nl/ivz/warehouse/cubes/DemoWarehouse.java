package nl.ivz.warehouse.cubes;

import nl.ivz.warehouse.core.Warehouse;
import nl.ivz.warehouse.load.LoadOptions;
import nl.ivz.warehouse.load.Loader;

import java.nio.file.Path;
import java.util.List;

/**
 * The demo warehouse, built in memory once per test JVM exactly as {@code ivz demo} builds it: the
 * Loader over the bundled warehouse/sources folder (reference data, the seed documents' tables, the
 * real CBS/VM files). Tests read it; a test that must change data does so in a transaction it rolls back.
 */
final class DemoWarehouse {
    private static Warehouse instance;

    private DemoWarehouse() { }

    static synchronized Warehouse get() throws Exception {
        if (instance == null) {
            Warehouse wh = Warehouse.inMemory();
            wh.migrate();
            new Loader(wh, null).load(List.of(Path.of("warehouse/sources")), LoadOptions.defaults());
            instance = wh;
        }
        return instance;
    }
}
