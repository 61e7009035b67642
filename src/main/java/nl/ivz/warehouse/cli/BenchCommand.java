package nl.ivz.warehouse.cli;

import nl.ivz.warehouse.bench.Country;
import nl.ivz.warehouse.bench.Generator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "National-scale synthetic data and the benchmark suite (see docs/performance.md).",
        subcommands = {BenchCommand.Generate.class, BenchRunCommand.class, BenchResolveCommand.class})
final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: generate, run or resolve");
    }

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = {"Write a synthetic country in the published layouts: monthly crimes per buurt and yearly per municipality",
                    "(StatLine CSV met labels), population (OData v4), Veiligheidsmonitor (81928NED) and the reference files.",
                    "Scale 1 = the whole country (~14,000 buurten, ~139 M crime rows, ~12 GB); 0.01 and 0.1 for quick runs.",
                    "Municipalities, reorganisations, provinces and units are the real ones of --reference; below the units it is made up."})
    static final class Generate implements Callable<Integer> {
        @Option(names = "--scale", defaultValue = "0.01", description = "Size: 1 = the country (default: ${DEFAULT-VALUE})")
        double scale;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write (created if needed)")
        Path out;

        @Option(names = "--seed", defaultValue = "20131", description = "Random seed; same seed and scale = identical files (default: ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--reference", paramLabel = "DIR", defaultValue = "warehouse/sources/reference",
                description = "Project reference folder: its national geography is the country's, its themes, measures and mappings are copied along (default: ${DEFAULT-VALUE})")
        Path reference;

        @Override
        public Integer call() throws Exception {
            Country c = Country.build(scale, seed, reference);
            System.err.printf("Country at scale %s (seed %d): %d units, %d districts, %d basisteams, %d municipalities (+%d merged away), %d wijken, %d buurten%n",
                    scale, seed, c.units.size(), c.districts.size(), c.basisteams.size(), c.gemeenten.size(),
                    c.predecessors.size(), c.wijken.size(), c.buurten.size());
            Generator.Result r = new Generator(c, out, System.err).generate(reference);
            long totalRows = 0;
            long totalBytes = 0;
            for (Map.Entry<String, Long> e : r.rows().entrySet()) {
                long b = r.bytes().getOrDefault(e.getKey(), 0L);
                System.out.printf("%-48s %,14d rows %,16d bytes%n", e.getKey(), e.getValue(), b);
                totalRows += e.getValue();
                totalBytes += b;
            }
            double s = r.millis() / 1000.0;
            System.out.printf("Wrote %,d rows (%,.1f MB) to %s in %.1f s (%,.0f rows/s)%n", totalRows, totalBytes / 1e6, out, s,
                    totalRows / Math.max(s, 1e-3));
            return 0;
        }
    }
}
