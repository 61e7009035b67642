package nl.ivz.warehouse.lake;

import nl.ivz.warehouse.core.Warehouse;
import nl.ivz.warehouse.load.LoadOptions;
import nl.ivz.warehouse.load.Loader;
import org.jooq.Record;
import org.jooq.Result;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Warehouses for the engine tests, and results compared value by value across engines. */
final class LakeFixtures {
    static final Path SOURCES = Path.of("warehouse", "sources");

    private LakeFixtures() { }

    /** The demo warehouse (everything in warehouse/sources), in memory. */
    static Warehouse demo() throws Exception {
        Warehouse wh = Warehouse.inMemory();
        wh.migrate();
        new Loader(wh, null).load(List.of(SOURCES), LoadOptions.defaults());
        return wh;
    }

    /**
     * Rows as canonical strings: numbers of any type (DuckDB BIGINT, Spark INT, DECIMAL, DOUBLE) by their value at
     * 12 significant digits, because engines add doubles in a different order and differ in the last bits only.
     */
    static List<List<String>> canonical(Result<? extends Record> r) {
        List<List<String>> rows = new ArrayList<>();
        for (Record rec : r) {
            List<String> row = new ArrayList<>();
            for (int k = 0; k < rec.size(); k++) row.add(canonical(rec.get(k)));
            rows.add(row);
        }
        return rows;
    }

    static String canonical(Object v) {
        if (v == null) return "NULL";
        if (v instanceof Double d && (d.isNaN() || d.isInfinite())) return d.toString();
        if (v instanceof Float f && (f.isNaN() || f.isInfinite())) return f.toString();
        if (v instanceof Number n) {
            BigDecimal b = n instanceof BigDecimal bd ? bd : new BigDecimal(n.toString());
            if (b.signum() == 0) return "0";
            return b.round(new MathContext(12)).stripTrailingZeros().toPlainString();
        }
        return v.toString();
    }

    static List<String> names(Result<? extends Record> r) {
        List<String> out = new ArrayList<>();
        for (org.jooq.Field<?> f : r.fields()) out.add(f.getName().toLowerCase(java.util.Locale.ROOT));
        return out;
    }
}
