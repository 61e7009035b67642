package nl.ivz.warehouse.cli;

import nl.ivz.warehouse.core.Warehouse;
import nl.ivz.warehouse.export.ResultFormat;
import nl.ivz.warehouse.export.ResultWriter;
import nl.ivz.warehouse.export.XlsxSources;
import nl.ivz.warehouse.export.XlsxWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.util.concurrent.Callable;

@Command(name = "query", mixinStandardHelpOptions = true,
        description = "Run one SQL statement against the warehouse and print the result.")
final class QueryCommand implements Callable<Integer> {
    @Mixin
    WarehouseOption warehouse;

    @Parameters(index = "0", paramLabel = "SQL", description = "The SQL to run")
    String sql;

    @Option(names = "--format", defaultValue = "table", description = "table, csv, csv-nl, json, ndjson or xlsx (an Excel workbook: redirect it to a file) (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--max-rows", defaultValue = "1000", description = "Rows shown in table format (default: ${DEFAULT-VALUE}); other formats print all")
    long maxRows;

    @Override
    public Integer call() throws Exception {
        ResultFormat f = ResultFormat.parse(format);
        if (!Files.exists(warehouse.path)) {
            System.err.println("Error: no warehouse at " + warehouse.path + " (run 'ivz init' or 'ivz demo' first)");
            return 1;
        }
        try (Warehouse wh = Warehouse.open(warehouse.path);
             org.duckdb.DuckDBPreparedStatement ps = wh.connection().prepareStatement(sql).unwrap(org.duckdb.DuckDBPreparedStatement.class)) {
            long start = System.nanoTime();
            if (((org.duckdb.DuckDBResultSetMetaData) ps.getMetaData()).getReturnType() != org.duckdb.StatementReturnType.QUERY_RESULT) {
                ps.execute();
                System.out.println("OK, " + Math.max(0, ps.getUpdateCount()) + " row(s) affected");
                return 0;
            }
            XlsxWriter.Provenance about = f == ResultFormat.XLSX
                    ? XlsxSources.describe(wh.connection(), sql, "Eigen query", sql, java.util.List.of()) : null;
            // the same chunk reader as the HTTP exports (export.Results)
            try (nl.ivz.warehouse.export.Rows rows = nl.ivz.warehouse.export.Results.open(ps)) {
                new ResultWriter(f, f == ResultFormat.TABLE ? maxRows : Long.MAX_VALUE).provenance(about).write(rows, System.out, start);
                System.out.flush();
            }
        }
        return 0;
    }
}
