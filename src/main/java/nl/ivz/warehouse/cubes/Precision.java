package nl.ivz.warehouse.cubes;

import org.jooq.Field;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.Select;
import org.jooq.SelectFieldOrAsterisk;
import org.jooq.impl.DSL;
import org.jooq.impl.QOM;
import org.jooq.impl.SQLDataType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Numbers as published: every cube's output columns are rounded to their declared decimals
 * ({@link CubeColumn#decimals()}) in the outermost SELECT of the query, so the ORDER BY, the row order and every output
 * format stay as they are and no binary noise (87.25296442687747) leaves the warehouse. Comparisons and flags inside
 * the query still see the exact values.
 */
final class Precision {
    private Precision() { }

    /** The cube query with its output expressions rounded; a query that is not a plain SELECT is returned unchanged. */
    static ResultQuery<? extends Record> apply(ResultQuery<? extends Record> q, List<CubeColumn> columns) {
        if (!(q instanceof Select<?> select)) return q;
        Map<String, CubeColumn> byName = columns.stream().collect(Collectors.toMap(CubeColumn::name, Function.identity()));
        List<SelectFieldOrAsterisk> out = new ArrayList<>();
        boolean changed = false;
        for (SelectFieldOrAsterisk s : select.$select()) {
            CubeColumn c = s instanceof Field<?> f ? byName.get(f.getName()) : null;
            if (c == null || c.decimals() == null) {
                out.add(s);
                continue;
            }
            Field<?> f = (Field<?>) s;
            Field<?> expr = f instanceof QOM.FieldAlias<?> a ? a.$aliased() : f;
            out.add(rounded(expr, c).as(c.name()));
            changed = true;
        }
        return changed ? (ResultQuery<? extends Record>) select.$select(out) : q;
    }

    private static Field<?> rounded(Field<?> expr, CubeColumn c) {
        Field<Double> r = DSL.round(expr.cast(SQLDataType.DOUBLE), c.decimals());
        return c.money() ? r.cast(SQLDataType.DECIMAL(18, 2)) : r;
    }
}
