package nl.ivz.warehouse.cli;

import nl.ivz.warehouse.core.Warehouse;
import nl.ivz.warehouse.load.FactLoader;
import nl.ivz.warehouse.load.FactLoaders;
import nl.ivz.warehouse.load.FileResult;
import nl.ivz.warehouse.load.LoadException;
import nl.ivz.warehouse.load.LoadOptions;
import nl.ivz.warehouse.load.Loader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Load source files or folders into the warehouse, all or nothing: if any file fails, nothing of this call is kept.",
                "Loading the same file again adds nothing. Layouts are detected from the file (see --list-formats)."})
final class LoadCommand implements Callable<Integer> {
    @Mixin
    WarehouseOption warehouse;

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Files or folders to load")
    List<Path> paths = List.of();

    @Option(names = "--format", paramLabel = "LAYOUT", description = "Layout to use instead of detection")
    String format;

    @Option(names = "--strict", description = "Treat row problems (unknown area, text in a number column, ...) as fatal")
    boolean strict;

    @Option(names = "--memory-limit", paramLabel = "SIZE",
            description = "DuckDB memory_limit during the load, e.g. 4GB; DuckDB spills to disk beyond it (default: half of the machine's memory, at most 4096MB)")
    String memoryLimit;

    @Option(names = "--list-formats", description = "List the layouts the loader knows and exit")
    boolean listFormats;

    @Override
    public Integer call() throws Exception {
        if (listFormats) {
            for (FactLoader l : FactLoaders.all()) System.out.printf("%-28s %s%n", l.layout(), l.description());
            return 0;
        }
        if (paths.isEmpty()) {
            System.err.println("Error: give at least one file or folder to load (see ivz load --help)");
            return 2;
        }
        try (Warehouse wh = Warehouse.open(warehouse.path)) {
            wh.migrate();
            List<FileResult> results = new Loader(wh, System.err).memoryLimit(memoryLimit == null ? Loader.defaultMemoryLimit() : memoryLimit).load(paths, new LoadOptions(format, strict));
            print(results, System.out);
            return 0;
        } catch (LoadException e) {
            System.err.println("Load failed: " + e.getMessage());
            return 1;
        }
    }

    /** The per-file summary: layout, rows read / loaded / rejected, batch id, time; then notes and first rejects. */
    static void print(List<FileResult> results, PrintStream out) {
        out.printf("%-50s %-26s %9s %9s %9s %6s %8s%n", "file", "layout", "read", "loaded", "rejected", "batch", "ms");
        long read = 0, loaded = 0, rejected = 0;
        for (FileResult r : results) {
            String name = Path.of(r.file()).getFileName().toString();
            out.printf("%-50s %-26s %9d %9d %9d %6s %8d%n", name.length() > 50 ? name.substring(0, 47) + "..." : name,
                    r.layout(), r.rowsRead(), r.rowsLoaded(), r.rowsRejected(),
                    r.skipped() ? "(" + r.batchId() + ")" : Long.toString(r.batchId()), r.millis());
            read += r.rowsRead();
            loaded += r.rowsLoaded();
            rejected += r.rowsRejected();
        }
        out.printf("%-50s %-26s %9d %9d %9d%n", "total (" + results.size() + " files)", "", read, loaded, rejected);
        for (FileResult r : results) {
            String name = Path.of(r.file()).getFileName().toString();
            for (String n : r.notes()) out.println("  " + name + ": " + n);
            if (!r.firstRejects().isEmpty()) {
                out.println("  " + name + ": first rejected rows (all in load_rejected_row, batch " + r.batchId() + "):");
                for (String x : r.firstRejects()) out.println("    " + x);
            }
        }
    }
}
