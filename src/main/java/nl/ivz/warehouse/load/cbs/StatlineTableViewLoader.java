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
import nl.ivz.warehouse.sources.StatlineTableView;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * StatLine table view (47013NED "Geregistreerde misdrijven en aangiften; soort misdrijf, gemeente"): title,
 * filter and header lines above a wide table of areas (Nederland, municipalities, the 10 police units (RE)),
 * '.' missing, a source footer. Each value column gets its measure from "Onderwerp", its period from
 * "Perioden" and its crime category from the header or the filter "Soort misdrijf" (police classification).
 */
public final class StatlineTableViewLoader implements FactLoader {
    /** Titles of known tables -> table id (a table view does not name its id). */
    private static final Map<String, String> TITLES = Map.of(
            "geregistreerde misdrijven en aangiften; soort misdrijf, gemeente", "47013NED",
            "geregistreerde criminaliteit; soort misdrijf, regio", "83648NED");

    /** "...; soort misdrijf, gemeente 2026": every year republished on the municipalities of 2026. */
    private static final Pattern BORDERS = Pattern.compile("(?i)\\bgemeente (\\d{4})\\b");

    @Override public String layout() { return "statline-tableview"; }

    @Override
    public String description() {
        return "CBS StatLine table view saved as CSV (47013NED): title/filter/header lines above a wide table of areas, '.' missing, footer";
    }

    /** The title line and the Onderwerp line. */
    @Override public int specificity() { return 2; }

    @Override public String signature() { return "a title line without `;`, then a line starting with `Onderwerp;` in the first 12 lines"; }

    @Override
    public boolean detects(Path file, String head) {
        return StatlineTableView.looksLike(head);
    }

    @Override
    public void load(LoadContext ctx) throws Exception {
        StatlineTableView t = StatlineTableView.read(ctx.file(), List.of("Regio's", "Regio"));
        String table = tableId(ctx.file(), t.title());
        ctx.sourceTable(table);
        Matcher borders = BORDERS.matcher(t.title());
        if (borders.find()) {
            ctx.bordersYear(Integer.valueOf(borders.group(1)));
            ctx.note("published on the municipal borders of " + borders.group(1) + " for every year (\"" + t.title().trim()
                    + "\"): load_batch.borders_year = " + borders.group(1));
        }
        // police table: Soort misdrijf labels are the police classification ("Totaal misdrijven", "1.1.1 ...")
        SourceThemes themes = new SourceThemes(ctx.dsl(), table.equals("83648NED") ? SourceThemes.CBS : SourceThemes.POLITIE);
        Map<Integer, String[]> col = new HashMap<>(); // index -> {measure, period, theme, category}
        TreeSet<String> provisional = new TreeSet<>(), definitive = new TreeSet<>();
        for (StatlineTableView.Column c : t.columns()) {
            String topic = t.key(c, "Onderwerp");
            String periodRaw = t.key(c, "Perioden");
            String category = t.key(c, "Soort misdrijf");
            String where = "column " + (c.index() + 1);
            if (topic == null) throw new SourceFormatException(ctx.file(), 0, where, null, "an \"Onderwerp\" header line naming the measure of each column");
            if (periodRaw == null) throw new SourceFormatException(ctx.file(), 0, where, null, "a \"Perioden\" header line or filter giving the period of each column");
            if (category == null) throw new SourceFormatException(ctx.file(), 0, where, null, "a \"Soort misdrijf\" header line or filter (e.g. \"Soort misdrijf: Totaal misdrijven\")");
            String measure = SourceMeasures.measure(ctx.dsl(), topic, table);
            if (measure == null) {
                throw new SourceFormatException(ctx.file(), 0, where, topic, "a topic mapped in map_source_measure for " + table + " (add it to measure_mappings.csv)");
            }
            String period = ctx.periods().resolve(periodRaw);
            if (period == null) throw new SourceFormatException(ctx.file(), 0, where, periodRaw, "a period (2022, 2023*, 2022JJ00)");
            (periodRaw.endsWith("*") ? provisional : definitive).add(periodRaw);
            String theme = themes.theme(category);
            if (theme == null) {
                throw new SourceFormatException(ctx.file(), 0, where, category, "a Soort misdrijf mapped in map_source_theme (" + themes.system() + ")");
            }
            col.put(c.index(), new String[] {measure, period, theme, category});
        }
        ctx.releaseLabel(SourceTables.releaseLabel(definitive, provisional));
        try (FactWriter facts = ctx.writer()) {
            for (StatlineTableView.Row row : t.rows()) {
                ctx.addRead(1);
                String region = ctx.regions().find(row.label());
                if (region == null) {
                    if (ctx.options().strict()) {
                        ctx.reject(row.line(), t.rowDimension(), row.label(), "unknown area: not a code, name or alias in dim_region", row.raw());
                    }
                    region = ctx.regions().resolveOrCreate(row.label(), null, ctx.batchId());
                    if (region == null) {
                        ctx.reject(row.line(), t.rowDimension(), row.label(), RegionResolver.UNKNOWN_AREA, row.raw());
                        continue;
                    }
                }
                boolean ok = true;
                double[] values = new double[row.values().size()];
                boolean[] present = new boolean[values.length];
                for (int i = 0; i < values.length; i++) {
                    String raw = row.values().get(i);
                    try {
                        Double v = CsvSource.number(raw, true);
                        if (v != null) {
                            values[i] = v;
                            present[i] = true;
                        }
                    } catch (NumberFormatException e) {
                        ctx.reject(row.line(), t.key(t.columns().get(i), "Perioden"), raw,
                                "text in a number column: expected a number or a missing symbol (. x -)", row.raw());
                        ok = false;
                        break;
                    }
                }
                if (!ok) continue;
                for (int i = 0; i < values.length; i++) {
                    if (!present[i]) continue;
                    String[] c = col.get(i + 1);
                    facts.registration(region, c[1], c[2], c[0], table, c[3], values[i]);
                }
            }
            ctx.addLoaded(facts.flush());
        }
        if (!t.footer().isEmpty()) ctx.note("footer: " + String.join(" | ", t.footer()));
        Releases.replaceRegistrations(ctx, table);
        Reconciliation.note(ctx);
    }

    static String tableId(Path file, String title) {
        String lower = title.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> e : TITLES.entrySet()) if (lower.startsWith(e.getKey())) return e.getValue();
        String fromName = SourceTables.cbsTableId(file, "83648NED");
        return file.getFileName().toString().matches("(?i).*\\d{5}(ned|eng).*") ? fromName : title;
    }
}
