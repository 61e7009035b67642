package nl.ivz.warehouse.export;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Gathers the "Bron" sheet of an xlsx export from the warehouse itself: the tables a statement names that carry a
 * batch_id, the load batches those tables hold (file, source table, release, load date), and the COMMENT ON text of
 * those tables' columns for result columns the caller did not describe (ad-hoc and canned queries).
 */
public final class XlsxSources {
    private XlsxSources() { }

    public static XlsxWriter.Provenance describe(Connection c, String sql, String title, String question,
                                                 List<XlsxWriter.ColumnNote> declared) throws SQLException {
        String text = sql.toLowerCase(Locale.ROOT);
        Map<String, Boolean> tables = new LinkedHashMap<>(); // name -> has batch_id
        Map<String, String> comments = new LinkedHashMap<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT table_name, column_name, comment FROM duckdb_columns() "
                     + "WHERE schema_name = 'main' AND NOT internal ORDER BY table_name, column_index")) {
            while (rs.next()) {
                String t = rs.getString(1).toLowerCase(Locale.ROOT);
                if (!Pattern.compile("\\b" + Pattern.quote(t) + "\\b").matcher(text).find()) continue;
                String col = rs.getString(2).toLowerCase(Locale.ROOT);
                tables.merge(t, col.equals("batch_id"), Boolean::logicalOr);
                if (rs.getString(3) != null) comments.putIfAbsent(col, rs.getString(3) + " (" + t + ")");
            }
        }
        List<XlsxWriter.ColumnNote> notes = new ArrayList<>(declared);
        for (Map.Entry<String, String> e : comments.entrySet()) {
            if (declared.stream().noneMatch(d -> d.name().equalsIgnoreCase(e.getKey()))) {
                notes.add(new XlsxWriter.ColumnNote(e.getKey(), null, e.getValue(), null));
            }
        }
        List<String> withBatches = tables.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
        List<XlsxWriter.Source> sources = new ArrayList<>();
        if (!withBatches.isEmpty()) {
            String union = String.join(" UNION ", withBatches.stream().map(t -> "SELECT batch_id FROM \"" + t + "\"").toList());
            try (PreparedStatement ps = c.prepareStatement("SELECT batch_id, file_name, source_table, release_label, rows_loaded, "
                    + "finished_at, status FROM load_batch WHERE batch_id IN (" + union + ") ORDER BY batch_id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    java.sql.Timestamp t = rs.getTimestamp(6);
                    sources.add(new XlsxWriter.Source(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getLong(5), t == null ? null : t.toLocalDateTime(), rs.getString(7)));
                }
            }
        }
        return new XlsxWriter.Provenance(title, question, notes, sources);
    }
}
