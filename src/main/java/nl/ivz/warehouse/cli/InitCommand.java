package nl.ivz.warehouse.cli;

import nl.ivz.warehouse.core.StorageFormat;
import nl.ivz.warehouse.core.Warehouse;
import org.flywaydb.core.api.output.MigrateResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.util.Properties;
import java.util.concurrent.Callable;

@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Create a warehouse file or migrate it to the newest schema (migrations/). New files are written in "
                + "DuckDB storage format " + Warehouse.STORAGE_VERSION + ", which DuckDB 1.4.0 and newer clients open (docs/clients.md).")
final class InitCommand implements Callable<Integer> {
    @Mixin
    WarehouseOption warehouse;

    @Option(names = "--storage-version", paramLabel = "VERSION", defaultValue = Warehouse.STORAGE_VERSION,
            description = "DuckDB storage format for a new file or a rewrite, e.g. v1.4.0, v1.5.0, latest (default: ${DEFAULT-VALUE})")
    String storageVersion;

    @Option(names = "--rewrite-storage", description = "Rewrite an existing file in the --storage-version format first"
            + " (all tables, views, comments and sequences are copied; the file is replaced only if every row count matches)")
    boolean rewrite;

    @Override
    public Integer call() throws Exception {
        boolean existed = Files.exists(warehouse.path);
        if (rewrite) {
            if (!existed) {
                System.err.println("Error: --rewrite-storage needs an existing warehouse; " + warehouse.path + " does not exist");
                return 1;
            }
            long start = System.nanoTime();
            StorageFormat.Rewrite r = StorageFormat.rewrite(warehouse.path, storageVersion);
            System.out.printf("Rewrote %s from storage %s to %s: %d tables, %,d rows copied in %.1f s%n",
                    warehouse.path, r.from(), r.to(), r.tables(), r.rows(), (System.nanoTime() - start) / 1e9);
        }
        try (Warehouse wh = Warehouse.open(warehouse.path, existed ? new Properties() : StorageFormat.config(storageVersion))) {
            MigrateResult r = wh.migrate();
            String version = wh.flyway().info().current() == null ? "none" : wh.flyway().info().current().getVersion().getVersion();
            String storage = wh.storageVersion();
            System.out.printf("Warehouse %s: %d migration(s) applied, schema version %s, DuckDB storage %s (%s)%n",
                    warehouse.path, r.migrationsExecuted, version, storage, StorageFormat.readers(storage));
            if (existed && !rewrite && StorageFormat.newerThan(storage, storageVersion)) {
                System.err.printf("Note: %s keeps the storage format it was written in, %s; DuckDB clients before %s"
                                + " (Python, Node, R, CLI or DBeaver 1.x) cannot open it. To rewrite it as %s: ivz init --rewrite-storage --warehouse %s%n",
                        warehouse.path, storage, storage.replaceAll("\\+$", ""), storageVersion, warehouse.path);
            }
        }
        return 0;
    }
}
