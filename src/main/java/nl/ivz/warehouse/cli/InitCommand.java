package nl.ivz.warehouse.cli;

import nl.ivz.warehouse.core.Warehouse;
import org.flywaydb.core.api.output.MigrateResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Create a warehouse file or migrate it to the newest schema (migrations/).")
final class InitCommand implements Callable<Integer> {
    @Mixin
    WarehouseOption warehouse;

    @Override
    public Integer call() throws Exception {
        try (Warehouse wh = Warehouse.open(warehouse.path)) {
            MigrateResult r = wh.migrate();
            String version = wh.flyway().info().current() == null ? "none" : wh.flyway().info().current().getVersion().getVersion();
            System.out.printf("Warehouse %s: %d migration(s) applied, schema version %s%n",
                    warehouse.path, r.migrationsExecuted, version);
        }
        return 0;
    }
}
