package nl.ivz.warehouse.load;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a source publishes its own totals, compares them with the sum of the detail rows of the same batch
 * and lists disagreements in the load summary. Nothing is corrected: both figures stay in the warehouse and
 * the views v_reconcile_category_total and v_reconcile_region_total (migration V2) show every comparison.
 */
public final class Reconciliation {
    private static final int SHOWN = 3;

    private Reconciliation() { }

    public static void note(LoadContext ctx) throws SQLException {
        ctx.writer().flush();
        categories(ctx);
        regions(ctx);
    }

    private static void categories(LoadContext ctx) throws SQLException {
        String sql = "SELECT region_code, period_code, measure_code, published_total, sum_of_groups, groups_summed, difference "
                + "FROM v_reconcile_category_total WHERE batch_id = ? ORDER BY abs(difference) DESC, region_code, period_code";
        List<String> shown = new ArrayList<>();
        long compared = 0, differ = 0;
        try (PreparedStatement ps = ctx.connection().prepareStatement(sql)) {
            ps.setLong(1, ctx.batchId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    compared++;
                    if (rs.getDouble("difference") == 0) continue;
                    differ++;
                    if (shown.size() < SHOWN) {
                        shown.add(String.format("%s %s %s: total %s, sum of %d groups %s", rs.getString(1), rs.getString(2),
                                rs.getString(3), fmt(rs.getDouble(4)), rs.getInt(6), fmt(rs.getDouble(5))));
                    }
                }
            }
        }
        if (compared == 0) return;
        ctx.note(String.format("reconciliation: published total vs sum of the main groups differs in %,d of %,d area-periods%s"
                        + " (kept as published; see v_reconcile_category_total)", differ, compared,
                shown.isEmpty() ? "" : ", largest: " + String.join("; ", shown)));
    }

    public static void regions(LoadContext ctx) throws SQLException {
        ctx.writer().flush();
        String sql = "SELECT region_code, summed_level, period_code, source_category, measure_code, published_value, sum_of_areas, "
                + "areas, difference FROM v_reconcile_region_total WHERE batch_id = ? ORDER BY abs(difference) DESC, period_code";
        List<String> lines = new ArrayList<>();
        long compared = 0, differ = 0;
        try (PreparedStatement ps = ctx.connection().prepareStatement(sql)) {
            ps.setLong(1, ctx.batchId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    compared++;
                    boolean same = rs.getDouble("difference") == 0;
                    if (!same) differ++;
                    if (lines.size() < SHOWN) {
                        lines.add(String.format("%s %s %s: published %s, sum of %d %s areas %s%s", rs.getString(1),
                                rs.getString(3), rs.getString(4), fmt(rs.getDouble(6)), rs.getInt(8), rs.getString(2),
                                fmt(rs.getDouble(7)), same ? " (agrees)" : " (differs by " + fmt(rs.getDouble(9)) + ")"));
                    }
                }
            }
        }
        if (compared == 0) return;
        ctx.note(String.format("reconciliation: national total vs sum of areas differs in %,d of %,d comparisons: %s"
                + " (see v_reconcile_region_total)", differ, compared, String.join("; ", lines)));
    }

    static String fmt(double v) {
        return SourceTables.fmt(v);
    }
}
