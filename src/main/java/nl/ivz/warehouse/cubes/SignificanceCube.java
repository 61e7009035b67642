package nl.ivz.warehouse.cubes;

import nl.ivz.warehouse.cubes.Lookup.Area;
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
import java.util.Locale;
import java.util.stream.Collectors;

import static nl.ivz.warehouse.cubes.Sql.d;
import static nl.ivz.warehouse.cubes.Sql.i;
import static nl.ivz.warehouse.cubes.Sql.s;
import static nl.ivz.warehouse.db.Tables.DIM_MEASURE;
import static nl.ivz.warehouse.db.Tables.DIM_PERIOD;
import static nl.ivz.warehouse.db.Tables.DIM_REGION;
import static nl.ivz.warehouse.db.Tables.FCT_SURVEY;
import static nl.ivz.warehouse.db.Tables.FCT_SURVEY_RESPONSE;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.when;

/**
 * A survey indicator per area against a reference (the parent, the peer average or the area's previous
 * measurement): significantly different when |a - b| > sqrt(ma^2 + mb^2) with the 95% margins, better
 * or worse by the measure's polarity; areas below the respondent threshold are not compared.
 */
public final class SignificanceCube extends BaseCube {
    public SignificanceCube() {
        super("significance",
                "Survey indicator per area vs a reference (parent, peer average, previous measurement): better / worse / not different by the 95% margins",
                List.of(
                        new CubeParam("area", "area", "PD-TWENTE", "Area whose children are compared (code or name)"),
                        new CubeParam("level", "level", "basisteam", "Level of the compared areas"),
                        Geography.HIERARCHY_PARAM,
                        new CubeParam("indicator", "measure", "vm_politie_samenwerking_bewoners", "Survey indicator (measure code or label)"),
                        new CubeParam("year", "year", null, "Year; default: the latest year with the indicator"),
                        new CubeParam("reference", "text", "parent", "parent (the area given as parameter area), peers (average of the compared areas) or previous (the area's previous measurement)"),
                        new CubeParam("threshold", "integer", "300", "Areas with fewer known respondents are not compared")),
                List.of(
                        CubeColumn.of("area_code", null, "Area"),
                        CubeColumn.of("area_name", null, "Name"),
                        CubeColumn.of("period_year", null, "Year"),
                        CubeColumn.number("value", "per dim_measure.unit", "Survey estimate"),
                        CubeColumn.number("margin", "per dim_measure.unit", "95% margin of the estimate"),
                        CubeColumn.of("respondents", "aantal", "Respondents, where known"),
                        CubeColumn.of("reference", null, "What the area is compared with"),
                        CubeColumn.of("reference_year", null, "Year of the reference value"),
                        CubeColumn.number("reference_value", "per dim_measure.unit", "Reference estimate"),
                        CubeColumn.number("reference_margin", "per dim_measure.unit", "Its 95% margin (peer average: sqrt(sum m_i^2) / n)"),
                        CubeColumn.number("difference", "per dim_measure.unit", "value - reference_value"),
                        CubeColumn.number("combined_margin", "per dim_measure.unit", "sqrt(margin^2 + reference_margin^2)"),
                        CubeColumn.of("result", null, "beter, slechter, hoger, lager (neutral measures), niet verschillend, or niet vergeleken")));
    }

    record Plan(Area parent, List<Area> peers, String measure, int year, String reference, int threshold) { }

    Plan plan(DSLContext ctx, Args a) throws CubeException {
        Area parent = Lookup.area(ctx, "area", a.get("area"));
        String level = Lookup.level(ctx, "level", a.get("level"));
        String measure = Lookup.measure(ctx, "indicator", a.get("indicator"));
        List<Integer> years = Dimensions.of(ctx).surveyYears(measure);
        if (years.isEmpty()) throw new CubeException("indicator", "No survey values for indicator " + measure);
        int year = a.has("year") ? Lookup.year("year", a.get("year"), years) : years.get(years.size() - 1);
        String hierarchy = Geography.hierarchy(a.get("hierarchy"), parent, level);
        List<Area> peers = Geography.peers(ctx, parent, level, hierarchy, year).members();
        if (peers.isEmpty()) throw new CubeException("level", "No areas at level '" + level + "' below " + parent.name() + " in the " + hierarchy + " hierarchy of " + year);
        String ref = a.get("reference").toLowerCase(Locale.ROOT);
        if (!List.of("parent", "peers", "previous").contains(ref)) {
            throw new CubeException("reference", "Unknown reference '" + a.get("reference") + "'" + Lookup.didYouMean(ref, List.of("parent", "peers", "previous"))
                    + " (parent, peers or previous)");
        }
        return new Plan(parent, peers, measure, year, ref, a.integer("threshold"));
    }

    @Override
    protected ResultQuery<? extends Record> build(DSLContext ctx, Args a) throws CubeException {
        Plan p = plan(ctx, a);
        List<String> codes = new ArrayList<>(p.peers().stream().map(Area::code).collect(Collectors.toList()));
        codes.add(p.parent().code());
        // only the years the answer reads: the year asked for, and for reference=previous the years before it
        boolean previous = p.reference().equals("previous");
        Condition years = previous ? DIM_PERIOD.PERIOD_YEAR.le(inline(p.year())) : DIM_PERIOD.PERIOD_YEAR.eq(inline(p.year()));
        Condition rounds = previous ? FCT_SURVEY_RESPONSE.SURVEY_YEAR.le(inline(p.year())) : FCT_SURVEY_RESPONSE.SURVEY_YEAR.eq(inline(p.year()));
        var sv = DSL.name("sv").as(select(FCT_SURVEY.REGION_CODE.as("region_code"), DIM_PERIOD.PERIOD_YEAR.as("period_year"),
                        max(FCT_SURVEY.VALUE).as("value"), max(FCT_SURVEY.MARGIN).as("margin"),
                        DSL.coalesce(max(FCT_SURVEY.RESPONDENTS), max(Sql.i("rsp", "n"))).as("respondents"))
                .from(FCT_SURVEY).join(DIM_PERIOD).on(DIM_PERIOD.PERIOD_CODE.eq(FCT_SURVEY.PERIOD_CODE))
                // respondents the survey file itself lacks (81928NED) come from the survey round's response table (seed 000)
                .leftJoin(select(FCT_SURVEY_RESPONSE.REGION_CODE.as("region_code"), FCT_SURVEY_RESPONSE.SURVEY_YEAR.as("survey_year"),
                                max(FCT_SURVEY_RESPONSE.RESPONDENTS).as("n"))
                        .from(FCT_SURVEY_RESPONSE).where(rounds).groupBy(FCT_SURVEY_RESPONSE.REGION_CODE, FCT_SURVEY_RESPONSE.SURVEY_YEAR).asTable("rsp"))
                .on(s("rsp", "region_code").eq(FCT_SURVEY.REGION_CODE)).and(Sql.i("rsp", "survey_year").eq(DIM_PERIOD.PERIOD_YEAR))
                .where(FCT_SURVEY.MEASURE_CODE.eq(inline(p.measure()))).and(DIM_PERIOD.PERIOD_KIND.eq(inline("jaar"))).and(years)
                .and(FCT_SURVEY.REGION_CODE.in(Sql.strings(codes)))
                .groupBy(FCT_SURVEY.REGION_CODE, DIM_PERIOD.PERIOD_YEAR));
        Field<String>[] peers = Sql.strings(p.peers().stream().map(Area::code).collect(Collectors.toList()));
        Table<?> ref;
        boolean perArea = previous;
        if (p.reference().equals("parent")) {
            ref = select(inline(p.parent().name()).as("label"), i("sv", "period_year").as("period_year"), d("sv", "value").as("value"), d("sv", "margin").as("margin"))
                    .from(DSL.table(DSL.name("sv"))).where(s("sv", "region_code").eq(inline(p.parent().code()))).and(i("sv", "period_year").eq(inline(p.year()))).asTable("ref");
        } else if (p.reference().equals("peers")) {
            ref = select(inline("gemiddelde van de vergeleken gebieden").as("label"), inline(p.year()).as("period_year"), DSL.avg(d("sv", "value")).cast(SQLDataType.DOUBLE).as("value"),
                    DSL.sqrt(DSL.sum(d("sv", "margin").mul(d("sv", "margin")))).cast(SQLDataType.DOUBLE).div(Sql.dbl(DSL.count())).as("margin"))
                    .from(DSL.table(DSL.name("sv"))).where(s("sv", "region_code").in(peers)).and(i("sv", "period_year").eq(inline(p.year()))).asTable("ref");
        } else {
            ref = select(s("sv", "region_code").as("region_code"), inline("vorige meting").as("label"), max(i("sv", "period_year")).as("period_year"))
                    .from(DSL.table(DSL.name("sv"))).where(i("sv", "period_year").lt(inline(p.year()))).groupBy(s("sv", "region_code")).asTable("prevy");
        }
        Field<Double> refValue = perArea ? d("pv", "value") : d("ref", "value");
        Field<Double> refMargin = perArea ? d("pv", "margin") : d("ref", "margin");
        Field<Integer> refYear = perArea ? i("prevy", "period_year") : i("ref", "period_year");
        Field<String> label = perArea ? s("prevy", "label") : s("ref", "label");
        Field<Double> diff = d("cur", "value").minus(refValue);
        Field<Double> comb = DSL.sqrt(d("cur", "margin").mul(d("cur", "margin")).plus(refMargin.mul(refMargin))).cast(SQLDataType.DOUBLE);
        Field<String> result = when(Sql.i("cur", "respondents").lt(inline(p.threshold())), inline("niet vergeleken"))
                .when(refValue.isNull().or(d("cur", "margin").isNull()).or(refMargin.isNull()), inline("niet vergeleken"))
                .when(DSL.abs(diff).le(comb), inline("niet verschillend"))
                .when(DIM_MEASURE.POLARITY.eq(inline("hoger_beter")), when(diff.gt(inline(0.0)), inline("beter")).otherwise(inline("slechter")))
                .when(DIM_MEASURE.POLARITY.eq(inline("hoger_slechter")), when(diff.gt(inline(0.0)), inline("slechter")).otherwise(inline("beter")))
                .otherwise(when(diff.gt(inline(0.0)), inline("hoger")).otherwise(inline("lager")));
        var q = ctx.with(sv).select(s("cur", "region_code").as("area_code"), DIM_REGION.REGION_NAME.as("area_name"), i("cur", "period_year").as("period_year"),
                        d("cur", "value").as("value"), d("cur", "margin").as("margin"), i("cur", "respondents").as("respondents"),
                        label.as("reference"), refYear.as("reference_year"), refValue.as("reference_value"), refMargin.as("reference_margin"),
                        diff.as("difference"), comb.as("combined_margin"), result.as("result"))
                .from(DSL.table(DSL.name("sv")).as("cur"))
                .join(DIM_REGION).on(DIM_REGION.REGION_CODE.eq(s("cur", "region_code")))
                .join(DIM_MEASURE).on(DIM_MEASURE.MEASURE_CODE.eq(inline(p.measure())));
        var j = perArea
                ? q.leftJoin(ref).on(s("prevy", "region_code").eq(s("cur", "region_code")))
                   .leftJoin(DSL.table(DSL.name("sv")).as("pv")).on(s("pv", "region_code").eq(s("cur", "region_code")).and(i("pv", "period_year").eq(i("prevy", "period_year"))))
                : q.leftJoin(ref).on(DSL.trueCondition());
        return j.where(s("cur", "region_code").in(peers)).and(i("cur", "period_year").eq(inline(p.year())))
                .orderBy(DIM_REGION.REGION_NAME);
    }
}
