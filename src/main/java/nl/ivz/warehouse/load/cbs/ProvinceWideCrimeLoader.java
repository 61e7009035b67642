package nl.ivz.warehouse.load.cbs;

import nl.ivz.warehouse.load.FactLoader;
import nl.ivz.warehouse.load.FactWriter;
import nl.ivz.warehouse.load.LoadContext;
import nl.ivz.warehouse.load.Reconciliation;
import nl.ivz.warehouse.load.RegionResolver;
import nl.ivz.warehouse.load.Releases;
import nl.ivz.warehouse.load.SourceMeasures;
import nl.ivz.warehouse.load.SourceTables;
import nl.ivz.warehouse.load.SourceThemes;

import nl.ivz.warehouse.sources.CsvSource;
import nl.ivz.warehouse.sources.SourceFormatException;
import nl.ivz.warehouse.sources.SourceText;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Registered crime per province reshaped wide by an analyst (83648NED for Nederland and the 12 provinces,
 * 2014-2017): ',' separated, first column "Soort Misdrijf" (CBS groups numbered with dots, "1.1.1 Diefstal en
 * inbraak met geweld"), then one column per "&lt;area&gt;_&lt;topic&gt;_&lt;year&gt;", where the topic may carry the StatLine
 * topic-tree indent ("||Totaal opgehelderde misdrijven") and the year a '*' for provisional figures.
 */
public final class ProvinceWideCrimeLoader implements FactLoader {
    private static final Pattern COLUMN = Pattern.compile("(.+?)_\\|*\\s*(.+)_(\\d{4}\\**)");

    @Override public String layout() { return "cbs-crime-wide"; }

    @Override
    public String description() {
        return "Registered crime reshaped wide (Soort Misdrijf, <area>_<topic>_<year[*]> columns; 83648NED per province)";
    }

    /** The first column and the shape of the second. */
    @Override public int specificity() { return 2; }

    @Override public String signature() { return "header starts with `Soort misdrijf,` and the second column names area, measure and period"; }

    @Override
    public boolean detects(Path file, String head) {
        String first = SourceText.firstLine(head);
        return first.toLowerCase(Locale.ROOT).startsWith("soort misdrijf,") && COLUMN.matcher(first.split(",")[1]).matches();
    }

    private record Col(String region, String measure, String period, String topic) { }

    @Override
    public void load(LoadContext ctx) throws Exception {
        String table = "83648NED";
        ctx.sourceTable(table);
        SourceThemes themes = new SourceThemes(ctx.dsl(), SourceThemes.CBS);
        TreeSet<String> provisional = new TreeSet<>(), definitive = new TreeSet<>();
        try (CsvSource csv = CsvSource.open(ctx.file(), ',')) {
            List<String> header = csv.header();
            String first = header.get(0).trim();
            if (!first.equalsIgnoreCase("Soort Misdrijf")) {
                throw new SourceFormatException(ctx.file(), 1, first, String.join(",", header), "'Soort Misdrijf' as the first column");
            }
            Map<Integer, Col> cols = new HashMap<>();
            Map<String, String> measureOf = new HashMap<>();
            for (int i = 1; i < header.size(); i++) {
                String h = header.get(i).trim();
                Matcher m = COLUMN.matcher(h);
                if (!m.matches()) {
                    throw new SourceFormatException(ctx.file(), 1, h, h, "a column named <area>_<topic>_<year> (e.g. Overijssel (PV)_Totaal geregistreerde misdrijven_2016*)");
                }
                String topic = m.group(2).trim();
                String measure = measureOf.computeIfAbsent(topic, t -> {
                    String x = SourceMeasures.measure(ctx.dsl(), t, table);
                    return x == null ? "" : x;
                });
                if (measure.isEmpty()) {
                    throw new SourceFormatException(ctx.file(), 1, h, topic, "a topic mapped in map_source_measure for " + table + " (add it to measure_mappings.csv)");
                }
                String areaLabel = m.group(1).trim();
                String region = ctx.regions().find(areaLabel);
                if (region == null) {
                    if (ctx.options().strict()) {
                        ctx.reject(1, h, areaLabel, "unknown area: not a code, name or alias in dim_region", null);
                    }
                    region = ctx.regions().resolveOrCreate(areaLabel, null, ctx.batchId());
                    if (region == null) throw new SourceFormatException(ctx.file(), 1, h, areaLabel, RegionResolver.UNKNOWN_AREA);
                }
                String periodRaw = m.group(3);
                String period = ctx.periods().resolve(periodRaw);
                (periodRaw.endsWith("*") ? provisional : definitive).add(periodRaw);
                cols.put(i, new Col(region, measure, period, topic));
            }
            ctx.releaseLabel(SourceTables.releaseLabel(definitive, provisional));
            try (FactWriter facts = ctx.writer()) {
                for (CsvSource.Row row : csv) {
                    csv.requireComplete(row);
                    ctx.addRead(1);
                    String category = row.get(0).replaceFirst("^\\|+", "").trim();
                    String theme = themes.theme(category);
                    if (theme == null) {
                        ctx.reject(row.line(), first, category, "unknown Soort misdrijf: expected a CBS group mapped in map_source_theme ("
                                + SourceThemes.CBS + ")", row.raw());
                        continue;
                    }
                    List<Object[]> values = new ArrayList<>();
                    boolean ok = true;
                    for (int i = 1; i < header.size(); i++) {
                        String raw = row.get(i);
                        Double v;
                        try {
                            v = CsvSource.number(raw, true);
                        } catch (NumberFormatException e) {
                            ctx.reject(row.line(), header.get(i), raw, "text in a number column: expected a number or a missing symbol (. x -)", row.raw());
                            ok = false;
                            break;
                        }
                        if (v != null) values.add(new Object[] {cols.get(i), v});
                    }
                    if (!ok) continue;
                    for (Object[] v : values) {
                        Col c = (Col) v[0];
                        facts.registration(c.region(), c.period(), theme, c.measure(), table, category, (Double) v[1]);
                    }
                }
                ctx.addLoaded(facts.flush());
            }
        }
        Releases.replaceRegistrations(ctx, table);
        Reconciliation.note(ctx);
    }
}
