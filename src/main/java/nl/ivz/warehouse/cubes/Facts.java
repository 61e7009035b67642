package nl.ivz.warehouse.cubes;

import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.Select;
import org.jooq.Table;

import static nl.ivz.warehouse.db.Tables.AGG_REGISTRATION_YEAR;
import static nl.ivz.warehouse.db.Tables.FCT_REGISTRATION;
import static org.jooq.impl.DSL.inline;

/**
 * Where a cube reads yearly registration figures: municipalities and the levels above come from
 * agg_registration_year (migration V7, kept by the loader), so the cost follows the answer and not the buurt x
 * month facts; buurt and wijk questions read fct_registration (their answer has the size of those facts).
 */
final class Facts {
    private Facts() { }

    /** Levels only fct_registration holds. */
    static boolean fine(String level) {
        return "buurt".equals(level) || "wijk".equals(level);
    }

    /**
     * Yearly figures as one table with the same meaning either way: {@code sum} the sum of the year's facts,
     * {@code max} the largest single one, {@code inYear(y)} the rows of that year that have a yearly figure.
     */
    record Yearly(Table<?> table, Field<String> region, Field<String> theme, Field<String> measure, Field<String> source,
                  Field<Double> sum, Field<Double> max, boolean fine, Select<? extends Record1<String>> yearCodes, int year) {
        Condition inYear() {
            return fine ? FCT_REGISTRATION.PERIOD_CODE.in(yearCodes)
                    : AGG_REGISTRATION_YEAR.PERIOD_YEAR.eq(inline(year)).and(AGG_REGISTRATION_YEAR.YEAR_VALUE.isNotNull());
        }
    }

    /** @param yearCodes a select of the period codes of year {@code year} (kind jaar), used when reading fct_registration */
    static Yearly yearly(String level, Select<? extends Record1<String>> yearCodes, int year) {
        if (fine(level)) {
            return new Yearly(FCT_REGISTRATION, FCT_REGISTRATION.REGION_CODE, FCT_REGISTRATION.THEME_CODE, FCT_REGISTRATION.MEASURE_CODE,
                    FCT_REGISTRATION.SOURCE_TABLE, FCT_REGISTRATION.VALUE, FCT_REGISTRATION.VALUE, true, yearCodes, year);
        }
        return new Yearly(AGG_REGISTRATION_YEAR, AGG_REGISTRATION_YEAR.REGION_CODE, AGG_REGISTRATION_YEAR.THEME_CODE,
                AGG_REGISTRATION_YEAR.MEASURE_CODE, AGG_REGISTRATION_YEAR.SOURCE_TABLE, AGG_REGISTRATION_YEAR.YEAR_VALUE,
                AGG_REGISTRATION_YEAR.YEAR_MAX, false, yearCodes, year);
    }
}
