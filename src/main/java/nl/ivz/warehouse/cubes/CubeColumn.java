package nl.ivz.warehouse.cubes;

/** A result column: name, SQL type, unit (aantal, per 1000 inwoners, procent, rang, euro, ...) and meaning. */
public record CubeColumn(String name, String type, String unit, String description) { }
