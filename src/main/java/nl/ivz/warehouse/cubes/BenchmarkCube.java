package nl.ivz.warehouse.cubes;

import nl.ivz.warehouse.cubes.Lookup.Area;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record2;
import org.jooq.Record3;
import org.jooq.ResultQuery;
import org.jooq.Row2;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static nl.ivz.warehouse.cubes.Sql.b;
import static nl.ivz.warehouse.cubes.Sql.d;
import static nl.ivz.warehouse.cubes.Sql.l;
import static nl.ivz.warehouse.cubes.Sql.s;
import static nl.ivz.warehouse.cubes.Sql.t;
import static nl.ivz.warehouse.db.Tables.DIM_MEASURE;
import static nl.ivz.warehouse.db.Tables.DIM_PERIOD;
import static nl.ivz.warehouse.db.Tables.DIM_REGION;
import static nl.ivz.warehouse.db.Tables.FCT_POPULATION;
import static nl.ivz.warehouse.db.Tables.FCT_PUBLISHED_FIGURE;
import static nl.ivz.warehouse.db.Tables.FCT_REGISTRATION;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.denseRank;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.row;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.when;

/**
 * Seed 002, Bijlage 2: areas of one level below a parent, ranked per theme by their rate (1 = best by
 * the measure's polarity, ties share a rank), total score = sum of ranks, position = dense rank of the
 * total; the parent's rate from summed counts over summed population; published ranks/totals beside.
 */
public final class BenchmarkCube extends BaseCube {
    public BenchmarkCube() {
        super("benchmark",
                "Peer areas ranked per theme by rate per 1,000 inhabitants (or dwellings), total score, position, parent's value and deviation; published ranks beside",
                List.of(
                        new CubeParam("parent", "area", "RE02", "Area whose children are compared (code or name, e.g. Oost-Nederland, Twente (PD))"),
                        new CubeParam("level", "level", "district", "Level of the compared areas below parent: district, basisteam, gemeente, eenheid"),
                        new CubeParam("year", "year", "2014", "Year; borders of that year are used"),
                        new CubeParam("themes", "themes", null, "Comma-separated themes (codes or names); default: every theme with rates for these areas in that year"),
                        new CubeParam("indicator", "measure", null, "Rate measure to rank on (e.g. misdrijven_per_1000_inw); default per theme the rate measure with data (per 1,000 inhabitants first)")),
                List.of(
                        new CubeColumn("region_code", "VARCHAR", null, "Compared area"),
                        new CubeColumn("region_name", "VARCHAR", null, "Name of the area"),
                        new CubeColumn("theme_code", "VARCHAR", null, "Theme"),
                        new CubeColumn("measure_code", "VARCHAR", null, "Rate measure ranked on"),
                        new CubeColumn("unit", "VARCHAR", null, "Unit of the rate"),
                        new CubeColumn("count_value", "DOUBLE", "aantal", "Registered count, where loaded"),
                        new CubeColumn("population", "DOUBLE", "aantal", "Inhabitants or dwellings (the measure's denominator), where loaded"),
                        new CubeColumn("computed_value", "DOUBLE", "per 1000", "count / population x 1,000"),
                        new CubeColumn("published_value", "DOUBLE", "per 1000", "Rate as the source published it"),
                        new CubeColumn("value", "DOUBLE", "per 1000", "Rate used: computed where counts and population are loaded, else published"),
                        new CubeColumn("value_source", "VARCHAR", null, "berekend (computed) or gepubliceerd (published rate)"),
                        new CubeColumn("rank", "INTEGER", "rang", "Dense rank within the theme, 1 = best by the measure's polarity"),
                        new CubeColumn("published_rank", "DOUBLE", "rang", "Rank as published, if any"),
                        new CubeColumn("rank_differs", "BOOLEAN", null, "TRUE where the published rank differs from the recomputed one"),
                        new CubeColumn("total_score", "BIGINT", "punten", "Sum of the area's ranks over the themes"),
                        new CubeColumn("published_total_score", "DOUBLE", "punten", "Total score as published, if any"),
                        new CubeColumn("published_rank_sum", "DOUBLE", "punten", "Sum of the published ranks of the area (checks the published total)"),
                        new CubeColumn("total_differs", "BOOLEAN", null, "TRUE where the published total differs from the recomputed one"),
                        new CubeColumn("position", "BIGINT", "rang", "Dense rank of the total score, 1 = lowest total (safest)"),
                        new CubeColumn("published_position", "BIGINT", "rang", "Dense rank of the published total scores"),
                        new CubeColumn("parent_code", "VARCHAR", null, "The parent area"),
                        new CubeColumn("parent_value", "DOUBLE", "per 1000", "Parent's rate: summed counts / summed population of the areas when all have counts, else the parent's published rate"),
                        new CubeColumn("parent_value_source", "VARCHAR", null, "berekend or gepubliceerd"),
                        new CubeColumn("deviation_pct", "DOUBLE", "procent", "(value - parent_value) / parent_value x 100")));
    }

    /** What the parameters resolve to. */
    record Plan(Area parent, String level, int year, List<Area> peers, Map<String, String> measureByTheme) {
        List<String> peerCodes() { return peers.stream().map(Area::code).collect(Collectors.toList()); }
        List<String> allCodes() {
            List<String> c = new ArrayList<>(peerCodes());
            c.add(parent.code());
            return c;
        }
    }

    Plan plan(DSLContext ctx, Args a) throws CubeException {
        Area parent = Lookup.area(ctx, "parent", a.get("parent"));
        String level = Lookup.level(ctx, "level", a.get("level"));
        int year = Lookup.year("year", a.get("year"), Lookup.years(ctx));
        List<Area> peers = Lookup.descendants(ctx, parent, level, year);
        if (peers.isEmpty()) {
            throw new CubeException("level", "No areas at level '" + level + "' below " + parent.name() + " (" + parent.code()
                    + ") in " + year + "; try another level or parent");
        }
        List<String> themes = a.has("themes") ? Lookup.themes(ctx, "themes", a.get("themes")) : null;
        String indicator = a.has("indicator") ? Lookup.measure(ctx, "indicator", a.get("indicator")) : null;
        List<String> codes = peers.stream().map(Area::code).collect(Collectors.toList());
        // (theme, rate measure) pairs with a published rate or a count for these areas in this year
        Condition rateOrCount = FCT_REGISTRATION.MEASURE_CODE.eq(DIM_MEASURE.MEASURE_CODE)
                .or(FCT_REGISTRATION.MEASURE_CODE.eq(DIM_MEASURE.COUNT_MEASURE));
        List<Record3<String, String, String>> pairs = ctx.selectDistinct(FCT_REGISTRATION.THEME_CODE, DIM_MEASURE.MEASURE_CODE, DIM_MEASURE.DENOMINATOR)
                .from(FCT_REGISTRATION)
                .join(DIM_PERIOD).on(DIM_PERIOD.PERIOD_CODE.eq(FCT_REGISTRATION.PERIOD_CODE))
                .join(DIM_MEASURE).on(rateOrCount)
                .where(DIM_MEASURE.DENOMINATOR.isNotNull())
                .and(DIM_PERIOD.PERIOD_YEAR.eq(year)).and(DIM_PERIOD.PERIOD_KIND.eq("jaar"))
                .and(FCT_REGISTRATION.REGION_CODE.in(codes))
                .and(themes == null ? DSL.noCondition() : FCT_REGISTRATION.THEME_CODE.in(themes))
                .and(indicator == null ? DSL.noCondition() : DIM_MEASURE.MEASURE_CODE.eq(indicator))
                .fetch();
        // sorted here, not in SQL: Trino refuses ORDER BY expressions outside the SELECT DISTINCT list
        pairs.sort(java.util.Comparator.comparing((Record3<String, String, String> r) -> r.value1())
                .thenComparingInt(r -> "inwoners".equals(r.value3()) ? 0 : 1)
                .thenComparing(r -> r.value2()));
        Map<String, String> measureByTheme = new LinkedHashMap<>();
        for (Record3<String, String, String> r : pairs) measureByTheme.putIfAbsent(r.value1(), r.value2());
        if (themes != null) {
            List<String> missing = themes.stream().filter(t -> !measureByTheme.containsKey(t)).collect(Collectors.toList());
            if (!missing.isEmpty()) {
                throw new CubeException("themes", "No rates for theme(s) " + String.join(", ", missing) + " for the "
                        + level + " areas below " + parent.name() + " in " + year
                        + (measureByTheme.isEmpty() ? "" : "; themes with data: " + String.join(", ", measureByTheme.keySet())));
            }
        }
        if (measureByTheme.isEmpty()) {
            throw new CubeException(indicator != null ? "indicator" : "year", "No registered rates or counts for the " + level
                    + " areas below " + parent.name() + " in " + year + (indicator != null ? " for indicator " + indicator : ""));
        }
        return new Plan(parent, level, year, peers, measureByTheme);
    }

    @Override
    protected ResultQuery<? extends Record> build(DSLContext ctx, Args a) throws CubeException {
        Plan p = plan(ctx, a);
        List<Row2<String, String>> rows = new ArrayList<>();
        p.measureByTheme().forEach((t, m) -> rows.add(row(inline(t), inline(m))));
        @SuppressWarnings("unchecked")
        Row2<String, String>[] rowArr = rows.toArray(new Row2[0]);

        CommonTableExpression<Record2<String, String>> sel = DSL.name("sel").fields("theme_code", "measure_code")
                .as(DSL.selectFrom(DSL.values(rowArr).as("v", "theme_code", "measure_code")));
        CommonTableExpression<?> m = DSL.name("m").as(select(
                        s("sel", "theme_code").as("theme_code"), DIM_MEASURE.MEASURE_CODE.as("measure_code"),
                        DIM_MEASURE.COUNT_MEASURE.as("count_measure"), DIM_MEASURE.DENOMINATOR.as("denominator"),
                        DIM_MEASURE.POLARITY.as("polarity"), DIM_MEASURE.UNIT.as("unit"))
                .from(t("sel")).join(DIM_MEASURE).on(DIM_MEASURE.MEASURE_CODE.eq(s("sel", "measure_code"))));
        CommonTableExpression<?> yr = DSL.name("yr").as(select(DIM_PERIOD.PERIOD_CODE.as("period_code")).from(DIM_PERIOD)
                .where(DIM_PERIOD.PERIOD_YEAR.eq(inline(p.year()))).and(DIM_PERIOD.PERIOD_KIND.eq(inline("jaar"))));
        var yearCodes = select(s("yr", "period_code")).from(t("yr"));
        Field<String>[] all = Sql.strings(p.allCodes());
        Field<String>[] peers = Sql.strings(p.peerCodes());
        CommonTableExpression<?> pub = DSL.name("pub").as(select(FCT_REGISTRATION.REGION_CODE.as("region_code"),
                        FCT_REGISTRATION.THEME_CODE.as("theme_code"), max(FCT_REGISTRATION.VALUE).as("rate"))
                .from(FCT_REGISTRATION).join(t("m")).on(FCT_REGISTRATION.THEME_CODE.eq(s("m", "theme_code"))
                        .and(FCT_REGISTRATION.MEASURE_CODE.eq(s("m", "measure_code"))))
                .where(FCT_REGISTRATION.PERIOD_CODE.in(yearCodes)).and(FCT_REGISTRATION.REGION_CODE.in(all))
                .groupBy(FCT_REGISTRATION.REGION_CODE, FCT_REGISTRATION.THEME_CODE));
        CommonTableExpression<?> cnt = DSL.name("cnt").as(select(FCT_REGISTRATION.REGION_CODE.as("region_code"),
                        FCT_REGISTRATION.THEME_CODE.as("theme_code"), sum(FCT_REGISTRATION.VALUE).as("n"))
                .from(FCT_REGISTRATION).join(t("m")).on(FCT_REGISTRATION.THEME_CODE.eq(s("m", "theme_code"))
                        .and(FCT_REGISTRATION.MEASURE_CODE.eq(s("m", "count_measure"))))
                .where(FCT_REGISTRATION.PERIOD_CODE.in(yearCodes)).and(FCT_REGISTRATION.REGION_CODE.in(all))
                .groupBy(FCT_REGISTRATION.REGION_CODE, FCT_REGISTRATION.THEME_CODE));
        CommonTableExpression<?> pop = DSL.name("pop").as(select(FCT_POPULATION.REGION_CODE.as("region_code"),
                        FCT_POPULATION.MEASURE_CODE.as("measure_code"), max(FCT_POPULATION.VALUE).as("pop"))
                .from(FCT_POPULATION)
                .where(FCT_POPULATION.PERIOD_CODE.in(yearCodes)).and(FCT_POPULATION.REGION_CODE.in(all))
                .groupBy(FCT_POPULATION.REGION_CODE, FCT_POPULATION.MEASURE_CODE));
        Field<Double> computed = d("c", "n").div(d("p", "pop")).mul(inline(1000.0));
        CommonTableExpression<?> val = DSL.name("val").as(select(
                        DIM_REGION.REGION_CODE.as("region_code"), DIM_REGION.REGION_NAME.as("region_name"),
                        s("m", "theme_code").as("theme_code"), s("m", "measure_code").as("measure_code"),
                        s("m", "unit").as("unit"), s("m", "polarity").as("polarity"),
                        d("c", "n").as("count_value"), d("p", "pop").as("population"),
                        computed.as("computed_value"), d("pub", "rate").as("published_value"),
                        DSL.coalesce(computed, d("pub", "rate")).as("value"))
                .from(DIM_REGION).crossJoin(t("m"))
                .leftJoin(t("cnt").as("c")).on(s("c", "region_code").eq(DIM_REGION.REGION_CODE).and(s("c", "theme_code").eq(s("m", "theme_code"))))
                .leftJoin(t("pop").as("p")).on(s("p", "region_code").eq(DIM_REGION.REGION_CODE).and(s("p", "measure_code").eq(s("m", "denominator"))))
                .leftJoin(t("pub")).on(s("pub", "region_code").eq(DIM_REGION.REGION_CODE).and(s("pub", "theme_code").eq(s("m", "theme_code"))))
                .where(DIM_REGION.REGION_CODE.in(peers)));
        CommonTableExpression<?> par = DSL.name("par").as(select(s("val", "theme_code").as("theme_code"),
                        sum(d("val", "count_value")).div(sum(d("val", "population"))).mul(inline(1000.0)).as("summed"),
                        count(d("val", "computed_value")).eq(count()).as("complete"))
                .from(t("val")).groupBy(s("val", "theme_code")));
        Field<Double> orderValue = when(s("val", "polarity").eq(inline("hoger_beter")), d("val", "value").neg()).otherwise(d("val", "value"));
        CommonTableExpression<?> ranked = DSL.name("ranked").as(select(t("val").asterisk(),
                        denseRank().over(DSL.partitionBy(s("val", "theme_code")).orderBy(orderValue)).as("rank"))
                .from(t("val")).where(d("val", "value").isNotNull()));
        CommonTableExpression<?> scored = DSL.name("scored").as(select(t("ranked").asterisk(),
                        sum(l("ranked", "rank")).over(DSL.partitionBy(s("ranked", "region_code"))).as("total_score"))
                .from(t("ranked")));
        Condition periodMatches = FCT_PUBLISHED_FIGURE.PERIOD_CODE.isNull().or(FCT_PUBLISHED_FIGURE.PERIOD_CODE.in(yearCodes));
        var prank = select(FCT_PUBLISHED_FIGURE.REGION_CODE.as("region_code"), FCT_PUBLISHED_FIGURE.THEME_CODE.as("theme_code"),
                        max(FCT_PUBLISHED_FIGURE.VALUE).as("value"))
                .from(FCT_PUBLISHED_FIGURE)
                .where(FCT_PUBLISHED_FIGURE.FIGURE_KIND.eq(inline("rank"))).and(periodMatches)
                .and(FCT_PUBLISHED_FIGURE.REGION_CODE.in(peers))
                .groupBy(FCT_PUBLISHED_FIGURE.REGION_CODE, FCT_PUBLISHED_FIGURE.THEME_CODE).asTable("pr");
        var ptotal = select(FCT_PUBLISHED_FIGURE.REGION_CODE.as("region_code"), max(FCT_PUBLISHED_FIGURE.VALUE).as("value"))
                .from(FCT_PUBLISHED_FIGURE)
                .where(FCT_PUBLISHED_FIGURE.FIGURE_KIND.eq(inline("total_score"))).and(periodMatches)
                .and(FCT_PUBLISHED_FIGURE.REGION_CODE.in(peers))
                .groupBy(FCT_PUBLISHED_FIGURE.REGION_CODE).asTable("pt");
        Field<Double> parentValue = when(b("par", "complete"), d("par", "summed")).otherwise(d("ppub", "rate"));
        Field<Long> position = denseRank().over(DSL.orderBy(l("s", "total_score"))).cast(SQLDataType.BIGINT);
        return ctx.with(sel).with(m).with(yr).with(pub).with(cnt).with(pop).with(val).with(par).with(ranked).with(scored)
                .select(s("s", "region_code").as("region_code"), s("s", "region_name").as("region_name"),
                        s("s", "theme_code").as("theme_code"), s("s", "measure_code").as("measure_code"), s("s", "unit").as("unit"),
                        d("s", "count_value").as("count_value"), d("s", "population").as("population"),
                        d("s", "computed_value").as("computed_value"), d("s", "published_value").as("published_value"),
                        d("s", "value").as("value"),
                        when(d("s", "computed_value").isNotNull(), inline("berekend")).otherwise(inline("gepubliceerd")).as("value_source"),
                        Sql.i("s", "rank").as("rank"),
                        d("pr", "value").as("published_rank"),
                        d("pr", "value").isNotNull().and(d("pr", "value").ne(Sql.dbl(Sql.i("s", "rank")))).as("rank_differs"),
                        l("s", "total_score").as("total_score"),
                        d("pt", "value").as("published_total_score"),
                        sum(d("pr", "value")).over(DSL.partitionBy(s("s", "region_code"))).as("published_rank_sum"),
                        d("pt", "value").isNotNull().and(d("pt", "value").ne(Sql.dbl(l("s", "total_score")))).as("total_differs"),
                        position.as("position"),
                        when(d("pt", "value").isNull(), DSL.castNull(SQLDataType.BIGINT))
                                .otherwise(denseRank().over(DSL.orderBy(d("pt", "value"))).cast(SQLDataType.BIGINT)).as("published_position"),
                        inline(p.parent().code()).as("parent_code"),
                        parentValue.as("parent_value"),
                        when(b("par", "complete"), inline("berekend")).when(d("ppub", "rate").isNotNull(), inline("gepubliceerd")).as("parent_value_source"),
                        d("s", "value").minus(parentValue).div(parentValue).mul(inline(100.0)).as("deviation_pct"))
                .from(t("scored").as("s"))
                .join(t("par")).on(s("par", "theme_code").eq(s("s", "theme_code")))
                .leftJoin(t("pub").as("ppub")).on(s("ppub", "region_code").eq(inline(p.parent().code())).and(s("ppub", "theme_code").eq(s("s", "theme_code"))))
                .leftJoin(prank).on(s("pr", "region_code").eq(s("s", "region_code")).and(s("pr", "theme_code").eq(s("s", "theme_code"))))
                .leftJoin(ptotal).on(s("pt", "region_code").eq(s("s", "region_code")))
                .orderBy(DSL.field(DSL.name("position")), s("s", "region_name"), s("s", "theme_code"));
    }

    @Override
    protected String handSql(DSLContext ctx, Args a) throws CubeException {
        Plan p = plan(ctx, a);
        String values = p.measureByTheme().entrySet().stream().map(e -> "(" + lit(e.getKey()) + ", " + lit(e.getValue()) + ")")
                .collect(Collectors.joining(", "));
        String all = lits(p.allCodes());
        String peers = lits(p.peerCodes());
        String parent = lit(p.parent().code());
        return "WITH sel(theme_code, measure_code) AS (VALUES " + values + "),\n"
                + "m AS (SELECT s.theme_code, d.measure_code, d.count_measure, d.denominator, d.polarity, d.unit FROM sel s JOIN dim_measure d ON d.measure_code = s.measure_code),\n"
                + "yr AS (SELECT period_code FROM dim_period WHERE period_year = " + p.year() + " AND period_kind = 'jaar'),\n"
                + "pub AS (SELECT f.region_code, f.theme_code, max(f.value) AS rate FROM fct_registration f JOIN m ON f.theme_code = m.theme_code AND f.measure_code = m.measure_code\n"
                + "  WHERE f.period_code IN (SELECT period_code FROM yr) AND f.region_code IN (" + all + ") GROUP BY f.region_code, f.theme_code),\n"
                + "cnt AS (SELECT f.region_code, f.theme_code, sum(f.value) AS n FROM fct_registration f JOIN m ON f.theme_code = m.theme_code AND f.measure_code = m.count_measure\n"
                + "  WHERE f.period_code IN (SELECT period_code FROM yr) AND f.region_code IN (" + all + ") GROUP BY f.region_code, f.theme_code),\n"
                + "pop AS (SELECT region_code, measure_code, max(value) AS pop FROM fct_population\n"
                + "  WHERE period_code IN (SELECT period_code FROM yr) AND region_code IN (" + all + ") GROUP BY region_code, measure_code),\n"
                + "val AS (SELECT r.region_code, r.region_name, m.theme_code, m.measure_code, m.unit, m.polarity, c.n AS count_value, p.pop AS population,\n"
                + "    c.n / p.pop * 1000 AS computed_value, pub.rate AS published_value, coalesce(c.n / p.pop * 1000, pub.rate) AS value\n"
                + "  FROM dim_region r CROSS JOIN m\n"
                + "  LEFT JOIN cnt c ON c.region_code = r.region_code AND c.theme_code = m.theme_code\n"
                + "  LEFT JOIN pop p ON p.region_code = r.region_code AND p.measure_code = m.denominator\n"
                + "  LEFT JOIN pub ON pub.region_code = r.region_code AND pub.theme_code = m.theme_code\n"
                + "  WHERE r.region_code IN (" + peers + ")),\n"
                + "par AS (SELECT theme_code, sum(count_value) / sum(population) * 1000 AS summed, count(computed_value) = count(*) AS complete FROM val GROUP BY theme_code),\n"
                + "ranked AS (SELECT val.*, dense_rank() OVER (PARTITION BY theme_code ORDER BY CASE WHEN polarity = 'hoger_beter' THEN -value ELSE value END) AS rank\n"
                + "  FROM val WHERE value IS NOT NULL),\n"
                + "scored AS (SELECT ranked.*, sum(rank) OVER (PARTITION BY region_code) AS total_score FROM ranked),\n"
                + "pr AS (SELECT region_code, theme_code, max(value) AS value FROM fct_published_figure WHERE figure_kind = 'rank'\n"
                + "  AND (period_code IS NULL OR period_code IN (SELECT period_code FROM yr)) AND region_code IN (" + peers + ") GROUP BY region_code, theme_code),\n"
                + "pt AS (SELECT region_code, max(value) AS value FROM fct_published_figure WHERE figure_kind = 'total_score'\n"
                + "  AND (period_code IS NULL OR period_code IN (SELECT period_code FROM yr)) AND region_code IN (" + peers + ") GROUP BY region_code)\n"
                + "SELECT s.region_code, s.region_name, s.theme_code, s.measure_code, s.unit, s.count_value, s.population, s.computed_value,\n"
                + "  s.published_value, s.value, CASE WHEN s.computed_value IS NOT NULL THEN 'berekend' ELSE 'gepubliceerd' END AS value_source,\n"
                + "  s.rank, pr.value AS published_rank, pr.value IS NOT NULL AND pr.value <> s.rank AS rank_differs,\n"
                + "  s.total_score, pt.value AS published_total_score, sum(pr.value) OVER (PARTITION BY s.region_code) AS published_rank_sum, pt.value IS NOT NULL AND pt.value <> s.total_score AS total_differs,\n"
                + "  dense_rank() OVER (ORDER BY s.total_score) AS position,\n"
                + "  CASE WHEN pt.value IS NULL THEN NULL ELSE dense_rank() OVER (ORDER BY pt.value) END AS published_position,\n"
                + "  " + parent + " AS parent_code,\n"
                + "  CASE WHEN par.complete THEN par.summed ELSE ppub.rate END AS parent_value,\n"
                + "  CASE WHEN par.complete THEN 'berekend' WHEN ppub.rate IS NOT NULL THEN 'gepubliceerd' END AS parent_value_source,\n"
                + "  (s.value - CASE WHEN par.complete THEN par.summed ELSE ppub.rate END) / CASE WHEN par.complete THEN par.summed ELSE ppub.rate END * 100 AS deviation_pct\n"
                + "FROM scored s JOIN par ON par.theme_code = s.theme_code\n"
                + "LEFT JOIN pub ppub ON ppub.region_code = " + parent + " AND ppub.theme_code = s.theme_code\n"
                + "LEFT JOIN pr ON pr.region_code = s.region_code AND pr.theme_code = s.theme_code\n"
                + "LEFT JOIN pt ON pt.region_code = s.region_code\n"
                + "ORDER BY position, s.region_name, s.theme_code";
    }
}
