package nl.ivz.warehouse.lake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.ivz.warehouse.core.Warehouse;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Metrics;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.OverwriteFiles;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.hadoop.HadoopCatalog;
import org.apache.iceberg.mapping.MappingUtil;
import org.apache.iceberg.mapping.NameMappingParser;
import org.apache.iceberg.parquet.ParquetUtil;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes every warehouse table as an Apache Iceberg table: DuckDB writes the Parquet files (facts partitioned
 * by year and region level), the Iceberg Java API registers those files as they are (no rewrite) in a Hadoop
 * catalog at {@code location}, namespace {@value #NAMESPACE}. Each run commits one new snapshot per table, so
 * earlier exports stay readable by time travel; {@value #MANIFEST} at the root lists every export with its
 * snapshot ids and the load batches it contains.
 */
public final class IcebergExport {
    public static final String NAMESPACE = "ivz";
    public static final String MANIFEST = "ivz-export.json";
    /** Snapshot summary keys, readable from any engine's snapshot metadata. */
    public static final String SUMMARY_EXPORT = "ivz.export";
    public static final String SUMMARY_BATCHES = "ivz.batches";

    private final Warehouse warehouse;
    private final String location;
    /** True for a plain local folder: DuckDB writes straight into the table folders. */
    private final boolean direct;
    private final Configuration conf;
    private final Consumer<String> progress;

    /**
     * @param location a local folder, or any Hadoop file system URI (file:, hdfs:, s3a:, abfs: with the client on the
     *                 classpath); with a scheme, DuckDB writes to a local staging folder and the files are copied over.
     */
    public IcebergExport(Warehouse warehouse, String location, Consumer<String> progress) {
        this.warehouse = warehouse;
        this.direct = !hasScheme(location);
        this.location = qualify(location);
        this.conf = new Configuration();
        this.progress = progress == null ? s -> { } : progress;
    }

    /** What one export wrote per table. */
    public record TableResult(String table, long snapshotId, long rows, int files, long bytes, List<String> partitionedBy,
                              List<Long> batchIds) { }

    /** The whole export: its number (1, 2, ... per location), where it went, and the tables. */
    public record Result(int export, String location, List<TableResult> tables) {
        public TableResult table(String name) {
            return tables.stream().filter(t -> t.table().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("No table " + name + " in export " + export));
        }
    }

    public Result run() throws SQLException, IOException {
        ObjectNode manifest = readManifest();
        ArrayNode history = manifest.withArray("exports");
        int exportNo = history.size() + 1;
        String runDir = "e" + exportNo + "-" + UUID.randomUUID().toString().substring(0, 8);
        Path staging = direct ? null : Files.createTempDirectory("ivz-iceberg-");
        List<TableResult> results = new ArrayList<>();
        try (HadoopCatalog catalog = new HadoopCatalog(conf, location);
             Connection c = warehouse.newConnection()) {
            Namespace ns = Namespace.of(NAMESPACE);
            if (!catalog.namespaceExists(ns)) catalog.createNamespace(ns);
            for (LakeTable t : LakeTable.all(c)) {
                results.add(exportTable(catalog, c, t, exportNo, runDir, staging));
            }
            ObjectNode entry = history.addObject();
            entry.put("export", exportNo);
            entry.put("exported_at", Instant.now().toString());
            entry.put("warehouse", warehouse.file() == null ? ":memory:" : warehouse.file().toAbsolutePath().toString());
            entry.set("batches", batches(c));
            ArrayNode tables = entry.putArray("tables");
            for (TableResult r : results) {
                ObjectNode n = tables.addObject();
                n.put("table", r.table());
                n.put("snapshot_id", r.snapshotId());
                n.put("rows", r.rows());
                n.put("files", r.files());
                n.put("bytes", r.bytes());
                ArrayNode p = n.putArray("partitioned_by");
                r.partitionedBy().forEach(p::add);
                ArrayNode b = n.putArray("batch_ids");
                r.batchIds().forEach(b::add);
            }
            manifest.put("namespace", NAMESPACE);
            manifest.put("location", location);
            writeManifest(manifest);
        } finally {
            if (staging != null) deleteTree(staging);
        }
        return new Result(exportNo, location, results);
    }

    private TableResult exportTable(HadoopCatalog catalog, Connection c, LakeTable t, int exportNo, String runDir, Path staging)
            throws SQLException, IOException {
        long started = System.nanoTime();
        Table table = ensureTable(catalog, t);
        Schema schema = table.schema();
        String dataDir = stripSlash(table.location()) + "/data/" + runDir;
        Path localDir = staging == null ? localPath(dataDir) : staging.resolve(t.name());
        Files.createDirectories(localDir);

        String fieldIds = t.columns().stream()
                .map(col -> "'" + col.name() + "': " + schema.findField(col.name()).fieldId())
                .collect(Collectors.joining(", ", "{", "}"));
        String target = t.partitionColumns().isEmpty() ? localDir.resolve("part-0.parquet").toString() : localDir.toString();
        StringBuilder options = new StringBuilder("FORMAT parquet, FIELD_IDS " + fieldIds);
        if (!t.partitionColumns().isEmpty()) {
            options.append(", PARTITION_BY (").append(String.join(", ", t.partitionColumns()))
                    .append("), WRITE_PARTITION_COLUMNS true, FILENAME_PATTERN 'part-{i}', OVERWRITE_OR_IGNORE true");
        }
        try (Statement st = c.createStatement()) {
            st.execute("COPY (" + t.selectSql() + ") TO '" + target.replace("'", "''") + "' (" + options + ")");
        }

        List<Path> written;
        try (Stream<Path> s = Files.walk(localDir)) {
            written = s.filter(p -> p.toString().endsWith(".parquet")).sorted().collect(Collectors.toList());
        }
        MetricsConfig metricsConfig = MetricsConfig.forTable(table);
        PartitionSpec spec = table.spec();
        List<DataFile> files = new ArrayList<>();
        long rows = 0;
        long bytes = 0;
        FileSystem remote = staging == null ? null : new org.apache.hadoop.fs.Path(dataDir).getFileSystem(conf);
        for (Path p : written) {
            Metrics metrics = ParquetUtil.fileMetrics(org.apache.iceberg.Files.localInput(p.toFile()), metricsConfig);
            if (metrics.recordCount() == 0) {
                Files.delete(p); // DuckDB writes an empty file for an empty unpartitioned table; Iceberg needs none
                continue;
            }
            String relative = localDir.relativize(p).toString().replace('\\', '/');
            String path = dataDir + "/" + relative;
            if (remote != null) {
                remote.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(p.toUri()), new org.apache.hadoop.fs.Path(path));
            }
            DataFiles.Builder b = DataFiles.builder(spec).withPath(path).withFormat(FileFormat.PARQUET)
                    .withFileSizeInBytes(Files.size(p)).withMetrics(metrics);
            if (spec.isPartitioned()) {
                b.withPartition(partition(spec, relative));
            }
            files.add(b.build());
            rows += metrics.recordCount();
            bytes += Files.size(p);
        }

        List<Long> batchIds = t.hasColumn("batch_id") && !t.name().equals("load_batch") ? batchIds(c, t.name()) : List.of();
        OverwriteFiles overwrite = table.newOverwrite().overwriteByRowFilter(Expressions.alwaysTrue());
        files.forEach(overwrite::addFile);
        overwrite.set(SUMMARY_EXPORT, String.valueOf(exportNo));
        overwrite.set(SUMMARY_BATCHES, batchIds.stream().map(String::valueOf).collect(Collectors.joining(",")));
        overwrite.commit();
        table.refresh();
        long snapshot = table.currentSnapshot().snapshotId();
        progress.accept(String.format(Locale.ROOT, "%-22s %,12d rows %5d files %,14d bytes  snapshot %d  (%.1f s)",
                t.name(), rows, files.size(), bytes, snapshot, (System.nanoTime() - started) / 1e9));
        return new TableResult(t.name(), snapshot, rows, files.size(), bytes, t.partitionColumns(), batchIds);
    }

    /** Creates the Iceberg table, or brings an existing one up to date with new columns and comments. */
    private Table ensureTable(HadoopCatalog catalog, LakeTable t) {
        TableIdentifier id = TableIdentifier.of(Namespace.of(NAMESPACE), t.name());
        if (!catalog.tableExists(id)) {
            List<Types.NestedField> fields = new ArrayList<>();
            int n = 1;
            for (LakeTable.Column col : t.columns()) {
                fields.add(Types.NestedField.optional(n++, col.name(), icebergType(t.name(), col), col.comment()));
            }
            Schema schema = new Schema(fields);
            PartitionSpec.Builder spec = PartitionSpec.builderFor(schema);
            t.partitionColumns().forEach(spec::identity);
            Map<String, String> props = new HashMap<>();
            props.put(TableProperties.FORMAT_VERSION, "2");
            props.put(TableProperties.DEFAULT_NAME_MAPPING, NameMappingParser.toJson(MappingUtil.create(schema)));
            if (t.comment() != null) props.put("comment", t.comment());
            return catalog.buildTable(id, schema).withPartitionSpec(spec.build()).withProperties(props).create();
        }
        Table table = catalog.loadTable(id);
        UpdateSchema update = table.updateSchema();
        boolean changed = false;
        for (LakeTable.Column col : t.columns()) {
            Types.NestedField f = table.schema().findField(col.name());
            if (f == null) {
                update.addColumn(col.name(), icebergType(t.name(), col), col.comment());
                changed = true;
            } else if (col.comment() != null && !col.comment().equals(f.doc())) {
                update.updateColumnDoc(col.name(), col.comment());
                changed = true;
            }
        }
        if (changed) {
            update.commit();
            table.refresh();
            table.updateProperties().set(TableProperties.DEFAULT_NAME_MAPPING, NameMappingParser.toJson(MappingUtil.create(table.schema()))).commit();
        }
        if (t.comment() != null && !t.comment().equals(table.properties().get("comment"))) {
            table.updateProperties().set("comment", t.comment()).commit();
        }
        return table;
    }

    static Type icebergType(String table, LakeTable.Column col) {
        String ty = col.duckdbType().toUpperCase(Locale.ROOT);
        switch (ty) {
            case "VARCHAR": return Types.StringType.get();
            case "INTEGER": case "SMALLINT": case "TINYINT": return Types.IntegerType.get();
            case "BIGINT": return Types.LongType.get();
            case "DOUBLE": return Types.DoubleType.get();
            case "FLOAT": return Types.FloatType.get();
            case "BOOLEAN": return Types.BooleanType.get();
            case "DATE": return Types.DateType.get();
            case "TIMESTAMP": return Types.TimestampType.withoutZone();
            case "TIMESTAMP WITH TIME ZONE": return Types.TimestampType.withZone();
            default:
                if (ty.startsWith("DECIMAL(")) {
                    String[] ps = ty.substring(8, ty.length() - 1).split(",");
                    return Types.DecimalType.of(Integer.parseInt(ps[0].trim()), Integer.parseInt(ps[1].trim()));
                }
                throw new IllegalStateException("Column " + table + "." + col.name() + " has type " + col.duckdbType()
                        + ", which the Iceberg export does not map; use VARCHAR, INTEGER, BIGINT, DOUBLE, BOOLEAN, DATE, TIMESTAMP or DECIMAL");
        }
    }

    /** Partition values from DuckDB's Hive-style folder names (key=value/...; its null marker is a null value). */
    static StructLike partition(PartitionSpec spec, String relativeFile) {
        Map<String, String> raw = new HashMap<>();
        String[] parts = relativeFile.split("/");
        for (int k = 0; k < parts.length - 1; k++) {
            int eq = parts[k].indexOf('=');
            if (eq > 0) raw.put(parts[k].substring(0, eq), URLDecoder.decode(parts[k].substring(eq + 1), StandardCharsets.UTF_8));
        }
        Types.StructType type = spec.partitionType();
        Object[] values = new Object[type.fields().size()];
        for (int k = 0; k < values.length; k++) {
            Types.NestedField f = type.fields().get(k);
            String v = raw.get(f.name());
            if (v == null && !raw.containsKey(f.name())) {
                throw new IllegalStateException("Partition folder for " + f.name() + " missing in " + relativeFile);
            }
            values[k] = v == null || v.equals("__HIVE_DEFAULT_PARTITION__") ? null : Conversions.fromPartitionString(f.type(), v);
        }
        return new StructLike() {
            @Override public int size() { return values.length; }
            @Override public <T> T get(int pos, Class<T> javaClass) { return javaClass.cast(values[pos]); }
            @Override public <T> void set(int pos, T value) { values[pos] = value; }
        };
    }

    private static List<Long> batchIds(Connection c, String table) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT DISTINCT batch_id FROM main." + LakeTable.quote(table)
                     + " WHERE batch_id IS NOT NULL ORDER BY batch_id")) {
            while (rs.next()) ids.add(rs.getLong(1));
        }
        return ids;
    }

    private static ArrayNode batches(Connection c) throws SQLException {
        ArrayNode out = new ObjectMapper().createArrayNode();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT batch_id, file_name, file_sha256, layout, source_table, release_label, status, "
                     + "rows_loaded, CAST(finished_at AS VARCHAR) FROM main.load_batch ORDER BY batch_id")) {
            while (rs.next()) {
                ObjectNode n = out.addObject();
                n.put("batch_id", rs.getLong(1));
                n.put("file_name", rs.getString(2));
                n.put("file_sha256", rs.getString(3));
                n.put("layout", rs.getString(4));
                n.put("source_table", rs.getString(5));
                n.put("release_label", rs.getString(6));
                n.put("status", rs.getString(7));
                n.put("rows_loaded", rs.getLong(8));
                n.put("finished_at", rs.getString(9));
            }
        }
        return out;
    }

    private ObjectNode readManifest() throws IOException {
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(location, MANIFEST);
        FileSystem fs = p.getFileSystem(conf);
        if (!fs.exists(p)) return new ObjectMapper().createObjectNode();
        try (FSDataInputStream in = fs.open(p)) {
            return (ObjectNode) new ObjectMapper().readTree(in);
        }
    }

    private void writeManifest(ObjectNode manifest) throws IOException {
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(location, MANIFEST);
        FileSystem fs = p.getFileSystem(conf);
        try (FSDataOutputStream out = fs.create(p, true)) {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue((java.io.OutputStream) out, manifest);
        }
    }

    /** The previous manifest entries (oldest first), for tools and tests: export number -> table -> snapshot id. */
    public static Map<Integer, Map<String, Long>> snapshots(String location) throws IOException {
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(qualify(location), MANIFEST);
        FileSystem fs = p.getFileSystem(new Configuration());
        Map<Integer, Map<String, Long>> out = new LinkedHashMap<>();
        if (!fs.exists(p)) return out;
        try (FSDataInputStream in = fs.open(p)) {
            new ObjectMapper().readTree(in).path("exports").forEach(e -> {
                Map<String, Long> m = new LinkedHashMap<>();
                e.path("tables").forEach(t -> m.put(t.path("table").asText(), t.path("snapshot_id").asLong()));
                out.put(e.path("export").asInt(), m);
            });
        }
        return out;
    }

    private static Path localPath(String location) {
        URI u = new org.apache.hadoop.fs.Path(location).toUri();
        return Path.of(u.getPath());
    }

    /** A plain folder becomes a file: URI (engines such as Trino need a scheme in every path); URIs stay as given. */
    public static String qualify(String location) {
        return hasScheme(location) ? stripSlash(location) : "file:" + Path.of(location).toAbsolutePath().normalize();
    }

    static boolean hasScheme(String location) {
        return location.matches("^[A-Za-z][A-Za-z0-9+.-]*:/.*") && !location.matches("^[A-Za-z]:[/\\\\].*");
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // staging is temporary; a leftover folder in java.io.tmpdir is harmless
        }
    }
}
