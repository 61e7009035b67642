package nl.ivz.warehouse.cubes;

import nl.ivz.warehouse.cubes.Lookup.Area;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static nl.ivz.warehouse.db.Tables.DIM_PERIOD;
import static nl.ivz.warehouse.db.Tables.FCT_REGISTRATION;
import static nl.ivz.warehouse.db.Tables.FCT_SURVEY;

/**
 * The geography a cube walks, resolved for one year: which hierarchy (politie or bestuurlijk), the areas of a
 * peer group found transitively through the memberships valid that year, the areas with data that the
 * geography does not place, and the successor links that put an earlier year on the borders of a later one.
 */
public final class Geography {
    public static final String POLITIE = "politie";
    public static final String BESTUURLIJK = "bestuurlijk";

    /** Levels from the bottom up per hierarchy; below gemeente (wijk, buurt) the administrative links lead to it. */
    static final List<String> POLITIE_CHAIN = List.of("buurt", "wijk", "gemeente", "basisteam", "district", "eenheid", "land");
    static final List<String> BESTUURLIJK_CHAIN = List.of("buurt", "wijk", "gemeente", "provincie", "landsdeel", "land");

    private Geography() { }

    /** The hierarchy parameter of the cubes that walk from a parent (or area) down to a level. */
    static final CubeParam HIERARCHY_PARAM = new CubeParam("hierarchy", "text", null,
            "politie or bestuurlijk; default by level (provincie, landsdeel: bestuurlijk; eenheid, district, basisteam: politie; "
                    + "gemeente: the hierarchy of the area above it, bestuurlijk under Nederland)");

    static List<String> chain(String hierarchy) {
        return POLITIE.equals(hierarchy) ? POLITIE_CHAIN : BESTUURLIJK_CHAIN;
    }

    /** The hierarchy a level belongs to on its own, or null for gemeente and below (in both) and land (top of both). */
    static String hierarchyOfLevel(String level) {
        switch (level) {
            case "provincie": case "landsdeel": case "corop": return BESTUURLIJK;
            case "eenheid": case "district": case "basisteam": return POLITIE;
            default: return null;
        }
    }

    /**
     * The hierarchy to walk from {@code top} down to {@code level}: given, or by default the level's own
     * (provincie, landsdeel: bestuurlijk; eenheid, district, basisteam: politie), else the top area's, and
     * bestuurlijk under Nederland or a gemeente.
     */
    static String hierarchy(String raw, Area top, String level) throws CubeException {
        String own = hierarchyOfLevel(level);
        String topOwn = hierarchyOfLevel(top.level());
        if (raw != null && !raw.isBlank()) {
            String h = raw.trim().toLowerCase(Locale.ROOT);
            if (!h.equals(POLITIE) && !h.equals(BESTUURLIJK)) {
                throw new CubeException("hierarchy", "Unknown hierarchy '" + raw + "'" + Lookup.didYouMean(raw, List.of(POLITIE, BESTUURLIJK))
                        + " (politie or bestuurlijk)");
            }
            for (String[] x : new String[][] {{level, own}, {top.level(), topOwn}}) {
                if (x[1] != null && !x[1].equals(h)) {
                    throw new CubeException("hierarchy", "Level " + x[0] + " belongs to the " + x[1] + " hierarchy, not " + h
                            + " (leave hierarchy out or give " + x[1] + ")");
                }
            }
            return h;
        }
        if (own != null) {
            if (topOwn != null && !topOwn.equals(own)) {
                throw new CubeException("level", "Level " + level + " (" + own + ") is not below " + top.name() + " (" + top.level()
                        + ", " + topOwn + " hierarchy)");
            }
            return own;
        }
        return topOwn != null ? topOwn : BESTUURLIJK;
    }

    /** A peer group: the areas at {@code level} below {@code parent} in {@code year}, and what the geography leaves out. */
    public record PeerGroup(Area parent, String level, String hierarchy, int year, List<Area> members, List<Area> unplaced) {
        List<String> codes() { return members.stream().map(Area::code).collect(Collectors.toList()); }

        /** The parent is the top of its hierarchy (Nederland): every area of the level with data belongs in the group. */
        boolean complete() { return unplaced.isEmpty(); }

        /** Dutch note for the answer when areas with data have no place in the geography, else null. */
        String unplacedNote() {
            if (unplaced.isEmpty()) return null;
            return unplaced.size() + " " + level + "(n) met gegevens in " + year + " zonder plaats in de " + hierarchy + "e indeling ("
                    + unplaced.stream().limit(3).map(Area::name).collect(Collectors.joining(", ")) + (unplaced.size() > 3 ? ", ..." : "")
                    + ") ontbreken";
        }
    }

    /** Child -> parent edges of {@code hierarchy} valid in {@code year}; wijk and buurt climb the administrative links to their gemeente. */
    static Map<String, String> parents(DSLContext ctx, String hierarchy, int year) {
        return Dimensions.of(ctx).parents(hierarchy, year);
    }

    /** Areas at {@code level} existing in {@code year} (dim_region validity), by code, ordered by name and code. */
    static Map<String, Area> areasAt(DSLContext ctx, String level, int year) {
        Map<String, Area> out = new LinkedHashMap<>();
        for (Dimensions.AreaRow a : Dimensions.of(ctx).areasAt(level, year)) out.put(a.code(), a.area());
        return out;
    }

    /** The ancestors of {@code code} in the edges, nearest first. */
    static List<String> ancestors(Map<String, String> up, String code) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String c = up.get(code); c != null && seen.add(c) && seen.size() < 20; c = up.get(c)) out.add(c);
        return out;
    }

    /**
     * The peer group: every area at {@code level} existing in {@code year} whose chain of memberships valid that year
     * reaches {@code parent}, however many levels lie between (a gemeente outside Oost-Nederland hangs directly under
     * its eenheid). When the parent is the top of the hierarchy, the areas of the level with data that year whose
     * chain does not reach it are listed as unplaced.
     */
    static PeerGroup peers(DSLContext ctx, Area parent, String level, String hierarchy, int year) {
        Map<String, String> up = parents(ctx, hierarchy, year);
        List<Area> members = new ArrayList<>();
        List<Area> outside = new ArrayList<>();
        for (Area a : areasAt(ctx, level, year).values()) {
            if (ancestors(up, a.code()).contains(parent.code())) members.add(a);
            else outside.add(a);
        }
        List<Area> unplaced = new ArrayList<>();
        if (!up.containsKey(parent.code()) && !outside.isEmpty()) {
            Set<String> withData = withData(ctx, outside.stream().map(Area::code).collect(Collectors.toList()), level, year);
            for (Area a : outside) if (withData.contains(a.code()) && !unassignable(a)) unplaced.add(a);
        }
        members.sort(Comparator.comparing(Area::name).thenComparing(Area::code));
        return new PeerGroup(parent, level, hierarchy, year, members, unplaced);
    }

    /** The municipalities (in {@code year}, through {@code hierarchy}) of each area above gemeente among {@code areas}. */
    static Map<String, List<String>> gemeenten(DSLContext ctx, List<Area> areas, String hierarchy, int year) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        Set<String> above = areas.stream().filter(a -> !chain(hierarchy).subList(0, 3).contains(a.level())).map(Area::code)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (above.isEmpty()) return out;
        Map<String, String> up = parents(ctx, hierarchy, year);
        for (String g : areasAt(ctx, "gemeente", year).keySet()) {
            for (String a : ancestors(up, g)) if (above.contains(a)) out.computeIfAbsent(a, k -> new ArrayList<>()).add(g);
        }
        return out;
    }

    /** Area -> its municipalities as a derived table v(member_code, area_code, n), n = the area's number of municipalities. */
    static Table<?> membersTable(DSLContext ctx, Map<String, List<String>> members) {
        List<List<Object>> rows = new ArrayList<>();
        members.forEach((a, ms) -> ms.forEach(m -> rows.add(List.of(m, a, ms.size()))));
        return Sql.constants(ctx, "v", List.of("member_code", "area_code", "n"), List.of(SQLDataType.VARCHAR, SQLDataType.VARCHAR, SQLDataType.INTEGER), rows);
    }

    /**
     * CBS's rest categories ("Niet in te delen" PV99/RE99/LD99, "Buitenland" GM0998, "Gemeenten; niet in te delen" GM0999):
     * part of a national total, but no area of the level that a peer group could miss.
     */
    static boolean unassignable(Area a) {
        String n = Lookup.normalize(a.name());
        return n.contains("niet in te delen") || n.equals("buitenland");
    }

    /**
     * Which of {@code codes} have registrations or survey values in {@code year}: for municipalities and up from the
     * dimensions held in memory (the yearly aggregate, read once per load) plus the facts of other periods than years and
     * months (quarters, which the aggregate does not hold) where that year has such periods; buurten and wijken from the facts.
     */
    private static Set<String> withData(DSLContext ctx, List<String> codes, String level, int year) {
        Dimensions dims = Dimensions.of(ctx);
        if (dims.withData == null || Facts.fine(level)) return withDataFromFacts(ctx, codes, year);
        Set<String> held = dims.withData.getOrDefault(year, Set.of());
        Set<String> out = new LinkedHashSet<>();
        List<String> rest = new ArrayList<>();
        for (String c : codes) {
            if (held.contains(c)) out.add(c);
            else rest.add(c);
        }
        List<String> other = dims.otherPeriods.get(year);
        if (other != null && !rest.isEmpty()) {
            out.addAll(ctx.selectDistinct(FCT_REGISTRATION.REGION_CODE).from(FCT_REGISTRATION)
                    .where(FCT_REGISTRATION.REGION_CODE.in(rest)).and(FCT_REGISTRATION.PERIOD_CODE.in(other)).fetch(FCT_REGISTRATION.REGION_CODE));
        }
        return out;
    }

    private static Set<String> withDataFromFacts(DSLContext ctx, List<String> codes, int year) {
        var years = DSL.select(DIM_PERIOD.PERIOD_CODE).from(DIM_PERIOD).where(DIM_PERIOD.PERIOD_YEAR.eq(year));
        Set<String> out = new LinkedHashSet<>(ctx.selectDistinct(FCT_REGISTRATION.REGION_CODE).from(FCT_REGISTRATION)
                .where(FCT_REGISTRATION.REGION_CODE.in(codes)).and(FCT_REGISTRATION.PERIOD_CODE.in(years)).fetch(FCT_REGISTRATION.REGION_CODE));
        out.addAll(ctx.selectDistinct(FCT_SURVEY.REGION_CODE).from(FCT_SURVEY)
                .where(FCT_SURVEY.REGION_CODE.in(codes)).and(FCT_SURVEY.PERIOD_CODE.in(years)).fetch(FCT_SURVEY.REGION_CODE));
        return out;
    }

    /** Part of an earlier area carried onto an area of the borders year: the whole (share 1) or, for an opsplitsing, an estimated share. */
    public record Carry(String from, String to, double share, boolean exact) { }

    /**
     * Every earlier area that went (through one or more reorganisations up to 1 January of {@code borders}) into an
     * area of {@code borders}, with the share of it carried: 1 for a merger or renaming; for an opsplitsing the
     * share of the inhabitants that moved to each successor where the link says so (else equal parts), not exact.
     */
    static List<Carry> carried(DSLContext ctx, int borders) {
        Map<String, List<Record>> links = new LinkedHashMap<>();
        // read as plain records: the table may carry inwoners_moved (the weights of an opsplitsing) or not
        for (Record r : Dimensions.of(ctx).successorsUpTo(borders)) {
            links.computeIfAbsent(r.get("region_code", String.class), k -> new ArrayList<>()).add(r);
        }
        List<Carry> out = new ArrayList<>();
        for (String from : links.keySet()) {
            Map<String, double[]> to = new LinkedHashMap<>();
            Map<String, Boolean> exact = new HashMap<>();
            carry(links, from, 1.0, true, to, exact, 0);
            for (Map.Entry<String, double[]> e : to.entrySet()) {
                if (!e.getKey().equals(from)) out.add(new Carry(from, e.getKey(), e.getValue()[0], exact.get(e.getKey())));
            }
        }
        return out;
    }

    private static void carry(Map<String, List<Record>> links, String code, double share, boolean exact,
                              Map<String, double[]> to, Map<String, Boolean> exactTo, int depth) {
        List<Record> next = links.get(code);
        if (next == null || depth > 20) {
            to.computeIfAbsent(code, k -> new double[1])[0] += share;
            exactTo.merge(code, exact, Boolean::logicalAnd);
            return;
        }
        // the links of the area's last reorganisation (an area ends once)
        int last = next.stream().mapToInt(r -> r.get("from_year", Integer.class)).max().orElseThrow();
        List<Record> now = next.stream().filter(r -> r.get("from_year", Integer.class) == last).collect(Collectors.toList());
        boolean split = now.stream().anyMatch(r -> "opsplitsing".equals(r.get("change_kind", String.class))) && now.size() > 1;
        double total = 0;
        boolean weighted = split && now.stream().allMatch(r -> weight(r) != null);
        if (weighted) for (Record r : now) total += weight(r);
        for (Record r : now) {
            double part = !split ? 1.0 : weighted && total > 0 ? weight(r) / total : 1.0 / now.size();
            carry(links, r.get("successor_code", String.class), share * part, exact && !split, to, exactTo, depth + 1);
        }
    }

    private static Double weight(Record r) {
        Field<?> f = r.field("inwoners_moved");
        if (f == null) return null;
        Object v = r.get(f);
        return v == null ? null : ((Number) v).doubleValue();
    }

    /** The carries as a derived table v(region_code, area_code, share, exact), or null when there are none. */
    static Table<?> carryTable(DSLContext ctx, List<Carry> carries) {
        if (carries.isEmpty()) return null;
        List<List<Object>> rows = new ArrayList<>();
        for (Carry c : carries) rows.add(List.of(c.from(), c.to(), c.share(), c.exact() ? 1 : 0));
        return Sql.constants(ctx, "v", List.of("region_code", "area_code", "share", "exact"),
                List.of(SQLDataType.VARCHAR, SQLDataType.VARCHAR, SQLDataType.DOUBLE, SQLDataType.INTEGER), rows);
    }
}
