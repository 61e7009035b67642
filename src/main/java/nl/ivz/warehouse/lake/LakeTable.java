package nl.ivz.warehouse.lake;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One warehouse table as it is exported: its columns with their comments, plus the export-only partition
 * columns (year and region level) that facts get so readers can prune by them.
 */
public record LakeTable(String name, String comment, List<Column> columns, List<String> partitionColumns, String selectSql) {

    /** A column: name, DuckDB type, comment; {@code derived} = computed for the export (not in the warehouse table). */
    public record Column(String name, String duckdbType, String comment, boolean derived) { }

    static final String PERIOD_YEAR = "period_year";
    static final String REGION_LEVEL = "region_level";

    /** Every table of the warehouse (dimensions, facts, mappings, lineage), without Flyway's own history table. */
    public static List<LakeTable> all(Connection c) throws SQLException {
        List<String[]> tables = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT table_name, comment FROM duckdb_tables() WHERE database_name = current_database() "
                     + "AND schema_name = 'main' AND NOT internal AND NOT temporary AND table_name NOT LIKE 'flyway%' ORDER BY table_name")) {
            while (rs.next()) tables.add(new String[]{rs.getString(1), rs.getString(2)});
        }
        List<LakeTable> out = new ArrayList<>();
        for (String[] t : tables) out.add(of(c, t[0], t[1]));
        return out;
    }

    static LakeTable of(Connection c, String table, String comment) throws SQLException {
        List<Column> cols = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT column_name, data_type, comment FROM duckdb_columns() "
                + "WHERE database_name = current_database() AND schema_name = 'main' AND table_name = ? ORDER BY column_index")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) cols.add(new Column(rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2), rs.getString(3), false));
            }
        }
        List<String> names = cols.stream().map(Column::name).collect(Collectors.toList());
        List<String> select = cols.stream().map(col -> "f." + quote(col.name())).collect(Collectors.toCollection(ArrayList::new));
        StringBuilder from = new StringBuilder(" FROM main." + quote(table) + " f");
        List<String> partition = new ArrayList<>();
        if (table.startsWith("fct_")) {
            // Year: from the period code where the fact has one, else its own year column.
            if (names.contains("period_code") && !names.contains(PERIOD_YEAR)) {
                cols.add(new Column(PERIOD_YEAR, "INTEGER", "Export only: calendar year of period_code (partition column)", true));
                select.add("p.period_year AS " + PERIOD_YEAR);
                from.append(" LEFT JOIN main.dim_period p ON p.period_code = f.period_code");
                partition.add(PERIOD_YEAR);
            } else {
                names.stream().filter(n -> n.endsWith("_year") && isInteger(cols, n)).findFirst().ifPresent(partition::add);
            }
            if (names.contains("region_code") && !names.contains(REGION_LEVEL)) {
                cols.add(new Column(REGION_LEVEL, "VARCHAR", "Export only: level of region_code in dim_region (partition column)", true));
                select.add("r.region_level AS " + REGION_LEVEL);
                from.append(" LEFT JOIN main.dim_region r ON r.region_code = f.region_code");
                partition.add(REGION_LEVEL);
            }
        }
        return new LakeTable(table, comment, List.copyOf(cols), List.copyOf(partition), "SELECT " + String.join(", ", select) + from);
    }

    private static boolean isInteger(List<Column> cols, String name) {
        return cols.stream().anyMatch(c -> c.name().equals(name) && (c.duckdbType().equals("INTEGER") || c.duckdbType().equals("BIGINT")));
    }

    boolean hasColumn(String n) {
        return columns.stream().anyMatch(c -> c.name().equals(n));
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
