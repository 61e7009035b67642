package nl.ivz.warehouse.load;

import org.jooq.DSLContext;
import org.jooq.InsertValuesStep8;
import org.jooq.InsertValuesStep7;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static nl.ivz.warehouse.db.Tables.FCT_POPULATION;
import static nl.ivz.warehouse.db.Tables.FCT_REGISTRATION;

/** Buffered multi-row inserts of facts for the row-by-row loaders (small files); one statement per 500 rows. */
final class FactRows implements AutoCloseable {
    private static final int CHUNK = 500;

    private final DSLContext dsl;
    private final long batchId;
    private final List<Object[]> registrations = new ArrayList<>();
    private final List<Object[]> population = new ArrayList<>();
    private long written;

    FactRows(LoadContext ctx) {
        this.dsl = ctx.dsl();
        this.batchId = ctx.batchId();
    }

    void registration(String region, String period, String theme, String measure, String sourceTable,
                      String category, double value) {
        registrations.add(new Object[] {region, period, theme, measure, sourceTable, category, value});
        if (registrations.size() >= CHUNK) flushRegistrations();
    }

    void population(String region, String period, String measure, String sourceTable, LocalDate date, double value) {
        population.add(new Object[] {region, period, measure, sourceTable, date, value});
        if (population.size() >= CHUNK) flushPopulation();
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
        InsertValuesStep7<?, Long, String, String, String, String, LocalDate, Double> ins = dsl.insertInto(FCT_POPULATION,
                FCT_POPULATION.BATCH_ID, FCT_POPULATION.REGION_CODE, FCT_POPULATION.PERIOD_CODE,
                FCT_POPULATION.MEASURE_CODE, FCT_POPULATION.SOURCE_TABLE, FCT_POPULATION.REFERENCE_DATE, FCT_POPULATION.VALUE);
        for (Object[] r : population) {
            ins = ins.values(batchId, (String) r[0], (String) r[1], (String) r[2], (String) r[3], (LocalDate) r[4], (Double) r[5]);
        }
        written += ins.execute();
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
