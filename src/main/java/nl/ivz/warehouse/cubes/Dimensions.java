package nl.ivz.warehouse.cubes;

import nl.ivz.warehouse.core.AreaLabel;
import nl.ivz.warehouse.core.DataVersion;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.WeakHashMap;

import static nl.ivz.warehouse.db.Tables.DIM_MEASURE;
import static nl.ivz.warehouse.db.Tables.DIM_PERIOD;
import static nl.ivz.warehouse.db.Tables.DIM_PLAN;
import static nl.ivz.warehouse.db.Tables.DIM_REGION;
import static nl.ivz.warehouse.db.Tables.DIM_REGION_ALIAS;
import static nl.ivz.warehouse.db.Tables.DIM_REGION_PARENT;
import static nl.ivz.warehouse.db.Tables.DIM_THEME;
import static nl.ivz.warehouse.db.Tables.FCT_POLICY_TARGET;
import static nl.ivz.warehouse.db.Tables.FCT_SURVEY;
import static nl.ivz.warehouse.db.Tables.FCT_SURVEY_RESPONSE;

/**
 * The dimensions parameters are resolved against (areas, aliases, memberships, successors, levels, themes,
 * measures, years, plans), read into memory once per connection and again after a load commits
 * ({@link DataVersion}), so resolving a cube's parameters costs no round trip to the database. (A fingerprint
 * query of row counts was tried first: DuckDB plans ten scalar subqueries in ~40 ms, more than the look-ups it
 * would save.) Spark and Trino read the dimensions once per cube call.
 */
public final class Dimensions {
    /** A row of dim_region. */
    public record AreaRow(String code, String name, String level, boolean known, int validFrom, int validTo) {
        Lookup.Area area() { return new Lookup.Area(code, name, level, known); }

        boolean current() { return validTo >= 9999; }
    }

    /** A membership edge of dim_region_parent, with the child's level. */
    record Edge(String child, String parent, String hierarchy, int validFrom, int validTo, String childLevel) { }

    /** A row of dim_measure. */
    public record Measure(String code, String label, String unit, String denominator) { }

    /** A row of dim_plan (the priorities cube's plan sets). */
    record Plan(String code, String owner, String type) { }

    /** The dimensions as one connection last read them, and the data version they were read at. */
    private record Held(long version, Dimensions dims) { }

    private static final Map<Connection, Held> HELD = Collections.synchronizedMap(new WeakHashMap<>());

    final Map<String, AreaRow> areasByCode = new LinkedHashMap<>();
    final Map<String, List<AreaRow>> areasByName = new HashMap<>();
    final Map<String, List<AreaRow>> areasByFolded = new HashMap<>();
    final Map<String, String> aliases = new HashMap<>();
    final List<Edge> edges = new ArrayList<>();
    final Set<String> levels = new TreeSet<>();
    final Map<String, String> themeNames = new LinkedHashMap<>();
    final Map<String, String> themesByName = new HashMap<>();
    final Map<String, Measure> measures = new LinkedHashMap<>();
    final Map<String, String> measuresByLabel = new HashMap<>();
    final List<Integer> years = new ArrayList<>();
    final List<Plan> plans = new ArrayList<>();
    /** Survey rounds with response counts (fct_survey_response), the years each survey indicator has, target spans. */
    final List<Integer> surveyRounds = new ArrayList<>();
    final Map<String, List<Integer>> surveyYears = new HashMap<>();
    final Map<String, int[]> targetSpans = new LinkedHashMap<>();
    /** dim_region_successor as read (the table may carry inwoners_moved or not), ordered as Geography needs. */
    final List<Record> successors = new ArrayList<>();
    /**
     * Year -> areas (gemeente and up) with registrations (agg_registration_year, jaar and maand periods) or survey values that
     * year; null when not read (another engine than DuckDB): callers then ask the facts.
     */
    Map<Integer, Set<String>> withData;
    /** Year -> its period codes of other kinds than jaar and maand (kwartaal): the aggregate does not hold those facts. */
    final Map<Integer, List<String>> otherPeriods = new HashMap<>();
    /**
     * Population figures of areas above wijk for the dark number's candidate measures, by {@link #popKey}; null when not read.
     * The largest value of an area, measure and year with its source and reference date, and the largest source and date.
     */
    Map<String, PopFigure> population;

    /** One area, measure and year of fct_population: dated 1 = 1 January of the year, 2 = another date, 0 = none. */
    record PopFigure(Double value, String sourceOfMax, int datedOfMax, String maxSource, int maxDated) { }

    static String popKey(String region, String measure, int year) {
        return region + '|' + measure + '|' + year;
    }

    private Dimensions() { }

    /** The copy each cube call uses, bound to the configuration of that call: one version check per call. */
    private static final Map<Configuration, Dimensions> BOUND = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * The dimensions of the warehouse {@code ctx} is connected to. Kept per connection (a transaction that wrote
     * dimensions and rolled back leaves no trace in another connection's copy) until a load commits.
     */
    public static Dimensions of(DSLContext ctx) {
        Dimensions bound = BOUND.get(ctx.configuration());
        if (bound != null) return bound;
        if (ctx.dialect() != SQLDialect.DUCKDB) return read(ctx);
        org.jooq.ConnectionProvider provider = ctx.configuration().connectionProvider();
        Connection c = provider.acquire();
        try {
            long version = DataVersion.current();
            Held held = HELD.get(c);
            if (held != null && held.version() == version) return held.dims();
            Dimensions d = read(ctx);
            HELD.put(c, new Held(version, d));
            return d;
        } finally {
            provider.release(c);
        }
    }

    /**
     * A context for one cube call: derived from {@code ctx} (with {@code settings}), with the dimensions read or
     * checked once and bound to it, so every look-up of the call uses the same snapshot.
     */
    static DSLContext bind(DSLContext ctx, org.jooq.conf.Settings settings) {
        Configuration cfg = settings == null ? ctx.configuration().derive() : ctx.configuration().derive(settings);
        Dimensions d = of(ctx);
        BOUND.put(cfg, d);
        return org.jooq.impl.DSL.using(cfg);
    }

    /** Forgets every copy (the resolution benchmark times a fresh read with it). */
    public static void forget() {
        HELD.clear();
    }

    static Dimensions read(DSLContext ctx) {
        Dimensions d = new Dimensions();
        for (var r : ctx.select(DIM_REGION.REGION_CODE, DIM_REGION.REGION_NAME, DIM_REGION.REGION_LEVEL, DIM_REGION.IS_KNOWN,
                DIM_REGION.VALID_FROM, DIM_REGION.VALID_TO).from(DIM_REGION).orderBy(DIM_REGION.REGION_CODE).fetch()) {
            AreaRow a = new AreaRow(r.value1(), r.value2(), r.value3(), !Boolean.FALSE.equals(r.value4()),
                    r.value5() == null ? 1900 : r.value5(), r.value6() == null ? 9999 : r.value6());
            d.areasByCode.put(a.code().toUpperCase(Locale.ROOT), a);
            d.areasByName.computeIfAbsent(AreaLabel.normalize(a.name()), k -> new ArrayList<>()).add(a);
            d.areasByFolded.computeIfAbsent(AreaLabel.fold(a.name()), k -> new ArrayList<>()).add(a);
            d.levels.add(a.level());
        }
        for (var r : ctx.select(DIM_REGION_ALIAS.ALIAS, DIM_REGION_ALIAS.REGION_CODE).from(DIM_REGION_ALIAS).fetch()) {
            d.aliases.put(r.value1(), r.value2().toUpperCase(Locale.ROOT));
        }
        for (var r : ctx.select(DIM_REGION_PARENT.REGION_CODE, DIM_REGION_PARENT.PARENT_CODE, DIM_REGION_PARENT.HIERARCHY,
                        DIM_REGION_PARENT.VALID_FROM, DIM_REGION_PARENT.VALID_TO, DIM_REGION.REGION_LEVEL)
                .from(DIM_REGION_PARENT).join(DIM_REGION).on(DIM_REGION.REGION_CODE.eq(DIM_REGION_PARENT.REGION_CODE))
                .orderBy(DIM_REGION_PARENT.VALID_FROM, DIM_REGION_PARENT.REGION_CODE, DIM_REGION_PARENT.HIERARCHY).fetch()) {
            d.edges.add(new Edge(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6()));
        }
        d.successors.addAll(ctx.resultQuery("select * from dim_region_successor order by region_code, from_year, successor_code").fetch());
        for (var r : ctx.select(DIM_THEME.THEME_CODE, DIM_THEME.THEME_NAME).from(DIM_THEME).orderBy(DIM_THEME.THEME_CODE).fetch()) {
            d.themeNames.put(r.value1(), r.value2());
            d.themesByName.put(AreaLabel.normalize(r.value2()), r.value1());
        }
        for (var r : ctx.select(DIM_MEASURE.MEASURE_CODE, DIM_MEASURE.MEASURE_LABEL, DIM_MEASURE.UNIT, DIM_MEASURE.DENOMINATOR)
                .from(DIM_MEASURE).orderBy(DIM_MEASURE.MEASURE_CODE).fetch()) {
            d.measures.put(r.value1(), new Measure(r.value1(), r.value2(), r.value3(), r.value4()));
            d.measuresByLabel.put(AreaLabel.normalize(r.value2()), r.value1());
        }
        for (Record1<Integer> r : ctx.selectDistinct(DIM_PERIOD.PERIOD_YEAR).from(DIM_PERIOD).where(DIM_PERIOD.PERIOD_KIND.eq("jaar"))
                .orderBy(DIM_PERIOD.PERIOD_YEAR).fetch()) {
            d.years.add(r.value1());
        }
        for (var r : ctx.select(DIM_PLAN.PLAN_CODE, DIM_PLAN.OWNER_NAME, DIM_PLAN.PLAN_TYPE).from(DIM_PLAN).fetch()) {
            d.plans.add(new Plan(r.value1(), r.value2(), r.value3()));
        }
        // the few fact look-ups cubes resolve parameters with: small tables or one row per indicator and year
        d.surveyRounds.addAll(ctx.selectDistinct(FCT_SURVEY_RESPONSE.SURVEY_YEAR).from(FCT_SURVEY_RESPONSE).fetch(FCT_SURVEY_RESPONSE.SURVEY_YEAR));
        for (var r : ctx.selectDistinct(FCT_SURVEY.MEASURE_CODE, DIM_PERIOD.PERIOD_YEAR).from(FCT_SURVEY).join(DIM_PERIOD)
                .on(DIM_PERIOD.PERIOD_CODE.eq(FCT_SURVEY.PERIOD_CODE)).orderBy(FCT_SURVEY.MEASURE_CODE, DIM_PERIOD.PERIOD_YEAR).fetch()) {
            d.surveyYears.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(r.value2());
        }
        for (var r : ctx.select(FCT_POLICY_TARGET.THEME_CODE, FCT_POLICY_TARGET.REGION_CODE, DSL.min(FCT_POLICY_TARGET.BASE_YEAR),
                DSL.max(FCT_POLICY_TARGET.HORIZON_YEAR)).from(FCT_POLICY_TARGET).groupBy(FCT_POLICY_TARGET.THEME_CODE, FCT_POLICY_TARGET.REGION_CODE)
                .orderBy(FCT_POLICY_TARGET.THEME_CODE, FCT_POLICY_TARGET.REGION_CODE).fetch()) {
            d.targetSpans.put(r.value1() + " in " + r.value2(), new int[] {r.value3(), r.value4()});
        }
        for (var r : ctx.select(DIM_PERIOD.PERIOD_YEAR, DIM_PERIOD.PERIOD_CODE).from(DIM_PERIOD).where(DIM_PERIOD.PERIOD_KIND.notIn("jaar", "maand"))
                .orderBy(DIM_PERIOD.PERIOD_CODE).fetch()) {
            d.otherPeriods.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(r.value2());
        }
        if (ctx.dialect() == SQLDialect.DUCKDB) readFacts(ctx, d);
        return d;
    }

    /**
     * The fact look-ups of national questions and of the dark number's population, once per load: which areas (gemeente and up)
     * have data per year, from the yearly aggregate (about 6,000 rows at scale 1), and the population figures of areas above wijk
     * for the measures the dark number may scale to.
     */
    private static void readFacts(DSLContext ctx, Dimensions d) {
        d.withData = new HashMap<>();
        for (var r : ctx.resultQuery("SELECT DISTINCT period_year, region_code FROM agg_registration_year "
                + "UNION SELECT DISTINCT p.period_year, s.region_code FROM fct_survey s JOIN dim_period p ON p.period_code = s.period_code").fetch()) {
            d.withData.computeIfAbsent(r.get(0, Integer.class), k -> new java.util.HashSet<>()).add(r.get(1, String.class));
        }
        d.population = new HashMap<>();
        String measures = DarkNumberCube.POPULATION_MEASURES.stream().map(m -> "'" + m + "'").collect(java.util.stream.Collectors.joining(", "));
        // dated as DarkNumberCube.population numbers it; the figure of the largest value as its ORDER BY value DESC LIMIT 1 would pick
        for (var r : ctx.resultQuery("SELECT region_code, measure_code, period_year, max(value), coalesce(arg_max(source_table, value), min(source_table)), "
                + "coalesce(arg_max(dated, value), min(dated)), max(source_table), max(dated) FROM (SELECT f.region_code, f.measure_code, p.period_year, "
                + "f.value, f.source_table, CASE WHEN f.reference_date = make_date(p.period_year, 1, 1) THEN 1 WHEN f.reference_date IS NOT NULL THEN 2 ELSE 0 END "
                + "AS dated FROM fct_population f JOIN dim_period p ON p.period_code = f.period_code JOIN dim_region g ON g.region_code = f.region_code "
                + "WHERE g.region_level NOT IN ('buurt', 'wijk') AND f.measure_code IN (" + measures + ")) x GROUP BY region_code, measure_code, period_year").fetch()) {
            d.population.put(popKey(r.get(0, String.class), r.get(1, String.class), r.get(2, Integer.class)),
                    new PopFigure(r.get(3, Double.class), r.get(4, String.class), r.get(5, Integer.class), r.get(6, String.class), r.get(7, Integer.class)));
        }
    }

    /** Years with values of a survey indicator, ascending (empty when it has none). */
    List<Integer> surveyYears(String measure) {
        return surveyYears.getOrDefault(measure, List.of());
    }

    /** First base year and last horizon year of the targets for {@code theme} in {@code area}, or null. */
    int[] targetSpan(String theme, String area) {
        return targetSpans.get(theme + " in " + area);
    }

    /** An area by its code (any case), or null. */
    public AreaRow area(String code) {
        return code == null ? null : areasByCode.get(code.trim().toUpperCase(Locale.ROOT));
    }

    /** Every area, ordered by code. */
    public java.util.Collection<AreaRow> areas() {
        return Collections.unmodifiableCollection(areasByCode.values());
    }

    /** Child -> its parent codes in any hierarchy, valid in {@code year} (null = in any year). */
    public Map<String, Set<String>> parentsOf(Integer year) {
        Map<String, Set<String>> out = new HashMap<>();
        for (Edge e : edges) {
            if (year == null || e.validFrom() <= year && e.validTo() >= year) {
                out.computeIfAbsent(e.child(), k -> new LinkedHashSet<>()).add(e.parent());
            }
        }
        return out;
    }

    /** Levels present in dim_region, sorted. */
    public Set<String> levels() {
        return Collections.unmodifiableSet(levels);
    }

    /** Years with yearly periods in dim_period, ascending. */
    public List<Integer> years() {
        return Collections.unmodifiableList(years);
    }

    /** Theme code -> name. */
    public Map<String, String> themes() {
        return Collections.unmodifiableMap(themeNames);
    }

    /** Measure code -> measure. */
    public Map<String, Measure> measures() {
        return Collections.unmodifiableMap(measures);
    }

    /** Every code, name and alias: the candidates of a "did you mean" for an unknown area. */
    Set<String> areaCandidates() {
        Set<String> out = new LinkedHashSet<>();
        for (AreaRow a : areasByCode.values()) {
            out.add(a.code());
            out.add(a.name());
        }
        out.addAll(aliases.keySet());
        return out;
    }

    /** Child -> parent edges of {@code hierarchy} valid in {@code year}; wijk and buurt climb the administrative links. */
    Map<String, String> parents(String hierarchy, int year) {
        // kept per hierarchy and year: a national benchmark asked for it three times, ~2 ms each (this object is replaced after a load)
        return parentsMemo.computeIfAbsent(hierarchy + "@" + year, k -> Collections.unmodifiableMap(readParents(hierarchy, year)));
    }

    private final Map<String, Map<String, String>> parentsMemo = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, List<AreaRow>> areasAtMemo = new java.util.concurrent.ConcurrentHashMap<>();

    private Map<String, String> readParents(String hierarchy, int year) {
        Map<String, String> up = new HashMap<>();
        for (Edge e : edges) {
            boolean inHierarchy = e.hierarchy().equals(hierarchy)
                    || e.hierarchy().equals(Geography.BESTUURLIJK) && ("wijk".equals(e.childLevel()) || "buurt".equals(e.childLevel()));
            if (inHierarchy && e.validFrom() <= year && e.validTo() >= year) up.put(e.child(), e.parent());
        }
        return up;
    }

    /** Areas at {@code level} existing in {@code year}, ordered by name and code. */
    List<AreaRow> areasAt(String level, int year) {
        return areasAtMemo.computeIfAbsent(level + "@" + year, k -> Collections.unmodifiableList(readAreasAt(level, year)));
    }

    private List<AreaRow> readAreasAt(String level, int year) {
        List<AreaRow> out = new ArrayList<>();
        for (AreaRow a : areasByCode.values()) {
            if (a.level().equals(level) && a.validFrom() <= year && a.validTo() >= year) out.add(a);
        }
        out.sort((x, y) -> {
            int c = x.name().compareTo(y.name());
            return c != 0 ? c : x.code().compareTo(y.code());
        });
        return out;
    }

    /** Successor links that start in or before {@code borders}. */
    List<Record> successorsUpTo(int borders) {
        List<Record> out = new ArrayList<>();
        for (Record r : successors) if (r.get("from_year", Integer.class) <= borders) out.add(r);
        return out;
    }

    /** The number of areas read (for the resolution benchmark). */
    public int areaCount() {
        return areasByCode.size();
    }
}
