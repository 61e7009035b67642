package nl.ivz.warehouse.cli;

import nl.ivz.warehouse.core.Warehouse;
import nl.ivz.warehouse.lake.IcebergExport;
import nl.ivz.warehouse.lake.TrinoLake;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export the whole warehouse as Apache Iceberg tables (Parquet files written by DuckDB, facts partitioned by "
                + "year and region level) for Spark, Trino and other engines. Exporting again commits a new snapshot per table, "
                + "so readers can time-travel to an earlier load; DIR/" + IcebergExport.MANIFEST + " lists every export with "
                + "its snapshots and load batches.",
                "Example: ivz export --iceberg lake/   then in Trino: CALL iceberg.system.register_table(...) (or --trino-jdbc)"})
final class ExportCommand implements Callable<Integer> {
    @Mixin
    WarehouseOption warehouse;

    @Option(names = "--iceberg", paramLabel = "DIR", required = true,
            description = "Iceberg warehouse folder or Hadoop file system URI (file:, hdfs:, s3a: with its client on the classpath); "
                    + "tables go to DIR/" + IcebergExport.NAMESPACE + "/<table>")
    String dir;

    @Option(names = "--trino-jdbc", paramLabel = "URL",
            description = "After the export, register (again) every table in this Trino's Iceberg catalog, e.g. "
                    + "jdbc:trino://localhost:8080/iceberg/ivz (the catalog needs iceberg.register-table-procedure.enabled=true)")
    String trinoJdbc;

    @Option(names = "--trino-user", paramLabel = "USER", description = "Trino user (default: the OS user)")
    String trinoUser;

    @Override
    public Integer call() throws Exception {
        if (!Files.exists(warehouse.path)) {
            System.err.println("Error: no warehouse at " + warehouse.path + " (run 'ivz demo --no-serve' or 'ivz init' first)");
            return 1;
        }
        long start = System.nanoTime();
        IcebergExport.Result r;
        try (Warehouse wh = Warehouse.open(warehouse.path)) {
            r = new IcebergExport(wh, dir, System.out::println).run();
        }
        System.out.printf("Export %d: %d tables to %s/%s in %.1f s (manifest: %s)%n", r.export(), r.tables().size(), r.location(),
                IcebergExport.NAMESPACE, (System.nanoTime() - start) / 1e9, IcebergExport.MANIFEST);
        if (trinoJdbc != null) {
            String[] cs = catalogAndSchema(trinoJdbc);
            try (Connection c = TrinoLake.connect(trinoJdbc, trinoUser)) {
                List<String> tables = TrinoLake.register(c, cs[0], cs[1], dir);
                System.out.println("Registered " + tables.size() + " tables in Trino as " + cs[0] + "." + cs[1]);
            }
        }
        return 0;
    }

    /** jdbc:trino://host:port/CATALOG/SCHEMA?... -> {catalog, schema}. */
    static String[] catalogAndSchema(String url) {
        String rest = url.replaceFirst("^jdbc:trino://[^/]+/?", "").replaceFirst("\\?.*$", "");
        String[] parts = rest.split("/");
        if (parts.length < 2 || parts[0].isBlank() || parts[1].isBlank()) {
            throw new IllegalArgumentException("--trino-jdbc needs catalog and schema in the URL, e.g. jdbc:trino://localhost:8080/iceberg/ivz; got " + url);
        }
        return new String[]{parts[0], parts[1]};
    }
}
