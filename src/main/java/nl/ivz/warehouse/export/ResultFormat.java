package nl.ivz.warehouse.export;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Output formats shared by the CLI, the HTTP service and exports. */
public enum ResultFormat {
    TABLE("table", "text/plain; charset=utf-8"),
    CSV("csv", "text/csv; charset=utf-8"),
    CSV_NL("csv-nl", "text/csv; charset=utf-8"),
    JSON("json", "application/json"),
    NDJSON("ndjson", "application/x-ndjson"),
    PARQUET("parquet", "application/vnd.apache.parquet"),
    XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final String id;
    private final String contentType;

    ResultFormat(String id, String contentType) {
        this.id = id;
        this.contentType = contentType;
    }

    public String id() { return id; }
    public String contentType() { return contentType; }

    public static ResultFormat parse(String s) {
        String k = s.toLowerCase(Locale.ROOT);
        for (ResultFormat f : values()) if (f.id.equals(k)) return f;
        throw new IllegalArgumentException("Unknown format '" + s + "'; expected one of "
                + Arrays.stream(values()).map(ResultFormat::id).collect(Collectors.joining(", ")));
    }
}
