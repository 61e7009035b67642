package nl.ivz.warehouse.cli;

import java.sql.SQLException;

/** Turns exceptions into the one-line messages users see (never a stack trace). */
final class Errors {
    private Errors() { }

    static String message(Throwable ex) {
        Throwable t = ex;
        while (t.getCause() != null && t.getMessage() == null) t = t.getCause();
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        if (t instanceof SQLException) m = m.strip();
        return m;
    }
}
