package nl.ivz.warehouse.load.police;

import nl.ivz.warehouse.load.FactLoader;
import nl.ivz.warehouse.load.FactWriter;
import nl.ivz.warehouse.load.LoadContext;
import nl.ivz.warehouse.load.LoadException;
import nl.ivz.warehouse.load.Reconciliation;
import nl.ivz.warehouse.load.Releases;
import nl.ivz.warehouse.load.SourceMeasures;
import nl.ivz.warehouse.load.SourceThemes;
import nl.ivz.warehouse.load.survey.SurveySupport;

import nl.ivz.warehouse.sources.PoliceRegionFiles;
import nl.ivz.warehouse.sources.PoliceRegionFiles.Cell;
import nl.ivz.warehouse.sources.PoliceRegionFiles.Layout;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The CBS tables per old police region 2005-2011 (read by {@link PoliceRegionFiles}): areas "Twente (PO)" are
 * the 25 politieregio's valid until 2012 (reference/regions_politieregio.csv), not today's districts of the
 * same name. Survey values go to fct_survey without a margin (the files have none), registrations to
 * fct_registration. Measures and themes come from map_source_measure / map_source_theme.
 */
public final class PoliceRegionLoaders {
    private PoliceRegionLoaders() { }

    private abstract static class Base implements FactLoader {
        private final Layout layout;
        private final String name;
        private final String description;
        final String table;

        Base(Layout layout, String name, String table, String description) {
            this.layout = layout;
            this.name = name;
            this.table = table;
            this.description = description;
        }

        @Override public String layout() { return name; }
        @Override public String description() { return description; }

        @Override
        public boolean detects(Path file, String head) {
            return PoliceRegionFiles.detect(head) == layout;
        }

        /** Victims: four columns named and the count; crime and unsafety: the leading columns named. */
        @Override
        public int specificity() {
            return switch (layout) {
                case VICTIMS -> 5;
                case CRIME -> 3;
                case UNSAFETY -> 2;
            };
        }

        @Override
        public String signature() {
            return switch (layout) {
                case VICTIMS -> "`;`-separated header of 7 columns: `Perioden;Politieregio;Onderwerpen_1;...;Waarde`";
                case CRIME -> "`;`-separated header starting with `Regio;Soort misdrijf;Jaar`";
                case UNSAFETY -> "`;`-separated header starting with `Politieregio's;Perioden`";
            };
        }

        @Override
        public void load(LoadContext ctx) throws Exception {
            ctx.sourceTable(table);
            List<Cell> cells = PoliceRegionFiles.read(ctx.file(), layout);
            long lastLine = -1;
            for (Cell c : cells) {
                if (c.line() != lastLine) ctx.addRead(1);
                lastLine = c.line();
                if (c.notNumber()) {
                    ctx.reject(c.line(), c.fileColumn(), c.raw(), "text in a number column: expected a number with a decimal point (25.3) or empty", c.rawLine());
                    continue;
                }
                if (c.value() == null) continue;
                String period = ctx.periods().resolve(c.period());
                if (period == null) {
                    ctx.reject(c.line(), layout == Layout.CRIME ? "Jaar" : "Perioden", c.period(), "expected a year (2008, 2011* provisional)", c.rawLine());
                    continue;
                }
                String area = c.area() == null || c.area().isBlank() ? null : ctx.regions().resolveOrCreate(c.area(), null, ctx.batchId());
                if (area == null) {
                    ctx.reject(c.line(), null, c.area(), "expected an area (Nederland or a police region such as Twente (PO))", c.rawLine());
                    continue;
                }
                value(ctx, c, area, period);
            }
            finish(ctx);
        }

        abstract void value(LoadContext ctx, Cell c, String area, String period) throws Exception;

        abstract void finish(LoadContext ctx) throws Exception;
    }

    /** Survey layouts: values to fct_survey, indicator keys through map_source_measure of the table. */
    private abstract static class Survey extends Base {
        private final List<FactWriter.SurveyFact> facts = new ArrayList<>();
        private SurveySupport.Indicators indicators;

        Survey(Layout layout, String name, String table, String description) {
            super(layout, name, table, description);
        }

        abstract String key(Cell c);

        @Override
        public void load(LoadContext ctx) throws Exception {
            facts.clear();
            indicators = new SurveySupport.Indicators(ctx, table);
            super.load(ctx);
        }

        @Override
        void value(LoadContext ctx, Cell c, String area, String period) {
            SurveySupport.MeasureRef ref = indicators.of(key(c), c.column());
            facts.add(new FactWriter.SurveyFact(area, period, ref.measure(), ref.theme(), c.value(), Double.NaN, Double.NaN, Double.NaN, null));
        }

        @Override
        protected void finish(LoadContext ctx) throws Exception {
            for (FactWriter.SurveyFact f : facts) ctx.writer().survey(table, f);
        Releases.replaceSurvey(ctx, table);
        ctx.addLoaded(facts.size());
            indicators.report();
        }
    }

    /** 80169NED: % of persons victim in the last 12 months per crime group (IVM 2008-2011). */
    public static final class Victims extends Survey {
        public Victims() {
            super(Layout.VICTIMS, "ivm-slachtoffer-politieregio", "80169NED",
                    "CBS 80169NED IVM victimisation per old police region: Perioden;Politieregio;Onderwerpen_1..3;Cijfersoort;Waarde -> fct_survey");
        }

        @Override
        String key(Cell c) {
            return c.category() + "|" + c.column();
        }
    }

    /** Feelings of unsafety per old police region 2008-2011 (wide, one column per indicator). */
    public static final class Unsafety extends Survey {
        public Unsafety() {
            super(Layout.UNSAFETY, "ivm-onveiligheid-politieregio", "IVM-onveiligheid",
                    "IVM feelings of unsafety per old police region: Politieregio's;Perioden;<indicator>... -> fct_survey");
        }

        @Override
        String key(Cell c) {
            return c.column();
        }
    }

    /** 80344NED: registered and cleared crimes per old police region and crime group 2005-2011. */
    public static final class Crime extends Base {
        private FactWriter facts;
        private SourceThemes themes;
        private final Map<String, String> measures = new TreeMap<>();
        private final Map<String, Integer> unmapped = new TreeMap<>();

        public Crime() {
            super(Layout.CRIME, "cbs-crime-politieregio", "80344NED",
                    "CBS 80344NED registered crime per old police region: Regio;Soort misdrijf;Jaar;<measure>... -> fct_registration");
        }

        @Override
        public void load(LoadContext ctx) throws Exception {
            measures.clear();
            unmapped.clear();
            themes = new SourceThemes(ctx.dsl(), SourceThemes.CBS);
            try (FactWriter f = ctx.writer()) {
                facts = f;
                super.load(ctx);
            }
            Releases.replaceRegistrations(ctx, table);
            // the file holds 3 of the main groups (no traffic, drugs, weapons, other): its total is more than their sum
            // by design, so only Nederland against the sum of the police regions is reconciled
            Reconciliation.regions(ctx);
        }

        @Override
        void value(LoadContext ctx, Cell c, String area, String period) throws LoadException {
            String theme = themes.theme(c.category());
            if (theme == null) {
                ctx.reject(c.line(), "Soort misdrijf", c.category(), "unknown crime group: expected a label mapped in map_source_theme (" + SourceThemes.CBS + ")", c.rawLine());
                return;
            }
            String measure = measures.computeIfAbsent(c.column(), k -> {
                String m = SourceMeasures.measure(ctx.dsl(), k, table);
                return m == null ? "" : m;
            });
            if (measure.isEmpty()) {
                unmapped.merge(c.column(), 1, Integer::sum);
                return;
            }
            facts.registration(area, period, theme, measure, table, c.category(), c.value());
        }

        @Override
        protected void finish(LoadContext ctx) {
            ctx.addLoaded(facts.flush());
            if (!unmapped.isEmpty()) {
                ctx.note("column(s) without a measure mapping for " + table + " not loaded: " + String.join(", ", unmapped.keySet()));
            }
        }
    }
}
