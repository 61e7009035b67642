package nl.ivz.warehouse.cubes;

import nl.ivz.warehouse.core.AreaLabel;
import org.jooq.DSLContext;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Resolves parameter values (areas, levels, themes, measures, years) against the dimensions held in memory
 * ({@link Dimensions}: read again only after a load), and builds the "did you mean" lists of
 * {@link CubeException}s. Area labels are parsed by {@link AreaLabel} and {@link AreaLevel}, as the loaders do.
 */
public final class Lookup {
    private Lookup() { }

    /** An area: code, name, level. */
    public record Area(String code, String name, String level, boolean known) {
        public Area(String code, String name, String level) { this(code, name, level, true); }
    }

    public static String normalize(String s) {
        return AreaLabel.normalize(s);
    }

    /** An area by code, alias or (unambiguous) name, with or without a level suffix such as (PD), (BT), (RE), (PV). */
    public static Area area(DSLContext ctx, String param, String raw) throws CubeException {
        return area(Dimensions.of(ctx), param, raw);
    }

    public static Area area(Dimensions dims, String param, String raw) throws CubeException {
        if (raw == null || raw.isBlank()) throw new CubeException(param, "Parameter '" + param + "' needs an area (code or name)");
        String t = raw.trim();
        String norm = normalize(t);
        String name = norm;
        String level = null;
        AreaLabel label = AreaLabel.parse(t);
        if (!label.isCode() && label.level() != null) {
            name = normalize(label.name());
            level = label.level().value();
        }
        Dimensions.AreaRow byCode = dims.area(t);
        if (byCode != null) return byCode.area();
        Dimensions.AreaRow aliased = dims.area(dims.aliases.get(norm));
        if (aliased != null) return aliased.area();
        if (level != null) {
            aliased = dims.area(dims.aliases.get(name));
            if (aliased != null && aliased.level().equals(level)) return aliased.area();
        }
        List<Dimensions.AreaRow> hits = named(dims.areasByName.get(name), level);
        // second try: without accents and with straight quotes (Sudwest-Fryslan finds Súdwest-Fryslân)
        if (hits.isEmpty()) hits = named(dims.areasByFolded.get(AreaLabel.fold(name)), level);
        if (hits.size() > 1) {
            // an area of the bundled hierarchy wins over a same-named one a data file brought in (Oost-Nederland: unit, not landsdeel)
            List<Dimensions.AreaRow> known = hits.stream().filter(Dimensions.AreaRow::known).collect(Collectors.toList());
            if (known.size() == 1) return known.get(0).area();
            // then an area that still exists wins over a historic one (Twente: the district, not the politieregio until 2012)
            List<Dimensions.AreaRow> now = known.stream().filter(Dimensions.AreaRow::current).collect(Collectors.toList());
            if (now.size() == 1) return now.get(0).area();
            throw new CubeException(param, "Area '" + raw + "' for parameter '" + param + "' is ambiguous: "
                    + hits.stream().map(x -> x.name() + " (" + x.level() + ", " + x.code() + ")").collect(Collectors.joining(", "))
                    + "; give the code or add (PD), (BT) or (RE)");
        }
        if (hits.size() == 1) return hits.get(0).area();
        throw new CubeException(param, "Unknown area '" + raw + "' for parameter '" + param + "'" + didYouMean(raw, dims.areaCandidates()));
    }

    private static List<Dimensions.AreaRow> named(List<Dimensions.AreaRow> rows, String level) {
        List<Dimensions.AreaRow> out = new ArrayList<>();
        if (rows == null) return out;
        for (Dimensions.AreaRow x : rows) if (level == null || x.level().equals(level)) out.add(x);
        return out;
    }

    /** A level present in dim_region. */
    public static String level(DSLContext ctx, String param, String raw) throws CubeException {
        Set<String> levels = Dimensions.of(ctx).levels();
        String n = normalize(raw);
        if (levels.contains(n)) return n;
        throw new CubeException(param, "Unknown level '" + raw + "' for parameter '" + param + "'" + didYouMean(raw, levels)
                + "; levels: " + String.join(", ", levels));
    }

    /** Theme codes from a comma-separated list of codes or names. */
    public static List<String> themes(DSLContext ctx, String param, String raw) throws CubeException {
        Dimensions dims = Dimensions.of(ctx);
        Set<String> codes = dims.themes().keySet();
        List<String> out = new ArrayList<>();
        for (String part : raw.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) continue;
            String n = normalize(p);
            if (codes.contains(n)) out.add(n);
            else if (dims.themesByName.containsKey(n)) out.add(dims.themesByName.get(n));
            else throw new CubeException(param, "Unknown theme '" + p + "' for parameter '" + param + "'" + didYouMean(p, codes));
        }
        if (out.isEmpty()) throw new CubeException(param, "Parameter '" + param + "' needs at least one theme");
        return out;
    }

    /** A measure (indicator) by code or label. */
    public static String measure(DSLContext ctx, String param, String raw) throws CubeException {
        Dimensions dims = Dimensions.of(ctx);
        Set<String> codes = dims.measures().keySet();
        String t = raw.trim();
        if (codes.contains(t)) return t;
        String n = normalize(t);
        for (String c : codes) if (c.equalsIgnoreCase(t)) return c;
        if (dims.measuresByLabel.containsKey(n)) return dims.measuresByLabel.get(n);
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
        return Dimensions.of(ctx).years();
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
