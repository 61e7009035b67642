package nl.ivz.warehouse.cli;

import nl.ivz.warehouse.core.Warehouse;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** --warehouse PATH, shared by every command. */
final class WarehouseOption {
    @Option(names = "--warehouse", paramLabel = "PATH", description = "Warehouse file (default: ${DEFAULT-VALUE})",
            defaultValue = "warehouse/ivz.duckdb")
    Path path = Warehouse.DEFAULT_PATH;
}
