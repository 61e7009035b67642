package nl.ivz.warehouse.cubes;

import nl.ivz.warehouse.cubes.Lookup.Area;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.util.List;

import static nl.ivz.warehouse.cubes.Sql.d;
import static nl.ivz.warehouse.cubes.Sql.i;
import static nl.ivz.warehouse.cubes.Sql.s;
import static nl.ivz.warehouse.db.Tables.DIM_MEASURE;
import static nl.ivz.warehouse.db.Tables.DIM_PERIOD;
import static nl.ivz.warehouse.db.Tables.FCT_POLICY_TARGET;
import static nl.ivz.warehouse.db.Tables.FCT_PUBLISHED_FIGURE;
import static nl.ivz.warehouse.db.Tables.AGG_REGISTRATION_YEAR;
import static nl.ivz.warehouse.db.Tables.FCT_REGISTRATION;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.when;

/**
 * Policy targets as a compound yearly change: target(year) = base x (1 + change)^(year - base year),
 * beside the registered value, the gap and whether it is on track; published target figures are shown
 * with the base value they imply, so a plan's arithmetic can be checked.
 */
public final class TargetCube extends BaseCube {
    public TargetCube() {
        super("target",
                "Target trajectory base x (1 + change)^(year - base year) against the registered value: gap, on track, published targets and the base they imply",
                List.of(
                        new CubeParam("area", "area", "PD-TWENTE", "Area the target is set for (code or name)"),
                        new CubeParam("theme", "theme", "woninginbraak", "Theme of the target (code or name)"),
                        new CubeParam("base", "year", null, "Re-base the trajectory on the registered value of this year (default: the target's own base year and value)"),
                        new CubeParam("from", "year", null, "First year shown (default: the base year)"),
                        new CubeParam("to", "year", null, "Last year shown (default: the target's horizon year)")),
                List.of(
                        CubeColumn.of("target_code", null, "Target"),
                        CubeColumn.of("area_code", null, "Area"),
                        CubeColumn.of("theme_code", null, "Theme"),
                        CubeColumn.of("measure_code", null, "Measure the target is in"),
                        CubeColumn.of("period_year", null, "Year"),
                        CubeColumn.of("base_year", null, "Base year used"),
                        CubeColumn.number("base_value", "aantal", "Base value used"),
                        CubeColumn.number("yearly_change", "fractie", "Yearly change (-0.05 = 5% down a year)"),
                        CubeColumn.number("target_value", "aantal", "base x (1 + change)^(year - base year)"),
                        CubeColumn.number("published_target", "aantal", "Target for the year as the plan publishes it, if any"),
                        CubeColumn.of("published_reproduced", null, "TRUE when the published target equals the trajectory rounded to a whole number; NULL without a published target"),
                        CubeColumn.number("implied_base_value", "aantal", "Base value the published target implies: published / (1 + change)^(year - base year)"),
                        CubeColumn.number("actual", "aantal", "Registered value in the year"),
                        CubeColumn.number("gap", "aantal", "actual - target_value"),
                        CubeColumn.number("gap_pct", "procent", "gap as % of target_value"),
                        CubeColumn.of("on_track", null, "actual at or below the target (at or above for measures where higher is better); NULL without an actual")));
    }

    record Plan(Area area, String theme, Integer base, int from, int to) { }

    Plan plan(DSLContext ctx, Args a) throws CubeException {
        Area area = Lookup.area(ctx, "area", a.get("area"));
        String theme = Lookup.themes(ctx, "theme", a.get("theme")).get(0);
        Dimensions dims = Dimensions.of(ctx);
        int[] span = dims.targetSpan(theme, area.code());
        if (span == null) {
            List<String> known = List.copyOf(dims.targetSpans.keySet());
            throw new CubeException("theme", "No target for theme " + theme + " in " + area.name() + " (" + area.code() + ")"
                    + (known.isEmpty() ? "; no targets are loaded" : "; targets loaded: " + String.join(", ", known)));
        }
        Integer base = a.has("base") ? Lookup.year("base", a.get("base"), Lookup.years(ctx)) : null;
        int from = a.has("from") ? Lookup.year("from", a.get("from"), List.of()) : (base != null ? base : span[0]);
        int to = a.has("to") ? Lookup.year("to", a.get("to"), List.of()) : span[1];
        if (to < from) throw new CubeException("to", "Parameter 'to' (" + to + ") is before 'from' (" + from + ")");
        return new Plan(area, theme, base, from, to);
    }

    @Override
    protected ResultQuery<? extends Record> build(DSLContext ctx, Args a) throws CubeException {
        Plan p = plan(ctx, a);
        // the area's yearly figures: from the yearly aggregate for municipalities and up, else from the facts
        var yearly = Facts.fine(p.area().level())
                ? select(FCT_REGISTRATION.MEASURE_CODE.as("measure_code"), DIM_PERIOD.PERIOD_YEAR.as("period_year"), max(FCT_REGISTRATION.VALUE).as("value"))
                .from(FCT_REGISTRATION).join(DIM_PERIOD).on(DIM_PERIOD.PERIOD_CODE.eq(FCT_REGISTRATION.PERIOD_CODE))
                .where(DIM_PERIOD.PERIOD_KIND.eq(inline("jaar"))).and(FCT_REGISTRATION.REGION_CODE.eq(inline(p.area().code())))
                .and(FCT_REGISTRATION.THEME_CODE.eq(inline(p.theme())))
                .groupBy(FCT_REGISTRATION.MEASURE_CODE, DIM_PERIOD.PERIOD_YEAR)
                : select(AGG_REGISTRATION_YEAR.MEASURE_CODE.as("measure_code"), AGG_REGISTRATION_YEAR.PERIOD_YEAR.as("period_year"),
                        max(AGG_REGISTRATION_YEAR.YEAR_MAX).as("value"))
                .from(AGG_REGISTRATION_YEAR)
                .where(AGG_REGISTRATION_YEAR.YEAR_MAX.isNotNull()).and(AGG_REGISTRATION_YEAR.REGION_CODE.eq(inline(p.area().code())))
                .and(AGG_REGISTRATION_YEAR.THEME_CODE.eq(inline(p.theme())))
                .groupBy(AGG_REGISTRATION_YEAR.MEASURE_CODE, AGG_REGISTRATION_YEAR.PERIOD_YEAR);
        Field<Integer> baseYear = p.base() == null ? FCT_POLICY_TARGET.BASE_YEAR : inline(p.base());
        Field<Double> baseValue = p.base() == null ? FCT_POLICY_TARGET.BASE_VALUE : d("bv", "value");
        Field<Integer> series = DSL.field(DSL.name("g", "generate_series"), SQLDataType.INTEGER);
        Field<Double> power = DSL.power(inline(1.0).plus(FCT_POLICY_TARGET.YEARLY_CHANGE), series.minus(baseYear)).cast(SQLDataType.DOUBLE);
        // the trajectory per year in a derived table, so the growth is computed once, not in every column that uses it
        var trajectory = select(FCT_POLICY_TARGET.TARGET_CODE.as("target_code"), FCT_POLICY_TARGET.REGION_CODE.as("region_code"),
                        FCT_POLICY_TARGET.THEME_CODE.as("theme_code"), FCT_POLICY_TARGET.MEASURE_CODE.as("measure_code"),
                        series.as("period_year"), baseYear.as("base_year"), baseValue.as("base_value"),
                        FCT_POLICY_TARGET.YEARLY_CHANGE.as("yearly_change"), power.as("growth"), baseValue.mul(power).as("target_value"))
                .from(FCT_POLICY_TARGET)
                .crossJoin(Sql.yearSeries(ctx, p.from(), p.to()));
        var traj = (p.base() == null ? trajectory : trajectory.join(yearly.asTable("bv")).on(s("bv", "measure_code").eq(FCT_POLICY_TARGET.MEASURE_CODE)
                        .and(i("bv", "period_year").eq(inline(p.base())))))
                .where(FCT_POLICY_TARGET.REGION_CODE.eq(inline(p.area().code()))).and(FCT_POLICY_TARGET.THEME_CODE.eq(inline(p.theme())))
                .asTable("t");
        Field<Integer> year = i("t", "period_year");
        Field<String> measure = s("t", "measure_code");
        Field<Double> growth = d("t", "growth");
        Field<Double> target = d("t", "target_value");
        Field<Double> pubT = d("pt", "value");
        Field<Double> actual = d("act", "value");
        var pubTargets = select(DIM_PERIOD.PERIOD_YEAR.as("period_year"), max(FCT_PUBLISHED_FIGURE.VALUE).as("value"))
                .from(FCT_PUBLISHED_FIGURE).join(DIM_PERIOD).on(DIM_PERIOD.PERIOD_CODE.eq(FCT_PUBLISHED_FIGURE.PERIOD_CODE))
                .where(FCT_PUBLISHED_FIGURE.FIGURE_KIND.in(inline("target_value"), inline("target")))
                // only the area and theme asked for, as the trajectory
                .and(FCT_PUBLISHED_FIGURE.REGION_CODE.eq(inline(p.area().code()))).and(FCT_PUBLISHED_FIGURE.THEME_CODE.eq(inline(p.theme())))
                .groupBy(DIM_PERIOD.PERIOD_YEAR).asTable("pt");
        return ctx.select(s("t", "target_code").as("target_code"), s("t", "region_code").as("area_code"),
                        s("t", "theme_code").as("theme_code"), measure.as("measure_code"),
                        year.as("period_year"), i("t", "base_year").as("base_year"), d("t", "base_value").as("base_value"),
                        d("t", "yearly_change").as("yearly_change"), target.as("target_value"),
                        pubT.as("published_target"),
                        when(pubT.isNotNull(), DSL.round(target).eq(pubT)).as("published_reproduced"),
                        pubT.div(growth).as("implied_base_value"),
                        actual.as("actual"), actual.minus(target).as("gap"), actual.minus(target).div(target).mul(inline(100.0)).as("gap_pct"),
                        when(actual.isNull(), DSL.castNull(SQLDataType.BOOLEAN))
                                .when(DIM_MEASURE.POLARITY.eq(inline("hoger_beter")), actual.ge(target))
                                .otherwise(actual.le(target)).as("on_track"))
                .from(traj)
                .leftJoin(DIM_MEASURE).on(DIM_MEASURE.MEASURE_CODE.eq(measure))
                .leftJoin(yearly.asTable("act")).on(s("act", "measure_code").eq(measure).and(i("act", "period_year").eq(year)))
                .leftJoin(pubTargets).on(i("pt", "period_year").eq(year))
                .orderBy(s("t", "target_code"), year);
    }
}
