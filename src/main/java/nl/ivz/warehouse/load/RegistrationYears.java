package nl.ivz.warehouse.load;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Keeps agg_registration_year (migration V7) in step with fct_registration: the yearly figures of municipalities
 * and the levels above, per batch. Called inside the load's transaction, so readers see facts and aggregate change
 * together, and a failed load leaves both as they were.
 */
public final class RegistrationYears {
    private RegistrationYears() { }

    static final String SELECT = "SELECT f.batch_id, f.source_table, f.region_code, f.theme_code, f.measure_code, p.period_year,\n"
            + "  sum(f.value) FILTER (WHERE p.period_kind = 'jaar'), max(f.value) FILTER (WHERE p.period_kind = 'jaar'),\n"
            + "  sum(f.value) FILTER (WHERE p.period_kind = 'maand'), count(*) FILTER (WHERE p.period_kind = 'maand')\n"
            + "FROM fct_registration f JOIN dim_period p ON p.period_code = f.period_code\n"
            + "WHERE p.period_kind IN ('jaar', 'maand')\n"
            + "  AND f.region_code IN (SELECT region_code FROM dim_region WHERE region_level NOT IN ('buurt', 'wijk'))\n";
    static final String GROUP = "GROUP BY f.batch_id, f.source_table, f.region_code, f.theme_code, f.measure_code, p.period_year\n"
            + "ORDER BY f.batch_id, f.measure_code, f.theme_code, f.region_code, p.period_year";

    /** Rewrites the aggregate rows of these batches from their facts (new batches, and older ones a release replaced). */
    public static void refresh(Connection c, Collection<Long> batches) throws SQLException {
        if (batches.isEmpty()) return;
        String ids = new TreeSet<>(batches).stream().map(String::valueOf).collect(Collectors.joining(", "));
        try (Statement st = c.createStatement()) {
            st.execute("DELETE FROM agg_registration_year WHERE batch_id IN (" + ids + ")");
            st.execute("INSERT INTO agg_registration_year " + SELECT + "  AND f.batch_id IN (" + ids + ")\n" + GROUP);
        }
    }

    /** Rebuilds the whole aggregate (for facts written without the loader, e.g. test fixtures inserting rows by hand). */
    public static void rebuild(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("DELETE FROM agg_registration_year");
            st.execute("INSERT INTO agg_registration_year " + SELECT + GROUP);
        }
    }
}
