package nl.ivz.warehouse.cubes;

/**
 * A cube parameter: name (shared vocabulary: area, level, theme, themes, year, from, to, base, borders, hierarchy, plans,
 * threshold, price, indicator, reference), type, default (null = required).
 */
public record CubeParam(String name, String type, String defaultValue, String description) { }
