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

    /**
     * Years from..to as table g(generate_series): DuckDB's generate_series, and a VALUES list for the engines the
     * lake export serves (Spark has no generate_series table function; issue 8).
     */
    static Table<?> yearSeries(org.jooq.DSLContext ctx, int from, int to) {
        if (ctx.dialect() == org.jooq.SQLDialect.DUCKDB || from > to) {
            return DSL.generateSeries(DSL.inline(from), DSL.inline(to)).as("g");
        }
        @SuppressWarnings("unchecked")
        org.jooq.Row1<Integer>[] rows = new org.jooq.Row1[to - from + 1];
        for (int y = from; y <= to; y++) rows[y - from] = DSL.row(DSL.inline(y));
        return DSL.values(rows).as("g", "generate_series");
    }

    /**
     * Values joined with ", " in their order: DuckDB's ordered string_agg, Trino's LISTAGG, and for Spark (jOOQ's
     * DEFAULT rendering) a sorted collect_list (issue 8: the cubes on other engines).
     */
    static Field<String> orderedNames(org.jooq.DSLContext ctx, Field<String> f) {
        switch (ctx.dialect()) {
            case DUCKDB: return DSL.field("string_agg({0}, ', ' order by {0})", SQLDataType.VARCHAR, f);
            case TRINO: return DSL.field("listagg({0}, ', ') within group (order by {0})", SQLDataType.VARCHAR, f);
            default: return DSL.field("array_join(array_sort(collect_list({0})), ', ')", SQLDataType.VARCHAR, f);
        }
    }

    static Field<Double> dbl(Field<? extends Number> f) { return f.cast(SQLDataType.DOUBLE); }

    /** A typed empty text value (Spark has no VARCHAR without a length). */
    static Field<String> nullText(org.jooq.DSLContext ctx) {
        return ctx.dialect() == org.jooq.SQLDialect.DEFAULT ? DSL.field("cast(null as string)", SQLDataType.VARCHAR) : DSL.castNull(SQLDataType.VARCHAR);
    }

    /** A number as text for a message: Spark (jOOQ's DEFAULT rendering) has no VARCHAR without a length. */
    static Field<String> text(org.jooq.DSLContext ctx, Field<?> f) {
        return ctx.dialect() == org.jooq.SQLDialect.DEFAULT ? DSL.field("cast({0} as string)", SQLDataType.VARCHAR, f) : f.cast(SQLDataType.VARCHAR);
    }

    static Field<String>[] strings(List<String> xs) {
        @SuppressWarnings("unchecked")
        Field<String>[] out = new Field[xs.size()];
        for (int k = 0; k < xs.size(); k++) out[k] = DSL.inline(xs.get(k));
        return out;
    }

    /**
     * The codes as a one-column derived table (VALUES) to test membership against: DuckDB plans a semi-join on it faster than
     * a long IN list of literals (the priorities cube's 35 plan codes at scale 0.1: ~20 ms instead of ~39 ms for the
     * statement, measured over JDBC). No codes: an empty set.
     */
    static org.jooq.Select<org.jooq.Record1<String>> codes(List<String> xs, String alias) {
        if (xs.isEmpty()) return DSL.select(DSL.inline((String) null)).where(DSL.falseCondition());
        @SuppressWarnings("unchecked")
        org.jooq.Row1<String>[] rows = new org.jooq.Row1[xs.size()];
        for (int k = 0; k < xs.size(); k++) rows[k] = DSL.row(DSL.inline(xs.get(k)));
        return DSL.select(DSL.field(name(alias, "code"), SQLDataType.VARCHAR)).from(DSL.values(rows).as(alias, "code"));
    }
}
