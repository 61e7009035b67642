package nl.ivz.warehouse.lake;

import nl.ivz.warehouse.core.Warehouse;
import nl.ivz.warehouse.load.LoadOptions;
import nl.ivz.warehouse.load.Loader;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.hadoop.HadoopCatalog;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Iceberg export with the Iceberg API itself: tables, docs, partitions, snapshots per export, the manifest. */
class IcebergExportTest {
    static final Path REFERENCE = Path.of("warehouse", "sources", "reference");

    @TempDir
    Path dir;

    static long rows(Table t, long snapshotId) throws Exception {
        long n = 0;
        try (CloseableIterable<FileScanTask> tasks = t.newScan().useSnapshot(snapshotId).planFiles()) {
            for (FileScanTask task : tasks) n += task.file().recordCount();
        }
        return n;
    }

    static long count(Warehouse wh, String sql) throws Exception {
        try (Statement st = wh.connection().createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void everyTableIsExportedWithDocsAndASecondExportIsANewSnapshot() throws Exception {
        Path lake = dir.resolve("lake");
        try (Warehouse wh = Warehouse.inMemory()) {
            wh.migrate();
            Loader loader = new Loader(wh, null);
            loader.load(List.of(REFERENCE.resolve("regions.csv"), REFERENCE.resolve("themes.csv")), LoadOptions.defaults());
            IcebergExport.Result first = new IcebergExport(wh, lake.toString(), null).run();
            loader.load(List.of(REFERENCE.resolve("measures.csv"), REFERENCE.resolve("region_memberships.csv")), LoadOptions.defaults());
            IcebergExport.Result second = new IcebergExport(wh, lake.toString(), null).run();

            assertEquals(1, first.export());
            assertEquals(2, second.export());
            long regions = count(wh, "select count(*) from dim_region");
            long measures = count(wh, "select count(*) from dim_measure");
            assertTrue(regions > 30 && measures > 3, regions + " regions, " + measures + " measures");
            assertEquals(regions, second.table("dim_region").rows());
            assertEquals(0, first.table("dim_measure").rows());
            assertEquals(measures, second.table("dim_measure").rows());

            try (HadoopCatalog catalog = new HadoopCatalog(new Configuration(), IcebergExport.qualify(lake.toString()))) {
                Set<String> tables = new TreeSet<>();
                catalog.listTables(org.apache.iceberg.catalog.Namespace.of("ivz")).forEach(id -> tables.add(id.name()));
                assertTrue(tables.containsAll(Set.of("dim_region", "dim_region_parent", "dim_period", "dim_theme", "dim_measure",
                        "fct_registration", "fct_survey", "fct_population", "fct_published_figure", "load_batch", "load_rejected_row")), tables.toString());
                assertFalse(tables.stream().anyMatch(t -> t.startsWith("flyway")));

                Table measure = catalog.loadTable(TableIdentifier.of("ivz", "dim_measure"));
                assertEquals("Dutch label", measure.schema().findField("measure_label").doc());
                assertTrue(measure.properties().get("comment").startsWith("What a fact value measures"));
                // time travel: the first export's snapshot still has no measures, the second has them all
                List<Snapshot> snapshots = (List<Snapshot>) toList(measure.snapshots());
                assertEquals(2, snapshots.size());
                assertEquals(first.table("dim_measure").snapshotId(), snapshots.get(0).snapshotId());
                assertEquals(0, rows(measure, snapshots.get(0).snapshotId()));
                assertEquals(measures, rows(measure, snapshots.get(1).snapshotId()));
                assertEquals("2", snapshots.get(1).summary().get(IcebergExport.SUMMARY_EXPORT));

                Table region = catalog.loadTable(TableIdentifier.of("ivz", "dim_region"));
                assertEquals(regions, rows(region, first.table("dim_region").snapshotId()));
                assertEquals(regions, rows(region, second.table("dim_region").snapshotId()));
            }
            Map<Integer, Map<String, Long>> manifest = IcebergExport.snapshots(lake.toString());
            assertEquals(Set.of(1, 2), manifest.keySet());
            assertEquals(second.table("dim_theme").snapshotId(), manifest.get(2).get("dim_theme"));
            String json = Files.readString(lake.resolve(IcebergExport.MANIFEST));
            assertTrue(json.contains("\"file_name\" : \"measures.csv\""), json);
        }
    }

    @Test
    void factsArePartitionedByYearAndRegionLevelAndKeepTheirBatches() throws Exception {
        try (Warehouse wh = Warehouse.inMemory()) {
            wh.migrate();
            new Loader(wh, null).load(List.of(REFERENCE.resolve("regions.csv"), REFERENCE.resolve("geography_gemeenten.csv")), LoadOptions.defaults());
            try (Statement st = wh.connection().createStatement()) {
                st.execute("insert into dim_period values ('2013JJ00', 2013, null, 'jaar', '2013', 'definitief'),"
                        + " ('2014JJ00', 2014, null, 'jaar', '2014', 'definitief')");
                // Twente district and two of its municipalities, two years; one row for an area not in dim_region
                st.execute("insert into fct_registration values"
                        + " (7, 'GM0153', '2013JJ00', 'woninginbraak', 'geregistreerde_misdrijven', '83648NED', 'Diefstal/inbraak woning', 585),"
                        + " (7, 'GM0153', '2014JJ00', 'woninginbraak', 'geregistreerde_misdrijven', '83648NED', 'Diefstal/inbraak woning', 540),"
                        + " (7, 'GM0164', '2014JJ00', 'woninginbraak', 'geregistreerde_misdrijven', '83648NED', 'Diefstal/inbraak woning', 260),"
                        + " (8, 'PD-TWENTE', '2014JJ00', 'woninginbraak', 'geregistreerde_misdrijven', '83648NED', 'Diefstal/inbraak woning', 1590),"
                        + " (8, 'XX9999', '2015JJ00', 'woninginbraak', 'geregistreerde_misdrijven', '83648NED', 'Diefstal/inbraak woning', 5)");
            }
            // through a Hadoop URI: DuckDB writes to staging, the files are copied with the Hadoop file system
            String uri = dir.resolve("lake").toUri().toString();
            IcebergExport.Result r = new IcebergExport(wh, uri, null).run();
            IcebergExport.TableResult facts = r.table("fct_registration");
            assertEquals(5, facts.rows());
            assertEquals(List.of("period_year", "region_level"), facts.partitionedBy());
            assertEquals(List.of(7L, 8L), facts.batchIds());
            try (HadoopCatalog catalog = new HadoopCatalog(new Configuration(), uri)) {
                Table t = catalog.loadTable(TableIdentifier.of("ivz", "fct_registration"));
                assertEquals("Export only: calendar year of period_code (partition column)", t.schema().findField("period_year").doc());
                Set<String> partitions = new TreeSet<>();
                try (CloseableIterable<FileScanTask> tasks = t.newScan().planFiles()) {
                    for (FileScanTask task : tasks) {
                        DataFile f = task.file();
                        partitions.add(f.partition().get(0, Integer.class) + "/" + f.partition().get(1, String.class) + ":" + f.recordCount());
                        assertTrue(f.location().startsWith(uri.replace("file:///", "file:/")) || f.location().startsWith(uri), f.location());
                    }
                }
                // 2015 is not in dim_period and XX9999 not in dim_region: both partition values are null
                assertEquals(new TreeSet<>(Set.of("2013/gemeente:1", "2014/gemeente:2", "2014/district:1", "null/null:1")), partitions);
                try (CloseableIterable<FileScanTask> tasks = t.newScan()
                        .filter(org.apache.iceberg.expressions.Expressions.equal("region_level", "district")).planFiles()) {
                    long n = 0;
                    for (FileScanTask task : tasks) n += task.file().recordCount();
                    assertEquals(1, n);
                }
                Table pop = catalog.loadTable(TableIdentifier.of("ivz", "fct_population"));
                assertNull(pop.currentSnapshot().summary().get("added-data-files"));
            }
        }
    }

    static <T> List<T> toList(Iterable<T> it) {
        List<T> out = new java.util.ArrayList<>();
        it.forEach(out::add);
        return out;
    }
}
