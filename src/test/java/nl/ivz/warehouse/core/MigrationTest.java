package nl.ivz.warehouse.core;

import nl.ivz.warehouse.db.DefaultSchema;
import org.flywaydb.core.api.FlywayException;
import org.jooq.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MigrationTest {
    @TempDir
    Path dir;

    static Set<String> tables(Warehouse wh) throws Exception {
        Set<String> t = new TreeSet<>();
        try (Statement st = wh.connection().createStatement();
             ResultSet rs = st.executeQuery("select table_name from duckdb_tables() where schema_name = 'main' and not internal"
                     + " union select view_name from duckdb_views() where schema_name = 'main' and not internal")) {
            while (rs.next()) t.add(rs.getString(1));
        }
        return t;
    }

    @Test
    void migratingAnEmptyFileCreatesEveryTable() throws Exception {
        try (Warehouse wh = Warehouse.open(dir.resolve("w.duckdb"))) {
            assertEquals(MigrationFiles.count(), wh.migrate().migrationsExecuted);
            Set<String> expected = DefaultSchema.DEFAULT_SCHEMA.getTables().stream().map(Table::getName)
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> actual = tables(wh);
            assertTrue(actual.containsAll(expected), "missing: " + expected + " vs " + actual);
            assertTrue(expected.containsAll(Set.of("dim_region", "dim_period", "dim_theme", "dim_measure",
                    "fct_registration", "fct_survey", "fct_plan_priority", "fct_population", "fct_policy_target",
                    "fct_published_figure", "load_batch", "load_rejected_row")));
        }
    }

    @Test
    void migratingTwiceIsANoOp() throws Exception {
        Path file = dir.resolve("w.duckdb");
        try (Warehouse wh = Warehouse.open(file)) {
            wh.migrate();
            wh.connection().createStatement().execute(
                    "insert into dim_theme values ('t', 'Test', 1, 'Veilige woon- en leefomgeving', null)");
        }
        try (Warehouse wh = Warehouse.open(file)) {
            assertEquals(0, wh.migrate().migrationsExecuted);
            assertEquals(MigrationFiles.latest(), wh.flyway().info().current().getVersion().getVersion());
            try (ResultSet rs = wh.connection().createStatement().executeQuery("select count(*) from dim_theme")) {
                rs.next();
                assertEquals(1, rs.getInt(1));
            }
        }
    }

    @Test
    void aBrokenMigrationLeavesSchemaAndDataIntact() throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        for (Path m : MigrationFiles.all()) Files.copy(m, migrations.resolve(m.getFileName()));
        Files.writeString(migrations.resolve("V999__broken.sql"),
                "CREATE TABLE half_done (x INTEGER);\nALTER TABLE dim_theme ADD COLUMN extra INTEGER;\n"
                        + "INSERT INTO dim_theme VALUES ('u', 'U', 1, 'f', null, 1);\nSELECT * FROM no_such_table;\n");
        String location = "filesystem:" + migrations;
        try (Warehouse wh = Warehouse.open(dir.resolve("w.duckdb"))) {
            wh.migrate();
            wh.connection().createStatement().execute(
                    "insert into dim_theme values ('t', 'Test', 1, 'Veilige woon- en leefomgeving', null)");
            FlywayException e = assertThrows(FlywayException.class, () -> wh.flyway(location).migrate());
            assertTrue(e.getMessage().contains("no_such_table"), e.getMessage());
            assertFalse(tables(wh).contains("half_done"));
            try (ResultSet rs = wh.connection().createStatement().executeQuery(
                    "select count(*), min(theme_code) from dim_theme")) {
                rs.next();
                assertEquals(1, rs.getInt(1));
                assertEquals("t", rs.getString(2));
            }
            try (ResultSet rs = wh.connection().createStatement().executeQuery(
                    "select count(*) from duckdb_columns() where table_name = 'dim_theme' and column_name = 'extra'")) {
                rs.next();
                assertEquals(0, rs.getInt(1));
            }
            assertEquals(MigrationFiles.count(), wh.flyway().info().applied().length);
        }
    }

    @Test
    void aFileAlreadyAtV13TakesALowerNumberAddedLater() throws Exception {
        // V6-V9 were handed out after V13 existed: a warehouse migrated without V6 must still take it, not refuse to open
        Path without = Files.createDirectories(dir.resolve("without-v6"));
        for (Path m : MigrationFiles.all()) {
            if (!m.getFileName().toString().startsWith("V6__")) Files.copy(m, without.resolve(m.getFileName()));
        }
        Path file = dir.resolve("w.duckdb");
        try (Warehouse wh = Warehouse.open(file)) {
            wh.flyway("filesystem:" + without).migrate();
            assertFalse(tables(wh).contains("map_survey_definition"));
        }
        try (Warehouse wh = Warehouse.open(file)) {
            assertEquals(1, wh.migrate().migrationsExecuted);
            assertTrue(tables(wh).contains("map_survey_definition"));
            assertEquals(MigrationFiles.count(), wh.flyway().info().applied().length);
        }
    }
}
