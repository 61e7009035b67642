package nl.ivz.warehouse.service;

import nl.ivz.warehouse.core.Warehouse;
import nl.ivz.warehouse.load.LoadOptions;
import nl.ivz.warehouse.load.Loader;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Loads files into the serving warehouse, all or nothing in one transaction (on a new connection of the same
 * DuckDB instance), and returns a summary for the client. The default is the project's {@link Loader}.
 */
@FunctionalInterface
public interface InboxLoader {
    Object load(Warehouse warehouse, List<Path> files, Map<String, String> options) throws Exception;

    /** The project's loader; options: format (layout name instead of detection), strict (true/false). */
    static InboxLoader standard() {
        return (wh, files, options) -> new Loader(wh, null)
                .load(files, new LoadOptions(options.get("format"), Boolean.parseBoolean(options.getOrDefault("strict", "false"))));
    }
}
