package nl.ivz.warehouse.service.odata;

import nl.ivz.warehouse.cubes.Cube;
import nl.ivz.warehouse.service.CannedQueries;

import java.util.List;
import java.util.Optional;

/**
 * One entity set of the feed: a star-schema table, a cube (its default parameters; others as custom query
 * options) or a canned query. {@code keys} names the key properties; synthetic keys are computed by the feed.
 */
record FeedSet(String name, Kind kind, String title, String description, List<FeedColumn> columns, List<String> keys,
               List<Param> params, String table, Cube cube, CannedQueries.Entry query) {

    enum Kind { TABLE, CUBE, QUERY }

    /** A parameter of a cube or canned query, given as a custom query option (?year=2014). */
    record Param(String name, String type, String defaultValue, String description) { }

    /** The synthetic key of sets without a primary key: the row's number in its load batch, or in the whole result. */
    static final String ROW_IN_BATCH = "row_in_batch";
    static final String ROW_NUMBER = "row_number";

    Optional<FeedColumn> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    List<FeedColumn> keyColumns() {
        return keys.stream().map(k -> column(k).orElseThrow()).toList();
    }
}
