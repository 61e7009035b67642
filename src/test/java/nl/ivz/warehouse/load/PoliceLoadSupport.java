package nl.ivz.warehouse.load;

import nl.ivz.warehouse.core.Warehouse;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Shared helpers for the police/population loader tests: a migrated in-memory warehouse with the reference data. */
final class PoliceLoadSupport {
    static final Path SOURCES = Path.of("warehouse", "sources");
    static final Path REFERENCE = SOURCES.resolve("reference");
    static final Path POLITIE = SOURCES.resolve("politie");
    static final Path CBS = SOURCES.resolve("cbs");
    static final Path FILE_83648 = POLITIE.resolve("83648NED_statline_export_labels_2013-2017.csv");

    private PoliceLoadSupport() { }

    static Warehouse warehouseWithReference() throws Exception {
        Warehouse wh = Warehouse.inMemory();
        wh.migrate();
        new Loader(wh, null).load(List.of(REFERENCE), LoadOptions.defaults());
        return wh;
    }

    static List<FileResult> load(Warehouse wh, Path... files) throws LoadException {
        return new Loader(wh, null).load(List.of(files), LoadOptions.defaults());
    }

    static double number(Warehouse wh, String sql) throws SQLException {
        try (Statement st = wh.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            if (!rs.next()) throw new AssertionError("no row for " + sql);
            return rs.getDouble(1);
        }
    }

    static String text(Warehouse wh, String sql) throws SQLException {
        try (Statement st = wh.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            if (!rs.next()) return null;
            return rs.getString(1);
        }
    }

    static List<String> column(Warehouse wh, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = wh.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    /** Row counts of every table of the warehouse: equal before and after means nothing changed. */
    static Map<String, Long> counts(Warehouse wh) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String t : column(wh, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
                + "AND table_type = 'BASE TABLE' ORDER BY table_name")) {
            out.put(t, (long) number(wh, "SELECT count(*) FROM \"" + t + "\""));
        }
        return out;
    }
}
