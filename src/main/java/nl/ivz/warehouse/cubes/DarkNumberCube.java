package nl.ivz.warehouse.cubes;

import nl.ivz.warehouse.cubes.Lookup.Area;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.util.List;

import static nl.ivz.warehouse.cubes.Sql.d;
import static nl.ivz.warehouse.cubes.Sql.s;
import static nl.ivz.warehouse.db.Tables.DIM_MEASURE;
import static nl.ivz.warehouse.db.Tables.DIM_PERIOD;
import static nl.ivz.warehouse.db.Tables.DIM_THEME;
import static nl.ivz.warehouse.db.Tables.FCT_POPULATION;
import static nl.ivz.warehouse.db.Tables.FCT_REGISTRATION;
import static nl.ivz.warehouse.db.Tables.FCT_SURVEY;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.sum;

/**
 * The dark number per theme: survey victimisation (per 100 inhabitants, with its 95% margin) scaled to
 * the population gives the estimated number of victimisations E = rate / 100 x population (interval
 * (rate -/+ margin) / 100 x population); registered crimes R of the same area, year and theme give the
 * recorded share R / E (interval R / E_high .. R / E_low) and the unrecorded estimate E - R
 * (interval E_low - R .. E_high - R). Rows appear for every theme with either side; the survey side is
 * NULL where no survey victimisation is loaded.
 */
public final class DarkNumberCube extends BaseCube {
    public DarkNumberCube() {
        super("dark-number",
                "Per theme: survey victimisation vs registered crimes: estimated victimisations, recorded share (reporting rate) and unrecorded crimes, margins carried through",
                List.of(
                        new CubeParam("area", "area", "PD-TWENTE", "Area (code or name)"),
                        new CubeParam("year", "year", "2014", "Year"),
                        new CubeParam("themes", "themes", null, "Comma-separated themes; default: all with registrations or survey victimisation"),
                        new CubeParam("indicator", "measure", null, "Survey victimisation measure; default: every survey measure in 'per 100 inwoners' carrying a theme")),
                List.of(
                        new CubeColumn("theme_code", "VARCHAR", null, "Theme"),
                        new CubeColumn("registered", "DOUBLE", "aantal", "Registered crimes R"),
                        new CubeColumn("survey_rate", "DOUBLE", "per 100 inwoners", "Survey victimisations per 100 inhabitants"),
                        new CubeColumn("survey_margin", "DOUBLE", "per 100 inwoners", "Its 95% margin"),
                        new CubeColumn("population", "DOUBLE", "aantal", "Inhabitants"),
                        new CubeColumn("estimated", "DOUBLE", "aantal", "E = survey_rate / 100 x population"),
                        new CubeColumn("estimated_low", "DOUBLE", "aantal", "(survey_rate - margin) / 100 x population"),
                        new CubeColumn("estimated_high", "DOUBLE", "aantal", "(survey_rate + margin) / 100 x population"),
                        new CubeColumn("recorded_pct", "DOUBLE", "procent", "R / E x 100: share of victimisations that ends up registered"),
                        new CubeColumn("recorded_pct_low", "DOUBLE", "procent", "R / estimated_high x 100"),
                        new CubeColumn("recorded_pct_high", "DOUBLE", "procent", "R / estimated_low x 100"),
                        new CubeColumn("unrecorded", "DOUBLE", "aantal", "E - R: estimated unrecorded crimes (the dark number)"),
                        new CubeColumn("unrecorded_low", "DOUBLE", "aantal", "estimated_low - R"),
                        new CubeColumn("unrecorded_high", "DOUBLE", "aantal", "estimated_high - R")));
    }

    record Plan(Area area, int year, List<String> themes, String indicator) { }

    Plan plan(DSLContext ctx, Args a) throws CubeException {
        Area area = Lookup.area(ctx, "area", a.get("area"));
        int year = Lookup.year("year", a.get("year"), Lookup.years(ctx));
        List<String> themes = a.has("themes") ? Lookup.themes(ctx, "themes", a.get("themes")) : null;
        String indicator = a.has("indicator") ? Lookup.measure(ctx, "indicator", a.get("indicator")) : null;
        return new Plan(area, year, themes, indicator);
    }

    @Override
    protected ResultQuery<? extends Record> build(DSLContext ctx, Args a) throws CubeException {
        Plan p = plan(ctx, a);
        Condition themeReg = p.themes() == null ? DSL.noCondition() : FCT_REGISTRATION.THEME_CODE.in(Sql.strings(p.themes()));
        Condition themeSur = p.themes() == null ? DSL.noCondition() : FCT_SURVEY.THEME_CODE.in(Sql.strings(p.themes()));
        Condition which = p.indicator() == null ? DIM_MEASURE.UNIT.eq(inline("per 100 inwoners")) : FCT_SURVEY.MEASURE_CODE.eq(inline(p.indicator()));
        var reg = select(FCT_REGISTRATION.THEME_CODE.as("theme_code"), sum(FCT_REGISTRATION.VALUE).cast(SQLDataType.DOUBLE).as("registered"))
                .from(FCT_REGISTRATION).join(DIM_PERIOD).on(DIM_PERIOD.PERIOD_CODE.eq(FCT_REGISTRATION.PERIOD_CODE))
                .where(FCT_REGISTRATION.REGION_CODE.eq(inline(p.area().code()))).and(DIM_PERIOD.PERIOD_YEAR.eq(inline(p.year())))
                .and(DIM_PERIOD.PERIOD_KIND.eq(inline("jaar"))).and(FCT_REGISTRATION.MEASURE_CODE.eq(inline("geregistreerde_misdrijven"))).and(themeReg)
                .groupBy(FCT_REGISTRATION.THEME_CODE).asTable("reg");
        var sur = select(FCT_SURVEY.THEME_CODE.as("theme_code"), max(FCT_SURVEY.VALUE).as("rate"), max(FCT_SURVEY.MARGIN).as("margin"))
                .from(FCT_SURVEY).join(DIM_PERIOD).on(DIM_PERIOD.PERIOD_CODE.eq(FCT_SURVEY.PERIOD_CODE))
                .join(DIM_MEASURE).on(DIM_MEASURE.MEASURE_CODE.eq(FCT_SURVEY.MEASURE_CODE))
                .where(FCT_SURVEY.REGION_CODE.eq(inline(p.area().code()))).and(DIM_PERIOD.PERIOD_YEAR.eq(inline(p.year())))
                .and(FCT_SURVEY.THEME_CODE.isNotNull()).and(which).and(themeSur)
                .groupBy(FCT_SURVEY.THEME_CODE).asTable("sur");
        Field<Double> pop = DSL.field(select(max(FCT_POPULATION.VALUE)).from(FCT_POPULATION).join(DIM_PERIOD).on(DIM_PERIOD.PERIOD_CODE.eq(FCT_POPULATION.PERIOD_CODE))
                .where(FCT_POPULATION.REGION_CODE.eq(inline(p.area().code()))).and(FCT_POPULATION.MEASURE_CODE.eq(inline("inwoners")))
                .and(DIM_PERIOD.PERIOD_YEAR.eq(inline(p.year()))));
        var base = select(DSL.coalesce(s("reg", "theme_code"), s("sur", "theme_code")).as("theme_code"), d("reg", "registered").as("registered"),
                        d("sur", "rate").as("survey_rate"), d("sur", "margin").as("survey_margin"), pop.as("population"))
                .from(reg).fullOuterJoin(sur).on(s("sur", "theme_code").eq(s("reg", "theme_code"))).asTable("b");
        Field<Double> r = d("b", "registered");
        Field<Double> est = d("b", "survey_rate").div(inline(100.0)).mul(d("b", "population"));
        Field<Double> lo = d("b", "survey_rate").minus(d("b", "survey_margin")).div(inline(100.0)).mul(d("b", "population"));
        Field<Double> hi = d("b", "survey_rate").plus(d("b", "survey_margin")).div(inline(100.0)).mul(d("b", "population"));
        return ctx.select(s("b", "theme_code").as("theme_code"), r.as("registered"), d("b", "survey_rate").as("survey_rate"),
                        d("b", "survey_margin").as("survey_margin"), d("b", "population").as("population"),
                        est.as("estimated"), lo.as("estimated_low"), hi.as("estimated_high"),
                        r.div(est).mul(inline(100.0)).as("recorded_pct"), r.div(hi).mul(inline(100.0)).as("recorded_pct_low"),
                        r.div(lo).mul(inline(100.0)).as("recorded_pct_high"),
                        est.minus(r).as("unrecorded"), lo.minus(r).as("unrecorded_low"), hi.minus(r).as("unrecorded_high"))
                .from(base).leftJoin(DIM_THEME).on(DIM_THEME.THEME_CODE.eq(s("b", "theme_code")))
                .orderBy(DIM_THEME.FIELD_NUMBER, s("b", "theme_code"));
    }

    @Override
    protected String handSql(DSLContext ctx, Args a) throws CubeException {
        Plan p = plan(ctx, a);
        String area = lit(p.area().code());
        String themeReg = p.themes() == null ? "" : " AND r.theme_code IN (" + lits(p.themes()) + ")";
        String themeSur = p.themes() == null ? "" : " AND s.theme_code IN (" + lits(p.themes()) + ")";
        String which = p.indicator() == null ? "m.unit = 'per 100 inwoners'" : "s.measure_code = " + lit(p.indicator());
        String est = "b.survey_rate / 100 * b.population";
        String lo = "(b.survey_rate - b.survey_margin) / 100 * b.population";
        String hi = "(b.survey_rate + b.survey_margin) / 100 * b.population";
        return "SELECT b.theme_code, b.registered, b.survey_rate, b.survey_margin, b.population, " + est + " AS estimated, " + lo + " AS estimated_low, " + hi + " AS estimated_high,\n"
                + "  b.registered / (" + est + ") * 100 AS recorded_pct, b.registered / (" + hi + ") * 100 AS recorded_pct_low, b.registered / (" + lo + ") * 100 AS recorded_pct_high,\n"
                + "  " + est + " - b.registered AS unrecorded, " + lo + " - b.registered AS unrecorded_low, " + hi + " - b.registered AS unrecorded_high\n"
                + "FROM (SELECT coalesce(reg.theme_code, sur.theme_code) AS theme_code, reg.registered, sur.rate AS survey_rate, sur.margin AS survey_margin,\n"
                + "    (SELECT max(pp.value) FROM fct_population pp JOIN dim_period d ON d.period_code = pp.period_code WHERE pp.region_code = " + area
                + " AND pp.measure_code = 'inwoners' AND d.period_year = " + p.year() + ") AS population\n"
                + "  FROM (SELECT r.theme_code, sum(r.value) AS registered FROM fct_registration r JOIN dim_period d ON d.period_code = r.period_code\n"
                + "    WHERE r.region_code = " + area + " AND d.period_year = " + p.year() + " AND d.period_kind = 'jaar' AND r.measure_code = 'geregistreerde_misdrijven'" + themeReg + " GROUP BY r.theme_code) reg\n"
                + "  FULL OUTER JOIN (SELECT s.theme_code, max(s.value) AS rate, max(s.margin) AS margin FROM fct_survey s JOIN dim_period d ON d.period_code = s.period_code\n"
                + "    JOIN dim_measure m ON m.measure_code = s.measure_code WHERE s.region_code = " + area + " AND d.period_year = " + p.year()
                + " AND s.theme_code IS NOT NULL AND " + which + themeSur + " GROUP BY s.theme_code) sur ON sur.theme_code = reg.theme_code) b\n"
                + "LEFT JOIN dim_theme t ON t.theme_code = b.theme_code\nORDER BY t.field_number, b.theme_code";
    }
}
