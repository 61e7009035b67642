package nl.ivz.warehouse.cli;

import nl.ivz.warehouse.core.Warehouse;
import nl.ivz.warehouse.cubes.Cube;
import nl.ivz.warehouse.cubes.CubeException;
import nl.ivz.warehouse.cubes.Cubes;
import nl.ivz.warehouse.cubes.Dimensions;
import org.jooq.DSLContext;
import org.jooq.conf.ParamType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * What a cube call pays before its query runs: the fingerprint check of the dimensions held in memory, a fresh
 * read of them (once per load), and building each cube's query with its default parameters (parameters resolved,
 * jOOQ tree built) and rendering its SQL. Medians over --runs calls after a warm-up.
 */
@Command(name = "resolve", mixinStandardHelpOptions = true,
        description = "Time parameter resolution per cube (default parameters) on a warehouse: medians in ms")
final class BenchResolveCommand implements Callable<Integer> {
    @Mixin
    WarehouseOption warehouse;

    @Option(names = "--runs", defaultValue = "200", description = "Calls per cube (default: ${DEFAULT-VALUE})")
    int runs;

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    @Override
    public Integer call() throws Exception {
        if (!Files.exists(warehouse.path)) {
            System.err.println("Error: no warehouse at " + warehouse.path + " (run 'ivz demo --no-serve' first)");
            return 1;
        }
        try (Warehouse wh = Warehouse.open(warehouse.path)) {
            DSLContext dsl = wh.dsl();
            Dimensions.forget();
            double read = median(Math.max(3, runs / 20), () -> {
                Dimensions.forget();
                Dimensions.of(dsl);
            });
            double check = median(runs, () -> Dimensions.of(dsl));
            System.out.printf("warehouse %s: %,d areas%n", warehouse.path, Dimensions.of(dsl).areaCount());
            System.out.printf("%-28s %10.3f ms%n", "read the dimensions (a load)", read);
            System.out.printf("%-28s %10.3f ms%n", "version check (per call)", check);
            System.out.printf("%-28s %12s %12s%n", "cube (default parameters)", "resolve+build", "+render SQL");
            for (Cube cube : Cubes.all()) {
                try {
                    cube.query(dsl, Map.of());
                } catch (CubeException e) {
                    System.out.printf("%-28s not applicable: %s%n", cube.name(), e.getMessage());
                    continue;
                }
                double build = median(runs, () -> cube.query(dsl, Map.of()));
                double render = median(runs, () -> cube.query(dsl, Map.of()).getSQL(ParamType.INLINED));
                System.out.printf("%-28s %12.3f %12.3f%n", cube.name(), build, render);
            }
        }
        return 0;
    }

    private static double median(int n, Step step) throws Exception {
        for (int i = 0; i < Math.min(n, 20); i++) step.run();
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            step.run();
            ms.add((System.nanoTime() - t0) / 1e6);
        }
        Collections.sort(ms);
        return ms.get(ms.size() / 2);
    }
}
