package nl.ivz.warehouse.service;

import java.util.LinkedHashMap;
import java.util.Map;

/** An error that becomes an RFC 7807 problem response; the detail is shown to the client as is. */
public class ApiException extends RuntimeException {
    private final ProblemType type;
    private final Map<String, Object> extra = new LinkedHashMap<>();

    public ApiException(ProblemType type, String detail) {
        super(detail);
        this.type = type;
    }

    public ApiException(ProblemType type, String detail, Throwable cause) {
        super(detail, cause);
        this.type = type;
    }

    public ProblemType type() { return type; }

    public Map<String, Object> extra() { return extra; }

    /** Adds an extension member (e.g. "parameter") to the problem document. */
    public ApiException with(String key, Object value) {
        extra.put(key, value);
        return this;
    }
}
