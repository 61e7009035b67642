package nl.ivz.warehouse.cubes;

import nl.ivz.warehouse.cubes.Lookup.Area;
import org.jooq.CaseConditionStep;
import org.jooq.CommonTableExpression;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.SelectJoinStep;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static nl.ivz.warehouse.cubes.Sql.d;
import static nl.ivz.warehouse.cubes.Sql.i;
import static nl.ivz.warehouse.cubes.Sql.s;
import static nl.ivz.warehouse.cubes.Sql.t;
import static nl.ivz.warehouse.db.Tables.DIM_MEASURE;
import static nl.ivz.warehouse.db.Tables.DIM_PERIOD;
import static nl.ivz.warehouse.db.Tables.DIM_REGION;
import static nl.ivz.warehouse.db.Tables.DIM_REGION_PARENT;
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
                        new CubeParam("level", "level", "gemeente", "Leaf level whose counts are summed: buurt, wijk, gemeente, basisteam or district (a year is the yearly figure, else the sum of its months)"),
                        new CubeParam("themes", "themes", "misdrijven_totaal", "Comma-separated themes (codes or names)"),
                        new CubeParam("indicator", "measure", "geregistreerde_misdrijven", "Count measure to sum (unit aantal): geregistreerde_misdrijven, verdachten, incidenten"),
                        new CubeParam("from", "year", "2013", "First year"),
                        new CubeParam("to", "year", "2017", "Last year"),
                        new CubeParam("base", "year", null, "Index base year (= 100); default: from"),
                        new CubeParam("borders", "year", null, "Year whose area borders (hierarchy) are used for every year; default: to")),
                List.of(
                        new CubeColumn("area_level", "VARCHAR", null, "Level of the row: the leaf level up to the top area's level"),
                        new CubeColumn("area_code", "VARCHAR", null, "Area"),
                        new CubeColumn("area_name", "VARCHAR", null, "Name of the area"),
                        new CubeColumn("theme_code", "VARCHAR", null, "Theme"),
                        new CubeColumn("period_year", "INTEGER", null, "Year"),
                        new CubeColumn("value", "DOUBLE", "aantal", "Sum of the leaf areas' counts (the leaf's own count on leaf rows)"),
                        new CubeColumn("leaf_areas", "BIGINT", "aantal", "Leaf areas with a count in this row"),
                        new CubeColumn("published_value", "DOUBLE", "aantal", "Count loaded for the aggregate area itself (as published), if any"),
                        new CubeColumn("differs_from_published", "BOOLEAN", null, "TRUE where the summed value and the published one differ"),
                        new CubeColumn("change", "DOUBLE", "aantal", "Value minus the previous year's value"),
                        new CubeColumn("change_pct", "DOUBLE", "procent", "Change as % of the previous year's value"),
                        new CubeColumn("published_change_pct", "DOUBLE", "procent", "% change on the previous year as published, if any"),
                        new CubeColumn("change_pct_differs", "BOOLEAN", null, "TRUE where the published % change differs from the recomputed one rounded to whole percents"),
                        new CubeColumn("index_value", "DOUBLE", "index", "Value / value in the base year x 100"),
                        new CubeColumn("avg_yearly_change_pct", "DOUBLE", "procent", "Compound average yearly change over the range: ((last / first)^(1 / (years - 1)) - 1) x 100")));
    }

    /** Roll-up chain: buurt and wijk climb the administrative hierarchy to their gemeente, the rest the police one. */
    static final List<String> CHAIN = List.of("buurt", "wijk", "gemeente", "basisteam", "district", "eenheid", "land");

    static String hierarchyAbove(String level) {
        return level.equals("buurt") || level.equals("wijk") ? "bestuurlijk" : "politie";
    }

    record Plan(Area area, String level, List<String> chain, List<String> themes, String measure, int from, int to, int base, int borders) {
        int depth() { return chain.indexOf(area.level()) - chain.indexOf(level); }
    }

    Plan plan(DSLContext ctx, Args a) throws CubeException {
        Area area = Lookup.area(ctx, "area", a.get("area"));
        String level = Lookup.level(ctx, "level", a.get("level"));
        List<String> chain = CHAIN;
        int top = chain.indexOf(area.level());
        int leaf = chain.indexOf(level);
        if (top < 0 || leaf < 0 || leaf > top) {
            throw new CubeException("level", "Level '" + level + "' is not below " + area.name() + " (" + area.level()
                    + ") in the hierarchy " + String.join(" < ", chain));
        }
        List<String> themes = Lookup.themes(ctx, "themes", a.get("themes"));
        String measure = Lookup.measure(ctx, "indicator", a.get("indicator"));
        String unit = ctx.select(DIM_MEASURE.UNIT).from(DIM_MEASURE).where(DIM_MEASURE.MEASURE_CODE.eq(measure)).fetchOne(DIM_MEASURE.UNIT);
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
        return new Plan(area, level, chain, themes, measure, from, to, base, borders);
    }

    private static String col(int k) { return "a" + k; }

    @Override
    protected ResultQuery<? extends Record> build(DSLContext ctx, Args args) throws CubeException {
        Plan p = plan(ctx, args);
        int k = p.depth();
        // leaves: a0 = leaf area, a1..ak its ancestors under the borders of one year; ak = the top area
        List<Field<?>> leafCols = new ArrayList<>();
        Table<?> from = DIM_REGION.as("r0");
        leafCols.add(DSL.field(DSL.name("r0", "region_code"), String.class).as(col(0)));
        SelectJoinStep<?> leafQ;
        List<Table<?>> parents = new ArrayList<>();
        for (int j = 1; j <= k; j++) parents.add(DIM_REGION_PARENT.as("p" + j));
        for (int j = 1; j <= k; j++) leafCols.add(DSL.field(DSL.name("p" + j, "parent_code"), String.class).as(col(j)));
        leafQ = select(leafCols).from(from);
        var q = leafQ;
        for (int j = 1; j <= k; j++) {
            String child = j == 1 ? "r0" : "p" + (j - 1);
            String childCol = j == 1 ? "region_code" : "parent_code";
            q = (SelectJoinStep<?>) q.join(parents.get(j - 1)).on(
                    s("p" + j, "region_code").eq(s(child, childCol))
                            .and(s("p" + j, "hierarchy").eq(inline(hierarchyAbove(p.chain().get(p.chain().indexOf(p.level()) + j - 1)))))
                            .and(i("p" + j, "valid_from").le(inline(p.borders())))
                            .and(i("p" + j, "valid_to").ge(inline(p.borders()))));
        }
        var leafSelect = q.where(s("r0", "region_level").eq(inline(p.level()))
                .and(k == 0 ? s("r0", "region_code").eq(inline(p.area().code())) : s("p" + k, "parent_code").eq(inline(p.area().code()))));
        CommonTableExpression<?> leaves = DSL.name("leaves").as(leafSelect);

        List<Field<String>> a = new ArrayList<>();
        for (int j = 0; j <= k; j++) a.add(s("leaves", col(j)));
        // grouping sets: (ak..a0), (ak..a1), ..., (ak)
        List<List<Field<?>>> sets = new ArrayList<>();
        for (int j = 0; j <= k; j++) {
            List<Field<?>> set = new ArrayList<>();
            set.add(s("f", "theme_code"));
            set.add(i("f", "period_year"));
            for (int x = k; x >= j; x--) set.add(a.get(x));
            sets.add(set);
        }
        CaseConditionStep<String> areaCode = null;
        CaseConditionStep<String> areaLevel = null;
        for (int j = 0; j < k; j++) {
            areaCode = areaCode == null ? when(grouping(a.get(j)).eq(inline(0)), a.get(j)) : areaCode.when(grouping(a.get(j)).eq(inline(0)), a.get(j));
            String lvl = p.chain().get(p.chain().indexOf(p.level()) + j);
            areaLevel = areaLevel == null ? when(grouping(a.get(j)).eq(inline(0)), inline(lvl)) : areaLevel.when(grouping(a.get(j)).eq(inline(0)), inline(lvl));
        }
        Field<String> areaCodeF = areaCode == null ? a.get(k) : areaCode.otherwise(a.get(k));
        Field<String> areaLevelF = areaLevel == null ? inline(p.area().level()) : areaLevel.otherwise(inline(p.area().level()));

        // a year's count: the yearly figure where one is loaded, else the sum of the months (monthly sources)
        Field<Double> yearly = sum(FCT_REGISTRATION.VALUE).filterWhere(DIM_PERIOD.PERIOD_KIND.eq(inline("jaar"))).cast(SQLDataType.DOUBLE);
        Field<Double> monthly = sum(FCT_REGISTRATION.VALUE).filterWhere(DIM_PERIOD.PERIOD_KIND.eq(inline("maand"))).cast(SQLDataType.DOUBLE);
        CommonTableExpression<?> facts = DSL.name("f").as(select(FCT_REGISTRATION.REGION_CODE.as("region_code"),
                        FCT_REGISTRATION.THEME_CODE.as("theme_code"), DIM_PERIOD.PERIOD_YEAR.as("period_year"), DSL.coalesce(yearly, monthly).as("value"))
                .from(FCT_REGISTRATION).join(DIM_PERIOD).on(DIM_PERIOD.PERIOD_CODE.eq(FCT_REGISTRATION.PERIOD_CODE))
                .where(FCT_REGISTRATION.MEASURE_CODE.eq(inline(p.measure())))
                .and(FCT_REGISTRATION.THEME_CODE.in(Sql.strings(p.themes())))
                .and(DIM_PERIOD.PERIOD_KIND.in(inline("jaar"), inline("maand")))
                .and(DIM_PERIOD.PERIOD_YEAR.between(inline(p.from()), inline(p.to())))
                .groupBy(FCT_REGISTRATION.REGION_CODE, FCT_REGISTRATION.THEME_CODE, DIM_PERIOD.PERIOD_YEAR));
        @SuppressWarnings("unchecked")
        List<Field<?>>[] setArr = sets.toArray(new List[0]);
        CommonTableExpression<?> rolled = DSL.name("rolled").as(select(areaLevelF.as("area_level"), areaCodeF.as("area_code"),
                        s("f", "theme_code").as("theme_code"), i("f", "period_year").as("period_year"),
                        sum(d("f", "value")).as("value"), count().cast(SQLDataType.BIGINT).as("leaf_areas"))
                .from(t("f")).join(t("leaves")).on(s("leaves", col(0)).eq(s("f", "region_code")))
                .groupBy(DSL.groupingSets(setArr)));
        var pubv = select(FCT_REGISTRATION.REGION_CODE.as("region_code"), FCT_REGISTRATION.THEME_CODE.as("theme_code"),
                        DIM_PERIOD.PERIOD_YEAR.as("period_year"), max(FCT_REGISTRATION.VALUE).as("value"))
                .from(FCT_REGISTRATION).join(DIM_PERIOD).on(DIM_PERIOD.PERIOD_CODE.eq(FCT_REGISTRATION.PERIOD_CODE))
                .where(FCT_REGISTRATION.MEASURE_CODE.eq(inline(p.measure())))
                .and(FCT_REGISTRATION.THEME_CODE.in(Sql.strings(p.themes())))
                .and(DIM_PERIOD.PERIOD_KIND.eq(inline("jaar")))
                .groupBy(FCT_REGISTRATION.REGION_CODE, FCT_REGISTRATION.THEME_CODE, DIM_PERIOD.PERIOD_YEAR).asTable("pv");
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
        return ctx.with(leaves).with(facts).with(rolled)
                .select(s("r", "area_level").as("area_level"), s("r", "area_code").as("area_code"), DIM_REGION.REGION_NAME.as("area_name"),
                        s("r", "theme_code").as("theme_code"), i("r", "period_year").as("period_year"), d("r", "value").as("value"),
                        Sql.l("r", "leaf_areas").as("leaf_areas"),
                        pubValue.as("published_value"),
                        DSL.coalesce(pubValue.ne(d("r", "value")), inline(false)).as("differs_from_published"),
                        change.as("change"), changePct.as("change_pct"),
                        d("pc", "value").as("published_change_pct"),
                        d("pc", "value").isNotNull().and(DSL.round(changePct).ne(d("pc", "value"))).as("change_pct_differs"),
                        d("r", "value").div(baseValue).mul(inline(100.0)).as("index_value"),
                        avg.as("avg_yearly_change_pct"))
                .from(t("rolled").as("r"))
                .join(DIM_REGION).on(DIM_REGION.REGION_CODE.eq(s("r", "area_code")))
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

    @Override
    protected String handSql(DSLContext ctx, Args args) throws CubeException {
        Plan p = plan(ctx, args);
        int k = p.depth();
        StringBuilder leaves = new StringBuilder("SELECT r0.region_code AS a0");
        for (int j = 1; j <= k; j++) leaves.append(", p").append(j).append(".parent_code AS a").append(j);
        leaves.append(" FROM dim_region r0");
        for (int j = 1; j <= k; j++) {
            String child = j == 1 ? "r0.region_code" : "p" + (j - 1) + ".parent_code";
            leaves.append(" JOIN dim_region_parent p").append(j).append(" ON p").append(j).append(".region_code = ").append(child)
                    .append(" AND p").append(j).append(".hierarchy = ").append(lit(hierarchyAbove(p.chain().get(p.chain().indexOf(p.level()) + j - 1)))).append(" AND p").append(j).append(".valid_from <= ").append(p.borders())
                    .append(" AND p").append(j).append(".valid_to >= ").append(p.borders());
        }
        leaves.append(" WHERE r0.region_level = ").append(lit(p.level())).append(" AND ")
                .append(k == 0 ? "r0.region_code" : "p" + k + ".parent_code").append(" = ").append(lit(p.area().code()));
        List<String> sets = new ArrayList<>();
        for (int j = 0; j <= k; j++) {
            List<String> cols = new ArrayList<>(List.of("f.theme_code", "f.period_year"));
            for (int x = k; x >= j; x--) cols.add("l.a" + x);
            sets.add("(" + String.join(", ", cols) + ")");
        }
        StringBuilder code = new StringBuilder("CASE");
        StringBuilder lvl = new StringBuilder("CASE");
        for (int j = 0; j < k; j++) {
            code.append(" WHEN grouping(l.a").append(j).append(") = 0 THEN l.a").append(j);
            lvl.append(" WHEN grouping(l.a").append(j).append(") = 0 THEN ").append(lit(p.chain().get(p.chain().indexOf(p.level()) + j)));
        }
        code.append(" ELSE l.a").append(k).append(" END");
        lvl.append(" ELSE ").append(lit(p.area().level())).append(" END");
        StringBuilder order = new StringBuilder("CASE");
        int top = p.chain().indexOf(p.area().level());
        for (int j = top; j >= p.chain().indexOf(p.level()); j--) order.append(" WHEN r.area_level = ").append(lit(p.chain().get(j))).append(" THEN ").append(top - j);
        order.append(" ELSE 99 END");
        String themes = lits(p.themes());
        String m = lit(p.measure());
        String pub = "CASE WHEN r.area_level <> " + lit(p.level()) + " THEN pv.value END";
        String w = "(PARTITION BY r.area_code, r.theme_code ORDER BY r.period_year)";
        String whole = "(PARTITION BY r.area_code, r.theme_code)";
        String full = "(PARTITION BY r.area_code, r.theme_code ORDER BY r.period_year ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)";
        String prevOk = "lag(r.period_year) OVER " + w + " = r.period_year - 1";
        String span = "(max(r.period_year) OVER " + whole + " - min(r.period_year) OVER " + whole + ")";
        return "WITH leaves AS (" + leaves + "),\n"
                + "f AS (SELECT r.region_code, r.theme_code, p.period_year,\n"
                + "    coalesce(sum(r.value) FILTER (WHERE p.period_kind = 'jaar'), sum(r.value) FILTER (WHERE p.period_kind = 'maand')) AS value\n"
                + "  FROM fct_registration r JOIN dim_period p ON p.period_code = r.period_code\n"
                + "  WHERE r.measure_code = " + m + " AND r.theme_code IN (" + themes + ") AND p.period_kind IN ('jaar', 'maand') AND p.period_year BETWEEN " + p.from() + " AND " + p.to() + "\n"
                + "  GROUP BY r.region_code, r.theme_code, p.period_year),\n"
                + "rolled AS (SELECT " + lvl + " AS area_level, " + code + " AS area_code, f.theme_code, f.period_year, sum(f.value) AS value, count(*) AS leaf_areas\n"
                + "  FROM f JOIN leaves l ON l.a0 = f.region_code GROUP BY GROUPING SETS (" + String.join(", ", sets) + ")),\n"
                + "pv AS (SELECT r.region_code, r.theme_code, p.period_year, max(r.value) AS value FROM fct_registration r JOIN dim_period p ON p.period_code = r.period_code\n"
                + "  WHERE r.measure_code = " + m + " AND r.theme_code IN (" + themes + ") AND p.period_kind = 'jaar' GROUP BY r.region_code, r.theme_code, p.period_year),\n"
                + "pc AS (SELECT g.region_code, g.theme_code, p.period_year, max(g.value) AS value FROM fct_published_figure g JOIN dim_period p ON p.period_code = g.period_code\n"
                + "  WHERE g.figure_kind = 'change_pct' AND g.measure_code = " + m + " GROUP BY g.region_code, g.theme_code, p.period_year)\n"
                + "SELECT r.area_level, r.area_code, d.region_name AS area_name, r.theme_code, r.period_year, r.value, r.leaf_areas,\n"
                + "  " + pub + " AS published_value, coalesce(" + pub + " <> r.value, false) AS differs_from_published,\n"
                + "  CASE WHEN " + prevOk + " THEN r.value - lag(r.value) OVER " + w + " END AS change,\n"
                + "  CASE WHEN " + prevOk + " THEN (r.value - lag(r.value) OVER " + w + ") / lag(r.value) OVER " + w + " * 100 END AS change_pct,\n"
                + "  pc.value AS published_change_pct,\n"
                + "  pc.value IS NOT NULL AND round(CASE WHEN " + prevOk + " THEN (r.value - lag(r.value) OVER " + w + ") / lag(r.value) OVER " + w + " * 100 END) <> pc.value AS change_pct_differs,\n"
                + "  r.value / max(CASE WHEN r.period_year = " + p.base() + " THEN r.value END) OVER " + whole + " * 100 AS index_value,\n"
                + "  CASE WHEN " + span + " > 0 THEN (power(last_value(r.value) OVER " + full + " / first_value(r.value) OVER " + full + ", 1.0 / " + span + ") - 1) * 100 END AS avg_yearly_change_pct\n"
                + "FROM rolled r JOIN dim_region d ON d.region_code = r.area_code\n"
                + "LEFT JOIN pv ON pv.region_code = r.area_code AND pv.theme_code = r.theme_code AND pv.period_year = r.period_year\n"
                + "LEFT JOIN pc ON pc.region_code = r.area_code AND pc.theme_code = r.theme_code AND pc.period_year = r.period_year\n"
                + "ORDER BY r.theme_code, " + order + ", d.region_name, r.period_year";
    }
}
