package nl.ivz.warehouse.cubes;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static nl.ivz.warehouse.cubes.Sql.d;
import static nl.ivz.warehouse.cubes.Sql.l;
import static nl.ivz.warehouse.cubes.Sql.s;
import static nl.ivz.warehouse.db.Tables.DIM_THEME;
import static nl.ivz.warehouse.db.Tables.FCT_PLAN_PRIORITY;
import static nl.ivz.warehouse.db.Tables.FCT_PUBLISHED_FIGURE;
import static org.jooq.impl.DSL.countDistinct;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.when;

/**
 * Seed 002, 2.2: per theme how many of a set of plans prioritise it, which, the share, whether it
 * reaches the threshold ("7 or more of 14 plans"), which partners share it, and the published total
 * beside the counted one.
 */
public final class PrioritiesCube extends BaseCube {
    public PrioritiesCube() {
        super("priorities",
                "Per theme: how many and which plans prioritise it, share, passes the threshold, partners sharing it, published total beside the counted one",
                List.of(
                        new CubeParam("plans", "plans", "lokaal", "Comma-separated plan codes, owner names or plan types (lokaal, partner, regionaal); default: all local plans"),
                        new CubeParam("threshold", "integer", "7", "Minimum number of plans for a theme to qualify")),
                List.of(
                        CubeColumn.of("theme_code", null, "Theme"),
                        CubeColumn.of("theme_name", null, "Name of the theme"),
                        CubeColumn.of("field_number", null, "Safety field (veiligheidsveld) 1-5"),
                        CubeColumn.of("plan_count", "aantal", "Plans in the set that mark the theme"),
                        CubeColumn.of("plans_in_set", "aantal", "Plans in the set"),
                        CubeColumn.number("share_pct", "procent", "plan_count / plans_in_set x 100"),
                        CubeColumn.of("passes_threshold", null, "plan_count >= threshold"),
                        CubeColumn.of("areas", null, "Owners of the plans that mark the theme"),
                        CubeColumn.number("published_count", "aantal", "Total as the source table publishes it, if any"),
                        CubeColumn.of("published_passes_threshold", null, "published_count >= threshold"),
                        CubeColumn.of("count_differs", null, "TRUE where the published total differs from the counted marks"),
                        CubeColumn.of("partners", null, "Partner organisations (plan type partner) that prioritise the theme too"),
                        CubeColumn.of("partner_count", "aantal", "Number of those partners")));
    }

    record Plan(List<String> plans, int threshold) { }

    /** DuckDB's ordered string_agg (jOOQ 3.19 renders LISTAGG, which DuckDB lacks); the other engines' equivalents. */
    static Field<String> names(DSLContext ctx, Field<String> f) {
        return Sql.orderedNames(ctx, f);
    }

    Plan plan(DSLContext ctx, Args a) throws CubeException {
        List<Dimensions.Plan> all = Dimensions.of(ctx).plans;
        Set<String> chosen = new LinkedHashSet<>();
        for (String want : a.list("plans")) {
            String w = want.toLowerCase(Locale.ROOT);
            int before = chosen.size();
            for (Dimensions.Plan r : all) {
                if (r.code().equalsIgnoreCase(w) || Lookup.normalize(r.owner()).equals(Lookup.normalize(w)) || r.type().equalsIgnoreCase(w)) {
                    chosen.add(r.code());
                }
            }
            if (chosen.size() == before) {
                Set<String> cand = new LinkedHashSet<>();
                for (Dimensions.Plan r : all) { cand.add(r.code()); cand.add(r.owner()); cand.add(r.type()); }
                throw new CubeException("plans", "No plan matches '" + want + "' (parameter 'plans')"
                        + (all.isEmpty() ? "; no plans are loaded" : Lookup.didYouMean(want, cand)));
            }
        }
        int threshold = a.integer("threshold");
        return new Plan(new ArrayList<>(chosen), threshold);
    }

    @Override
    protected ResultQuery<? extends Record> build(DSLContext ctx, Args a) throws CubeException {
        Plan p = plan(ctx, a);
        // the plans' owners from memory (Dimensions), inlined as constant rows: no join with dim_plan in the statement
        Set<String> chosen = new LinkedHashSet<>(p.plans());
        List<List<Object>> inSetRows = new ArrayList<>();
        List<List<Object>> partnerRows = new ArrayList<>();
        for (Dimensions.Plan r : Dimensions.of(ctx).plans) {
            if (chosen.contains(r.code())) inSetRows.add(Arrays.asList(r.code(), r.owner()));
            else if ("partner".equals(r.type())) partnerRows.add(Arrays.asList(r.code(), r.owner()));
        }
        List<String> cols = List.of("plan_code", "owner_name");
        List<org.jooq.DataType<?>> types = List.of(SQLDataType.VARCHAR, SQLDataType.VARCHAR);
        var marks = select(FCT_PLAN_PRIORITY.THEME_CODE.as("theme_code"), countDistinct(FCT_PLAN_PRIORITY.PLAN_CODE).cast(SQLDataType.BIGINT).as("plan_count"),
                        names(ctx, s("ch", "owner_name")).as("areas"))
                .from(FCT_PLAN_PRIORITY).join(Sql.constants(ctx, "ch", cols, types, inSetRows)).on(s("ch", "plan_code").eq(FCT_PLAN_PRIORITY.PLAN_CODE))
                .groupBy(FCT_PLAN_PRIORITY.THEME_CODE).asTable("mk");
        // every partner plan in the set: no partner is left to show beside it, so no join
        var partners = partnerRows.isEmpty() ? null
                : select(FCT_PLAN_PRIORITY.THEME_CODE.as("theme_code"), countDistinct(FCT_PLAN_PRIORITY.PLAN_CODE).cast(SQLDataType.BIGINT).as("partner_count"),
                        names(ctx, s("pt", "owner_name")).as("partners"))
                .from(FCT_PLAN_PRIORITY).join(Sql.constants(ctx, "pt", cols, types, partnerRows)).on(s("pt", "plan_code").eq(FCT_PLAN_PRIORITY.PLAN_CODE))
                .groupBy(FCT_PLAN_PRIORITY.THEME_CODE).asTable("pa");
        var published = select(FCT_PUBLISHED_FIGURE.THEME_CODE.as("theme_code"), max(FCT_PUBLISHED_FIGURE.VALUE).as("value"))
                .from(FCT_PUBLISHED_FIGURE).where(FCT_PUBLISHED_FIGURE.FIGURE_KIND.eq(inline("plan_count")))
                .groupBy(FCT_PUBLISHED_FIGURE.THEME_CODE).asTable("pc");
        Field<Long> count = DSL.coalesce(l("mk", "plan_count"), inline(0L));
        Field<Long> inSet = inline((long) p.plans().size());
        var q = ctx.select(DIM_THEME.THEME_CODE.as("theme_code"), DIM_THEME.THEME_NAME.as("theme_name"), DIM_THEME.FIELD_NUMBER.as("field_number"),
                        count.as("plan_count"), inSet.as("plans_in_set"),
                        Sql.dbl(count).mul(inline(100.0)).div(Sql.dbl(inSet)).as("share_pct"),
                        count.ge(inline((long) p.threshold())).as("passes_threshold"),
                        s("mk", "areas").as("areas"),
                        d("pc", "value").as("published_count"),
                        when(d("pc", "value").isNotNull(), d("pc", "value").ge(inline((double) p.threshold()))).as("published_passes_threshold"),
                        d("pc", "value").isNotNull().and(d("pc", "value").ne(Sql.dbl(count))).as("count_differs"),
                        partners == null ? Sql.nullText(ctx).as("partners") : s("pa", "partners").as("partners"),
                        partners == null ? inline(0L).as("partner_count") : DSL.coalesce(l("pa", "partner_count"), inline(0L)).as("partner_count"))
                .from(DIM_THEME)
                .leftJoin(marks).on(s("mk", "theme_code").eq(DIM_THEME.THEME_CODE))
                .leftJoin(published).on(s("pc", "theme_code").eq(DIM_THEME.THEME_CODE));
        var j = partners == null ? q : q.leftJoin(partners).on(s("pa", "theme_code").eq(DIM_THEME.THEME_CODE));
        return j.where(l("mk", "plan_count").isNotNull().or(d("pc", "value").isNotNull()))
                .orderBy(count.desc(), DIM_THEME.FIELD_NUMBER, DIM_THEME.THEME_CODE);
    }
}
