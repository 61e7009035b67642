package nl.ivz.warehouse.cubes;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.ResultQuery;

import java.util.List;
import java.util.Map;

/**
 * An analyst question as a query builder. {@link #query} returns an unexecuted jOOQ query, so the CLI,
 * the HTTP service and exports all run the same SQL, and tests can check both SQL and result.
 */
public interface Cube {
    /** URL/CLI name, e.g. "benchmark". */
    String name();

    /** One-line description. */
    String description();

    /** Parameters this cube takes, with defaults. */
    List<CubeParam> params();

    /** Result columns with type, unit and meaning. */
    List<CubeColumn> columns();

    /**
     * Builds the query. {@code ctx} is connected to the warehouse so parameters (area names, themes) can be
     * resolved; unknown parameters or values throw {@link CubeException} with close matches.
     */
    ResultQuery<? extends Record> query(DSLContext ctx, Map<String, String> params) throws CubeException;
}
