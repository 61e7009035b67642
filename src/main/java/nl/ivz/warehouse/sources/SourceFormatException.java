package nl.ivz.warehouse.sources;

import java.nio.file.Path;

/**
 * A fatal problem with a source file (unreadable encoding, unknown layout, missing column, truncated
 * file). The message names file, line, column, the value found and what was expected.
 */
public class SourceFormatException extends Exception {
    private final Path file;
    private final long line;
    private final String column;
    private final String value;
    private final String expected;

    public SourceFormatException(Path file, long line, String column, String value, String expected) {
        super(format(file, line, column, value, expected));
        this.file = file;
        this.line = line;
        this.column = column;
        this.value = value;
        this.expected = expected;
    }

    private static String format(Path file, long line, String column, String value, String expected) {
        StringBuilder sb = new StringBuilder();
        sb.append(file == null ? "<input>" : file.getFileName().toString());
        if (line > 0) sb.append(", line ").append(line);
        if (column != null) sb.append(", column '").append(column).append('\'');
        sb.append(": ");
        if (value != null) sb.append("found '").append(abbreviate(value)).append("', ");
        sb.append("expected ").append(expected);
        return sb.toString();
    }

    static String abbreviate(String v) {
        String one = v.replace("\r", "\\r").replace("\n", "\\n");
        return one.length() > 80 ? one.substring(0, 77) + "..." : one;
    }

    public Path file() { return file; }
    public long line() { return line; }
    public String column() { return column; }
    public String value() { return value; }
    public String expected() { return expected; }
}
