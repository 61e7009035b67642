package nl.ivz.warehouse.cli;

import nl.ivz.warehouse.core.Warehouse;
import nl.ivz.warehouse.cubes.Cube;
import nl.ivz.warehouse.cubes.CubeException;
import nl.ivz.warehouse.cubes.CubeParam;
import nl.ivz.warehouse.cubes.CubeRun;
import nl.ivz.warehouse.cubes.Cubes;
import nl.ivz.warehouse.export.ResultFormat;
import nl.ivz.warehouse.export.ResultWriter;
import nl.ivz.warehouse.export.Results;
import nl.ivz.warehouse.export.XlsxSources;
import nl.ivz.warehouse.export.XlsxWriter;
import nl.ivz.warehouse.lake.Engine;
import nl.ivz.warehouse.lake.TrinoLake;
import org.jooq.DSLContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
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
    List<String> columns;

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

    @Override
    public Integer call() throws Exception {
        ResultFormat f;
        Engine eng;
        Cube cube;
        try {
            cube = CubeRun.find(Cubes.all(), name);
            f = ResultFormat.parse(format);
            eng = Engine.parse(engine);
        } catch (CubeException | IllegalArgumentException e) {
            System.err.println("Error: " + e.getMessage());
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
            return run(cube, wh.dsl(), wh.connection(), f);
        }
    }

    /** Runs the cube on the engine {@code c} belongs to (its look-ups too) and prints the result. */
    int run(Cube cube, DSLContext ctx, Connection c, ResultFormat f) throws Exception {
        CubeRun run;
        try {
            run = CubeRun.prepare(ctx, cube, params, columns);
        } catch (CubeException e) {
            System.err.println("Error: " + e.getMessage());
            return 2;
        }
        if (showSql) {
            System.out.println(run.sql());
            return 0;
        }
        long start = System.nanoTime();
        XlsxWriter.Provenance about = null;
        if (f == ResultFormat.XLSX && ctx.dialect() == org.jooq.SQLDialect.DUCKDB) {
            about = XlsxSources.describe(c, run.sql(), cube.description(), run.question("ivz cube ", " -p "), cube.columns().stream()
                    .map(x -> new XlsxWriter.ColumnNote(x.name(), x.unit(), x.description(), x.decimals())).toList());
        }
        ResultWriter writer = new ResultWriter(f, Long.MAX_VALUE).provenance(about);
        if (ctx.dialect() == org.jooq.SQLDialect.DUCKDB) {
            Results.write(c, run.sql(), writer, System.out, start);
        } else {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(run.sql())) {
                writer.write(rs, System.out, start);
            }
        }
        System.out.flush();
        // an answer over an incomplete set of areas says so on stderr, after the rows (the rows carry it in coverage_note)
        for (String note : run.coverageNotes(c)) System.err.println("Let op: " + note);
        return 0;
    }
}
