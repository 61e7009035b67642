package nl.ivz.warehouse.core;

import nl.ivz.warehouse.db.DefaultSchema;
import org.jooq.Field;
import org.jooq.Table;
import org.junit.jupiter.api.Test;

import java.sql.ResultSet;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The jOOQ classes (generated from migrations/ by jOOQ's parser) must match what DuckDB builds from the same files. */
class SchemaDriftTest {
    private static final Map<String, String> FAMILY = Map.of(
            "VARCHAR", "text", "BIGINT", "int", "INTEGER", "int", "DOUBLE", "float", "BOOLEAN", "bool",
            "TIMESTAMP", "time", "DATE", "date");

    static String family(String type) {
        String t = type.toUpperCase().replaceAll("\\(.*", "");
        if (t.equals("CHARACTER VARYING")) t = "VARCHAR";
        if (t.equals("DOUBLE PRECISION")) t = "DOUBLE";
        if (t.startsWith("TIMESTAMP")) t = "TIMESTAMP";
        return FAMILY.getOrDefault(t, t);
    }

    @Test
    void generatedClassesMatchTheMigratedDatabase() throws Exception {
        Map<String, String> generated = new TreeMap<>();
        for (Table<?> t : DefaultSchema.DEFAULT_SCHEMA.getTables()) {
            for (Field<?> f : t.fields()) {
                generated.put(t.getName() + "." + f.getName(),
                        family(f.getDataType().getTypeName()) + (f.getDataType().nullable() ? " null" : " not null"));
            }
        }
        Map<String, String> actual = new TreeMap<>();
        try (Warehouse wh = Warehouse.inMemory()) {
            wh.migrate();
            try (ResultSet rs = wh.connection().createStatement().executeQuery(
                    "select table_name, column_name, data_type, is_nullable from duckdb_columns() "
                            + "where schema_name = 'main' and not internal and table_name <> 'flyway_schema_history'")) {
                while (rs.next()) {
                    actual.put(rs.getString(1) + "." + rs.getString(2),
                            family(rs.getString(3)) + (rs.getBoolean(4) ? " null" : " not null"));
                }
            }
        }
        assertEquals(actual, generated);
    }
}
