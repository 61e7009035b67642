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

import java.util.List;
import java.util.stream.Collectors;

import static nl.ivz.warehouse.cubes.Sql.d;
import static nl.ivz.warehouse.cubes.Sql.s;
import static nl.ivz.warehouse.db.Tables.DIM_MEASURE;
import static nl.ivz.warehouse.db.Tables.DIM_PERIOD;
import static nl.ivz.warehouse.db.Tables.FCT_POPULATION;
import static nl.ivz.warehouse.db.Tables.AGG_REGISTRATION_YEAR;
import static nl.ivz.warehouse.db.Tables.FCT_REGISTRATION;
import static nl.ivz.warehouse.db.Tables.FCT_SURVEY;
import static nl.ivz.warehouse.db.Tables.FCT_SURVEY_READING;
import static nl.ivz.warehouse.db.Tables.MAP_SURVEY_DEFINITION;
import static nl.ivz.warehouse.db.Tables.MAP_SURVEY_REGISTRATION;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.sum;

/**
 * The dark number per survey crime kind (Veiligheidsmonitor victimisations per 100 inhabitants): survey
 * incidents E = rate / 100 x population, the % reported to the police (the indicator whose count_measure is the
 * rate), the implied reported incidents E x % / 100, registered crimes R of the same area and year in the themes
 * map_survey_registration names (one source table, default the police's 47025NED), the ratio R / implied
 * reported, the recorded share R / E and the unrecorded estimate E - R. A value read from a damaged document as
 * onzeker (fct_survey_reading) is no number: it shows as its reading and everything computed from it stays NULL. Every
 * row says whether the survey kind and its registered counterpart match in definition (map_survey_definition), so an
 * unlike comparison is flagged, and which population it was scaled to.
 */
public final class DarkNumberCube extends BaseCube {
    static final List<String> POPULATION_MEASURES = List.of("inwoners_15_plus", "inwoners", "inwoners_gemiddeld");
    private static final String CAVEAT = " Survey and registration differ in definitions (mainly property crime), reference period"
            + " (the survey's last 12 months are about the mean of this year and the last) and telescoping (victims pull"
            + " older incidents into the 12 months); the survey asks persons of 15+ about crimes against themselves,"
            + " registrations also hold crimes against businesses and crimes the police find (Wegwijzer, seed 004, 2.4).";

    public DarkNumberCube() {
        super("dark-number",
                "Per survey crime kind: survey incidents, % reported, implied reported incidents, registered crimes of the same year and "
                        + "theme, their ratio and the unrecorded estimate (the dark number)",
                List.of(
                        new CubeParam("area", "area", "Nederland", "Area (code or name)"),
                        new CubeParam("year", "year", "2015", "Year"),
                        new CubeParam("themes", "themes", null, "Comma-separated themes of the survey kinds; default: all"),
                        new CubeParam("indicator", "measure", null, "One survey measure in 'per 100 inwoners'; default: every one loaded for the area and year"),
                        new CubeParam("source", "text", "47025NED", "Source table of the registered crimes (one table, so no crime is counted twice)"),
                        new CubeParam("population", "measure", null, "Population measure for the scaling; default: the first loaded of inwoners_15_plus, inwoners, inwoners_gemiddeld")),
                List.of(
                        CubeColumn.of("measure_code", null, "Survey indicator: victimisations per 100 inhabitants of one crime kind"),
                        CubeColumn.of("survey_kind", null, "Its label (the survey's crime kind)"),
                        CubeColumn.of("theme_code", null, "Shared theme the crime kind maps onto"),
                        // the VM publishes rates per 100 and % reported with 2 decimals (seed 004: 3.39, 34.73): kept as published
                        new CubeColumn("survey_rate", "per 100 inwoners", "Victimisations per 100 inhabitants (15+); NULL when it could not be read", 2),
                        new CubeColumn("survey_margin", "per 100 inwoners", "Its 95% margin, where the source gives one", 2),
                        CubeColumn.of("rate_reading", null, "How the rate was read from a transcribed document: gelezen, hersteld or onzeker (NULL: not transcribed)"),
                        new CubeColumn("reported_pct", "procent", "% of the incidents reported to the police (aangifte); NULL when it could not be read", 2),
                        CubeColumn.of("reported_reading", null, "How the % reported was read: gelezen, hersteld or onzeker"),
                        CubeColumn.number("population", "aantal", "Population the rate is scaled to: the VM asks inhabitants of 15 years and "
                                + "older (seed 004) about the last 12 months, about the mean of this year and the last (seed 004, 2.4), so "
                                + "the inhabitants of 15+ on 1 January of the survey year (70072ned Inwoners15JaarOfOuder_29; Nederland "
                                + "2015: 14,073,660, the sum of the 12 provinces) sit in the middle of that period"),
                        CubeColumn.of("population_measure", null, "Which population: inwoners_15_plus matches the survey; inwoners or "
                                + "inwoners_gemiddeld (only when no 15+ figure is loaded for the area and year) include children under 15, "
                                + "so E comes out too high by their share"),
                        CubeColumn.of("population_basis", null, "Where the population comes from: the area's own figure, or the sum over all "
                                + "its provinces (only when every one has it), with source table and reference date; never another year"),
                        CubeColumn.number("estimated", "aantal", "Survey incidents E = survey_rate / 100 x population." + CAVEAT),
                        CubeColumn.number("estimated_low", "aantal", "(survey_rate - margin) / 100 x population"),
                        CubeColumn.number("estimated_high", "aantal", "(survey_rate + margin) / 100 x population"),
                        CubeColumn.number("implied_reported", "aantal", "Incidents the survey says were reported: E x reported_pct / 100"),
                        CubeColumn.number("registered", "aantal", "Registered crimes R of the area and year in registered_themes (source table: registered_source)." + CAVEAT),
                        CubeColumn.of("registered_themes", null, "Themes whose registered crimes are the counterpart (map_survey_registration); NULL: no comparable registration"),
                        CubeColumn.of("registered_source", null, "Source table of the registered crimes"),
                        CubeColumn.of("definition_match", null, "Does the survey kind match its registered counterpart in definition "
                                + "(map_survey_definition): vergelijkbaar (the same offences), ruimer (the registrations hold more: other "
                                + "victims or offences, so the ratio is an upper bound and unrecorded a lower bound), anders (survey and "
                                + "police cut the offences differently: ratio and unrecorded are no like-for-like comparison, not even a "
                                + "bound), geen (no counterpart: nothing compared); NULL: not assessed"),
                        CubeColumn.of("definition_note", null, "Where the definitions differ"),
                        new CubeColumn("ratio_registered_reported", null, "R / implied_reported: above 1 the police register more than "
                                + "victims say they reported (business victims, crimes the police find), below 1 reports that are not "
                                + "registered or counted elsewhere."
                                + CAVEAT, 2),
                        CubeColumn.number("recorded_pct", "procent", "R / E x 100: registered crimes as % of the survey incidents"),
                        CubeColumn.number("unrecorded", "aantal", "E - R: estimated incidents that are not registered (the dark number)." + CAVEAT),
                        CubeColumn.number("unrecorded_low", "aantal", "estimated_low - R"),
                        CubeColumn.number("unrecorded_high", "aantal", "estimated_high - R")));
    }

    record Plan(Area area, int year, List<String> themes, String indicator, String source, Population population) { }

    /** The population the rates are scaled to: its value (NULL when none is loaded), measure and where it comes from. */
    record Population(Double value, String measure, String basis) { }

    Plan plan(DSLContext ctx, Args a) throws CubeException {
        Area area = Lookup.area(ctx, "area", a.get("area"));
        int year = Lookup.year("year", a.get("year"), Lookup.years(ctx));
        List<String> themes = a.has("themes") ? Lookup.themes(ctx, "themes", a.get("themes")) : null;
        String indicator = a.has("indicator") ? Lookup.measure(ctx, "indicator", a.get("indicator")) : null;
        List<String> measures = a.has("population") ? List.of(Lookup.measure(ctx, "population", a.get("population"))) : POPULATION_MEASURES;
        return new Plan(area, year, themes, indicator, a.get("source"), population(ctx, area, year, measures));
    }

    /**
     * The first of {@code measures} the area has for the year: its own figure, else the sum over all provinces below
     * it that year (bestuurlijk), only when every one of them has the figure (70072ned gives inhabitants of 15+ per
     * province, not for Nederland). Never a figure of another year.
     */
    static Population population(DSLContext ctx, Area area, int year, List<String> measures) {
        Dimensions dims = Dimensions.of(ctx);
        if (dims.population == null || Facts.fine(area.level()) || !DarkNumberCube.POPULATION_MEASURES.containsAll(measures)) {
            return populationFromFacts(ctx, area, year, measures);
        }
        // the figures held in memory (read once per load): no query
        for (String m : measures) {
            Dimensions.PopFigure own = dims.population.get(Dimensions.popKey(area.code(), m, year));
            if (own != null) return new Population(own.value(), m, "eigen cijfer (" + own.sourceOfMax() + when(own.datedOfMax(), year) + ")");
            List<String> provinces = Geography.peers(ctx, area, "provincie", Geography.BESTUURLIJK, year).codes();
            if (provinces.isEmpty()) continue;
            List<Dimensions.PopFigure> per = new java.util.ArrayList<>();
            for (String pv : provinces) {
                Dimensions.PopFigure f = dims.population.get(Dimensions.popKey(pv, m, year));
                if (f != null) per.add(f);
            }
            if (per.size() < provinces.size()) continue;
            // a NULL figure counts as a province with the figure, as the query's max() per province did
            double sum = per.stream().mapToDouble(f -> f.value() == null ? 0 : f.value()).sum();
            String sources = per.stream().map(f -> f.maxSource() + when(f.maxDated(), year)).distinct().sorted().collect(Collectors.joining(", "));
            return new Population(sum, m, "som van de " + provinces.size() + " provincies (" + sources + ")");
        }
        return new Population(null, measures.get(measures.size() == 1 ? 0 : 1), "geen bevolking van " + area.name() + " in " + year + " geladen");
    }

    /** The same from fct_population: areas below gemeente level, another measure, or another engine than DuckDB. */
    private static Population populationFromFacts(DSLContext ctx, Area area, int year, List<String> measures) {
        // the reference date as a number (1: 1 January of the year, 2: another date, 0: none): Spark cannot hand dates back to jOOQ
        Field<Integer> dated = DSL.when(FCT_POPULATION.REFERENCE_DATE.eq(inline(java.time.LocalDate.of(year, 1, 1))), inline(1))
                .when(FCT_POPULATION.REFERENCE_DATE.isNotNull(), inline(2)).otherwise(inline(0));
        for (String m : measures) {
            var own = ctx.select(FCT_POPULATION.VALUE, FCT_POPULATION.SOURCE_TABLE, dated).from(FCT_POPULATION)
                    .join(DIM_PERIOD).on(DIM_PERIOD.PERIOD_CODE.eq(FCT_POPULATION.PERIOD_CODE))
                    .where(FCT_POPULATION.REGION_CODE.eq(area.code())).and(FCT_POPULATION.MEASURE_CODE.eq(m)).and(DIM_PERIOD.PERIOD_YEAR.eq(year))
                    .orderBy(FCT_POPULATION.VALUE.desc()).limit(1).fetchOne();
            if (own != null) return new Population(own.value1(), m, "eigen cijfer (" + own.value2() + when(own.value3(), year) + ")");
            List<String> provinces = Geography.peers(ctx, area, "provincie", Geography.BESTUURLIJK, year).codes();
            if (provinces.isEmpty()) continue;
            var per = ctx.select(FCT_POPULATION.REGION_CODE, max(FCT_POPULATION.VALUE), max(FCT_POPULATION.SOURCE_TABLE), max(dated))
                    .from(FCT_POPULATION).join(DIM_PERIOD).on(DIM_PERIOD.PERIOD_CODE.eq(FCT_POPULATION.PERIOD_CODE))
                    .where(FCT_POPULATION.REGION_CODE.in(provinces)).and(FCT_POPULATION.MEASURE_CODE.eq(m)).and(DIM_PERIOD.PERIOD_YEAR.eq(year))
                    .groupBy(FCT_POPULATION.REGION_CODE).fetch();
            if (per.size() < provinces.size()) continue;
            double sum = per.stream().mapToDouble(r -> r.value2()).sum();
            String sources = per.stream().map(r -> r.value3() + when(r.value4(), year)).distinct().sorted().collect(Collectors.joining(", "));
            return new Population(sum, m, "som van de " + provinces.size() + " provincies (" + sources + ")");
        }
        return new Population(null, measures.get(measures.size() == 1 ? 0 : 1), "geen bevolking van " + area.name() + " in " + year + " geladen");
    }

    private static String when(Integer dated, int year) {
        if (dated == null || dated == 0) return "";
        return dated == 1 ? ", 1-1-" + year : ", een andere peildatum in " + year;
    }

    /** Survey values of the area and year per measure (one alias per use). */
    private static Table<?> values(Plan p, String alias) {
        return select(FCT_SURVEY.MEASURE_CODE.as("measure_code"), max(FCT_SURVEY.THEME_CODE).as("theme_code"),
                max(FCT_SURVEY.VALUE).as("value"), max(FCT_SURVEY.MARGIN).as("margin"))
                .from(FCT_SURVEY).join(DIM_PERIOD).on(DIM_PERIOD.PERIOD_CODE.eq(FCT_SURVEY.PERIOD_CODE))
                .where(FCT_SURVEY.REGION_CODE.eq(inline(p.area().code()))).and(DIM_PERIOD.PERIOD_YEAR.eq(inline(p.year())))
                .groupBy(FCT_SURVEY.MEASURE_CODE).asTable(alias);
    }

    private static Table<?> readings(Plan p, String alias) {
        return select(FCT_SURVEY_READING.MEASURE_CODE.as("measure_code"), max(FCT_SURVEY_READING.THEME_CODE).as("theme_code"),
                max(FCT_SURVEY_READING.READING).as("reading"), max(FCT_SURVEY_READING.SOURCE_LABEL).as("label"))
                .from(FCT_SURVEY_READING).join(DIM_PERIOD).on(DIM_PERIOD.PERIOD_CODE.eq(FCT_SURVEY_READING.PERIOD_CODE))
                .where(FCT_SURVEY_READING.REGION_CODE.eq(inline(p.area().code()))).and(DIM_PERIOD.PERIOD_YEAR.eq(inline(p.year())))
                .groupBy(FCT_SURVEY_READING.MEASURE_CODE).asTable(alias);
    }

    @Override
    protected ResultQuery<? extends Record> build(DSLContext ctx, Args a) throws CubeException {
        Plan p = plan(ctx, a);
        var m = DIM_MEASURE.as("m");
        var am = DIM_MEASURE.as("am");
        Table<?> sv = values(p, "sv"), sa = values(p, "sa"), rd = readings(p, "rd"), ra = readings(p, "ra");
        var kinds = select(FCT_SURVEY.MEASURE_CODE.as("measure_code")).from(FCT_SURVEY).join(DIM_PERIOD).on(DIM_PERIOD.PERIOD_CODE.eq(FCT_SURVEY.PERIOD_CODE))
                .where(FCT_SURVEY.REGION_CODE.eq(inline(p.area().code()))).and(DIM_PERIOD.PERIOD_YEAR.eq(inline(p.year())))
                .union(select(FCT_SURVEY_READING.MEASURE_CODE).from(FCT_SURVEY_READING).join(DIM_PERIOD).on(DIM_PERIOD.PERIOD_CODE.eq(FCT_SURVEY_READING.PERIOD_CODE))
                        .where(FCT_SURVEY_READING.REGION_CODE.eq(inline(p.area().code()))).and(DIM_PERIOD.PERIOD_YEAR.eq(inline(p.year()))))
                .asTable("k");
        var y = AGG_REGISTRATION_YEAR;
        var reg = (Facts.fine(p.area().level())
                ? select(MAP_SURVEY_REGISTRATION.MEASURE_CODE.as("measure_code"), sum(FCT_REGISTRATION.VALUE).cast(SQLDataType.DOUBLE).as("registered"))
                .from(MAP_SURVEY_REGISTRATION).join(FCT_REGISTRATION).on(FCT_REGISTRATION.THEME_CODE.eq(MAP_SURVEY_REGISTRATION.THEME_CODE))
                .join(DIM_PERIOD).on(DIM_PERIOD.PERIOD_CODE.eq(FCT_REGISTRATION.PERIOD_CODE))
                .where(FCT_REGISTRATION.REGION_CODE.eq(inline(p.area().code()))).and(DIM_PERIOD.PERIOD_YEAR.eq(inline(p.year())))
                .and(DIM_PERIOD.PERIOD_KIND.eq(inline("jaar"))).and(FCT_REGISTRATION.MEASURE_CODE.eq(inline("geregistreerde_misdrijven")))
                .and(FCT_REGISTRATION.SOURCE_TABLE.eq(inline(p.source())))
                .groupBy(MAP_SURVEY_REGISTRATION.MEASURE_CODE)
                // municipalities and up: the yearly aggregate (migration V7)
                : select(MAP_SURVEY_REGISTRATION.MEASURE_CODE.as("measure_code"), sum(y.YEAR_VALUE).cast(SQLDataType.DOUBLE).as("registered"))
                .from(MAP_SURVEY_REGISTRATION).join(y).on(y.THEME_CODE.eq(MAP_SURVEY_REGISTRATION.THEME_CODE))
                .where(y.REGION_CODE.eq(inline(p.area().code()))).and(y.PERIOD_YEAR.eq(inline(p.year()))).and(y.YEAR_VALUE.isNotNull())
                .and(y.MEASURE_CODE.eq(inline("geregistreerde_misdrijven"))).and(y.SOURCE_TABLE.eq(inline(p.source())))
                .groupBy(MAP_SURVEY_REGISTRATION.MEASURE_CODE)).asTable("reg");
        var regt = select(MAP_SURVEY_REGISTRATION.MEASURE_CODE.as("measure_code"), Sql.orderedNames(ctx, MAP_SURVEY_REGISTRATION.THEME_CODE).as("themes"))
                .from(MAP_SURVEY_REGISTRATION).groupBy(MAP_SURVEY_REGISTRATION.MEASURE_CODE).asTable("regt");
        // a typed NULL: Trino cannot choose the operator of rate * NULL
        Field<Double> pop = p.population().value() == null ? DSL.castNull(SQLDataType.DOUBLE) : inline(p.population().value());
        Field<String> theme = DSL.coalesce(s("sv", "theme_code"), s("rd", "theme_code"));
        Condition filter = DSL.noCondition();
        if (p.themes() != null) filter = filter.and(theme.in(Sql.strings(p.themes())));
        if (p.indicator() != null) filter = filter.and(s("k", "measure_code").eq(inline(p.indicator())));
        var base = select(s("k", "measure_code").as("measure_code"), DSL.coalesce(s("rd", "label"), m.MEASURE_LABEL).as("survey_kind"), theme.as("theme_code"),
                d("sv", "value").as("rate"), d("sv", "margin").as("margin"), s("rd", "reading").as("rate_reading"),
                d("sa", "value").as("pct"), s("ra", "reading").as("pct_reading"), pop.as("population"),
                d("reg", "registered").as("registered"), s("regt", "themes").as("themes"),
                MAP_SURVEY_DEFINITION.DEFINITION_MATCH.as("definition_match"), MAP_SURVEY_DEFINITION.NOTE.as("definition_note"))
                .from(kinds)
                .join(m).on(m.MEASURE_CODE.eq(s("k", "measure_code"))).and(m.UNIT.eq(inline("per 100 inwoners")))
                .leftJoin(sv).on(s("sv", "measure_code").eq(s("k", "measure_code")))
                .leftJoin(rd).on(s("rd", "measure_code").eq(s("k", "measure_code")))
                .leftJoin(am).on(am.COUNT_MEASURE.eq(s("k", "measure_code"))).and(am.UNIT.eq(inline("procent")))
                .leftJoin(sa).on(s("sa", "measure_code").eq(am.MEASURE_CODE))
                .leftJoin(ra).on(s("ra", "measure_code").eq(am.MEASURE_CODE))
                .leftJoin(reg).on(s("reg", "measure_code").eq(s("k", "measure_code")))
                .leftJoin(regt).on(s("regt", "measure_code").eq(s("k", "measure_code")))
                .leftJoin(MAP_SURVEY_DEFINITION).on(MAP_SURVEY_DEFINITION.MEASURE_CODE.eq(s("k", "measure_code")))
                .where(filter).asTable("b");
        Field<Double> r = d("b", "registered");
        Field<Double> e = d("b", "rate").div(inline(100.0)).mul(d("b", "population"));
        Field<Double> lo = d("b", "rate").minus(d("b", "margin")).div(inline(100.0)).mul(d("b", "population"));
        Field<Double> hi = d("b", "rate").plus(d("b", "margin")).div(inline(100.0)).mul(d("b", "population"));
        Field<Double> implied = e.mul(d("b", "pct")).div(inline(100.0));
        return ctx.select(s("b", "measure_code").as("measure_code"), s("b", "survey_kind").as("survey_kind"), s("b", "theme_code").as("theme_code"),
                        d("b", "rate").as("survey_rate"), d("b", "margin").as("survey_margin"), s("b", "rate_reading").as("rate_reading"),
                        d("b", "pct").as("reported_pct"), s("b", "pct_reading").as("reported_reading"), d("b", "population").as("population"),
                        inline(p.population().measure()).as("population_measure"), inline(p.population().basis()).as("population_basis"),
                        DSL.round(e).as("estimated"), DSL.round(lo).as("estimated_low"), DSL.round(hi).as("estimated_high"),
                        DSL.round(implied).as("implied_reported"),
                        r.as("registered"), s("b", "themes").as("registered_themes"), inline(p.source()).as("registered_source"),
                        s("b", "definition_match").as("definition_match"), s("b", "definition_note").as("definition_note"),
                        DSL.round(r.div(implied), 2).as("ratio_registered_reported"), DSL.round(r.div(e).mul(inline(100.0)), 1).as("recorded_pct"),
                        DSL.round(e.minus(r)).as("unrecorded"), DSL.round(lo.minus(r)).as("unrecorded_low"), DSL.round(hi.minus(r)).as("unrecorded_high"))
                .from(base)
                .orderBy(s("b", "theme_code"), s("b", "measure_code"));
    }
}
