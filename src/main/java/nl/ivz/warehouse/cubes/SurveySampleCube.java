package nl.ivz.warehouse.cubes;

import nl.ivz.warehouse.cubes.Lookup.Area;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.util.List;
import java.util.stream.Collectors;

import static nl.ivz.warehouse.cubes.Sql.d;
import static nl.ivz.warehouse.cubes.Sql.i;
import static nl.ivz.warehouse.cubes.Sql.s;
import static nl.ivz.warehouse.db.Tables.DIM_PERIOD;
import static nl.ivz.warehouse.db.Tables.DIM_REGION;
import static nl.ivz.warehouse.db.Tables.FCT_PUBLISHED_FIGURE;
import static nl.ivz.warehouse.db.Tables.FCT_SURVEY_RESPONSE;
import static org.jooq.impl.DSL.grouping;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.when;

/**
 * Seed 000: survey respondents per municipality against the threshold, extra respondents needed, their
 * cost, the databank fee, with a total row (ROLLUP); the memo's figures beside, compared after rounding
 * the computed cost to 5 euro as the memo does.
 */
public final class SurveySampleCube extends BaseCube {
    public SurveySampleCube() {
        super("survey-sample",
                "Survey respondents per municipality vs the threshold: extra needed, cost at a price per respondent, databank fee, totals; published figures beside",
                List.of(
                        new CubeParam("area", "area", "PD-TWENTE", "Area whose municipalities are listed (code or name)"),
                        new CubeParam("year", "year", "2013", "Survey round (year)"),
                        new CubeParam("hierarchy", "text", null, "politie or bestuurlijk: the hierarchy from area down to its municipalities; default the area's (bestuurlijk under Nederland)"),
                        new CubeParam("threshold", "integer", "300", "Respondents needed for reliable municipal figures"),
                        new CubeParam("price", "euro", "9.28", "Price per extra respondent in euro"),
                        new CubeParam("own_questions", "boolean", "false", "true adds EUR 0.80 per respondent for up to 20 own questions")),
                List.of(
                        CubeColumn.of("area_code", null, "Municipality; TOTAAL on the total row"),
                        CubeColumn.of("area_name", null, "Name; Totaal on the total row"),
                        CubeColumn.of("respondents", "aantal", "Respondents in the national sample"),
                        CubeColumn.of("extra_needed", "aantal", "max(0, threshold - respondents)"),
                        CubeColumn.number("published_extra", "aantal", "Extra needed as published"),
                        CubeColumn.number("price", "euro", "Price per respondent used"),
                        CubeColumn.number("cost", "euro", "extra_needed x price"),
                        CubeColumn.number("cost_rounded_5", "euro", "cost rounded to the nearest 5 euro (as the memo rounds)"),
                        CubeColumn.number("published_cost", "euro", "Estimated cost as published"),
                        CubeColumn.of("cost_matches", null, "published_cost = cost_rounded_5; NULL without a published cost"),
                        CubeColumn.number("published_rows_sum", "euro", "On the total row: sum of the published row costs"),
                        CubeColumn.number("databank_fee", "euro", "Databank connection fee")));
    }

    record Plan(Area area, List<Area> municipalities, int year, int threshold, double price) { }

    Plan plan(DSLContext ctx, Args a) throws CubeException {
        Area area = Lookup.area(ctx, "area", a.get("area"));
        List<Integer> rounds = Dimensions.of(ctx).surveyRounds;
        if (rounds.isEmpty()) throw new CubeException("year", "No survey response counts are loaded (fct_survey_response is empty)");
        int year = Lookup.year("year", a.get("year"), rounds);
        List<Area> gm = "gemeente".equals(area.level()) ? List.of(area)
                : Geography.peers(ctx, area, "gemeente", Geography.hierarchy(a.get("hierarchy"), area, "gemeente"), year).members();
        if (gm.isEmpty()) throw new CubeException("area", "No municipalities below " + area.name() + " in " + year);
        double price = a.number("price") + (a.bool("own_questions") ? 0.80 : 0.0);
        return new Plan(area, gm, year, a.integer("threshold"), price);
    }

    @Override
    protected ResultQuery<? extends Record> build(DSLContext ctx, Args a) throws CubeException {
        Plan p = plan(ctx, a);
        Field<String>[] gm = Sql.strings(p.municipalities().stream().map(Area::code).collect(Collectors.toList()));
        Field<Integer> extra = DSL.greatest(inline(0), inline(p.threshold()).minus(FCT_SURVEY_RESPONSE.RESPONDENTS));
        var pubExtra = select(FCT_PUBLISHED_FIGURE.REGION_CODE.as("region_code"), max(FCT_PUBLISHED_FIGURE.VALUE).as("value"))
                .from(FCT_PUBLISHED_FIGURE).join(DIM_PERIOD).on(DIM_PERIOD.PERIOD_CODE.eq(FCT_PUBLISHED_FIGURE.PERIOD_CODE))
                .where(FCT_PUBLISHED_FIGURE.FIGURE_KIND.eq(inline("extra_respondents"))).and(DIM_PERIOD.PERIOD_YEAR.eq(inline(p.year())))
                .groupBy(FCT_PUBLISHED_FIGURE.REGION_CODE);
        var pubCost = select(FCT_PUBLISHED_FIGURE.REGION_CODE.as("region_code"), max(FCT_PUBLISHED_FIGURE.VALUE).as("value"))
                .from(FCT_PUBLISHED_FIGURE).join(DIM_PERIOD).on(DIM_PERIOD.PERIOD_CODE.eq(FCT_PUBLISHED_FIGURE.PERIOD_CODE))
                .where(FCT_PUBLISHED_FIGURE.FIGURE_KIND.eq(inline("cost"))).and(DIM_PERIOD.PERIOD_YEAR.eq(inline(p.year())))
                .groupBy(FCT_PUBLISHED_FIGURE.REGION_CODE);
        var rows = DSL.name("rows").as(select(FCT_SURVEY_RESPONSE.REGION_CODE.as("region_code"), DIM_REGION.REGION_NAME.as("region_name"),
                        FCT_SURVEY_RESPONSE.RESPONDENTS.as("respondents"), extra.as("extra_needed"),
                        Sql.dbl(extra).mul(inline(p.price())).as("cost"), FCT_SURVEY_RESPONSE.DATABANK_FEE.as("databank_fee"),
                        d("pe", "value").as("published_extra"), d("pcost", "value").as("published_cost"))
                .from(FCT_SURVEY_RESPONSE).join(DIM_REGION).on(DIM_REGION.REGION_CODE.eq(FCT_SURVEY_RESPONSE.REGION_CODE))
                .leftJoin(pubExtra.asTable("pe")).on(s("pe", "region_code").eq(FCT_SURVEY_RESPONSE.REGION_CODE))
                .leftJoin(pubCost.asTable("pcost")).on(s("pcost", "region_code").eq(FCT_SURVEY_RESPONSE.REGION_CODE))
                .where(FCT_SURVEY_RESPONSE.SURVEY_YEAR.eq(inline(p.year()))).and(FCT_SURVEY_RESPONSE.REGION_CODE.in(gm)));
        Field<Integer> isTotal = grouping(s("rows", "region_code"));
        Field<Double> cost = sum(d("rows", "cost")).cast(SQLDataType.DOUBLE);
        Field<Double> rounded = DSL.round(cost.div(inline(5.0))).mul(inline(5.0));
        // the memo's total row read once (one row, NULLs when not published), not once per use in the select list
        var total = DSL.name("total").as(select(publishedTotal("Geschatte kosten").as("cost"), publishedTotal("Extra nodig voor 300").as("extra"))
                .from(FCT_PUBLISHED_FIGURE).join(DIM_PERIOD).on(DIM_PERIOD.PERIOD_CODE.eq(FCT_PUBLISHED_FIGURE.PERIOD_CODE))
                .where(FCT_PUBLISHED_FIGURE.FIGURE_KIND.eq(inline("total"))).and(FCT_PUBLISHED_FIGURE.REGION_CODE.isNull())
                .and(DIM_PERIOD.PERIOD_YEAR.eq(inline(p.year()))));
        Field<Double> pubCostF = when(isTotal.eq(inline(1)), max(d("total", "cost"))).otherwise(max(d("rows", "published_cost")));
        Field<Double> pubExtraF = when(isTotal.eq(inline(1)), max(d("total", "extra"))).otherwise(max(d("rows", "published_extra")));
        return ctx.with(rows).with(total).select(
                        when(isTotal.eq(inline(1)), inline("TOTAAL")).otherwise(s("rows", "region_code")).as("area_code"),
                        when(isTotal.eq(inline(1)), inline("Totaal")).otherwise(max(s("rows", "region_name"))).as("area_name"),
                        sum(i("rows", "respondents")).cast(SQLDataType.BIGINT).as("respondents"),
                        sum(i("rows", "extra_needed")).cast(SQLDataType.BIGINT).as("extra_needed"),
                        pubExtraF.as("published_extra"),
                        inline(p.price()).as("price"),
                        cost.as("cost"), rounded.as("cost_rounded_5"),
                        pubCostF.as("published_cost"),
                        when(pubCostF.isNotNull(), pubCostF.eq(rounded)).as("cost_matches"),
                        when(isTotal.eq(inline(1)), sum(d("rows", "published_cost")).cast(SQLDataType.DOUBLE)).as("published_rows_sum"),
                        sum(d("rows", "databank_fee")).cast(SQLDataType.DOUBLE).as("databank_fee"))
                .from(DSL.table(DSL.name("rows"))).crossJoin(DSL.table(DSL.name("total")))
                .groupBy(DSL.rollup(s("rows", "region_code")))
                .orderBy(ctx.dialect() == org.jooq.SQLDialect.DUCKDB
                        ? List.of(isTotal, max(s("rows", "region_name")))
                        // Spark cannot resolve rows.region_code inside grouping() in ORDER BY: sort on the output columns
                        : List.of(when(DSL.field(DSL.name("area_code")).eq(inline("TOTAAL")), inline(1)).otherwise(inline(0)),
                                DSL.field(DSL.name("area_name"))));
    }

    /** A column of the memo's own total row (figure_kind total, no area, subject "IVM 2013: <column label>"): max over the total rows. */
    static Field<Double> publishedTotal(String column) {
        return max(when(FCT_PUBLISHED_FIGURE.SUBJECT.like(inline("%: " + column)), FCT_PUBLISHED_FIGURE.VALUE));
    }
}
