package nl.ivz.warehouse.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lets DuckDB's own parser decide what a text is: {@code json_serialize_sql} parses without running
 * anything, serialises only SELECT-type statements (SELECT, WITH, VALUES, FROM-first, DESCRIBE, SUMMARIZE,
 * SHOW) and says how many statements the text holds. This is the first gate; read-only transactions and
 * the sandboxed instance are the ones that hold even if a statement kind slipped through.
 */
public final class SqlGuard {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A checked statement: SQL with named parameters turned into positional ones, and their names by position. */
    public record Checked(String sql, List<String> parameterNames, boolean deterministic) {
        Checked(String sql, List<String> parameterNames) {
            this(sql, parameterNames, true);
        }

        Checked volatileIf(boolean v) {
            return v ? new Checked(sql, parameterNames, false) : this;
        }
    }

    /** Functions whose value changes between runs over the same data: a statement using one is never answered from a cache. */
    static final java.util.Set<String> VOLATILE = java.util.Set.of("random", "setseed", "gen_random_uuid", "uuid", "uuidv4", "uuidv7",
            "now", "current_timestamp", "get_current_timestamp", "transaction_timestamp", "current_date", "current_time", "today",
            "current_localtime", "current_localtimestamp", "localtime", "localtimestamp", "get_current_time", "epoch_ms_now",
            "nextval", "currval", "current_setting", "current_query", "txid_current");

    /** Parsing is a pure function of the text, so dashboards that repeat a query skip it (bounded, cleared when full). */
    private static final Map<String, Checked> CACHE = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int CACHE_SIZE = 2_000;

    private SqlGuard() { }

    /** The check of a text seen before (parsing is pure), or null: lets a cached answer skip the connection. */
    public static Checked seen(String sql) {
        return sql == null ? null : CACHE.get(sql);
    }

    public static Checked check(Connection c, String sql, int maxChars) {
        if (sql != null && sql.length() <= maxChars) {
            Checked hit = CACHE.get(sql);
            if (hit != null) return hit;
        }
        Checked checked = parse(c, sql, maxChars);
        if (CACHE.size() >= CACHE_SIZE) CACHE.clear();
        CACHE.put(sql, checked);
        return checked;
    }

    private static Checked parse(Connection c, String sql, int maxChars) {
        if (sql == null || sql.isBlank()) throw new ApiException(ProblemType.BAD_SQL, "No SQL given");
        if (sql.length() > maxChars) {
            throw new ApiException(ProblemType.QUERY_TOO_LARGE,
                    "The query has " + sql.length() + " characters; the limit is " + maxChars)
                    .with("limit", maxChars);
        }
        if (sql.indexOf('\0') >= 0) throw new ApiException(ProblemType.BAD_SQL, "The query contains a NUL character");
        JsonNode tree;
        try (PreparedStatement ps = c.prepareStatement("SELECT json_serialize_sql(?::VARCHAR)")) {
            ps.setString(1, sql);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                tree = JSON.readTree(rs.getString(1));
            }
        } catch (SQLException | java.io.IOException e) {
            throw new ApiException(ProblemType.BAD_SQL, "The query could not be parsed: " + QueryService.engineMessage(e));
        }
        if (tree.path("error").asBoolean(false)) {
            String kind = tree.path("error_type").asText("");
            String msg = tree.path("error_message").asText("");
            if (kind.equals("not implemented") && msg.startsWith("Only SELECT")) {
                throw new ApiException(ProblemType.FORBIDDEN_STATEMENT,
                        "Only one read-only statement is allowed (SELECT, WITH, VALUES, FROM, DESCRIBE, SUMMARIZE, SHOW); "
                                + "this text contains another kind of statement (DDL, DML, COPY, ATTACH, SET, PRAGMA, CALL, ...)");
            }
            throw new ApiException(ProblemType.BAD_SQL, (kind.equals("parser") ? "Syntax error: " : "") + msg);
        }
        JsonNode statements = tree.path("statements");
        if (statements.size() == 0) throw new ApiException(ProblemType.BAD_SQL, "The text contains no statement");
        if (statements.size() > 1) {
            throw new ApiException(ProblemType.FORBIDDEN_STATEMENT,
                    "Exactly one statement is allowed; the text contains " + statements.size());
        }
        refuseFileAccess(statements.get(0));
        List<JsonNode> params = new ArrayList<>();
        collectParameters(statements.get(0), params);
        return rewrite(sql, params).volatileIf(callsVolatile(statements.get(0)));
    }

    /**
     * Table functions an analyst's statement may use. Everything else (read_csv, read_text, read_blob, glob,
     * sniff_csv, read_json*, parquet_*, query, query_table, duckdb_settings, duckdb_secrets, ...) is refused before
     * it runs: the engine's sandbox keeps the load inbox (and the spill folder) open for the loader, so this is
     * what keeps ad-hoc SQL out of them. An allow-list, because new DuckDB versions add file readers.
     */
    static final java.util.Set<String> TABLE_FUNCTIONS = java.util.Set.of(
            "range", "generate_series", "unnest", "duckdb_tables", "duckdb_columns", "duckdb_views", "duckdb_constraints",
            "duckdb_schemas", "duckdb_types", "duckdb_functions", "duckdb_keywords", "duckdb_indexes", "duckdb_sequences",
            "duckdb_databases", "duckdb_dependencies", "pragma_table_info", "pragma_storage_info", "pragma_show");

    /** Refuses table functions outside {@link #TABLE_FUNCTIONS} and table names that look like paths (replacement scans of files). */
    private static void refuseFileAccess(JsonNode n) {
        if (n.isObject()) {
            String type = n.path("type").asText("");
            if (type.equals("TABLE_FUNCTION")) {
                String name = n.path("function").path("function_name").asText("").toLowerCase(java.util.Locale.ROOT);
                if (!TABLE_FUNCTIONS.contains(name)) {
                    throw new ApiException(ProblemType.FORBIDDEN_ACCESS, "The table function '" + name
                            + "' is not available to ad-hoc SQL (it may reach files, settings or run other SQL); allowed: "
                            + String.join(", ", new java.util.TreeSet<>(TABLE_FUNCTIONS)));
                }
            } else if (type.equals("BASE_TABLE")) {
                for (String part : List.of(n.path("catalog_name").asText(""), n.path("schema_name").asText(""), n.path("table_name").asText(""))) {
                    if (part.chars().anyMatch(ch -> "/\\.:*?~".indexOf(ch) >= 0)) {
                        throw new ApiException(ProblemType.FORBIDDEN_ACCESS, "'" + part
                                + "' looks like a file path or URL; ad-hoc SQL can only read the warehouse's tables and views");
                    }
                }
            }
            n.forEach(SqlGuard::refuseFileAccess);
        } else if (n.isArray()) {
            n.forEach(SqlGuard::refuseFileAccess);
        }
    }

    private static boolean callsVolatile(JsonNode n) {
        if (n.isObject()) {
            JsonNode f = n.get("function_name");
            if (f != null && VOLATILE.contains(f.asText("").toLowerCase(java.util.Locale.ROOT))) return true;
            for (JsonNode child : n) if (callsVolatile(child)) return true;
        } else if (n.isArray()) {
            for (JsonNode child : n) if (callsVolatile(child)) return true;
        }
        return false;
    }

    private static void collectParameters(JsonNode n, List<JsonNode> out) {
        if (n.isObject()) {
            if ("PARAMETER".equals(n.path("class").asText(null))) out.add(n);
            n.forEach(child -> collectParameters(child, out));
        } else if (n.isArray()) {
            n.forEach(child -> collectParameters(child, out));
        }
    }

    /**
     * DuckDB's JDBC driver binds by position only, so {@code $name} becomes {@code $1, $2, ...} at the byte
     * offsets the parser reported (which keeps names inside strings and comments untouched).
     */
    static Checked rewrite(String sql, List<JsonNode> params) {
        if (params.isEmpty()) return new Checked(sql, List.of());
        boolean anyNamed = params.stream().anyMatch(p -> !isNumber(p.path("identifier").asText()));
        boolean anyPositional = params.stream().anyMatch(p -> isNumber(p.path("identifier").asText()));
        if (anyNamed && anyPositional) {
            throw new ApiException(ProblemType.BAD_SQL, "Use either named ($name) or positional (? or $1) parameters, not both");
        }
        if (!anyNamed) {
            int max = params.stream().mapToInt(p -> Integer.parseInt(p.path("identifier").asText())).max().orElse(0);
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= max; i++) names.add(Integer.toString(i));
            return new Checked(sql, names);
        }
        Map<String, Integer> index = new LinkedHashMap<>();
        List<JsonNode> byPosition = new ArrayList<>(params);
        byPosition.sort(Comparator.comparingLong(p -> p.path("query_location").asLong()));
        for (JsonNode p : byPosition) index.computeIfAbsent(p.path("identifier").asText(), k -> index.size() + 1);
        byte[] bytes = sql.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        int pos = 0;
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        for (JsonNode p : byPosition) {
            long loc = p.path("query_location").asLong(-1);
            int len = p.path("query_location_length").asInt(0);
            String name = p.path("identifier").asText();
            if (loc < pos || loc + len > bytes.length
                    || !new String(bytes, (int) loc, len, StandardCharsets.UTF_8).equals("$" + name)) {
                throw new ApiException(ProblemType.BAD_SQL, "Cannot bind parameter $" + name + " at its position in the query");
            }
            buf.write(bytes, pos, (int) loc - pos);
            buf.writeBytes(("$" + index.get(name)).getBytes(StandardCharsets.UTF_8));
            pos = (int) loc + len;
        }
        buf.write(bytes, pos, bytes.length - pos);
        out.append(buf.toString(StandardCharsets.UTF_8));
        return new Checked(out.toString(), List.copyOf(index.keySet()));
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }
}
