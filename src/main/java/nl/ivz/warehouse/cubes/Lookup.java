package nl.ivz.warehouse.cubes;

import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.Record3;
import org.jooq.impl.DSL;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static nl.ivz.warehouse.db.Tables.DIM_MEASURE;
import static nl.ivz.warehouse.db.Tables.DIM_PERIOD;
import static nl.ivz.warehouse.db.Tables.DIM_REGION;
import static nl.ivz.warehouse.db.Tables.DIM_REGION_ALIAS;
import static nl.ivz.warehouse.db.Tables.DIM_REGION_PARENT;
import static nl.ivz.warehouse.db.Tables.DIM_THEME;

/**
 * Resolves parameter values (areas, themes, measures, years) against the dimensions, and builds the
 * "did you mean" lists of {@link CubeException}s. Runs small queries on the dimensions only.
 */
public final class Lookup {
    private static final Pattern SUFFIX = Pattern.compile("(?i)^(.*?)\\s*\\((PD|BT|RE|PV|LD|GM|PO)\\)\\s*$");

    private Lookup() { }

    /** An area: code, name, level. */
    public record Area(String code, String name, String level, boolean known) {
        public Area(String code, String name, String level) { this(code, name, level, true); }
    }

    public static String normalize(String s) {
        return s.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    static String levelOfSuffix(String s) {
        switch (s.toUpperCase(Locale.ROOT)) {
            case "PD": return "district";
            case "BT": return "basisteam";
            case "RE": return "eenheid";
            case "PV": return "provincie";
            case "LD": return "landsdeel";
            case "PO": return "politieregio";
            default: return "gemeente";
        }
    }

    /** An area by code, alias or (unambiguous) name, with or without a (PD)/(BT)/(RE)/(PV) suffix. */
    public static Area area(DSLContext ctx, String param, String raw) throws CubeException {
        if (raw == null || raw.isBlank()) throw new CubeException(param, "Parameter '" + param + "' needs an area (code or name)");
        String t = raw.trim();
        String norm = normalize(t);
        String name = norm;
        String level = null;
        Matcher m = SUFFIX.matcher(t);
        if (m.matches()) {
            name = normalize(m.group(1));
            level = levelOfSuffix(m.group(2));
        }
        // only the rows that can match: a national warehouse has tens of thousands of areas
        List<String> aliasKeys = new ArrayList<>(List.of(norm, name));
        Map<String, String> aliases = new LinkedHashMap<>();
        for (Record2<String, String> r : ctx.select(DIM_REGION_ALIAS.ALIAS, DIM_REGION_ALIAS.REGION_CODE).from(DIM_REGION_ALIAS)
                .where(DIM_REGION_ALIAS.ALIAS.in(aliasKeys)).fetch()) {
            aliases.put(r.value1(), r.value2().toUpperCase(Locale.ROOT));
        }
        Map<String, Area> byCode = new LinkedHashMap<>();
        Set<String> current = new java.util.HashSet<>();
        for (var r : ctx.select(DIM_REGION.REGION_CODE, DIM_REGION.REGION_NAME, DIM_REGION.REGION_LEVEL, DIM_REGION.IS_KNOWN, DIM_REGION.VALID_TO).from(DIM_REGION)
                .where(DSL.upper(DIM_REGION.REGION_CODE).eq(t.toUpperCase(Locale.ROOT)))
                .or(DSL.lower(DIM_REGION.REGION_NAME).eq(name))
                .or(aliases.isEmpty() ? DSL.falseCondition() // an empty IN list is "in ()" in jOOQ's standard rendering (Spark)
                        : DSL.upper(DIM_REGION.REGION_CODE).in(aliases.values())).fetch()) {
            byCode.put(r.value1().toUpperCase(Locale.ROOT), new Area(r.value1(), r.value2(), r.value3(), !Boolean.FALSE.equals(r.value4())));
            if (r.value5() == null || r.value5() >= 9999) current.add(r.value1().toUpperCase(Locale.ROOT));
        }
        Area a = byCode.get(t.toUpperCase(Locale.ROOT));
        if (a != null) return a;
        String code = aliases.get(norm);
        if (code != null && byCode.containsKey(code)) return byCode.get(code);
        if (level != null) {
            code = aliases.get(name);
            if (code != null && byCode.containsKey(code) && byCode.get(code).level().equals(level)) return byCode.get(code);
        }
        List<Area> hits = new ArrayList<>();
        for (Area x : byCode.values()) {
            if (normalize(x.name()).equals(name) && (level == null || x.level().equals(level))) hits.add(x);
        }
        if (hits.size() > 1) {
            // an area of the bundled hierarchy wins over a same-named one a data file brought in (Oost-Nederland: unit, not landsdeel)
            List<Area> known = hits.stream().filter(Area::known).collect(Collectors.toList());
            if (known.size() == 1) return known.get(0);
            // then an area that still exists wins over a historic one (Twente: the district, not the politieregio until 2012)
            List<Area> now = known.stream().filter(x -> current.contains(x.code().toUpperCase(Locale.ROOT))).collect(Collectors.toList());
            if (now.size() == 1) return now.get(0);
        }
        if (hits.size() == 1) return hits.get(0);
        if (hits.size() > 1) {
            throw new CubeException(param, "Area '" + raw + "' for parameter '" + param + "' is ambiguous: "
                    + hits.stream().map(x -> x.name() + " (" + x.level() + ", " + x.code() + ")").collect(Collectors.joining(", "))
                    + "; give the code or add (PD), (BT) or (RE)");
        }
        Set<String> candidates = new LinkedHashSet<>();
        for (Record2<String, String> r : ctx.select(DIM_REGION.REGION_CODE, DIM_REGION.REGION_NAME).from(DIM_REGION).fetch()) {
            candidates.add(r.value1());
            candidates.add(r.value2());
        }
        candidates.addAll(ctx.select(DIM_REGION_ALIAS.ALIAS).from(DIM_REGION_ALIAS).fetch(DIM_REGION_ALIAS.ALIAS));
        throw new CubeException(param, "Unknown area '" + raw + "' for parameter '" + param + "'" + didYouMean(raw, candidates));
    }

    /** Levels present in dim_region. */
    public static String level(DSLContext ctx, String param, String raw) throws CubeException {
        List<String> levels = ctx.selectDistinct(DIM_REGION.REGION_LEVEL).from(DIM_REGION).fetch(DIM_REGION.REGION_LEVEL);
        String n = normalize(raw);
        if (levels.contains(n)) return n;
        throw new CubeException(param, "Unknown level '" + raw + "' for parameter '" + param + "'" + didYouMean(raw, levels)
                + "; levels: " + String.join(", ", new TreeSet<>(levels)));
    }

    /** Theme codes from a comma-separated list of codes or names. */
    public static List<String> themes(DSLContext ctx, String param, String raw) throws CubeException {
        Map<String, String> byName = new LinkedHashMap<>();
        Set<String> codes = new LinkedHashSet<>();
        for (Record2<String, String> r : ctx.select(DIM_THEME.THEME_CODE, DIM_THEME.THEME_NAME).from(DIM_THEME).fetch()) {
            codes.add(r.value1());
            byName.put(normalize(r.value2()), r.value1());
        }
        List<String> out = new ArrayList<>();
        for (String part : raw.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) continue;
            String n = normalize(p);
            if (codes.contains(n)) out.add(n);
            else if (byName.containsKey(n)) out.add(byName.get(n));
            else throw new CubeException(param, "Unknown theme '" + p + "' for parameter '" + param + "'" + didYouMean(p, codes));
        }
        if (out.isEmpty()) throw new CubeException(param, "Parameter '" + param + "' needs at least one theme");
        return out;
    }

    /** A measure (indicator) by code or label. */
    public static String measure(DSLContext ctx, String param, String raw) throws CubeException {
        Map<String, String> byLabel = new LinkedHashMap<>();
        Set<String> codes = new LinkedHashSet<>();
        for (Record2<String, String> r : ctx.select(DIM_MEASURE.MEASURE_CODE, DIM_MEASURE.MEASURE_LABEL).from(DIM_MEASURE).fetch()) {
            codes.add(r.value1());
            byLabel.put(normalize(r.value2()), r.value1());
        }
        String t = raw.trim();
        if (codes.contains(t)) return t;
        String n = normalize(t);
        for (String c : codes) if (c.equalsIgnoreCase(t)) return c;
        if (byLabel.containsKey(n)) return byLabel.get(n);
        throw new CubeException(param, "Unknown indicator '" + raw + "' for parameter '" + param + "'" + didYouMean(raw, codes));
    }

    /** A year given as number; {@code known} are the years with data (empty = any year accepted). */
    public static int year(String param, String raw, Collection<Integer> known) throws CubeException {
        int y;
        try {
            y = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new CubeException(param, "Parameter '" + param + "' must be a year like 2014, not '" + raw + "'");
        }
        if (!known.isEmpty() && !known.contains(y)) {
            List<Integer> near = known.stream().sorted(Comparator.comparingInt((Integer k) -> Math.abs(k - y)).thenComparing(k -> k))
                    .limit(3).sorted().collect(Collectors.toList());
            throw new CubeException(param, "No data for year " + y + " (parameter '" + param + "'); nearest years with data: "
                    + near.stream().map(String::valueOf).collect(Collectors.joining(", ")));
        }
        return y;
    }

    /** Years present in dim_period as whole years. */
    public static List<Integer> years(DSLContext ctx) {
        return ctx.selectDistinct(DIM_PERIOD.PERIOD_YEAR).from(DIM_PERIOD).where(DIM_PERIOD.PERIOD_KIND.eq("jaar"))
                .orderBy(DIM_PERIOD.PERIOD_YEAR).fetch(DIM_PERIOD.PERIOD_YEAR);
    }

    /** "; did you mean: a, b, c?" with the closest candidates by edit distance (or "" when none is close). */
    public static String didYouMean(String raw, Collection<String> candidates) {
        String n = normalize(raw);
        List<String> close = candidates.stream().distinct()
                .map(c -> Map.entry(c, distance(n, normalize(c))))
                .filter(e -> e.getValue() <= Math.max(2, n.length() / 3) || normalize(e.getKey()).contains(n) && n.length() >= 3)
                .sorted(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .limit(5).map(Map.Entry::getKey).collect(Collectors.toList());
        return close.isEmpty() ? "" : "; did you mean: " + String.join(", ", close) + "?";
    }

    /** Levenshtein edit distance. */
    public static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev; prev = cur; cur = t;
        }
        return prev[b.length()];
    }
}
