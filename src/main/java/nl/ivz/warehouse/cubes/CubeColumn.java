package nl.ivz.warehouse.cubes;

import java.util.Locale;

/**
 * What a cube says about one of its result columns: name, unit (aantal, per 1000 inwoners, procent, rang, euro,
 * ...), meaning, and the number of decimals it is published with (null = not a rounded number). The type is not
 * declared here: it is what the engine gives for the query ({@link CubeRun#columns}). The cube runner rounds every
 * number to its decimals in the query itself, so JSON, CSV, xlsx and Parquet carry the same values; euro columns
 * become DECIMAL(18,2).
 */
public record CubeColumn(String name, String unit, String description, Integer decimals) {

    /** A column that is not rounded: text, flags, codes, whole numbers (counts, ranks, years). */
    public static CubeColumn of(String name, String unit, String description) {
        return new CubeColumn(name, unit, description, null);
    }

    /** A fractional number published with the precision of its unit ({@link #decimalsFor}); no unit = not rounded. */
    public static CubeColumn number(String name, String unit, String description) {
        return new CubeColumn(name, unit, description, decimalsFor(unit));
    }

    /**
     * How the sources publish a unit: counts, ranks and points whole; rates per 1,000 with 2 decimals; percentages,
     * indices and survey figures (per 100, or in the indicator's own unit) with 1; money in euro with 2; fractions with 4.
     */
    public static Integer decimalsFor(String unit) {
        if (unit == null) return null;
        String u = unit.toLowerCase(Locale.ROOT);
        if (u.equals("aantal") || u.equals("rang") || u.equals("punten")) return 0;
        if (u.startsWith("per 1000")) return 2;
        if (u.equals("euro")) return 2;
        if (u.equals("fractie")) return 4;
        if (u.equals("procent") || u.equals("procentpunt") || u.equals("index") || u.startsWith("per 100 ") || u.startsWith("per dim_measure")) return 1;
        throw new IllegalArgumentException("No published precision for unit '" + unit + "': give the column's decimals");
    }

    /** Money: rounded and typed DECIMAL(18,2), never a double. */
    public boolean money() {
        return "euro".equals(unit);
    }
}
