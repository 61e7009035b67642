package nl.ivz.warehouse.lake.spark;

import nl.ivz.warehouse.cubes.Cube;
import nl.ivz.warehouse.cubes.CubeRun;
import nl.ivz.warehouse.lake.Engine;
import nl.ivz.warehouse.lake.IcebergExport;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jooq.tools.jdbc.MockConnection;
import org.jooq.tools.jdbc.MockResult;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cubes on Apache Spark, reading the Iceberg export. Spark has no JDBC driver in-process, so the cube's jOOQ
 * DSLContext gets a jOOQ {@link MockConnection} that hands each rendered statement (Spark-compatible SQL, bind
 * values inlined) to {@code spark.sql} and turns the rows back into a jOOQ result: the cube code, including its
 * parameter look-ups on the dimensions, runs unchanged.
 * <p>
 * Spark is not inside the ivz jar: run this class with {@code spark-submit} (see the README), or in tests.
 */
public final class SparkLake implements AutoCloseable {
    public static final String CATALOG = "ivz";

    private final SparkSession spark;
    private final boolean owned;

    public SparkLake(SparkSession spark, boolean owned) {
        this.spark = spark;
        this.owned = owned;
    }

    /**
     * A session whose default catalog is the export at {@code lake} (a Hadoop catalog), namespace "ivz", so the
     * cubes' unqualified table names resolve. {@code master} null = take it from spark-submit.
     */
    public static SparkSession.Builder builder(String master, String lake) {
        SparkSession.Builder b = SparkSession.builder().appName("ivz-warehouse cubes")
                .config("spark.sql.extensions", "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions")
                .config("spark.sql.catalog." + CATALOG, "org.apache.iceberg.spark.SparkCatalog")
                .config("spark.sql.catalog." + CATALOG + ".type", "hadoop")
                .config("spark.sql.catalog." + CATALOG + ".warehouse", IcebergExport.qualify(lake))
                .config("spark.sql.catalog." + CATALOG + ".default-namespace", IcebergExport.NAMESPACE)
                .config("spark.sql.defaultCatalog", CATALOG)
                .config("spark.sql.session.timeZone", "UTC");
        if (master != null) {
            b = b.master(master);
        }
        return b;
    }

    /** Local mode for tests and one-machine comparisons: small shuffles, no web UI. */
    public static SparkLake local(String lake, int threads) {
        SparkSession s = builder("local[" + threads + "]", lake)
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", String.valueOf(Math.max(2, threads * 2)))
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.driver.host", "127.0.0.1")
                .getOrCreate();
        s.sparkContext().setLogLevel("WARN");
        s.sql("USE " + CATALOG + "." + IcebergExport.NAMESPACE);
        return new SparkLake(s, true);
    }

    /** Switches this session to another export (registered as its own catalog), so unqualified names read from it. */
    public void use(String catalog, String lake) {
        String prefix = "spark.sql.catalog." + catalog;
        spark.conf().set(prefix, "org.apache.iceberg.spark.SparkCatalog");
        spark.conf().set(prefix + ".type", "hadoop");
        spark.conf().set(prefix + ".warehouse", IcebergExport.qualify(lake));
        spark.sql("USE " + catalog + "." + IcebergExport.NAMESPACE);
    }

    public SparkSession session() {
        return spark;
    }

    /** A jOOQ context whose queries run on this Spark session. */
    public DSLContext dsl() {
        return DSL.using(new MockConnection(ctx -> new MockResult[]{new MockResult(0, fetch(ctx.sql()))}),
                Engine.SPARK.dialect(), Engine.SPARK.settings());
    }

    /** Runs a cube with the given parameters on Spark. */
    public Result<? extends Record> run(Cube cube, Map<String, String> params) throws Exception {
        return CubeRun.prepare(dsl(), cube, params, null).query().fetch();
    }

    /** Runs SQL on Spark and returns the rows as a jOOQ result (types from the Spark schema). */
    public Result<Record> fetch(String sql) {
        if (sql.contains(" in ()")) {
            // jOOQ's standard rendering keeps an empty IN list; Spark cannot parse it. Build the condition with
            // DSL.falseCondition() when the list is empty.
            throw new IllegalArgumentException("Empty IN list in SQL for Spark: " + sql);
        }
        Dataset<Row> ds = spark.sql(sql);
        StructField[] sf = ds.schema().fields();
        Field<?>[] fields = new Field<?>[sf.length];
        for (int k = 0; k < sf.length; k++) {
            fields[k] = DSL.field(DSL.name(sf[k].name()), jooqType(sf[k].dataType()));
        }
        DSLContext create = DSL.using(SQLDialect.DEFAULT);
        Result<Record> out = create.newResult(fields);
        List<Row> rows = ds.collectAsList();
        for (Row row : rows) {
            Record r = create.newRecord(fields);
            for (int k = 0; k < fields.length; k++) {
                @SuppressWarnings("unchecked")
                Field<Object> f = (Field<Object>) fields[k];
                r.set(f, row.isNullAt(k) ? null : f.getDataType().convert(row.get(k)));
            }
            r.changed(false);
            out.add(r);
        }
        return out;
    }

    static DataType<?> jooqType(org.apache.spark.sql.types.DataType t) {
        if (t.equals(DataTypes.StringType)) return SQLDataType.VARCHAR;
        if (t.equals(DataTypes.IntegerType)) return SQLDataType.INTEGER;
        if (t.equals(DataTypes.LongType)) return SQLDataType.BIGINT;
        if (t.equals(DataTypes.ShortType)) return SQLDataType.SMALLINT;
        if (t.equals(DataTypes.ByteType)) return SQLDataType.TINYINT;
        if (t.equals(DataTypes.DoubleType)) return SQLDataType.DOUBLE;
        if (t.equals(DataTypes.FloatType)) return SQLDataType.REAL;
        if (t.equals(DataTypes.BooleanType)) return SQLDataType.BOOLEAN;
        if (t.equals(DataTypes.DateType)) return SQLDataType.DATE;
        if (t.equals(DataTypes.TimestampType) || t.equals(DataTypes.TimestampNTZType)) return SQLDataType.TIMESTAMP;
        if (t instanceof DecimalType d) return SQLDataType.DECIMAL(d.precision(), d.scale());
        return SQLDataType.OTHER;
    }

    @Override
    public void close() {
        if (owned) spark.stop();
    }

    /**
     * {@code spark-submit --class nl.ivz.warehouse.lake.spark.SparkLake --packages
     * org.apache.iceberg:iceberg-spark-runtime-4.1_2.13:1.12.0 ivz-warehouse.jar LAKE CUBE [key=value ...]}:
     * runs one cube on the cluster reading the Iceberg export at LAKE and prints the result as CSV.
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("Usage: SparkLake LAKE CUBE [key=value ...]   (LAKE: the folder or URI given to ivz export --iceberg)");
            System.exit(2);
        }
        List<Cube> cubes = java.util.ServiceLoader.load(Cube.class).stream().map(java.util.ServiceLoader.Provider::get).toList();
        Cube cube = cubes.stream().filter(c -> c.name().equalsIgnoreCase(args[1])).findFirst().orElseThrow(() ->
                new IllegalArgumentException("Unknown cube '" + args[1] + "'; cubes: " + cubes.stream().map(Cube::name).toList()));
        Map<String, String> params = new LinkedHashMap<>();
        for (int k = 2; k < args.length; k++) {
            int eq = args[k].indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("Parameter '" + args[k] + "' is not key=value");
            params.put(args[k].substring(0, eq), args[k].substring(eq + 1));
        }
        SparkSession s = builder(null, args[0]).getOrCreate();
        s.sql("USE " + CATALOG + "." + IcebergExport.NAMESPACE);
        try (SparkLake lake = new SparkLake(s, true)) {
            System.out.print(lake.run(cube, params).formatCSV());
        }
    }
}
