package nl.ivz.warehouse.cubes;

import nl.ivz.warehouse.cubes.Lookup.Area;
import org.jooq.CaseConditionStep;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.List;
import java.util.stream.Collectors;

import static nl.ivz.warehouse.cubes.Sql.d;
import static nl.ivz.warehouse.cubes.Sql.i;
import static nl.ivz.warehouse.cubes.Sql.s;
import static nl.ivz.warehouse.cubes.Sql.t;
import static nl.ivz.warehouse.db.Tables.AGG_REGISTRATION_YEAR;
import static nl.ivz.warehouse.db.Tables.DIM_PERIOD;
import static nl.ivz.warehouse.db.Tables.DIM_REGION;
import static nl.ivz.warehouse.db.Tables.FCT_POPULATION;
import static nl.ivz.warehouse.db.Tables.FCT_PUBLISHED_FIGURE;
import static nl.ivz.warehouse.db.Tables.FCT_REGISTRATION;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.grouping;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.lag;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.when;

/**
 * Development per area and theme: counts of the leaf areas (municipalities by default) summed up the
 * police hierarchy to basisteam, district and unit in one GROUPING SETS query (borders of one year),
 * with change on the previous year, index (base year = 100) and average yearly change; figures loaded
 * for the aggregate areas themselves are shown beside as published.
 */
public final class TrendCube extends BaseCube {
    public TrendCube() {
        super("trend",
                "Counts per area and theme over years, rolled up from leaf areas to the parent in one GROUPING SETS query: change, % change, index, average yearly change",
                List.of(
                        new CubeParam("area", "area", "PD-TWENTE", "Top area of the roll-up (code or name)"),
                        new CubeParam("level", "level", "gemeente", "Leaf level whose counts are summed: buurt, wijk, gemeente, basisteam or "
                                + "district (a year is the yearly figure, else the sum of its months)"),
                        new CubeParam("themes", "themes", "misdrijven_totaal", "Comma-separated themes (codes or names)"),
                        new CubeParam("indicator", "measure", "geregistreerde_misdrijven", "Count measure to sum (unit aantal): geregistreerde_misdrijven, verdachten, incidenten"),
                        new CubeParam("from", "year", "2013", "First year"),
                        new CubeParam("to", "year", "2017", "Last year"),
                        new CubeParam("base", "year", null, "Index base year (= 100); default: from"),
                        new CubeParam("borders", "year", null, "Year whose areas are used for every year (a municipality formed later gets the sum of its predecessors); default: to"),
                        Geography.HIERARCHY_PARAM),
                List.of(
                        CubeColumn.of("area_level", null, "Level of the row: the leaf level up to the top area's level"),
                        CubeColumn.of("area_code", null, "Area"),
                        CubeColumn.of("area_name", null, "Name of the area"),
                        CubeColumn.of("theme_code", null, "Theme"),
                        CubeColumn.of("period_year", null, "Year"),
                        CubeColumn.number("value", "aantal", "Sum of the leaf areas' counts (the leaf's own count on leaf rows)"),
                        CubeColumn.of("leaf_areas", "aantal", "Leaf areas with a count in this row"),
                        CubeColumn.number("published_value", "aantal", "Count loaded for the aggregate area itself (as published), if any"),
                        CubeColumn.of("differs_from_published", null, "TRUE where the summed value and the published one differ"),
                        CubeColumn.number("change", "aantal", "Value minus the previous year's value"),
                        CubeColumn.number("change_pct", "procent", "Change as % of the previous year's value"),
                        CubeColumn.number("published_change_pct", "procent", "% change on the previous year as published, if any"),
                        CubeColumn.of("change_pct_differs", null, "TRUE where the published % change differs from the recomputed one rounded to whole percents"),
                        CubeColumn.number("index_value", "index", "Value / value in the base year x 100"),
                        CubeColumn.number("avg_yearly_change_pct", "procent", "Compound average yearly change over the range: ((last / first)^(1 / (years - 1)) - 1) x 100"),
                        CubeColumn.of("areas_expected", "aantal", "Leaf areas below this area by the geography of borders_year"),
                        CubeColumn.of("coverage_complete", null, "TRUE when every expected leaf area has a count this year"),
                        CubeColumn.of("coverage_note", null, "What is missing, when coverage is incomplete"),
                        CubeColumn.number("population", "aantal", "Inhabitants on 1 January of the year, summed over the leaf areas with a count (and their predecessors on later borders)"),
                        CubeColumn.of("population_areas", "aantal", "Leaf areas with a count whose population on 1 January is loaded for the year"),
                        CubeColumn.number("rate_per_1000", "per 1000 inwoners", "value / population x 1,000, only when every leaf area with a count has its population; else empty (not estimated)"),
                        CubeColumn.of("hierarchy", null, "Hierarchy rolled up: politie or bestuurlijk"),
                        CubeColumn.of("borders_year", null, "Year whose areas are used for every year"),
                        CubeColumn.of("borders_exact", null, "FALSE where the value includes an estimated share of a split municipality (opsplitsing)")));
    }

    record Plan(Area area, String level, String hierarchy, List<String> chain, List<String> themes, String measure, int from, int to, int base, int borders,
                List<List<String>> leaves, List<Geography.Carry> carries) {
        int depth() { return chain.indexOf(area.level()) - chain.indexOf(level); }
        String levelAt(int j) { return chain.get(chain.indexOf(level) + j); }
    }

    Plan plan(DSLContext ctx, Args a) throws CubeException {
        Area area = Lookup.area(ctx, "area", a.get("area"));
        String level = Lookup.level(ctx, "level", a.get("level"));
        String hierarchy = Geography.hierarchy(a.get("hierarchy"), area, level);
        List<String> chain = Geography.chain(hierarchy);
        int top = chain.indexOf(area.level());
        int leaf = chain.indexOf(level);
        if (top < 0 || leaf < 0 || leaf > top) {
            throw new CubeException("level", "Level '" + level + "' is not below " + area.name() + " (" + area.level()
                    + ") in the " + hierarchy + " hierarchy " + String.join(" < ", chain));
        }
        List<String> themes = Lookup.themes(ctx, "themes", a.get("themes"));
        String measure = Lookup.measure(ctx, "indicator", a.get("indicator"));
        String unit = Dimensions.of(ctx).measures().get(measure).unit();
        if (!"aantal".equals(unit)) {
            throw new CubeException("indicator", "Indicator " + measure + " is a " + unit + ", not a count: a roll-up sums counts (use e.g. geregistreerde_misdrijven)");
        }
        List<Integer> years = Lookup.years(ctx);
        int from = Lookup.year("from", a.get("from"), years);
        int to = Lookup.year("to", a.get("to"), years);
        if (to < from) throw new CubeException("to", "Parameter 'to' (" + to + ") is before 'from' (" + from + ")");
        int base = a.has("base") ? Lookup.year("base", a.get("base"), years) : from;
        if (base < from || base > to) throw new CubeException("base", "Base year " + base + " is outside " + from + "-" + to);
        int borders = a.has("borders") ? Lookup.year("borders", a.get("borders"), List.of()) : to;
        int k = top - leaf;
        List<List<String>> leaves = new ArrayList<>();
        if (k == 0) {
            leaves.add(List.of(area.code()));
        } else {
            Geography.PeerGroup group = Geography.peers(ctx, area, level, hierarchy, borders);
            if (group.members().isEmpty()) {
                throw new CubeException("level", "No areas at level '" + level + "' below " + area.name() + " (" + area.code() + ") in the "
                        + hierarchy + " hierarchy of " + borders + (group.unplaced().isEmpty() ? "" : " (" + group.unplacedNote() + ")"));
            }
            // each leaf with its ancestor at every level up to the area; a level the chain skips (no basisteam) stays empty
            Map<String, String> up = Geography.parents(ctx, hierarchy, borders);
            Set<String> codes = new LinkedHashSet<>();
            for (Area m : group.members()) codes.addAll(Geography.ancestors(up, m.code()));
            Map<String, String> levelOf = new HashMap<>();
            Dimensions dims = Dimensions.of(ctx);
            for (String code : codes) {
                Dimensions.AreaRow r = dims.area(code);
                if (r != null) levelOf.put(r.code(), r.level());
            }
            for (Area m : group.members()) {
                List<String> row = new ArrayList<>(Collections.nCopies(k + 1, (String) null));
                row.set(0, m.code());
                for (String anc : Geography.ancestors(up, m.code())) {
                    int at = chain.indexOf(levelOf.get(anc)) - leaf;
                    if (at > 0 && at <= k && row.get(at) == null) row.set(at, anc);
                    if (anc.equals(area.code())) break;
                }
                leaves.add(row);
            }
        }
        List<Geography.Carry> carries = Geography.carried(ctx, borders);
        Set<String> leafCodes = leaves.stream().map(l -> l.get(0)).collect(Collectors.toSet());
        carries = carries.stream().filter(c -> leafCodes.contains(c.to())).collect(Collectors.toList());
        return new Plan(area, level, hierarchy, chain, themes, measure, from, to, base, borders, leaves, carries);
    }

    private static String col(int k) { return "a" + k; }

    /** Grouping sets (theme, year, ak..aj) for j = 0..k over the columns {@code a}. */
    private static List<Field<?>>[] sets(List<Field<String>> a, List<Field<?>> lead) {
        int k = a.size() - 1;
        @SuppressWarnings("unchecked")
        List<Field<?>>[] sets = new List[k + 1];
        for (int j = 0; j <= k; j++) {
            List<Field<?>> set = new ArrayList<>(lead);
            for (int x = k; x >= j; x--) set.add(a.get(x));
            sets[j] = set;
        }
        return sets;
    }

    @Override
    protected ResultQuery<? extends Record> build(DSLContext ctx, Args args) throws CubeException {
        Plan p = plan(ctx, args);
        int k = p.depth();
        // leaves: a0 = leaf area, a1..ak its ancestors at each level of the chain under the borders of one year; ak = the top area
        List<String> names = new ArrayList<>();
        List<org.jooq.DataType<?>> types = new ArrayList<>();
        for (int j = 0; j <= k; j++) {
            names.add(col(j));
            types.add(SQLDataType.VARCHAR);
        }
        List<CommonTableExpression<?>> ctes = new ArrayList<>();
        ctes.add(DSL.name("leaves").as(select(DSL.asterisk()).from(Sql.constants(ctx, "v", names, types, p.leaves()))));
        boolean carry = !p.carries().isEmpty();
        if (carry) ctes.add(DSL.name("carry").as(select(DSL.asterisk()).from(Geography.carryTable(ctx, p.carries()))));

        List<Field<String>> a = new ArrayList<>();
        for (int j = 0; j <= k; j++) a.add(s("leaves", col(j)));
        CaseConditionStep<String> areaCode = null;
        CaseConditionStep<String> areaLevel = null;
        for (int j = 0; j < k; j++) {
            areaCode = areaCode == null ? when(grouping(a.get(j)).eq(inline(0)), a.get(j)) : areaCode.when(grouping(a.get(j)).eq(inline(0)), a.get(j));
            String lvl = p.levelAt(j);
            areaLevel = areaLevel == null ? when(grouping(a.get(j)).eq(inline(0)), inline(lvl)) : areaLevel.when(grouping(a.get(j)).eq(inline(0)), inline(lvl));
        }
        Field<String> areaCodeF = areaCode == null ? a.get(k) : areaCode.otherwise(a.get(k));
        Field<String> areaLevelF = areaLevel == null ? inline(p.area().level()) : areaLevel.otherwise(inline(p.area().level()));

        // a year's count: the yearly figure where one is loaded, else the sum of the months (monthly sources);
        // municipalities and up from the yearly aggregate, buurten and wijken from the facts
        boolean fine = Facts.fine(p.level());
        if (fine) {
            Field<Double> yearly = sum(FCT_REGISTRATION.VALUE).filterWhere(DIM_PERIOD.PERIOD_KIND.eq(inline("jaar"))).cast(SQLDataType.DOUBLE);
            Field<Double> monthly = sum(FCT_REGISTRATION.VALUE).filterWhere(DIM_PERIOD.PERIOD_KIND.eq(inline("maand"))).cast(SQLDataType.DOUBLE);
            ctes.add(DSL.name("f0").as(select(FCT_REGISTRATION.REGION_CODE.as("region_code"),
                            FCT_REGISTRATION.THEME_CODE.as("theme_code"), DIM_PERIOD.PERIOD_YEAR.as("period_year"), DSL.coalesce(yearly, monthly).as("value"))
                    .from(FCT_REGISTRATION).join(DIM_PERIOD).on(DIM_PERIOD.PERIOD_CODE.eq(FCT_REGISTRATION.PERIOD_CODE))
                    .where(FCT_REGISTRATION.MEASURE_CODE.eq(inline(p.measure())))
                    .and(FCT_REGISTRATION.THEME_CODE.in(Sql.strings(p.themes())))
                    .and(DIM_PERIOD.PERIOD_KIND.in(inline("jaar"), inline("maand")))
                    .and(DIM_PERIOD.PERIOD_YEAR.between(inline(p.from()), inline(p.to())))
                    .groupBy(FCT_REGISTRATION.REGION_CODE, FCT_REGISTRATION.THEME_CODE, DIM_PERIOD.PERIOD_YEAR)));
        } else {
            var y = AGG_REGISTRATION_YEAR;
            ctes.add(DSL.name("f0").as(select(y.REGION_CODE.as("region_code"), y.THEME_CODE.as("theme_code"), y.PERIOD_YEAR.as("period_year"),
                            DSL.coalesce(sum(y.YEAR_VALUE).cast(SQLDataType.DOUBLE), sum(y.MONTH_VALUE).cast(SQLDataType.DOUBLE)).as("value"))
                    .from(y)
                    .where(y.MEASURE_CODE.eq(inline(p.measure())))
                    .and(y.THEME_CODE.in(Sql.strings(p.themes())))
                    .and(y.PERIOD_YEAR.between(inline(p.from()), inline(p.to())))
                    .groupBy(y.REGION_CODE, y.THEME_CODE, y.PERIOD_YEAR)));
        }
        // inhabitants on 1 January of each year (no other date mixed in)
        ctes.add(DSL.name("p0").as(select(FCT_POPULATION.REGION_CODE.as("region_code"), DIM_PERIOD.PERIOD_YEAR.as("period_year"), max(FCT_POPULATION.VALUE).as("value"))
                .from(FCT_POPULATION).join(DIM_PERIOD).on(DIM_PERIOD.PERIOD_CODE.eq(FCT_POPULATION.PERIOD_CODE))
                .where(FCT_POPULATION.MEASURE_CODE.eq(inline("inwoners"))).and(DIM_PERIOD.PERIOD_KIND.eq(inline("jaar")))
                .and(DIM_PERIOD.PERIOD_YEAR.between(inline(p.from()), inline(p.to())))
                .and(DSL.month(FCT_POPULATION.REFERENCE_DATE).eq(inline(1))).and(DSL.day(FCT_POPULATION.REFERENCE_DATE).eq(inline(1)))
                .groupBy(FCT_POPULATION.REGION_CODE, DIM_PERIOD.PERIOD_YEAR)));
        // earlier areas carried onto the areas of the borders year
        for (String[] x : new String[][] {{"f", "f0", "theme_code"}, {"pp", "p0", null}}) {
            Field<String> area = carry ? DSL.coalesce(s("carry", "area_code"), s(x[1], "region_code")) : s(x[1], "region_code");
            Field<Double> share = carry ? DSL.coalesce(d("carry", "share"), inline(1.0)) : inline(1.0);
            Field<Integer> exact = carry ? DSL.coalesce(i("carry", "exact"), inline(1)) : inline(1);
            List<Field<?>> group = new ArrayList<>(List.of(area, i(x[1], "period_year")));
            if (x[2] != null) group.add(s(x[1], x[2]));
            List<Field<?>> cols = new ArrayList<>(List.of(area.as("region_code"), i(x[1], "period_year").as("period_year")));
            if (x[2] != null) cols.add(s(x[1], x[2]).as(x[2]));
            cols.add(sum(d(x[1], "value").mul(share)).as("value"));
            cols.add(DSL.min(exact).as("exact"));
            Table<?> src = carry ? t(x[1]).leftJoin(t("carry")).on(s("carry", "region_code").eq(s(x[1], "region_code"))) : t(x[1]);
            ctes.add(DSL.name(x[0]).as(select(cols).from(src).groupBy(group)));
        }
        List<Field<?>>[] setArr = sets(a, List.of(s("f", "theme_code"), i("f", "period_year")));
        ctes.add(DSL.name("rolled").as(select(areaLevelF.as("area_level"), areaCodeF.as("area_code"),
                        s("f", "theme_code").as("theme_code"), i("f", "period_year").as("period_year"),
                        sum(d("f", "value")).as("value"), count().cast(SQLDataType.BIGINT).as("leaf_areas"), DSL.min(i("f", "exact")).as("exact"),
                        sum(d("pp", "value")).as("population"), count(d("pp", "value")).cast(SQLDataType.BIGINT).as("population_areas"))
                .from(t("f")).join(t("leaves")).on(s("leaves", col(0)).eq(s("f", "region_code")))
                .leftJoin(t("pp")).on(s("pp", "region_code").eq(s("f", "region_code")).and(i("pp", "period_year").eq(i("f", "period_year"))))
                .groupBy(DSL.groupingSets(setArr))));
        List<Field<?>>[] expSets = sets(a, List.of());
        ctes.add(DSL.name("expected").as(select(areaCodeF.as("area_code"), count().cast(SQLDataType.BIGINT).as("n"))
                .from(t("leaves")).groupBy(DSL.groupingSets(expSets))));
        var pubv = (fine ? select(FCT_REGISTRATION.REGION_CODE.as("region_code"), FCT_REGISTRATION.THEME_CODE.as("theme_code"),
                        DIM_PERIOD.PERIOD_YEAR.as("period_year"), max(FCT_REGISTRATION.VALUE).as("value"))
                .from(FCT_REGISTRATION).join(DIM_PERIOD).on(DIM_PERIOD.PERIOD_CODE.eq(FCT_REGISTRATION.PERIOD_CODE))
                .where(FCT_REGISTRATION.MEASURE_CODE.eq(inline(p.measure())))
                .and(FCT_REGISTRATION.THEME_CODE.in(Sql.strings(p.themes())))
                .and(DIM_PERIOD.PERIOD_KIND.eq(inline("jaar")))
                .groupBy(FCT_REGISTRATION.REGION_CODE, FCT_REGISTRATION.THEME_CODE, DIM_PERIOD.PERIOD_YEAR)
                : select(AGG_REGISTRATION_YEAR.REGION_CODE.as("region_code"), AGG_REGISTRATION_YEAR.THEME_CODE.as("theme_code"),
                        AGG_REGISTRATION_YEAR.PERIOD_YEAR.as("period_year"), max(AGG_REGISTRATION_YEAR.YEAR_MAX).as("value"))
                .from(AGG_REGISTRATION_YEAR)
                .where(AGG_REGISTRATION_YEAR.MEASURE_CODE.eq(inline(p.measure())))
                .and(AGG_REGISTRATION_YEAR.THEME_CODE.in(Sql.strings(p.themes())))
                .and(AGG_REGISTRATION_YEAR.YEAR_MAX.isNotNull())
                .groupBy(AGG_REGISTRATION_YEAR.REGION_CODE, AGG_REGISTRATION_YEAR.THEME_CODE, AGG_REGISTRATION_YEAR.PERIOD_YEAR)).asTable("pv");
        var pubc = select(FCT_PUBLISHED_FIGURE.REGION_CODE.as("region_code"), FCT_PUBLISHED_FIGURE.THEME_CODE.as("theme_code"),
                        DIM_PERIOD.PERIOD_YEAR.as("period_year"), max(FCT_PUBLISHED_FIGURE.VALUE).as("value"))
                .from(FCT_PUBLISHED_FIGURE).join(DIM_PERIOD).on(DIM_PERIOD.PERIOD_CODE.eq(FCT_PUBLISHED_FIGURE.PERIOD_CODE))
                .where(FCT_PUBLISHED_FIGURE.FIGURE_KIND.eq(inline("change_pct")))
                .and(FCT_PUBLISHED_FIGURE.MEASURE_CODE.eq(inline(p.measure())))
                .groupBy(FCT_PUBLISHED_FIGURE.REGION_CODE, FCT_PUBLISHED_FIGURE.THEME_CODE, DIM_PERIOD.PERIOD_YEAR).asTable("pc");
        var w = DSL.partitionBy(s("r", "area_code"), s("r", "theme_code")).orderBy(i("r", "period_year"));
        Field<Double> prev = lag(d("r", "value")).over(w);
        Field<Integer> prevYear = lag(i("r", "period_year")).over(w);
        Field<Double> change = when(prevYear.eq(i("r", "period_year").minus(inline(1))), d("r", "value").minus(prev));
        Field<Double> changePct = when(prevYear.eq(i("r", "period_year").minus(inline(1))), d("r", "value").minus(prev).div(prev).mul(inline(100.0)));
        var whole = DSL.partitionBy(s("r", "area_code"), s("r", "theme_code"));
        Field<Double> baseValue = max(when(i("r", "period_year").eq(inline(p.base())), d("r", "value"))).over(whole);
        Field<Double> first = DSL.firstValue(d("r", "value")).over(DSL.partitionBy(s("r", "area_code"), s("r", "theme_code")).orderBy(i("r", "period_year"))
                .rowsBetweenUnboundedPreceding().andUnboundedFollowing());
        Field<Double> last = DSL.lastValue(d("r", "value")).over(DSL.partitionBy(s("r", "area_code"), s("r", "theme_code")).orderBy(i("r", "period_year"))
                .rowsBetweenUnboundedPreceding().andUnboundedFollowing());
        Field<Integer> span = max(i("r", "period_year")).over(whole).minus(DSL.min(i("r", "period_year")).over(whole));
        Field<Double> avg = when(span.gt(inline(0)), DSL.power(last.div(first), inline(1.0).div(Sql.dbl(span))).cast(SQLDataType.DOUBLE)
                .minus(inline(1.0)).mul(inline(100.0)));
        Field<Double> pubValue = when(s("r", "area_level").ne(inline(p.level())), d("pv", "value"));
        Condition full = Sql.l("r", "leaf_areas").eq(Sql.l("e", "n"));
        return ctx.with(ctes)
                .select(s("r", "area_level").as("area_level"), s("r", "area_code").as("area_code"), DIM_REGION.REGION_NAME.as("area_name"),
                        s("r", "theme_code").as("theme_code"), i("r", "period_year").as("period_year"), d("r", "value").as("value"),
                        Sql.l("r", "leaf_areas").as("leaf_areas"),
                        pubValue.as("published_value"),
                        DSL.coalesce(pubValue.ne(d("r", "value")), inline(false)).as("differs_from_published"),
                        change.as("change"), changePct.as("change_pct"),
                        d("pc", "value").as("published_change_pct"),
                        d("pc", "value").isNotNull().and(DSL.round(changePct).ne(d("pc", "value"))).as("change_pct_differs"),
                        d("r", "value").div(baseValue).mul(inline(100.0)).as("index_value"),
                        avg.as("avg_yearly_change_pct"),
                        Sql.l("e", "n").as("areas_expected"),
                        DSL.field(full).as("coverage_complete"),
                        when(DSL.not(full), DSL.concat(inline("onvolledig: "), Sql.text(ctx, Sql.l("r", "leaf_areas")), inline(" van "),
                                Sql.text(ctx, Sql.l("e", "n")), inline(" " + p.level() + " met gegevens in "), Sql.text(ctx, i("r", "period_year")))).as("coverage_note"),
                        d("r", "population").as("population"), Sql.l("r", "population_areas").as("population_areas"),
                        when(Sql.l("r", "population_areas").eq(Sql.l("r", "leaf_areas")), d("r", "value").div(d("r", "population")).mul(inline(1000.0))).as("rate_per_1000"),
                        inline(p.hierarchy()).as("hierarchy"), inline(p.borders()).as("borders_year"),
                        i("r", "exact").eq(inline(1)).as("borders_exact"))
                .from(t("rolled").as("r"))
                .join(DIM_REGION).on(DIM_REGION.REGION_CODE.eq(s("r", "area_code")))
                .join(t("expected").as("e")).on(s("e", "area_code").eq(s("r", "area_code")))
                .leftJoin(pubv).on(s("pv", "region_code").eq(s("r", "area_code")).and(s("pv", "theme_code").eq(s("r", "theme_code"))).and(i("pv", "period_year").eq(i("r", "period_year"))))
                .leftJoin(pubc).on(s("pc", "region_code").eq(s("r", "area_code")).and(s("pc", "theme_code").eq(s("r", "theme_code"))).and(i("pc", "period_year").eq(i("r", "period_year"))))
                .orderBy(s("r", "theme_code"), levelOrder(p, s("r", "area_level")), DIM_REGION.REGION_NAME, i("r", "period_year"));
    }

    /** Top area first, then down to the leaves. */
    private static Field<Integer> levelOrder(Plan p, Field<String> level) {
        CaseConditionStep<Integer> c = null;
        int top = p.chain().indexOf(p.area().level());
        for (int j = top; j >= p.chain().indexOf(p.level()); j--) {
            Field<Integer> ord = inline(top - j);
            c = c == null ? when(level.eq(inline(p.chain().get(j))), ord) : c.when(level.eq(inline(p.chain().get(j))), ord);
        }
        return c.otherwise(inline(99));
    }
}
