package nl.ivz.warehouse.load;

import org.jooq.DSLContext;

import java.util.Locale;

import static nl.ivz.warehouse.db.Tables.MAP_SOURCE_MEASURE;

/** Source column names / measure codes mapped onto dim_measure through map_source_measure. */
public final class SourceMeasures {
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
}
