package nl.ivz.warehouse.cli;

import nl.ivz.warehouse.core.Warehouse;
import nl.ivz.warehouse.cubes.Cube;
import nl.ivz.warehouse.cubes.CubeException;
import nl.ivz.warehouse.cubes.CubeParam;
import nl.ivz.warehouse.cubes.Cubes;
import nl.ivz.warehouse.export.ResultFormat;
import nl.ivz.warehouse.export.ResultWriter;
import nl.ivz.warehouse.export.XlsxSources;
import nl.ivz.warehouse.export.XlsxWriter;
import nl.ivz.warehouse.lake.Engine;
import nl.ivz.warehouse.lake.TrinoLake;
import org.jooq.DSLContext;
import org.jooq.conf.ParamType;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

@Command(name = "cube", mixinStandardHelpOptions = true,
        description = "Run an analysis cube: ivz cube NAME --param key=value ... [--format table|csv|csv-nl|json|ndjson|xlsx]",
        footerHeading = "%nCubes and their parameters (default in brackets):%n")
final class CubeCommand implements Callable<Integer> {
    @Mixin
    WarehouseOption warehouse;

    @Parameters(index = "0", paramLabel = "NAME", description = "Cube name (see the list below)")
    String name;

    @Option(names = {"-p", "--param"}, paramLabel = "KEY=VALUE", description = "Cube parameter, repeatable")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--format", defaultValue = "table", description = "table, csv, csv-nl, json, ndjson or xlsx (an Excel workbook: redirect it to a file) (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--columns", paramLabel = "A,B,...", split = ",", description = "Only these result columns, in this order")
    java.util.List<String> columns;

    @Option(names = "--sql", description = "Print the SQL the cube runs instead of running it")
    boolean showSql;

    @Option(names = "--engine", defaultValue = "duckdb", paramLabel = "ENGINE",
            description = "duckdb (the warehouse file, default), trino (a Trino reading 'ivz export --iceberg' tables; give --jdbc) "
                    + "or spark (prints the spark-submit command)")
    String engine;

    @Option(names = "--jdbc", paramLabel = "URL",
            description = "Trino JDBC URL with the catalog and schema of the exported tables, e.g. jdbc:trino://localhost:8080/iceberg/ivz")
    String jdbc;

    @Option(names = "--user", paramLabel = "USER", description = "Trino user (default: the OS user)")
    String user;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The cube list for --help. */
    static String catalogue() {
        StringBuilder sb = new StringBuilder();
        for (Cube c : Cubes.all()) {
            sb.append("  ").append(c.name()).append(": ").append(c.description()).append('\n');
            for (CubeParam p : c.params()) {
                sb.append("      ").append(p.name()).append(" [").append(p.defaultValue() == null ? "" : p.defaultValue()).append("] ")
                        .append(p.description()).append('\n');
            }
        }
        // picocli treats the footer as a format string
        return sb.toString().replace("%", "%%").replace("\n", "%n");
    }

    static final String SPARK_PACKAGE = "org.apache.iceberg:iceberg-spark-runtime-4.1_2.13:1.12.0";

    /** Runs the cube on another engine (its lookups too) and prints the result. */
    int run(Cube cube, DSLContext ctx, Connection c, ResultFormat f) throws Exception {
        String sql;
        try {
            sql = cube.query(ctx, params).getSQL(ParamType.INLINED);
        } catch (CubeException ex) {
            System.err.println("Error: " + ex.getMessage());
            return 2;
        }
        if (showSql) {
            System.out.println(sql);
            return 0;
        }
        long start = System.nanoTime();
        nl.ivz.warehouse.export.Results.write(c, sql, new ResultWriter(f, Long.MAX_VALUE), System.out, start);
        warnIncomplete(c, cube, sql);
        return 0;
    }

    /** An answer over an incomplete set of areas says so on stderr, after the rows (the rows carry it in coverage_note). */
    static void warnIncomplete(Connection c, Cube cube, String cubeSql) throws java.sql.SQLException {
        for (String note : Cubes.coverageNotes(c, cube, cubeSql)) System.err.println("Let op: " + note);
    }

    @Override
    public Integer call() throws Exception {
        Cube cube = Cubes.byName(name).orElse(null);
        if (cube == null) {
            System.err.println("Error: unknown cube '" + name + "'; cubes: " + Cubes.all().stream().map(Cube::name).collect(Collectors.joining(", ")));
            return 2;
        }
        ResultFormat f;
        try {
            f = ResultFormat.parse(format);
        } catch (IllegalArgumentException e) {
            System.err.println("Error: " + e.getMessage());
            return 2;
        }
        Engine eng;
        try {
            eng = Engine.parse(engine);
        } catch (IllegalArgumentException ex) {
            System.err.println("Error: " + ex.getMessage());
            return 2;
        }
        if (eng == Engine.SPARK) {
            System.err.println("Spark is not inside the ivz jar. Export the warehouse (ivz export --iceberg LAKE) and run on your cluster:\n"
                    + "  spark-submit --class nl.ivz.warehouse.lake.spark.SparkLake --packages " + SPARK_PACKAGE
                    + " ivz-warehouse.jar LAKE " + name + params.entrySet().stream().map(p -> " " + p.getKey() + "=" + p.getValue())
                    .collect(Collectors.joining()));
            return 2;
        }
        if (eng == Engine.TRINO) {
            if (jdbc == null) {
                System.err.println("Error: --engine trino needs --jdbc URL, e.g. jdbc:trino://localhost:8080/iceberg/ivz");
                return 2;
            }
            try (Connection c = TrinoLake.connect(jdbc, user)) {
                return run(cube, eng.dsl(c), c, f);
            }
        }
        if (!Files.exists(warehouse.path)) {
            System.err.println("Error: no warehouse at " + warehouse.path + " (run 'ivz demo --no-serve' or 'ivz init' first)");
            return 1;
        }
        try (Warehouse wh = Warehouse.open(warehouse.path)) {
            String sql;
            try {
                sql = cube.query(wh.dsl(), params).getSQL(ParamType.INLINED);
            } catch (CubeException e) {
                System.err.println("Error: " + e.getMessage());
                return 2;
            }
            String cubeSql = sql;
            if (columns != null && !columns.isEmpty()) {
                java.util.List<String> known = cube.columns().stream().map(c -> c.name()).collect(Collectors.toList());
                for (String c : columns) {
                    if (!known.contains(c)) {
                        System.err.println("Error: cube " + cube.name() + " has no column '" + c + "'; columns: " + String.join(", ", known));
                        return 2;
                    }
                }
                // DuckDB keeps the subquery's row order for a plain projection
                sql = "SELECT " + String.join(", ", columns) + " FROM (" + sql + ") cube_result";
            }
            if (showSql) {
                System.out.println(sql);
                return 0;
            }
            long start = System.nanoTime();
            XlsxWriter.Provenance about = null;
            if (f == ResultFormat.XLSX) {
                StringBuilder q = new StringBuilder("ivz cube " + cube.name());
                params.forEach((k, v) -> q.append(" -p ").append(k).append('=').append(v));
                about = XlsxSources.describe(wh.connection(), sql, cube.description(), q.toString(), cube.columns().stream()
                        .map(c -> new XlsxWriter.ColumnNote(c.name(), c.unit(), c.description(), c.decimals())).toList());
            }
            nl.ivz.warehouse.export.Results.write(wh.connection(), sql, new ResultWriter(f, Long.MAX_VALUE).provenance(about), System.out, start);
            System.out.flush();
            warnIncomplete(wh.connection(), cube, cubeSql);
        }
        return 0;
    }
}
