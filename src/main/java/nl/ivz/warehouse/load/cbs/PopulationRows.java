package nl.ivz.warehouse.load.cbs;

import nl.ivz.warehouse.load.FactWriter;
import nl.ivz.warehouse.load.LoadContext;
import nl.ivz.warehouse.load.LoadException;
import nl.ivz.warehouse.load.Releases;
import nl.ivz.warehouse.load.SourceMeasures;

import nl.ivz.warehouse.sources.SourceFormatException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * RegioS/Perioden records with measure columns, shared with the untyped CSV layout. CBS names measure
 * columns Key_n (BevolkingOp1Januari_1, TotaleBevolking_1); any other column is a dimension (Geslacht,
 * Leeftijd, BurgerlijkeStaat), of which only the total code is kept (T001038 Totaal mannen en vrouwen,
 * 10000 Totaal leeftijden, T001019 Totaal burgerlijke staat: CBS's total codes start with T00, Leeftijd's
 * is 10000), as the OData v4 loader does. A measure mapped for the table or for every table ('*':
 * the population on 1 January is inwoners whatever the table calls it) goes to its measure; an unmapped
 * one gets a measure of its own instead of failing the file.
 */
final class PopulationRows {
    private static final Pattern MEASURE_KEY = Pattern.compile(".+_\\d+");
    private static final Pattern TOTAL_CODE = Pattern.compile("T00\\d+|10000");
    private final LoadContext ctx;
    private final String table;
    private final Map<String, String> measureOf = new LinkedHashMap<>();
    private final Set<String> created = new TreeSet<>();
    private final Set<String> textColumns = new TreeSet<>();
    private final Map<String, Long> nonTotalOf = new LinkedHashMap<>();
    private final Set<String> dimensionsWithTotal = new TreeSet<>();
    private final FactWriter facts;
    private long notTotal;

    PopulationRows(LoadContext ctx, String table) {
        this.ctx = ctx;
        this.table = table;
        this.facts = ctx.writer();
    }

    /** The measure of a column: mapped for the table, mapped for every table, or created; "" for a dimension. */
    private String measure(String column) {
        return measureOf.computeIfAbsent(column, c -> {
            String m = SourceMeasures.measure(ctx.dsl(), c, table, SourceMeasures.ANY_TABLE);
            if (m != null) return m;
            if (!MEASURE_KEY.matcher(c).matches()) return "";
            String code = SourceMeasures.own(ctx.dsl(), table, c, c, null);
            created.add(c + " -> " + code);
            return code;
        });
    }

    void row(long line, Map<String, String> rec) throws LoadException {
        for (Map.Entry<String, String> e : rec.entrySet()) {
            String k = e.getKey();
            if (k.equals("ID") || k.equals("RegioS") || k.equals("Perioden") || !measure(k).isEmpty()) continue;
            String v = e.getValue() == null ? "" : e.getValue().trim();
            if (TOTAL_CODE.matcher(v).matches()) {
                dimensionsWithTotal.add(k);
            } else {
                nonTotalOf.merge(k, 1L, Long::sum);
                notTotal++;
                return;
            }
        }
        String regRaw = rec.get("RegioS"), perRaw = rec.get("Perioden");
        String region = regRaw == null ? null : ctx.regions().find(regRaw.trim());
        if (region == null && regRaw != null && !regRaw.isBlank()) {
            if (ctx.options().strict()) {
                ctx.reject(line, "RegioS", regRaw, "unknown area code (not in dim_region)", rec.toString());
            }
            region = ctx.regions().resolveOrCreate(regRaw.trim(), null, ctx.batchId());
        }
        if (region == null) {
            ctx.reject(line, "RegioS", regRaw, "expected an area code (GM0153, PV23, NL01)", rec.toString());
            return;
        }
        String period = perRaw == null ? null : ctx.periods().resolve(perRaw.trim());
        if (period == null) {
            ctx.reject(line, "Perioden", perRaw, "expected a CBS period code (2014JJ00)", rec.toString());
            return;
        }
        int year = Integer.parseInt(period.substring(0, 4));
        for (Map.Entry<String, String> e : rec.entrySet()) {
            String k = e.getKey();
            if (k.equals("ID") || k.equals("RegioS") || k.equals("Perioden")) continue;
            String measure = measure(k);
            if (measure.isEmpty() || textColumns.contains(k)) continue;
            String raw = e.getValue();
            Double v;
            try {
                v = nl.ivz.warehouse.sources.CsvSource.number(raw == null ? null : raw.trim(), false);
            } catch (NumberFormatException ex) {
                if (measure.startsWith("cbs_")) {
                    textColumns.add(k); // a text column of the table (a name, a code): not a figure
                    continue;
                }
                ctx.reject(line, k, raw, "expected a number or the missing symbol '.'", rec.toString());
                return;
            }
            if (v == null) continue;
            // population counts of these tables (all ages, 15+) are on 1 January; averages have no reference date
            boolean firstOfJanuary = measure.equals("inwoners") || measure.equals("inwoners_15_plus");
            facts.population(region, period, measure, table, firstOfJanuary ? java.time.LocalDate.of(year, 1, 1) : null, v);
        }
    }

    void finish() throws Exception {
        for (String dim : nonTotalOf.keySet()) {
            if (!dimensionsWithTotal.contains(dim)) {
                throw new SourceFormatException(ctx.file(), 2, dim, null, "a total code in dimension " + dim
                        + " (CBS: T001038 Totaal mannen en vrouwen, 10000 Totaal leeftijd, T00... ): only totals are loaded");
            }
        }
        long n = facts.flush();
        ctx.addLoaded(n);
        if (!nonTotalOf.isEmpty()) {
            ctx.note(notTotal + " rows not loaded: not the total of " + String.join("/", nonTotalOf.keySet())
                    + " (only totals are population figures of the area)");
        }
        if (!created.isEmpty()) {
            ctx.note(created.size() + " column(s) without a measure mapping for " + table + " were loaded as measures of their own "
                    + "(unit onbekend; map them in measure_mappings.csv): " + String.join("; ", created.stream().limit(5).toList())
                    + (created.size() > 5 ? "; ..." : ""));
        }
        if (!textColumns.isEmpty()) {
            ctx.note("text columns not loaded (" + table + "): " + String.join(", ", textColumns));
        }
        if (n > 0) Releases.replacePopulation(ctx, table);
    }
}
