package nl.ivz.warehouse.load;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.jooq.Condition;
import org.jooq.impl.DSL;

import static nl.ivz.warehouse.db.Tables.FCT_SURVEY;
import static nl.ivz.warehouse.db.Tables.LOAD_BATCH;

/**
 * Release replacement: when a batch loads facts that an older batch of the same source table already holds
 * (same area, period, category and measure: typically provisional figures becoming definitive), the older
 * facts are deleted and that batch is marked 'replaced' (or keeps 'loaded' with replaced_by set when only part
 * of it was superseded). The batch history keeps both.
 */
public final class Releases {
    private Releases() { }

    /** For fct_registration: the key is (source_table, region, period, source_category, measure). */
    public static void replaceRegistrations(LoadContext ctx, String sourceTable) throws SQLException {
        ctx.writer().flush();
        replace(ctx, "fct_registration", sourceTable, "region_code, period_code, source_category, measure_code");
    }

    /** For fct_population: the key is (source_table, region, period, measure). */
    public static void replacePopulation(LoadContext ctx, String sourceTable) throws SQLException {
        ctx.writer().flush();
        replace(ctx, "fct_population", sourceTable, "region_code, period_code, measure_code");
    }

    private static void replace(LoadContext ctx, String table, String sourceTable, String keys) throws SQLException {
        long batch = ctx.batchId();
        List<Long> older = new ArrayList<>();
        // cheap check first: a first load of a table (the common and the benchmark case) does no join at all
        try (PreparedStatement ps = ctx.connection().prepareStatement(
                "SELECT DISTINCT batch_id FROM " + table + " WHERE source_table = ? AND batch_id <> ? ORDER BY batch_id")) {
            ps.setString(1, sourceTable);
            ps.setLong(2, batch);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) older.add(rs.getLong(1));
            }
        }
        if (older.isEmpty()) return;
        String on = String.join(" AND ", java.util.Arrays.stream(keys.split(",\\s*")).map(k -> "o." + k + " = n." + k).toList());
        for (long old : older) {
            int deleted;
            try (PreparedStatement ps = ctx.connection().prepareStatement(
                    "DELETE FROM " + table + " o WHERE o.batch_id = ? AND o.source_table = ? AND EXISTS (SELECT 1 FROM "
                            + table + " n WHERE n.batch_id = ? AND n.source_table = o.source_table AND " + on + ")")) {
                ps.setLong(1, old);
                ps.setString(2, sourceTable);
                ps.setLong(3, batch);
                deleted = ps.executeUpdate();
            }
            if (deleted == 0) continue;
            long left;
            try (PreparedStatement ps = ctx.connection().prepareStatement("SELECT count(*) FROM " + table + " WHERE batch_id = ?")) {
                ps.setLong(1, old);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    left = rs.getLong(1);
                }
            }
            String msg = deleted + " " + table + " rows replaced by batch " + batch + " (newer release of " + sourceTable + ")";
            try (PreparedStatement ps = ctx.connection().prepareStatement(
                    "UPDATE load_batch SET status = CASE WHEN ? THEN 'replaced' ELSE status END, replaced_by = ?, "
                            + "message = CASE WHEN message IS NULL THEN ? ELSE message || chr(10) || ? END WHERE batch_id = ?")) {
                ps.setBoolean(1, left == 0);
                ps.setLong(2, batch);
                ps.setString(3, msg);
                ps.setString(4, msg);
                ps.setLong(5, old);
                ps.executeUpdate();
            }
            ctx.note("replaces " + deleted + " " + table + " rows of batch " + old + " (same " + sourceTable + " area, period, "
                    + (table.equals("fct_registration") ? "category " : "") + "and measure; "
                    + (left == 0 ? "that batch is now 'replaced'" : left + " of its facts remain") + ")");
        }
    }

    /**
     * A newer release of the same table replaces the older facts for the same area, period and indicator
     * (a provisional figure becoming definitive); the older batch stays in load_batch, marked replaced when
     * none of its facts are left.
     */
    public static void replaceSurvey(LoadContext ctx, String sourceTable) {
        ctx.writer().flush();
        var n = FCT_SURVEY.as("n");
        Condition older = FCT_SURVEY.SOURCE_TABLE.eq(sourceTable).and(FCT_SURVEY.BATCH_ID.ne(ctx.batchId()))
                .and(DSL.exists(DSL.selectOne().from(n).where(n.BATCH_ID.eq(ctx.batchId()),
                        n.REGION_CODE.eq(FCT_SURVEY.REGION_CODE), n.PERIOD_CODE.eq(FCT_SURVEY.PERIOD_CODE),
                        n.MEASURE_CODE.eq(FCT_SURVEY.MEASURE_CODE))));
        List<Long> batches = ctx.dsl().selectDistinct(FCT_SURVEY.BATCH_ID).from(FCT_SURVEY).where(older).fetch(FCT_SURVEY.BATCH_ID);
        if (batches.isEmpty()) return;
        int deleted = ctx.dsl().deleteFrom(FCT_SURVEY).where(older).execute();
        List<String> whole = new ArrayList<>();
        for (Long b : batches) {
            if (ctx.dsl().fetchCount(FCT_SURVEY, FCT_SURVEY.BATCH_ID.eq(b)) == 0) {
                ctx.dsl().update(LOAD_BATCH).set(LOAD_BATCH.STATUS, "replaced").set(LOAD_BATCH.REPLACED_BY, ctx.batchId())
                        .where(LOAD_BATCH.BATCH_ID.eq(b)).execute();
                whole.add(Long.toString(b));
            }
        }
        ctx.note(deleted + " older fact(s) of " + sourceTable + " for the same area, period and indicator replaced by this release"
                + " (batch " + batches.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")) + ")"
                + (whole.isEmpty() ? "" : "; batch " + String.join(", ", whole) + " now has status replaced"));
    }

}
