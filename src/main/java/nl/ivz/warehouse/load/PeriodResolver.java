package nl.ivz.warehouse.load;

import org.jooq.DSLContext;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static nl.ivz.warehouse.db.Tables.DIM_PERIOD;

/**
 * Maps CBS period codes (2014JJ00, 2014KW01, 2014MM03) and labels ("2014", "2016*", "2016**",
 * "2014 maart") to dim_period, creating periods on first use and recording provisional status.
 */
public final class PeriodResolver {
    public static final String DEFINITIEF = "definitief";
    public static final String VOORLOPIG = "voorlopig";
    public static final String NADER_VOORLOPIG = "nader voorlopig";

    private static final Pattern CODE = Pattern.compile("(\\d{4})(JJ|KW|MM)(\\d{2})");
    private static final Pattern LABEL = Pattern.compile("(\\d{4})(?:\\s+([a-z]+|\\d+e kwartaal))?\\s*(\\*{0,2})");
    private static final List<String> MONTHS = List.of("januari", "februari", "maart", "april", "mei", "juni", "juli",
            "augustus", "september", "oktober", "november", "december");

    private final DSLContext dsl;
    private final Map<String, String> seen = new HashMap<>();

    public PeriodResolver(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** A parsed period. */
    public record Period(String code, int year, Integer month, String kind, String label, String status) { }

    /** Parses a period code or label; null if it is neither. */
    public static Period parse(String raw) {
        String t = raw.trim();
        Matcher c = CODE.matcher(t);
        if (c.matches()) {
            int year = Integer.parseInt(c.group(1));
            int n = Integer.parseInt(c.group(3));
            switch (c.group(2)) {
                case "JJ": return n == 0 ? new Period(t, year, null, "jaar", Integer.toString(year), DEFINITIEF) : null;
                case "KW": return n >= 1 && n <= 4 ? new Period(t, year, null, "kwartaal", year + " " + n + "e kwartaal", DEFINITIEF) : null;
                default: return n >= 1 && n <= 12 ? new Period(t, year, n, "maand", year + " " + MONTHS.get(n - 1), DEFINITIEF) : null;
            }
        }
        Matcher l = LABEL.matcher(t.toLowerCase(Locale.ROOT));
        if (!l.matches()) return null;
        int year = Integer.parseInt(l.group(1));
        String status = l.group(3).length() == 2 ? NADER_VOORLOPIG : l.group(3).length() == 1 ? VOORLOPIG : DEFINITIEF;
        String part = l.group(2);
        if (part == null) return new Period(year + "JJ00", year, null, "jaar", Integer.toString(year), status);
        int month = MONTHS.indexOf(part);
        if (month >= 0) {
            return new Period(String.format("%dMM%02d", year, month + 1), year, month + 1, "maand", year + " " + part, status);
        }
        if (part.endsWith("e kwartaal")) {
            int q = Integer.parseInt(part.substring(0, part.indexOf('e')));
            if (q >= 1 && q <= 4) return new Period(String.format("%dKW%02d", year, q), year, null, "kwartaal", year + " " + part, status);
        }
        return null;
    }

    /**
     * The period code for a code or label, creating or updating dim_period; null if it is not a period.
     * @param status status to record (null = as the label says: * voorlopig, ** nader voorlopig)
     */
    public String resolve(String raw, String status) {
        Period p = parse(raw);
        if (p == null) return null;
        String st = status != null ? status : p.status();
        String key = p.code() + "|" + st;
        if (seen.containsKey(key)) return p.code();
        int updated = dsl.update(DIM_PERIOD).set(DIM_PERIOD.PERIOD_STATUS, st)
                .where(DIM_PERIOD.PERIOD_CODE.eq(p.code())).execute();
        if (updated == 0) {
            dsl.insertInto(DIM_PERIOD)
                    .set(DIM_PERIOD.PERIOD_CODE, p.code())
                    .set(DIM_PERIOD.PERIOD_YEAR, p.year())
                    .set(DIM_PERIOD.PERIOD_MONTH, p.month())
                    .set(DIM_PERIOD.PERIOD_KIND, p.kind())
                    .set(DIM_PERIOD.PERIOD_LABEL, p.label())
                    .set(DIM_PERIOD.PERIOD_STATUS, st)
                    .execute();
        }
        seen.put(key, p.code());
        return p.code();
    }

    public String resolve(String raw) {
        return resolve(raw, null);
    }

    /**
     * {@link #resolve(String)} for many labels at once (a monthly file names hundreds of periods): one UPDATE of
     * the statuses that change and one INSERT of the new periods instead of a statement per label. Labels that are
     * not periods are left out of the map; when two labels name one period, the later one's status is recorded.
     */
    public Map<String, String> resolveAll(java.util.Collection<String> raws) {
        Map<String, String> out = new HashMap<>();
        Map<String, Period> todo = new java.util.LinkedHashMap<>();
        for (String raw : raws) {
            Period p = parse(raw);
            if (p == null) continue;
            out.put(raw, p.code());
            if (!seen.containsKey(p.code() + "|" + p.status())) {
                todo.remove(p.code());
                todo.put(p.code(), p);
            }
        }
        if (todo.isEmpty()) return out;
        StringBuilder rows = new StringBuilder();
        for (Period p : todo.values()) {
            rows.append(rows.length() == 0 ? "" : ", ").append('(').append(SourceTables.literal(p.code())).append(", ")
                    .append(p.year()).append(", ").append(p.month() == null ? "NULL" : p.month().toString()).append(", ")
                    .append(SourceTables.literal(p.kind())).append(", ").append(SourceTables.literal(p.label())).append(", ")
                    .append(SourceTables.literal(p.status())).append(')');
        }
        String v = "(VALUES " + rows + ") v(code, y, m, kind, label, st)";
        dsl.execute("UPDATE dim_period SET period_status = v.st FROM " + v
                + " WHERE dim_period.period_code = v.code AND dim_period.period_status <> v.st");
        dsl.execute("INSERT INTO dim_period (period_code, period_year, period_month, period_kind, period_label, period_status) "
                + "SELECT code, y, CAST(m AS INTEGER), kind, label, st FROM " + v + " WHERE code NOT IN (SELECT period_code FROM dim_period)");
        for (Period p : todo.values()) seen.put(p.code() + "|" + p.status(), p.code());
        return out;
    }

    /** A plain year as period code: 2014 -> 2014JJ00 (created if needed). */
    public String year(int year) {
        return resolve(Integer.toString(year), DEFINITIEF);
    }
}
