package nl.ivz.warehouse.cubes;

import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.util.List;

import static org.jooq.impl.DSL.name;

/** Short typed references to columns of CTEs and derived tables, so cube queries read like their SQL. */
final class Sql {
    private Sql() { }

    static Field<Double> d(String table, String col) { return DSL.field(name(table, col), SQLDataType.DOUBLE); }
    static Field<String> s(String table, String col) { return DSL.field(name(table, col), SQLDataType.VARCHAR); }
    static Field<Integer> i(String table, String col) { return DSL.field(name(table, col), SQLDataType.INTEGER); }
    static Field<Long> l(String table, String col) { return DSL.field(name(table, col), SQLDataType.BIGINT); }
    static Field<Boolean> b(String table, String col) { return DSL.field(name(table, col), SQLDataType.BOOLEAN); }
    static Table<?> t(String table) { return DSL.table(name(table)); }

    static Field<Double> dbl(Field<? extends Number> f) { return f.cast(SQLDataType.DOUBLE); }

    static Field<String>[] strings(List<String> xs) {
        @SuppressWarnings("unchecked")
        Field<String>[] out = new Field[xs.size()];
        for (int k = 0; k < xs.size(); k++) out[k] = DSL.inline(xs.get(k));
        return out;
    }
}
