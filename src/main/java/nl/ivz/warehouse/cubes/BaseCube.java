package nl.ivz.warehouse.cubes;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.conf.Settings;
import org.jooq.conf.SettingsTools;
import org.jooq.conf.StatementType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Shared parameter handling: unknown parameter names are refused with close matches, defaults are
 * filled in, and the resolved arguments feed the jOOQ query.
 */
public abstract class BaseCube implements Cube {
    private final String name;
    private final String description;
    private final List<CubeParam> params;
    private final List<CubeColumn> columns;

    protected BaseCube(String name, String description, List<CubeParam> params, List<CubeColumn> columns) {
        this.name = name;
        this.description = description;
        this.params = List.copyOf(params);
        this.columns = List.copyOf(columns);
    }

    @Override public String name() { return name; }
    @Override public String description() { return description; }
    @Override public List<CubeParam> params() { return params; }
    @Override public List<CubeColumn> columns() { return columns; }

    @Override
    public final ResultQuery<? extends Record> query(DSLContext ctx, Map<String, String> given) throws CubeException {
        // run as a plain statement with literal values, like the hand-written SQL: DuckDB plans constants better than parameters
        Settings settings = SettingsTools.clone(ctx.settings()).withStatementType(StatementType.STATIC_STATEMENT);
        return Precision.apply(build(Dimensions.bind(ctx, settings), args(given)), columns);
    }

    protected abstract ResultQuery<? extends Record> build(DSLContext ctx, Args a) throws CubeException;

    Args args(Map<String, String> given) throws CubeException {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> names = params.stream().map(CubeParam::name).collect(Collectors.toList());
        for (Map.Entry<String, String> e : (given == null ? Map.<String, String>of() : given).entrySet()) {
            String k = e.getKey().trim().toLowerCase(Locale.ROOT);
            if (!names.contains(k)) {
                throw new CubeException(e.getKey(), "Unknown parameter '" + e.getKey() + "' for cube " + name
                        + Lookup.didYouMean(e.getKey(), names) + " (parameters: " + String.join(", ", names) + ")");
            }
            if (e.getValue() != null && !e.getValue().isBlank()) values.put(k, e.getValue().trim());
        }
        for (CubeParam p : params) {
            if (!values.containsKey(p.name()) && p.defaultValue() != null && !p.defaultValue().isBlank()) {
                values.put(p.name(), p.defaultValue());
            }
        }
        return new Args(values);
    }

    /** Resolved parameter values (defaults filled in; absent = no default and not given). */
    public static final class Args {
        private final Map<String, String> values;

        Args(Map<String, String> values) { this.values = values; }

        public String get(String k) { return values.get(k); }
        public boolean has(String k) { return values.containsKey(k); }

        public int integer(String k) throws CubeException {
            try {
                return Integer.parseInt(values.get(k));
            } catch (NumberFormatException | NullPointerException e) {
                throw new CubeException(k, "Parameter '" + k + "' must be a whole number, not '" + values.get(k) + "'");
            }
        }

        public double number(String k) throws CubeException {
            String v = values.get(k);
            try {
                return Double.parseDouble(v.replace(',', '.'));
            } catch (NumberFormatException | NullPointerException e) {
                throw new CubeException(k, "Parameter '" + k + "' must be a number like 9.28, not '" + v + "'");
            }
        }

        public boolean bool(String k) throws CubeException {
            String v = values.getOrDefault(k, "false").toLowerCase(Locale.ROOT);
            switch (v) {
                case "true": case "yes": case "ja": case "1": return true;
                case "false": case "no": case "nee": case "0": return false;
                default: throw new CubeException(k, "Parameter '" + k + "' must be true or false, not '" + v + "'");
            }
        }

        public List<String> list(String k) {
            List<String> out = new ArrayList<>();
            String v = values.get(k);
            if (v == null) return out;
            for (String p : v.split(",")) if (!p.isBlank()) out.add(p.trim());
            return out;
        }
    }
}
