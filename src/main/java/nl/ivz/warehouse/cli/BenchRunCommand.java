package nl.ivz.warehouse.cli;

import nl.ivz.warehouse.bench.Report;
import nl.ivz.warehouse.bench.Suite;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the benchmark suite: load vs DuckDB read_csv, each cube vs its hand-written SQL, exports vs COPY TO,",
                "the HTTP service vs a bare Javalin endpoint, peak heap and RSS. Generates the data first when needed.",
                "Prints a Markdown table of medians with min and max and the ratio to each reference."})
final class BenchRunCommand implements Callable<Integer> {
    @Option(names = "--scale", split = ",", defaultValue = "0.01", description = "Scale(s), comma-separated (default: ${DEFAULT-VALUE})")
    List<Double> scales;

    @Option(names = "--runs", defaultValue = "3", description = "Runs per figure; median, min and max are reported (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--seed", defaultValue = "20131", description = "Seed of the generated data (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "target/bench",
            description = "Folder for generated data (one subfolder per scale, reused) and scratch files (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--seconds", defaultValue = "5", description = "Duration of each HTTP measurement (default: ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--clients", defaultValue = "4", description = "Parallel HTTP clients (default: ${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--parts", split = ",", defaultValue = "load,cubes,exports,service",
            description = "Parts to run, comma-separated; the load always runs (default: ${DEFAULT-VALUE})")
    java.util.Set<String> parts;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the table (Markdown) to this file")
    Path reportFile;

    @Option(names = "--reference", paramLabel = "DIR", defaultValue = "warehouse/sources/reference",
            description = "Project reference folder: its national geography is the country's; copied into generated data (default: ${DEFAULT-VALUE})")
    Path reference;

    /** The 1, 5 and 15 minute load averages (and running/total tasks) of /proc/loadavg; "unknown" elsewhere. */
    static String loadAverage() {
        try {
            Path p = Path.of("/proc/loadavg");
            return Files.exists(p) ? Files.readString(p).trim() : "unknown";
        } catch (java.io.IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    static String cpuModel() {
        try {
            Path p = Path.of("/proc/cpuinfo");
            if (!Files.exists(p)) return System.getProperty("os.arch");
            return Files.readAllLines(p).stream().filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(System.getProperty("os.arch"));
        } catch (java.io.IOException e) {
            return System.getProperty("os.arch");
        }
    }

    /** The commit of the working directory (short hash, "+changes" when it has uncommitted changes), or "unknown". */
    static String commit() {
        try {
            String head = git("rev-parse", "--short", "HEAD");
            if (head.isEmpty()) return "unknown (no git)";
            return head + (git("status", "--porcelain", "--untracked-files=no").isEmpty() ? "" : " +uncommitted changes");
        } catch (java.io.IOException e) {
            return "unknown (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static String git(String... args) throws java.io.IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        return p.waitFor() == 0 ? out : "";
    }

    @Override
    public Integer call() throws Exception {
        if (runs < 1) throw new IllegalArgumentException("--runs must be at least 1");
        String loadAtStart = loadAverage();
        Instant started = Instant.now();
        Report report = new Report();
        for (double scale : scales) {
            String label = scale == Math.rint(scale) ? Long.toString((long) scale) : Double.toString(scale);
            System.err.println("Scale " + label + ", " + runs + " run(s):");
            Suite.Options o = new Suite.Options(scale, runs, seed, data.resolve("data-" + label + "-" + seed),
                    data.resolve("work"), seconds, clients, Files.isDirectory(reference) ? reference : null, System.err);
            new Suite(o, report).parts(parts).run();
        }
        String header = "Machine: " + cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores, "
                + (Files.exists(Path.of("/proc/meminfo")) ? Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " ") : "")
                + ", Java " + System.getProperty("java.version") + ", max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024)
                + " MB; commit " + commit() + "; started " + started + ", ended " + Instant.now() + "; runs " + runs + ", seed " + seed
                + "; load average at the start " + loadAtStart + ", at the end " + loadAverage();
        System.out.println(header);
        System.out.println();
        report.print(System.out);
        System.out.println();
        System.out.println(report.summary());
        if (reportFile != null) {
            try (PrintStream p = new PrintStream(Files.newOutputStream(reportFile), true, StandardCharsets.UTF_8)) {
                p.println(header);
                p.println();
                report.print(p);
                p.println();
                p.println(report.summary());
            }
        }
        return 0;
    }
}
