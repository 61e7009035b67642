package nl.ivz.warehouse.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * A query from queries/NAME.sql. The file starts with a header of comment lines:
 * <pre>
 * -- title: One line title
 * -- description: What it answers
 * -- param: year INTEGER = 2014 | Year of registration
 * -- param: area VARCHAR = null | Area code; null = all
 * </pre>
 * and the SQL uses the parameters as {@code $year}, {@code $area}.
 */
public record CannedQuery(String name, String title, String description, List<Param> params, String sql) {

    /** A typed parameter; defaultValue null with required=false means SQL NULL. */
    public record Param(String name, String type, String defaultValue, boolean required, String description) {
        Object convert(String raw) {
            if (raw == null) return null;
            try {
                switch (type) {
                    case "INTEGER": return Long.parseLong(raw.strip());
                    case "DOUBLE": return new BigDecimal(raw.strip()).doubleValue();
                    case "BOOLEAN":
                        String b = raw.strip().toLowerCase(Locale.ROOT);
                        if (b.equals("true") || b.equals("false")) return Boolean.parseBoolean(b);
                        throw new IllegalArgumentException();
                    case "DATE": return LocalDate.parse(raw.strip());
                    default: return raw;
                }
            } catch (RuntimeException e) {
                throw new ApiException(ProblemType.BAD_PARAMETER,
                        "Parameter '" + name + "' must be " + article(type) + " " + type + ", not '" + raw + "'").with("parameter", name);
            }
        }

        private static String article(String t) {
            return t.startsWith("I") ? "an" : "a";
        }
    }

    static final List<String> TYPES = List.of("INTEGER", "DOUBLE", "VARCHAR", "BOOLEAN", "DATE");

    public static CannedQuery parse(String name, String text) {
        String title = null;
        String description = null;
        List<Param> params = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            String l = line.strip();
            if (!l.startsWith("--")) {
                if (l.isEmpty()) continue;
                break;
            }
            String body = l.substring(2).strip();
            int colon = body.indexOf(':');
            if (colon < 0) continue;
            String key = body.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = body.substring(colon + 1).strip();
            switch (key) {
                case "title": title = value; break;
                case "description": description = description == null ? value : description + " " + value; break;
                case "param": params.add(parseParam(name, value)); break;
                default: break;
            }
        }
        if (title == null || description == null) {
            throw new IllegalArgumentException("queries/" + name + ".sql: header needs '-- title:' and '-- description:' lines");
        }
        return new CannedQuery(name, title, description, List.copyOf(params), text);
    }

    private static Param parseParam(String query, String spec) {
        String desc = "";
        int bar = spec.indexOf('|');
        if (bar >= 0) {
            desc = spec.substring(bar + 1).strip();
            spec = spec.substring(0, bar).strip();
        }
        String def = null;
        boolean required = true;
        int eq = spec.indexOf('=');
        if (eq >= 0) {
            def = spec.substring(eq + 1).strip();
            spec = spec.substring(0, eq).strip();
            required = false;
            if (def.equalsIgnoreCase("null")) def = null;
        }
        String[] parts = spec.split("\\s+");
        if (parts.length != 2 || !TYPES.contains(parts[1].toUpperCase(Locale.ROOT))) {
            throw new IllegalArgumentException("queries/" + query + ".sql: bad parameter line '" + spec
                    + "'; expected 'NAME TYPE [= default] [| description]' with TYPE one of " + TYPES);
        }
        Param p = new Param(parts[0], parts[1].toUpperCase(Locale.ROOT), def, required, desc);
        if (def != null) p.convert(def); // a bad default is a bug in the file
        return p;
    }

    /** Typed values by parameter name for a request; unknown names and bad values are client errors. */
    public Map<String, Object> values(Map<String, String> given) {
        TreeSet<String> unknown = new TreeSet<>(given.keySet());
        params.forEach(p -> unknown.remove(p.name()));
        if (!unknown.isEmpty()) {
            throw new ApiException(ProblemType.BAD_PARAMETER, "Query '" + name + "' has no parameter " + String.join(", ", unknown)
                    + "; it takes " + (params.isEmpty() ? "none" : String.join(", ", params.stream().map(Param::name).toList())))
                    .with("parameter", unknown.first());
        }
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        for (Param p : params) {
            String raw = given.containsKey(p.name()) ? given.get(p.name()) : p.defaultValue();
            if (raw == null && p.required()) {
                throw new ApiException(ProblemType.BAD_PARAMETER, "Query '" + name + "' needs parameter " + p.name()).with("parameter", p.name());
            }
            out.put(p.name(), p.convert(raw));
        }
        return out;
    }
}
