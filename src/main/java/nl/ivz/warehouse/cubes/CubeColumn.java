package nl.ivz.warehouse.cubes;

import java.util.Locale;

/**
 * A result column: name, SQL type, unit (aantal, per 1000 inwoners, procent, rang, euro, ...), meaning, and the number
 * of decimals it is published with (null = not a rounded number). The cube runner rounds every output to it in the
 * query itself, so JSON, CSV, xlsx and Parquet carry the same values; euro columns become DECIMAL(18,2).
 */
public record CubeColumn(String name, String type, String unit, String description, Integer decimals) {

    /** A column whose precision follows from its unit ({@link #decimalsFor}). */
    public CubeColumn(String name, String type, String unit, String description) {
        this(name, type, unit, description, isFractional(type) ? decimalsFor(unit) : null);
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

    private static boolean isFractional(String type) {
        return type.startsWith("DOUBLE") || type.startsWith("DECIMAL") || type.equals("FLOAT") || type.equals("REAL");
    }
}
