package nl.ivz.warehouse.service;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Parameter values of an ad-hoc query: JSON values by name (or by position for ? / $1), or strings from a query string. */
public final class ParamValues {
    private final Map<String, Object> values;

    private ParamValues(Map<String, Object> values) {
        this.values = values;
    }

    public static ParamValues none() {
        return new ParamValues(Map.of());
    }

    /** Strings from a query string; DuckDB casts them to the parameter's type (and says so when it cannot). */
    public static ParamValues ofStrings(Map<String, String> m) {
        return new ParamValues(new LinkedHashMap<>(m));
    }

    /** A JSON object (named) or array (positional, first = 1); values must be strings, numbers, booleans or null. */
    public static ParamValues ofJson(JsonNode node) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (node == null || node.isNull() || node.isMissingNode()) return new ParamValues(m);
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> m.put(e.getKey(), scalar(e.getKey(), e.getValue())));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) m.put(Integer.toString(i + 1), scalar(Integer.toString(i + 1), node.get(i)));
        } else {
            throw new ApiException(ProblemType.BAD_PARAMETER, "\"params\" must be an object (named) or an array (positional)");
        }
        return new ParamValues(m);
    }

    private static Object scalar(String name, JsonNode v) {
        if (v.isNull()) return null;
        if (v.isTextual()) return v.asText();
        if (v.isBoolean()) return v.asBoolean();
        if (v.isIntegralNumber()) {
            if (v.canConvertToLong()) return v.asLong();
            return v.bigIntegerValue();
        }
        if (v.isNumber()) return v.decimalValue();
        throw new ApiException(ProblemType.BAD_PARAMETER,
                "Parameter '" + name + "' must be a string, number, boolean or null, not " + v.getNodeType().toString().toLowerCase())
                .with("parameter", name);
    }

    /** Values in the order of the statement's parameters; every parameter needs a value and every value a parameter. */
    List<Object> bind(List<String> names) {
        List<Object> out = new ArrayList<>();
        for (String n : names) {
            if (!values.containsKey(n)) {
                throw new ApiException(ProblemType.BAD_PARAMETER, "No value for parameter " + (isPositional(n) ? "#" : "$") + n)
                        .with("parameter", n);
            }
            out.add(values.get(n));
        }
        TreeSet<String> unused = new TreeSet<>(values.keySet());
        names.forEach(unused::remove);
        if (!unused.isEmpty()) {
            throw new ApiException(ProblemType.BAD_PARAMETER, "The query has no parameter " + String.join(", ", unused)
                    + (names.isEmpty() ? " (it takes none)" : "; it takes " + String.join(", ", names)))
                    .with("parameter", unused.first());
        }
        return out;
    }

    private static boolean isPositional(String n) {
        return !n.isEmpty() && n.chars().allMatch(Character::isDigit);
    }
}
