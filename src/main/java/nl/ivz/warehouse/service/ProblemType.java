package nl.ivz.warehouse.service;

/**
 * The kinds of error the service answers with (RFC 7807). The {@code type} URIs are part of the API:
 * clients may switch on them, so they never change.
 */
public enum ProblemType {
    BAD_REQUEST(400, "bad-request", "Malformed request"),
    BAD_SQL(400, "bad-sql", "The SQL could not be parsed or run"),
    BAD_PARAMETER(400, "bad-parameter", "A parameter is missing, unknown or has the wrong type"),
    UNAUTHORIZED(401, "unauthorized", "A valid bearer token is required"),
    INSUFFICIENT_SCOPE(403, "insufficient-scope", "The token's scope does not allow this route"),
    FORBIDDEN_STATEMENT(403, "forbidden-statement", "Only one read-only statement (SELECT, WITH, VALUES, FROM, DESCRIBE, SUMMARIZE, SHOW) is allowed"),
    FORBIDDEN_ACCESS(403, "forbidden-access", "The statement tried to reach files, extensions or settings of the server"),
    FORBIDDEN_PATH(403, "forbidden-path", "The path is outside the load inbox"),
    NOT_FOUND(404, "not-found", "No such resource"),
    UNKNOWN_CUBE(404, "unknown-cube", "No such cube"),
    UNKNOWN_QUERY(404, "unknown-query", "No such canned query"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
    UNSUPPORTED_FORMAT(406, "unsupported-format", "Unsupported output format"),
    LOAD_FAILED(422, "load-failed", "The load failed and was rolled back"),
    LOAD_BUSY(409, "load-busy", "Another load is running"),
    QUERY_TOO_LARGE(413, "query-too-large", "The query text or request body is too large"),
    TOO_MANY_REQUESTS(429, "too-many-requests", "Too many concurrent queries"),
    OUT_OF_MEMORY(507, "out-of-memory", "The query needs more memory or spill space than the server allows"),
    TIMEOUT(504, "timeout", "The query ran longer than the time limit and was cancelled"),
    LOADS_DISABLED(501, "loads-disabled", "Loading through the service is not configured (start with --inbox)"),
    INTERNAL(500, "internal", "Internal error");

    public static final String PREFIX = "urn:ivz-warehouse:problem:";

    private final int status;
    private final String slug;
    private final String title;

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public int status() { return status; }
    public String slug() { return slug; }
    public String title() { return title; }
    public String uri() { return PREFIX + slug; }
}
