package nl.ivz.warehouse.cubes;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.impl.DSL;

import java.util.List;

import static nl.ivz.warehouse.cubes.Sql.d;
import static nl.ivz.warehouse.cubes.Sql.s;
import static nl.ivz.warehouse.db.Tables.DIM_PERIOD;
import static nl.ivz.warehouse.db.Tables.DIM_REGION;
import static nl.ivz.warehouse.db.Tables.AGG_REGISTRATION_YEAR;
import static nl.ivz.warehouse.db.Tables.FCT_REGISTRATION;
import static nl.ivz.warehouse.db.Tables.FCT_SURVEY;
import static nl.ivz.warehouse.db.Tables.MAP_SURVEY_DEFINITION;
import static nl.ivz.warehouse.db.Tables.MAP_SURVEY_REGISTRATION;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.when;

/**
 * Survey victimisation (% of persons victim, per crime group) against registered crimes per 1,000 inhabitants
 * of the same group, per area of one level (default the 25 politieregio's of before 2013, IVM 80169NED against
 * 80344NED) and Nederland, in two years, with how both changed. Only areas with the survey value in both
 * years are shown; a missing registration stays NULL.
 */
public final class DarkNumberRegionsCube extends BaseCube {
    public DarkNumberRegionsCube() {
        super("dark-number-regions",
                "Per area and crime group: % of persons victim (survey) against registered crimes per 1,000 inhabitants, in two years, and how both changed",
                List.of(
                        new CubeParam("level", "level", "politieregio", "Level of the areas (Nederland is always added as reference)"),
                        new CubeParam("from", "year", "2008", "First year"),
                        new CubeParam("to", "year", "2011", "Last year"),
                        new CubeParam("source", "text", "80344NED", "Source table of the registered crimes")),
                List.of(
                        CubeColumn.of("area_code", null, "Area"),
                        CubeColumn.of("area_name", null, "Area name"),
                        CubeColumn.of("area_level", null, "Its level"),
                        CubeColumn.of("measure_code", null, "Survey indicator (% of persons victim of a crime group in the last 12 months)"),
                        CubeColumn.of("registered_themes", null, "Themes of the registered counterpart (map_survey_registration)"),
                        CubeColumn.of("definition_match", null, "Does the survey group match the registered group in definition "
                                + "(map_survey_definition): for the IVM anders throughout, % of persons against incidents per 1,000; compare "
                                + "the directions of change, not the levels"),
                        CubeColumn.number("victims_pct_from", "procent", "% of persons (15+) victim in the first year"),
                        CubeColumn.number("victims_pct_to", "procent", "% victim in the last year"),
                        CubeColumn.number("victims_change_pp", "procentpunt", "Change of the % victim in percentage points"),
                        CubeColumn.number("registered_per_1000_from", "per 1000 inwoners", "Registered crimes per 1,000 inhabitants in the first year, as published"),
                        CubeColumn.number("registered_per_1000_to", "per 1000 inwoners", "Registered crimes per 1,000 inhabitants in the last year (a provisional year is marked * in the source)"),
                        CubeColumn.number("registered_change_pct", "procent", "% change of the registered rate"),
                        new CubeColumn("registered_per_victim_pct_from", null, "Registered per 1,000 divided by % victim in the first year: "
                                + "a rough index of how much of the victimisation ends up registered (definitions differ: % of persons, not "
                                + "incidents; registrations include business victims)", 2),
                        new CubeColumn("registered_per_victim_pct_to", null, "The same in the last year", 2)));
    }

    record Plan(String level, int from, int to, String source) { }

    Plan plan(DSLContext ctx, Args a) throws CubeException {
        String level = Lookup.level(ctx, "level", a.get("level"));
        List<Integer> years = Lookup.years(ctx);
        int from = Lookup.year("from", a.get("from"), years);
        int to = Lookup.year("to", a.get("to"), years);
        if (from >= to) throw new CubeException("from", "Parameter 'from' (" + from + ") must be before 'to' (" + to + ")");
        return new Plan(level, from, to, a.get("source"));
    }

    @Override
    protected ResultQuery<? extends Record> build(DSLContext ctx, Args a) throws CubeException {
        Plan p = plan(ctx, a);
        var sv = select(FCT_SURVEY.REGION_CODE.as("region_code"), FCT_SURVEY.MEASURE_CODE.as("measure_code"),
                max(when(DIM_PERIOD.PERIOD_YEAR.eq(inline(p.from())), FCT_SURVEY.VALUE)).as("v_from"),
                max(when(DIM_PERIOD.PERIOD_YEAR.eq(inline(p.to())), FCT_SURVEY.VALUE)).as("v_to"))
                .from(FCT_SURVEY).join(DIM_PERIOD).on(DIM_PERIOD.PERIOD_CODE.eq(FCT_SURVEY.PERIOD_CODE))
                .join(DIM_REGION).on(DIM_REGION.REGION_CODE.eq(FCT_SURVEY.REGION_CODE))
                .where(DIM_REGION.REGION_LEVEL.eq(inline(p.level())).or(DIM_REGION.REGION_CODE.eq(inline("NL01"))))
                .and(DIM_PERIOD.PERIOD_YEAR.in(inline(p.from()), inline(p.to())))
                .and(FCT_SURVEY.MEASURE_CODE.in(select(MAP_SURVEY_REGISTRATION.MEASURE_CODE).from(MAP_SURVEY_REGISTRATION)))
                .groupBy(FCT_SURVEY.REGION_CODE, FCT_SURVEY.MEASURE_CODE).asTable("sv");
        var y = AGG_REGISTRATION_YEAR;
        var rg = (Facts.fine(p.level())
                ? select(FCT_REGISTRATION.REGION_CODE.as("region_code"), MAP_SURVEY_REGISTRATION.MEASURE_CODE.as("measure_code"),
                sum(when(DIM_PERIOD.PERIOD_YEAR.eq(inline(p.from())), FCT_REGISTRATION.VALUE)).as("r_from"),
                sum(when(DIM_PERIOD.PERIOD_YEAR.eq(inline(p.to())), FCT_REGISTRATION.VALUE)).as("r_to"))
                .from(MAP_SURVEY_REGISTRATION).join(FCT_REGISTRATION).on(FCT_REGISTRATION.THEME_CODE.eq(MAP_SURVEY_REGISTRATION.THEME_CODE))
                .join(DIM_PERIOD).on(DIM_PERIOD.PERIOD_CODE.eq(FCT_REGISTRATION.PERIOD_CODE))
                .where(FCT_REGISTRATION.SOURCE_TABLE.eq(inline(p.source()))).and(FCT_REGISTRATION.MEASURE_CODE.eq(inline("misdrijven_per_1000_inw")))
                .and(DIM_PERIOD.PERIOD_KIND.eq(inline("jaar"))).and(DIM_PERIOD.PERIOD_YEAR.in(inline(p.from()), inline(p.to())))
                .groupBy(FCT_REGISTRATION.REGION_CODE, MAP_SURVEY_REGISTRATION.MEASURE_CODE)
                // municipalities and up: the yearly aggregate (migration V7)
                : select(y.REGION_CODE.as("region_code"), MAP_SURVEY_REGISTRATION.MEASURE_CODE.as("measure_code"),
                sum(when(y.PERIOD_YEAR.eq(inline(p.from())), y.YEAR_VALUE)).as("r_from"),
                sum(when(y.PERIOD_YEAR.eq(inline(p.to())), y.YEAR_VALUE)).as("r_to"))
                .from(MAP_SURVEY_REGISTRATION).join(y).on(y.THEME_CODE.eq(MAP_SURVEY_REGISTRATION.THEME_CODE))
                .where(y.SOURCE_TABLE.eq(inline(p.source()))).and(y.MEASURE_CODE.eq(inline("misdrijven_per_1000_inw")))
                .and(y.YEAR_VALUE.isNotNull()).and(y.PERIOD_YEAR.in(inline(p.from()), inline(p.to())))
                .groupBy(y.REGION_CODE, MAP_SURVEY_REGISTRATION.MEASURE_CODE)).asTable("rg");
        var regt = select(MAP_SURVEY_REGISTRATION.MEASURE_CODE.as("measure_code"), Sql.orderedNames(ctx, MAP_SURVEY_REGISTRATION.THEME_CODE).as("themes"))
                .from(MAP_SURVEY_REGISTRATION).groupBy(MAP_SURVEY_REGISTRATION.MEASURE_CODE).asTable("regt");
        Field<Double> vf = d("sv", "v_from"), vt = d("sv", "v_to"), rf = d("rg", "r_from"), rt = d("rg", "r_to");
        return ctx.select(s("sv", "region_code").as("area_code"), DIM_REGION.REGION_NAME.as("area_name"), DIM_REGION.REGION_LEVEL.as("area_level"),
                        s("sv", "measure_code").as("measure_code"), s("regt", "themes").as("registered_themes"), MAP_SURVEY_DEFINITION.DEFINITION_MATCH.as("definition_match"),
                        vf.as("victims_pct_from"), vt.as("victims_pct_to"), DSL.round(vt.minus(vf), 1).as("victims_change_pp"),
                        rf.as("registered_per_1000_from"), rt.as("registered_per_1000_to"),
                        DSL.round(rt.minus(rf).div(rf).mul(inline(100.0)), 1).as("registered_change_pct"),
                        DSL.round(rf.div(vf), 2).as("registered_per_victim_pct_from"), DSL.round(rt.div(vt), 2).as("registered_per_victim_pct_to"))
                .from(sv)
                .join(DIM_REGION).on(DIM_REGION.REGION_CODE.eq(s("sv", "region_code")))
                .leftJoin(rg).on(s("rg", "region_code").eq(s("sv", "region_code"))).and(s("rg", "measure_code").eq(s("sv", "measure_code")))
                .leftJoin(regt).on(s("regt", "measure_code").eq(s("sv", "measure_code")))
                .leftJoin(MAP_SURVEY_DEFINITION).on(MAP_SURVEY_DEFINITION.MEASURE_CODE.eq(s("sv", "measure_code")))
                .where(vf.isNotNull()).and(vt.isNotNull())
                .orderBy(s("sv", "measure_code"), DSL.when(s("sv", "region_code").eq(inline("NL01")), inline(0)).otherwise(inline(1)), DIM_REGION.REGION_NAME);
    }
}
