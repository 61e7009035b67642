package nl.ivz.warehouse.load;

import org.jooq.DSLContext;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static nl.ivz.warehouse.db.Tables.MAP_SOURCE_THEME;

/**
 * A source crime/incident classification mapped onto dim_theme through map_source_theme: by code
 * (T001161, CRI1000, 1.1.1, E33) or by the label as published ("Misdrijven, totaal", "1.1.1 Diefstal/inbraak woning").
 */
public final class SourceThemes {
    public static final String CBS = "cbs-soortmisdrijf";
    public static final String POLITIE = "politie-soortmisdrijf";
    public static final String OVERLAST = "politie-overlast";

    /** CBS labels numbered with dots ("1.1.1 Diefstal en inbraak met geweld", a reshaped 83648NED export). */
    private static final Pattern DOTTED = Pattern.compile("(\\d(?:\\.\\d)+)\\s+.*");

    /** Police classification under the name the national-scale benchmark generator writes. */
    public static final String POLITIE_BENCH = "politie";

    private final String system;
    private final Map<String, String> byKey = new HashMap<>();

    /** One classification or several tried in order (the first system that knows a code or label wins). */
    public SourceThemes(DSLContext dsl, String... systems) {
        this.system = systems[0];
        for (String sys : systems) {
            Map<String, String> own = new HashMap<>();
            dsl.select(MAP_SOURCE_THEME.SOURCE_CODE, MAP_SOURCE_THEME.SOURCE_LABEL, MAP_SOURCE_THEME.THEME_CODE)
                    .from(MAP_SOURCE_THEME).where(MAP_SOURCE_THEME.SOURCE_SYSTEM.eq(sys)).fetch()
                    .forEach(r -> {
                        own.put(key(r.value1()), r.value3());
                        own.putIfAbsent(key(r.value2()), r.value3());
                    });
            own.forEach(byKey::putIfAbsent);
        }
    }

    static String key(String s) {
        return s == null ? "" : s.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** Theme for a code or label; null when the classification has no mapping for it. */
    public String theme(String raw) {
        if (raw == null) return null;
        String t = byKey.get(key(raw));
        if (t != null) return t;
        if (system.equals(CBS)) {
            // 83648NED code of a dotted group number: 1 -> CRI1000, 1.1 -> CRI1100, 2.2.1.1 -> CRI2211
            Matcher m = DOTTED.matcher(raw.trim());
            if (m.matches()) {
                String digits = m.group(1).replace(".", "");
                if (digits.length() <= 4) {
                    t = byKey.get(key("CRI" + (digits + "000").substring(0, 4)));
                }
            }
        }
        return t;
    }

    public String system() {
        return system;
    }

    public boolean isEmpty() {
        return byKey.isEmpty();
    }
}
