package nl.ivz.warehouse.load;

import org.jooq.DSLContext;

import java.util.Locale;

import static nl.ivz.warehouse.db.Tables.MAP_SOURCE_MEASURE;

/** Source column names / measure codes mapped onto dim_measure through map_source_measure. */
public final class SourceMeasures {
    /** source_table of mappings that hold for every table (population on 1 January: BevolkingOp1Januari_1, M000352, ...). */
    public static final String ANY_TABLE = "*";

    private SourceMeasures() { }

    /** Lower case, white space folded: "Geregistreerde misdrijven per 1000 inw.  (per 1 000 inwoners)" matches its mapping. */
    public static String key(String column) {
        return column.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** The measure for a source column of a table, trying the given tables in order; null if unmapped. */
    public static String measure(DSLContext dsl, String column, String... tables) {
        String k = key(column);
        for (String t : tables) {
            if (t == null) continue;
            String m = dsl.select(MAP_SOURCE_MEASURE.MEASURE_CODE).from(MAP_SOURCE_MEASURE)
                    .where(MAP_SOURCE_MEASURE.SOURCE_TABLE.equalIgnoreCase(t)).and(MAP_SOURCE_MEASURE.SOURCE_KEY.eq(k))
                    .fetchOne(MAP_SOURCE_MEASURE.MEASURE_CODE);
            if (m != null) return m;
        }
        return null;
    }

    /**
     * A measure of its own for a source column or measure code without a mapping (cbs_03759ned_m000352), created
     * once in dim_measure with the source's label and unit ("onbekend" when the source gives none).
     */
    public static String own(DSLContext dsl, String table, String key, String label, String unit) {
        String code = ("cbs_" + table + "_" + nl.ivz.warehouse.core.AreaLabel.slug(key)).toLowerCase(Locale.ROOT).replace('-', '_');
        dsl.insertInto(nl.ivz.warehouse.db.Tables.DIM_MEASURE)
                .set(nl.ivz.warehouse.db.Tables.DIM_MEASURE.MEASURE_CODE, code)
                .set(nl.ivz.warehouse.db.Tables.DIM_MEASURE.MEASURE_LABEL, label + " (" + table + ")")
                .set(nl.ivz.warehouse.db.Tables.DIM_MEASURE.UNIT, unit == null || unit.isBlank() ? "onbekend" : unit.trim())
                .set(nl.ivz.warehouse.db.Tables.DIM_MEASURE.POLARITY, "neutraal")
                .set(nl.ivz.warehouse.db.Tables.DIM_MEASURE.SOURCE_TABLE, table)
                .onConflictDoNothing()
                .execute();
        return code;
    }
}
