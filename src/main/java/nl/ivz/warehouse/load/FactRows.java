package nl.ivz.warehouse.load;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStep8;
import org.jooq.exception.DataAccessException;

import java.sql.Connection;
import java.sql.SQLException;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static nl.ivz.warehouse.db.Tables.FCT_REGISTRATION;

/** Buffered writes of facts for the row-by-row loaders: registrations as multi-row inserts of 500, population through DuckDB's appender. */
final class FactRows implements AutoCloseable {
    private static final int CHUNK = 500;

    private final DSLContext dsl;
    private final Connection connection;
    private final long batchId;
    private final List<Object[]> registrations = new ArrayList<>();
    private final List<Object[]> population = new ArrayList<>();
    private long written;

    FactRows(LoadContext ctx) {
        this.dsl = ctx.dsl();
        this.connection = ctx.connection();
        this.batchId = ctx.batchId();
    }

    void registration(String region, String period, String theme, String measure, String sourceTable,
                      String category, double value) {
        registrations.add(new Object[] {region, period, theme, measure, sourceTable, category, value});
        if (registrations.size() >= CHUNK) flushRegistrations();
    }

    void population(String region, String period, String measure, String sourceTable, LocalDate date, double value) {
        population.add(new Object[] {region, period, measure, sourceTable, date, value});
        if (population.size() >= 100_000) flushPopulation();
    }

    private void flushRegistrations() {
        if (registrations.isEmpty()) return;
        InsertValuesStep8<?, Long, String, String, String, String, String, String, Double> ins = dsl.insertInto(FCT_REGISTRATION,
                FCT_REGISTRATION.BATCH_ID, FCT_REGISTRATION.REGION_CODE, FCT_REGISTRATION.PERIOD_CODE,
                FCT_REGISTRATION.THEME_CODE, FCT_REGISTRATION.MEASURE_CODE, FCT_REGISTRATION.SOURCE_TABLE,
                FCT_REGISTRATION.SOURCE_CATEGORY, FCT_REGISTRATION.VALUE);
        for (Object[] r : registrations) {
            ins = ins.values(batchId, (String) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                    (String) r[5], (Double) r[6]);
        }
        written += ins.execute();
        registrations.clear();
    }

    private void flushPopulation() {
        if (population.isEmpty()) return;
        // DuckDB's appender, inside the load's transaction: a CBS table can hold hundreds of measures (70072ned: 55,000 values)
        try (DuckDBAppender app = connection.unwrap(DuckDBConnection.class).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "fct_population")) {
            for (Object[] r : population) {
                app.beginRow().append(batchId).append((String) r[0]).append((String) r[1]).append((String) r[2]).append((String) r[3]);
                if (r[4] == null) app.appendNull();
                else app.append((LocalDate) r[4]);
                app.append((double) (Double) r[5]).endRow();
            }
        } catch (SQLException e) {
            throw new DataAccessException("writing " + population.size() + " population rows: " + e.getMessage(), e);
        }
        written += population.size();
        population.clear();
    }

    /** Rows written so far (flushes first). */
    long flush() {
        flushRegistrations();
        flushPopulation();
        return written;
    }

    @Override
    public void close() {
        flush();
    }

}
