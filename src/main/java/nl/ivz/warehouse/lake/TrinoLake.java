package nl.ivz.warehouse.lake;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Makes an Iceberg export visible in a Trino Iceberg catalog: each table is registered (Trino's
 * {@code system.register_table}) at its newest metadata file; tables registered before are registered again, so
 * Trino follows a new export. Needs {@code iceberg.register-table-procedure.enabled=true} in the catalog.
 */
public final class TrinoLake {
    private TrinoLake() { }

    /** A JDBC connection to Trino; the URL should name catalog and schema (jdbc:trino://host:8080/iceberg/ivz). */
    public static Connection connect(String jdbcUrl, String user) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user == null || user.isBlank() ? System.getProperty("user.name", "ivz") : user);
        // Trino inlines every reference to a WITH query: the one-statement benchmark cube plans to about 250 stages,
        // over Trino's default limit of 150
        p.setProperty("sessionProperties", "query_max_stage_count:1000");
        return java.sql.DriverManager.getConnection(jdbcUrl, p);
    }

    /** Registers every table of the export at {@code lake} in {@code catalog.schema}; returns the table names. */
    public static List<String> register(Connection trino, String catalog, String schema, String lake) throws SQLException, IOException {
        String root = IcebergExport.qualify(lake) + "/" + IcebergExport.NAMESPACE;
        Path rootPath = new Path(root);
        FileSystem fs = rootPath.getFileSystem(new Configuration());
        List<String> tables = new ArrayList<>();
        try (Statement st = trino.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS " + catalog + "." + schema);
            for (FileStatus f : fs.listStatus(rootPath)) {
                Path hint = new Path(f.getPath(), "metadata/version-hint.text");
                if (!f.isDirectory() || !fs.exists(hint)) continue;
                String table = f.getPath().getName();
                String version;
                try (FSDataInputStream in = fs.open(hint)) {
                    version = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
                }
                try {
                    st.execute("CALL " + catalog + ".system.unregister_table(schema_name => '" + schema + "', table_name => '" + table + "')");
                } catch (SQLException notRegistered) {
                    // first registration
                }
                st.execute("CALL " + catalog + ".system.register_table(schema_name => '" + schema + "', table_name => '" + table
                        + "', table_location => '" + root + "/" + table + "', metadata_file_name => 'v" + version + ".metadata.json')");
                tables.add(table);
            }
        }
        tables.sort(String::compareTo);
        return tables;
    }
}
