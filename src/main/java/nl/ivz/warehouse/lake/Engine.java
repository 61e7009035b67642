package nl.ivz.warehouse.lake;

import nl.ivz.warehouse.core.Warehouse;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.conf.StatementType;
import org.jooq.impl.DSL;

import java.sql.Connection;
import java.util.Locale;

/**
 * The engines a cube can run on, with the jOOQ dialect that renders SQL each one accepts. jOOQ has no Spark
 * dialect; its DEFAULT (standard SQL) rendering with unquoted names is Spark SQL (ROLLUP(...), CAST(x AS
 * BIGINT/DOUBLE), window functions, NULLS LAST), which the cube tests on Spark check query by query. The MySQL
 * rendering is not: it casts to SIGNED.
 */
public enum Engine {
    DUCKDB(SQLDialect.DUCKDB),
    TRINO(SQLDialect.TRINO),
    SPARK(SQLDialect.DEFAULT);

    private final SQLDialect dialect;

    Engine(SQLDialect dialect) {
        this.dialect = dialect;
    }

    public SQLDialect dialect() {
        return dialect;
    }

    /** The warehouse settings (unquoted lower-case names, no schema), with bind values inlined for Spark (no JDBC). */
    public Settings settings() {
        Settings s = Warehouse.settings();
        if (this == SPARK) {
            s = s.withStatementType(StatementType.STATIC_STATEMENT).withRenderQuotedNames(RenderQuotedNames.NEVER);
        }
        return s;
    }

    public DSLContext dsl(Connection c) {
        return DSL.using(c, dialect, settings());
    }

    /** The SQL of a query as this engine would get it (bind values inlined), for logs and documentation. */
    public String render(org.jooq.Query q) {
        return DSL.using(dialect, settings().withStatementType(StatementType.STATIC_STATEMENT)).renderInlined(q);
    }

    public static Engine parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown engine '" + s + "': use duckdb, trino or spark");
        }
    }
}
