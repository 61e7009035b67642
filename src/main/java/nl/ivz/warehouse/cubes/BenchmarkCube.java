package nl.ivz.warehouse.cubes;

import nl.ivz.warehouse.cubes.Lookup.Area;
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
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.denseRank;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.max;
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
                        new CubeParam("area", "area", "RE02", "Area whose children are compared (code or name, e.g. Oost-Nederland, Twente (PD))"),
                        new CubeParam("level", "level", "district", "Level of the compared areas below area: district, basisteam, gemeente, eenheid"),
                        new CubeParam("year", "year", "2014", "Year of the figures"),
                        new CubeParam("borders", "year", null, "Year whose areas are compared (municipalities merged later carry their predecessors' counts and population); default: year"),
                        Geography.HIERARCHY_PARAM,
                        new CubeParam("themes", "themes", null, "Comma-separated themes (codes or names); default: every theme with rates for these areas in that year"),
                        new CubeParam("indicator", "measure", null, "Rate measure to rank on (e.g. misdrijven_per_1000_inw); default per "
                                + "theme the rate measure with data (per 1,000 inhabitants first)")),
                List.of(
                        CubeColumn.of("area_code", null, "Compared area"),
                        CubeColumn.of("area_name", null, "Name of the area"),
                        CubeColumn.of("theme_code", null, "Theme"),
                        CubeColumn.of("measure_code", null, "Rate measure ranked on"),
                        CubeColumn.of("unit", null, "Unit of the rate"),
                        CubeColumn.number("count_value", "aantal", "Registered count, where loaded"),
                        CubeColumn.number("population", "aantal", "Inhabitants on 1 January of the year (or dwellings: the measure's "
                                + "denominator), summed over predecessors on later borders; for an area above gemeente without its own "
                                + "figure the sum over all its municipalities (only when every one has a figure); where no real figure is "
                                + "loaded, the loader's derived inwoners_afgeleid (count / published rate of the total)"),
                        CubeColumn.number("computed_value", "per 1000", "count / population x 1,000"),
                        CubeColumn.number("published_value", "per 1000", "Rate as the source published it"),
                        CubeColumn.number("value", "per 1000", "Rate used: computed from count and real population, else the published rate, else computed on the derived population"),
                        CubeColumn.of("value_source", null, "berekend, gepubliceerd or berekend (afgeleide bevolking): where the value came from"),
                        CubeColumn.of("rank", "rang", "Dense rank within the theme, 1 = best by the measure's polarity"),
                        CubeColumn.number("published_rank", "rang", "Rank as published, if any"),
                        CubeColumn.of("rank_differs", null, "TRUE where the published rank differs from the recomputed one"),
                        CubeColumn.of("total_score", "punten", "Sum of the area's ranks over the themes"),
                        CubeColumn.number("published_total_score", "punten", "Total score as published, if any"),
                        CubeColumn.number("published_rank_sum", "punten", "Sum of the published ranks of the area (checks the published total)"),
                        CubeColumn.of("total_differs", null, "TRUE where the published total differs from the recomputed one (compared only when every theme the source ranked is selected)"),
                        CubeColumn.of("position", "rang", "Dense rank of the total score, 1 = lowest total (safest)"),
                        CubeColumn.of("published_position", "rang", "Dense rank of the published total scores"),
                        CubeColumn.of("parent_code", null, "The area given as parameter area, whose areas of the level are compared"),
                        CubeColumn.number("parent_value", "per "
                                + "1000", "Parent's rate: summed counts / summed population of the areas when every area of the peer group "
                                + "has counts and a population (inwoners, else the loader's derived inwoners_afgeleid), else the parent's "
                                + "published rate, else the parent's own count / own population; never from part of the group"),
                        CubeColumn.of("parent_value_source", null, "berekend (from all areas), gepubliceerd, berekend (eigen totaal) (the parent's own count and population), or empty"),
                        CubeColumn.number("deviation_pct", "procent", "(value - parent_value) / parent_value x 100, one decimal"),
                        CubeColumn.of("hierarchy", null, "Hierarchy walked from the parent (parameter area) to the compared areas: politie or bestuurlijk"),
                        CubeColumn.of("borders_year", null, "Year whose areas are compared"),
                        CubeColumn.of("borders_exact", null, "FALSE where the count includes an estimated share of a split municipality (opsplitsing)"),
                        CubeColumn.of("areas_expected", "aantal", "Areas in the peer group by the geography of borders_year"),
                        CubeColumn.of("areas_with_data", "aantal", "Areas of the peer group with a value for the theme"),
                        CubeColumn.of("areas_unplaced", "aantal", "Areas of the level with data that the geography places nowhere (counted when parent is the top of the hierarchy)"),
                        CubeColumn.of("coverage_complete", null, "TRUE when every area of the peer group has a value and none is unplaced"),
                        CubeColumn.of("coverage_note", null, "What is missing, when coverage is incomplete")));
    }

    /** What the parameters resolve to. */
    record Plan(Area parent, String level, int year, int borders, Geography.PeerGroup group, List<Geography.Carry> carries,
                Map<String, List<String>> gemeenten, List<String> themes, String indicator) {
        List<Area> peers() { return group.members(); }
        List<String> peerCodes() { return group.codes(); }
        List<String> allCodes() {
            List<String> c = new ArrayList<>(peerCodes());
            c.add(parent.code());
            return c;
        }
        /** The codes whose facts count: the areas, the municipalities of those above gemeente, and the earlier areas carried into them. */
        List<String> sourceCodes() {
            List<String> c = allCodes();
            for (List<String> g : gemeenten.values()) for (String x : g) if (!c.contains(x)) c.add(x);
            for (Geography.Carry x : carries) if (c.contains(x.to()) && !c.contains(x.from())) c.add(x.from());
            return c;
        }
        List<Geography.Carry> usedCarries() {
            List<String> c = allCodes();
            for (List<String> g : gemeenten.values()) c.addAll(g);
            return carries.stream().filter(x -> c.contains(x.to())).collect(Collectors.toList());
        }
    }

    Plan plan(DSLContext ctx, Args a) throws CubeException {
        Area parent = Lookup.area(ctx, "area", a.get("area"));
        String level = Lookup.level(ctx, "level", a.get("level"));
        int year = Lookup.year("year", a.get("year"), Lookup.years(ctx));
        int borders = a.has("borders") ? Lookup.year("borders", a.get("borders"), List.of()) : year;
        if (borders < year) {
            throw new CubeException("borders", "Borders " + borders + " are before year " + year + ": a merged area cannot be split back; give borders >= year");
        }
        String hierarchy = Geography.hierarchy(a.get("hierarchy"), parent, level);
        Geography.PeerGroup group = Geography.peers(ctx, parent, level, hierarchy, borders);
        if (group.members().isEmpty()) {
            throw new CubeException("level", "No areas at level '" + level + "' below " + parent.name() + " (" + parent.code()
                    + ") in the " + hierarchy + " hierarchy of " + borders + "; try another level, area or hierarchy"
                    + (group.unplaced().isEmpty() ? "" : " (" + group.unplacedNote() + ")"));
        }
        List<String> themes = a.has("themes") ? Lookup.themes(ctx, "themes", a.get("themes")) : null;
        String indicator = a.has("indicator") ? Lookup.measure(ctx, "indicator", a.get("indicator")) : null;
        Map<String, Dimensions.Measure> measures = Dimensions.of(ctx).measures();
        if (indicator != null && measures.get(indicator).denominator() == null) {
            throw new CubeException("indicator", "Indicator " + indicator + " is not a rate (dim_measure.denominator is empty); rates: "
                    + measures.values().stream().filter(x -> x.denominator() != null).map(Dimensions.Measure::code).collect(Collectors.joining(", ")));
        }
        List<Geography.Carry> carries = borders > year ? Geography.carried(ctx, borders) : List.of();
        List<Area> tops = new ArrayList<>(group.members());
        tops.add(parent);
        Map<String, List<String>> gemeenten = Geography.gemeenten(ctx, tops, hierarchy, borders);
        return new Plan(parent, level, year, borders, group, carries, gemeenten, themes, indicator);
    }

    /** Dutch text of what a peer group misses, as SQL over the number of areas with data (the rest is known before the query runs). */
    static String noteStart(Plan p) {
        return "onvolledig (" + p.level() + " onder " + p.parent().name() + ", " + p.group().hierarchy() + ", " + p.borders() + "): ";
    }

    static String unplacedText(Plan p) {
        String u = p.group().unplacedNote();
        return u == null ? "" : "; " + u;
    }

    /*
     * One statement: every rate measure (or the indicator) is considered; per theme the measure that gives a value
     * (published rate, or count with population) for the most areas is ranked, per 1,000 inhabitants first; without
     * a themes parameter only themes covered as widely as the best-covered one are kept (a one-area theme ranks nothing).
     */
    @Override
    protected ResultQuery<? extends Record> build(DSLContext ctx, Args a) throws CubeException {
        Plan p = plan(ctx, a);
        CommonTableExpression<?> m = DSL.name("m").as(select(DIM_MEASURE.MEASURE_CODE.as("measure_code"),
                        DIM_MEASURE.COUNT_MEASURE.as("count_measure"), DIM_MEASURE.DENOMINATOR.as("denominator"),
                        DIM_MEASURE.POLARITY.as("polarity"), DIM_MEASURE.UNIT.as("unit"))
                .from(DIM_MEASURE).where(DIM_MEASURE.DENOMINATOR.isNotNull())
                .and(p.indicator() == null ? DSL.noCondition() : DIM_MEASURE.MEASURE_CODE.eq(inline(p.indicator()))));
        CommonTableExpression<?> yr = DSL.name("yr").as(select(DIM_PERIOD.PERIOD_CODE.as("period_code")).from(DIM_PERIOD)
                .where(DIM_PERIOD.PERIOD_YEAR.eq(inline(p.year()))).and(DIM_PERIOD.PERIOD_KIND.eq(inline("jaar"))));
        var yearCodes = select(s("yr", "period_code")).from(t("yr"));
        // yearly figures: of municipalities and up from the yearly aggregate, of buurten and wijken from the facts
        Facts.Yearly f = Facts.yearly(p.level(), yearCodes, p.year());
        Condition themeFilter = p.themes() == null ? DSL.noCondition() : f.theme().in(Sql.strings(p.themes()));
        CommonTableExpression<?> pub = DSL.name("pub").as(select(f.region().as("region_code"),
                        f.theme().as("theme_code"), f.measure().as("measure_code"), max(f.max()).as("rate"))
                .from(f.table())
                .where(f.measure().in(select(s("m", "measure_code")).from(t("m"))))
                .and(f.inYear()).and(Sql.in(ctx, f.region(), p.allCodes())).and(themeFilter)
                .groupBy(f.region(), f.theme(), f.measure()));
        // counts and population of earlier areas carried onto the areas of the borders year (none when borders = year)
        List<CommonTableExpression<?>> carryCte = new ArrayList<>();
        Table<?> regFacts = f.table();
        Table<?> popFacts = t("popr");
        Field<String> regArea = f.region();
        Field<String> popArea = s("popr", "region_code");
        Field<Double> share = inline(1.0);
        Field<Integer> exact = inline(1);
        if (!p.usedCarries().isEmpty()) {
            carryCte.add(DSL.name("carry").as(select(DSL.asterisk()).from(Geography.carryTable(ctx, p.usedCarries()))));
            regFacts = f.table().leftJoin(t("carry")).on(s("carry", "region_code").eq(f.region()));
            popFacts = t("popr").leftJoin(t("carry")).on(s("carry", "region_code").eq(s("popr", "region_code")));
            regArea = DSL.coalesce(s("carry", "area_code"), f.region());
            popArea = DSL.coalesce(s("carry", "area_code"), s("popr", "region_code"));
            share = DSL.coalesce(d("carry", "share"), inline(1.0));
            exact = DSL.coalesce(Sql.i("carry", "exact"), inline(1));
        }
        // per source, then the largest: a national series and a municipal table both give Nederland's total
        CommonTableExpression<?> cnt0 = DSL.name("cnt0").as(select(regArea.as("region_code"),
                        f.theme().as("theme_code"), f.measure().as("count_measure"), f.source().as("source_table"),
                        sum(f.sum().mul(share)).as("n"), DSL.min(exact).as("exact"))
                .from(regFacts)
                .where(f.measure().in(select(s("m", "count_measure")).from(t("m"))))
                .and(f.inYear()).and(Sql.in(ctx, f.region(), p.sourceCodes())).and(themeFilter)
                .groupBy(regArea, f.theme(), f.measure(), f.source()));
        CommonTableExpression<?> cnt = DSL.name("cnt").as(select(s("cnt0", "region_code").as("region_code"), s("cnt0", "theme_code").as("theme_code"),
                        s("cnt0", "count_measure").as("count_measure"), max(d("cnt0", "n")).as("n"), DSL.min(Sql.i("cnt0", "exact")).as("exact"))
                .from(t("cnt0")).groupBy(s("cnt0", "region_code"), s("cnt0", "theme_code"), s("cnt0", "count_measure")));
        // inhabitants on 1 January only: a count on another date (the seed's 1 May) is not mixed in
        Condition firstOfJanuary = FCT_POPULATION.MEASURE_CODE.ne(inline("inwoners"))
                .or(DSL.month(FCT_POPULATION.REFERENCE_DATE).eq(inline(1)).and(DSL.day(FCT_POPULATION.REFERENCE_DATE).eq(inline(1))));
        CommonTableExpression<?> popr = DSL.name("popr").as(select(FCT_POPULATION.REGION_CODE.as("region_code"),
                        FCT_POPULATION.MEASURE_CODE.as("measure_code"), max(FCT_POPULATION.VALUE).as("pop"))
                .from(FCT_POPULATION)
                .where(FCT_POPULATION.PERIOD_CODE.in(yearCodes)).and(Sql.in(ctx, FCT_POPULATION.REGION_CODE, p.sourceCodes())).and(firstOfJanuary)
                .groupBy(FCT_POPULATION.REGION_CODE, FCT_POPULATION.MEASURE_CODE));
        CommonTableExpression<?> pop1 = DSL.name("pop1").as(select(popArea.as("region_code"), s("popr", "measure_code").as("measure_code"),
                        sum(d("popr", "pop").mul(share)).as("pop"))
                .from(popFacts).groupBy(popArea, s("popr", "measure_code")));
        // an area above gemeente without its own figure: the sum over all its municipalities, when every one has one
        CommonTableExpression<?> pop;
        if (p.gemeenten().isEmpty()) {
            pop = DSL.name("pop").as(select(DSL.asterisk()).from(t("pop1")));
        } else {
            carryCte.add(DSL.name("members").as(select(DSL.asterisk()).from(Geography.membersTable(ctx, p.gemeenten()))));
            var rolled = select(s("mb", "area_code").as("region_code"), s("pop1", "measure_code").as("measure_code"), sum(d("pop1", "pop")).as("pop"))
                    .from(t("members").as("mb")).join(t("pop1")).on(s("pop1", "region_code").eq(s("mb", "member_code")))
                    .groupBy(s("mb", "area_code"), s("pop1", "measure_code")).having(count().eq(max(Sql.i("mb", "n")))).asTable("ro");
            pop = DSL.name("pop").as(select(s("pop1", "region_code"), s("pop1", "measure_code"), d("pop1", "pop")).from(t("pop1"))
                    .unionAll(select(s("ro", "region_code"), s("ro", "measure_code"), d("ro", "pop")).from(rolled)
                            .leftJoin(t("pop1").as("o")).on(s("o", "region_code").eq(s("ro", "region_code")).and(s("o", "measure_code").eq(s("ro", "measure_code"))))
                            .where(s("o", "region_code").isNull())));
        }
        // candidate (theme, measure) pairs
        CommonTableExpression<?> cand = DSL.name("cand").as(select(s("pub", "theme_code").as("theme_code"), s("pub", "measure_code").as("measure_code"))
                .from(t("pub")).where(Sql.in(ctx, s("pub", "region_code"), p.peerCodes()))
                .union(select(s("cnt", "theme_code"), s("m", "measure_code")).from(t("cnt"))
                        .join(t("m")).on(s("m", "count_measure").eq(s("cnt", "count_measure")))
                        .where(Sql.in(ctx, s("cnt", "region_code"), p.peerCodes()))));
        // the loader's derived population (count / published rate x 1,000 of the total) stands in where no real one is loaded
        Field<Double> popAny = DSL.coalesce(d("p", "pop"), d("pd", "pop"));
        Field<Double> computed = d("c", "n").div(popAny).mul(inline(1000.0));
        CommonTableExpression<?> val0 = DSL.name("val0").as(select(
                        DIM_REGION.REGION_CODE.as("region_code"), DIM_REGION.REGION_NAME.as("region_name"),
                        s("cand", "theme_code").as("theme_code"), s("m", "measure_code").as("measure_code"),
                        s("m", "unit").as("unit"), s("m", "polarity").as("polarity"), s("m", "denominator").as("denominator"),
                        d("c", "n").as("count_value"), popAny.as("population"),
                        when(d("c", "n").isNotNull().and(d("p", "pop").isNotNull()), inline("berekend"))
                                .when(d("pub", "rate").isNotNull(), inline("gepubliceerd"))
                                .when(d("c", "n").isNotNull().and(d("pd", "pop").isNotNull()), inline("berekend (afgeleide bevolking)")).as("value_source"),
                        computed.as("computed_value"), d("pub", "rate").as("published_value"),
                        DSL.coalesce(d("c", "n").div(d("p", "pop")).mul(inline(1000.0)), d("pub", "rate"), computed).as("value"),
                        popAny.as("population_any"), s("m", "count_measure").as("count_measure"), Sql.i("c", "exact").as("count_exact"))
                .from(DIM_REGION).crossJoin(t("cand"))
                .join(t("m")).on(s("m", "measure_code").eq(s("cand", "measure_code")))
                .leftJoin(t("cnt").as("c")).on(s("c", "region_code").eq(DIM_REGION.REGION_CODE).and(s("c", "theme_code").eq(s("cand", "theme_code")))
                        .and(s("c", "count_measure").eq(s("m", "count_measure"))))
                .leftJoin(t("pop").as("p")).on(s("p", "region_code").eq(DIM_REGION.REGION_CODE).and(s("p", "measure_code").eq(s("m", "denominator"))))
                .leftJoin(t("pop").as("pd")).on(s("pd", "region_code").eq(DIM_REGION.REGION_CODE)
                        .and(s("pd", "measure_code").eq(DSL.concat(s("m", "denominator"), inline("_afgeleid")))))
                .leftJoin(t("pub")).on(s("pub", "region_code").eq(DIM_REGION.REGION_CODE).and(s("pub", "theme_code").eq(s("cand", "theme_code")))
                        .and(s("pub", "measure_code").eq(s("m", "measure_code"))))
                .where(Sql.in(ctx, DIM_REGION.REGION_CODE, p.peerCodes())));
        Field<Integer> covered = count(d("val0", "value"));
        CommonTableExpression<?> cov = DSL.name("cov").as(select(s("val0", "theme_code").as("theme_code"), s("val0", "measure_code").as("measure_code"),
                        covered.as("covered"),
                        DSL.rowNumber().over(DSL.partitionBy(s("val0", "theme_code")).orderBy(covered.desc(),
                                when(s("val0", "denominator").eq(inline("inwoners")), inline(0)).otherwise(inline(1)), s("val0", "measure_code"))).as("pick"))
                .from(t("val0")).groupBy(s("val0", "theme_code"), s("val0", "measure_code"), s("val0", "denominator")));
        var chosen = select(s("cov", "theme_code"), s("cov", "measure_code")).from(t("cov"))
                .where(Sql.i("cov", "pick").eq(inline(1))).and(Sql.i("cov", "covered").gt(inline(0)))
                .and(p.themes() != null ? DSL.noCondition()
                        : Sql.i("cov", "covered").eq(DSL.field(select(max(Sql.i("cov", "covered"))).from(t("cov")))));
        CommonTableExpression<?> val = DSL.name("val").as(select(t("val0").asterisk()).from(t("val0"))
                .where(DSL.row(s("val0", "theme_code"), s("val0", "measure_code")).in(chosen)));
        CommonTableExpression<?> par = DSL.name("par").as(select(s("val", "theme_code").as("theme_code"),
                        sum(d("val", "count_value")).div(sum(d("val", "population_any"))).mul(inline(1000.0)).as("summed"),
                        count(d("val", "count_value")).eq(count()).and(count(d("val", "population_any")).eq(count())).as("complete"),
                        count(d("val", "value")).as("with_data"),
                        Sql.orderedNames(ctx, when(d("val", "value").isNull(), s("val", "region_name"))).as("missing"))
                .from(t("val")).groupBy(s("val", "theme_code")));
        Field<Double> orderValue = when(s("val", "polarity").eq(inline("hoger_beter")), d("val", "value").neg()).otherwise(d("val", "value"));
        CommonTableExpression<?> ranked = DSL.name("ranked").as(select(t("val").asterisk(),
                        denseRank().over(DSL.partitionBy(s("val", "theme_code")).orderBy(orderValue)).as("rank"))
                .from(t("val")).where(d("val", "value").isNotNull()));
        CommonTableExpression<?> scored = DSL.name("scored").as(select(t("ranked").asterisk(),
                        sum(l("ranked", "rank")).over(DSL.partitionBy(s("ranked", "region_code"))).cast(SQLDataType.BIGINT).as("total_score"))
                .from(t("ranked")));
        Condition periodMatches = FCT_PUBLISHED_FIGURE.PERIOD_CODE.isNull().or(FCT_PUBLISHED_FIGURE.PERIOD_CODE.in(yearCodes));
        var prank = select(FCT_PUBLISHED_FIGURE.REGION_CODE.as("region_code"), FCT_PUBLISHED_FIGURE.THEME_CODE.as("theme_code"),
                        max(FCT_PUBLISHED_FIGURE.VALUE).as("value"))
                .from(FCT_PUBLISHED_FIGURE)
                .where(FCT_PUBLISHED_FIGURE.FIGURE_KIND.eq(inline("rank"))).and(periodMatches)
                .and(Sql.in(ctx, FCT_PUBLISHED_FIGURE.REGION_CODE, p.peerCodes()))
                .groupBy(FCT_PUBLISHED_FIGURE.REGION_CODE, FCT_PUBLISHED_FIGURE.THEME_CODE).asTable("pr");
        // the published total is comparable only when every theme the source ranked is selected
        var rankCount = DSL.field(select(count()).from(FCT_PUBLISHED_FIGURE.as("rk"))
                .where(DSL.field(DSL.name("rk", "figure_kind"), String.class).eq(inline("rank")))
                .and(DSL.field(DSL.name("rk", "region_code"), String.class).eq(FCT_PUBLISHED_FIGURE.REGION_CODE))
                .and(DSL.field(DSL.name("rk", "period_code"), String.class).isNull()
                        .or(DSL.field(DSL.name("rk", "period_code"), String.class).in(yearCodes))));
        var ptotal = select(FCT_PUBLISHED_FIGURE.REGION_CODE.as("region_code"), max(FCT_PUBLISHED_FIGURE.VALUE).as("value"),
                        max(rankCount).as("ranks"))
                .from(FCT_PUBLISHED_FIGURE)
                .where(FCT_PUBLISHED_FIGURE.FIGURE_KIND.eq(inline("total_score"))).and(periodMatches)
                .and(Sql.in(ctx, FCT_PUBLISHED_FIGURE.REGION_CODE, p.peerCodes()))
                .groupBy(FCT_PUBLISHED_FIGURE.REGION_CODE).asTable("pt");
        // the parent's value from all its areas, else as published, else its own count over its own population
        Field<Boolean> allAreas = p.group().complete() ? b("par", "complete") : inline(false);
        Field<Double> own = d("pc", "n").div(DSL.coalesce(d("pp", "pop"), d("ppd", "pop"))).mul(inline(1000.0));
        Field<Double> parentValue = when(allAreas, d("par", "summed")).when(d("ppub", "rate").isNotNull(), d("ppub", "rate")).otherwise(own);
        Field<Long> position = denseRank().over(DSL.orderBy(l("s", "total_score"))).cast(SQLDataType.BIGINT);
        int expected = p.peers().size();
        int unplaced = p.group().unplaced().size();
        Condition fullCoverage = l("par", "with_data").eq(inline((long) expected)).and(inline(unplaced).eq(inline(0)));
        List<CommonTableExpression<?>> ctes = new ArrayList<>(carryCte);
        ctes.addAll(List.of(m, yr, pub, cnt0, cnt, popr, pop1, pop, cand, val0, cov, val, par, ranked, scored));
        return ctx.with(ctes)
                .select(s("s", "region_code").as("area_code"), s("s", "region_name").as("area_name"),
                        s("s", "theme_code").as("theme_code"), s("s", "measure_code").as("measure_code"), s("s", "unit").as("unit"),
                        d("s", "count_value").as("count_value"), d("s", "population").as("population"),
                        d("s", "computed_value").as("computed_value"), d("s", "published_value").as("published_value"),
                        d("s", "value").as("value"),
                        s("s", "value_source").as("value_source"),
                        Sql.i("s", "rank").as("rank"),
                        d("pr", "value").as("published_rank"),
                        d("pr", "value").isNotNull().and(d("pr", "value").ne(Sql.dbl(Sql.i("s", "rank")))).as("rank_differs"),
                        l("s", "total_score").as("total_score"),
                        d("pt", "value").as("published_total_score"),
                        sum(d("pr", "value")).over(DSL.partitionBy(s("s", "region_code"))).as("published_rank_sum"),
                        d("pt", "value").isNotNull().and(d("pt", "value").ne(Sql.dbl(l("s", "total_score"))))
                                .and(count(d("pr", "value")).over(DSL.partitionBy(s("s", "region_code"))).eq(Sql.i("pt", "ranks"))).as("total_differs"),
                        position.as("position"),
                        when(d("pt", "value").isNull(), DSL.castNull(SQLDataType.BIGINT))
                                .otherwise(denseRank().over(DSL.orderBy(d("pt", "value"))).cast(SQLDataType.BIGINT)).as("published_position"),
                        inline(p.parent().code()).as("parent_code"),
                        parentValue.as("parent_value"),
                        when(allAreas, inline("berekend")).when(d("ppub", "rate").isNotNull(), inline("gepubliceerd"))
                                .when(own.isNotNull(), inline("berekend (eigen totaal)")).as("parent_value_source"),
                        DSL.round(d("s", "value").minus(parentValue).div(parentValue).mul(inline(100.0)), 1).as("deviation_pct"),
                        inline(p.group().hierarchy()).as("hierarchy"),
                        inline(p.borders()).as("borders_year"),
                        DSL.coalesce(Sql.i("s", "count_exact"), inline(1)).eq(inline(1)).as("borders_exact"),
                        inline(expected).as("areas_expected"),
                        l("par", "with_data").as("areas_with_data"),
                        inline(unplaced).as("areas_unplaced"),
                        DSL.field(fullCoverage).as("coverage_complete"),
                        when(DSL.not(fullCoverage), DSL.concat(inline(noteStart(p)), Sql.text(ctx, l("par", "with_data")),
                                inline(" van " + expected + " met gegevens"),
                                DSL.coalesce(DSL.concat(inline(", zonder: "), s("par", "missing")), inline("")), inline(unplacedText(p)))).as("coverage_note"))
                .from(t("scored").as("s"))
                .join(t("par")).on(s("par", "theme_code").eq(s("s", "theme_code")))
                .leftJoin(t("pub").as("ppub")).on(s("ppub", "region_code").eq(inline(p.parent().code()))
                        .and(s("ppub", "theme_code").eq(s("s", "theme_code"))).and(s("ppub", "measure_code").eq(s("s", "measure_code"))))
                .leftJoin(t("cnt").as("pc")).on(s("pc", "region_code").eq(inline(p.parent().code()))
                        .and(s("pc", "theme_code").eq(s("s", "theme_code"))).and(s("pc", "count_measure").eq(s("s", "count_measure"))))
                .leftJoin(t("pop").as("pp")).on(s("pp", "region_code").eq(inline(p.parent().code())).and(s("pp", "measure_code").eq(s("s", "denominator"))))
                .leftJoin(t("pop").as("ppd")).on(s("ppd", "region_code").eq(inline(p.parent().code()))
                        .and(s("ppd", "measure_code").eq(DSL.concat(s("s", "denominator"), inline("_afgeleid")))))
                .leftJoin(prank).on(s("pr", "region_code").eq(s("s", "region_code")).and(s("pr", "theme_code").eq(s("s", "theme_code"))))
                .leftJoin(ptotal).on(s("pt", "region_code").eq(s("s", "region_code")))
                .orderBy(DSL.field(DSL.name("position")), s("s", "region_name"), s("s", "theme_code"));
    }
}
