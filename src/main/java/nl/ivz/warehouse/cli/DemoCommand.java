package nl.ivz.warehouse.cli;

import nl.ivz.warehouse.core.Warehouse;
import nl.ivz.warehouse.load.FileResult;
import nl.ivz.warehouse.load.LoadException;
import nl.ivz.warehouse.load.LoadOptions;
import nl.ivz.warehouse.load.Loader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Build the demo warehouse (warehouse/demo.duckdb) from the bundled sources in warehouse/sources/ and serve it.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--warehouse", paramLabel = "PATH", defaultValue = "warehouse/demo.duckdb",
            description = "Demo warehouse file, rebuilt from scratch (default: ${DEFAULT-VALUE})")
    Path path;

    @Option(names = "--sources", paramLabel = "DIR", defaultValue = "warehouse/sources",
            description = "Bundled source data (default: ${DEFAULT-VALUE})")
    Path sources;

    @Option(names = "--no-serve", description = "Only build the demo warehouse, do not start the service")
    boolean noServe;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(sources)) {
            System.err.println("Error: no bundled sources at " + sources.toAbsolutePath()
                    + " (run ivz demo from the root of the repository, or give --sources)");
            return 1;
        }
        Files.deleteIfExists(path);
        Files.deleteIfExists(Path.of(path + ".wal"));
        long start = System.nanoTime();
        try (Warehouse wh = Warehouse.open(path)) {
            wh.migrate();
            List<FileResult> results = new Loader(wh, System.err).memoryLimit(Loader.defaultMemoryLimit()).load(List.of(sources), LoadOptions.defaults());
            LoadCommand.print(results, System.out);
            System.out.printf("Demo warehouse %s built in %.1f s.%n", path, (System.nanoTime() - start) / 1e9);
        } catch (LoadException e) {
            System.err.println("Demo build failed: " + e.getMessage());
            return 1;
        }
        if (noServe) return 0;
        // The demo ends with the service and the analysts' page on the demo warehouse.
        return Main.commandLine().execute("serve", "--warehouse", path.toString());
    }
}
