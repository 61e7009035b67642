package nl.ivz.warehouse.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the benchmark suite (see README, Performance).")
final class BenchRunCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("The benchmark suite is not built yet.");
        return 1;
    }
}
