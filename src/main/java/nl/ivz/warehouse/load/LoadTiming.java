package nl.ivz.warehouse.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.duckdb.DuckDBConnection;
import org.duckdb.ProfilerPrintFormat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * With {@code -Divz.timing=true}: how long each step of a load takes, on stderr (for the benchmark and
 * docs/performance.md). Off, every method returns at once.
 */
public final class LoadTiming {
    public static final boolean ON = Boolean.getBoolean("ivz.timing");
    private static final ThreadLocal<Long> LAST = ThreadLocal.withInitial(System::nanoTime);

    private LoadTiming() { }

    /** The clock of this thread's steps starts now. */
    public static void start() {
        if (ON) LAST.set(System.nanoTime());
    }

    /** The time since the previous step of this thread. */
    public static void step(String name) {
        if (!ON) return;
        long now = System.nanoTime();
        print(name, now - LAST.get());
        LAST.set(now);
    }

    /** A duration measured elsewhere (another thread's work, e.g. the sha256 beside the first pass). */
    public static void took(String name, long nanos) {
        if (ON) print(name, nanos);
    }

    private static void print(String name, long nanos) {
        System.err.printf("    [timing] %-34s %6.2f s%n", name, nanos / 1e9);
    }

    /** Before a statement whose operators {@link #operators} should split: DuckDB's profiler, without output. */
    public static void profile(Connection c) throws SQLException {
        if (!ON) return;
        try (Statement st = c.createStatement()) {
            st.execute("SET enable_profiling = 'no_output'");
        }
    }

    /**
     * After the profiled statement: its operators' time grouped as read (the CSV scan), unpivot, joins, write (the
     * insert) and other, as DuckDB reports it (summed over its threads, so they may exceed the wall time).
     */
    public static void operators(Connection c, String step) throws Exception {
        if (!ON) return;
        String json = c.unwrap(DuckDBConnection.class).getProfilingInformation(ProfilerPrintFormat.JSON);
        try (Statement st = c.createStatement()) {
            st.execute("RESET enable_profiling");
        }
        Map<String, Double> groups = new LinkedHashMap<>();
        for (String g : new String[] {"read", "unpivot", "joins", "write", "other"}) groups.put(g, 0.0);
        walk(new ObjectMapper().readTree(json), groups);
        StringBuilder sb = new StringBuilder();
        groups.forEach((k, v) -> sb.append(String.format(" %s %.2f s", k, v)));
        System.err.printf("    [timing] %-34s%s (operator time over all threads)%n", step + ":", sb);
    }

    /** DuckDB 2.0's JSON profile: nodes with "type", "timing" and "children" under the root's "operator" list. */
    private static void walk(JsonNode n, Map<String, Double> groups) {
        if (n.has("timing") && n.has("type")) {
            String type = n.path("type").asText().toUpperCase(java.util.Locale.ROOT);
            String g = type.contains("SCAN") ? "read" : type.contains("UNPIVOT") || type.contains("UNNEST") ? "unpivot"
                    : type.contains("JOIN") ? "joins" : type.contains("INSERT") ? "write" : "other";
            groups.merge(g, n.path("timing").asDouble(), Double::sum);
        }
        for (JsonNode child : n.path("operator")) walk(child, groups);
        for (JsonNode child : n.path("children")) walk(child, groups);
    }
}
