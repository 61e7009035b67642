package nl.ivz.warehouse.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import nl.ivz.warehouse.sources.SourceFormatException;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OData v3 TypedDataSet JSON ({"odata.metadata": ".../84489NED/$metadata#...TypedDataSet", "value": [...]}).
 * Two kinds are understood:
 * <ul>
 *   <li>a geography table like 84489NED Woonplaatsen (woonplaats -> gemeente Code_3/Naam_2 -> provincie
 *   Code_5/Naam_4 -> landsdeel Code_7/Naam_6, padded codes): reference data, every gemeente and provincie
 *   to dim_region (landsdelen are counted, not loaded) and gemeente -> provincie -> Nederland to dim_region_parent (bestuurlijk);</li>
 *   <li>a figures table with RegioS and Perioden keys: each mapped measure column to fct_population.</li>
 * </ul>
 */
public final class ODataV3TypedLoader implements FactLoader {
    private static final Pattern TABLE = Pattern.compile("/OData/(\\w+)/\\$metadata", Pattern.CASE_INSENSITIVE);

    @Override public String layout() { return "odata-v3-typed-json"; }

    @Override
    public String description() {
        return "CBS OData v3 TypedDataSet JSON: 84489NED woonplaatsen -> gemeente/provincie reference, or RegioS/Perioden figures -> fct_population";
    }

    @Override public int order() { return 21; }

    @Override
    public boolean detects(Path file, String head) {
        return head.contains("\"odata.metadata\"") && head.contains("TypedDataSet");
    }

    @Override
    public void load(LoadContext ctx) throws Exception {
        Matcher m = TABLE.matcher(ctx.head());
        String table = m.find() ? m.group(1) : null;
        if (table == null) {
            throw new SourceFormatException(ctx.file(), 2, "odata.metadata", null, "an OData v3 metadata URL naming the table (.../OData/84489NED/$metadata#...)");
        }
        ctx.sourceTable(table);
        Geography geo = new Geography();
        PopulationRows population = new PopulationRows(ctx, table);
        long[] record = {0};
        try (InputStream in = Files.newInputStream(ctx.file());
             JsonParser p = new JsonFactory().createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw bad(ctx, p, "a JSON object");
            boolean sawValue = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.getCurrentName();
                p.nextToken();
                if (!field.equals("value")) {
                    p.skipChildren();
                    continue;
                }
                sawValue = true;
                if (p.currentToken() != JsonToken.START_ARRAY) throw bad(ctx, p, "\"value\": [ ... ] with the records");
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    record[0]++;
                    long line = p.getCurrentLocation().getLineNr();
                    Map<String, String> rec = new LinkedHashMap<>();
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String k = p.getCurrentName();
                        JsonToken t = p.nextToken();
                        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                            p.skipChildren();
                        } else {
                            rec.put(k, t == JsonToken.VALUE_NULL ? null : p.getText());
                        }
                    }
                    ctx.addRead(1);
                    if (rec.containsKey("RegioS") && rec.containsKey("Perioden")) {
                        population.row(line, rec);
                    } else if (!geo.row(ctx, line, rec)) {
                        throw new SourceFormatException(ctx.file(), line, null, rec.keySet().toString(),
                                "either RegioS and Perioden keys (figures) or gemeente/provincie Code_n and Naam_n fields (84489NED geography)");
                    }
                    if (record[0] % 10_000 == 0) ctx.progress(record[0], -1);
                }
            }
            if (!sawValue) throw new SourceFormatException(ctx.file(), p.getCurrentLocation().getLineNr(), "value", null, "a \"value\" array with the records");
        } catch (JsonEOFException e) {
            throw new SourceFormatException(ctx.file(), e.getLocation().getLineNr(), null, "end of file after record " + record[0],
                    "complete JSON (the file is truncated: " + e.getOriginalMessage() + ")");
        } catch (JsonParseException e) {
            throw new SourceFormatException(ctx.file(), e.getLocation().getLineNr(), null, null, "valid JSON (" + e.getOriginalMessage() + ")");
        }
        geo.finish(ctx);
        population.finish();
    }

    private static SourceFormatException bad(LoadContext ctx, JsonParser p, String expected) {
        return new SourceFormatException(ctx.file(), p.getCurrentLocation().getLineNr(), null, String.valueOf(p.currentToken()), expected);
    }

    /** 84489NED: the Code_n field holding a GM code, its Naam_(n-1) name, and likewise PV and LD. */
    private static final class Geography {
        private final Map<String, String> gemeenten = new LinkedHashMap<>();
        private final Map<String, String> provinces = new LinkedHashMap<>();
        private final Map<String, String> landsdelen = new LinkedHashMap<>();
        private final Map<String, String> provinceOf = new LinkedHashMap<>();

        boolean row(LoadContext ctx, long line, Map<String, String> rec) throws LoadException {
            String gm = null, gmName = null, pv = null, pvName = null, ld = null, ldName = null;
            for (Map.Entry<String, String> e : rec.entrySet()) {
                if (!e.getKey().startsWith("Code_") || e.getValue() == null) continue;
                String code = RegionReferences.code(e.getValue());
                int n = Integer.parseInt(e.getKey().substring(5));
                String name = rec.get("Naam_" + (n - 1));
                name = name == null ? null : name.trim();
                if (code.startsWith("GM")) { gm = code; gmName = name; }
                else if (code.startsWith("PV")) { pv = code; pvName = name; }
                else if (code.startsWith("LD")) { ld = code; ldName = name; }
            }
            if (gm == null && pv == null) return false;
            if (gm != null && (gmName == null || gmName.isEmpty())) {
                ctx.reject(line, "Naam", null, "gemeente " + gm + " without a name", rec.toString());
                return true;
            }
            if (gm != null) gemeenten.putIfAbsent(gm, gmName);
            if (pv != null) provinces.putIfAbsent(pv, pvName);
            if (ld != null) landsdelen.putIfAbsent(ld, ldName);
            if (gm != null && pv != null) {
                String before = provinceOf.putIfAbsent(gm, pv);
                if (before != null && !before.equals(pv)) {
                    ctx.reject(line, "Code", pv, "gemeente " + gm + " is in " + before + " on an earlier record", rec.toString());
                }
            }
            return true;
        }

        void finish(LoadContext ctx) {
            if (gemeenten.isEmpty() && provinces.isEmpty()) return;
            long added = 0, parents = 0;
            for (Map.Entry<String, String> e : provinces.entrySet()) {
                if (RegionReferences.area(ctx, e.getKey(), e.getValue(), ctx.batchId())) added++;
                if (RegionReferences.parent(ctx, e.getKey(), "bestuurlijk", "NL01")) parents++;
            }
            for (Map.Entry<String, String> e : gemeenten.entrySet()) if (RegionReferences.area(ctx, e.getKey(), e.getValue(), ctx.batchId())) added++;
            for (Map.Entry<String, String> e : provinceOf.entrySet()) if (RegionReferences.parent(ctx, e.getKey(), "bestuurlijk", e.getValue())) parents++;
            ctx.addLoaded(added + parents);
            ctx.note(String.format("geography: %d gemeenten, %d provincies, %d landsdelen (skipped: the bundled reference holds them "
                            + "at level landsdeel, apart from the police unit \"Oost-Nederland\"); %d areas added to dim_region, "
                            + "%d bestuurlijk parents added (gemeente -> provincie -> Nederland, borders of the table's year)",
                    gemeenten.size(), provinces.size(), landsdelen.size(), added, parents));
            ctx.regions().invalidate();
        }
    }

    /**
     * RegioS/Perioden records with measure columns, shared with the untyped CSV layout. CBS names measure
     * columns Key_n (BevolkingOp1Januari_1, TotaleBevolking_1); any other column is a dimension (Geslacht,
     * Leeftijd, BurgerlijkeStaat), of which only the total code is kept (T001038 Totaal mannen en vrouwen,
     * 10000 Totaal leeftijden, T001019 Totaal burgerlijke staat: CBS's total codes start with T00, Leeftijd's
     * is 10000), as the OData v4 loader does. A measure mapped for the table or for every table ('*':
     * the population on 1 January is inwoners whatever the table calls it) goes to its measure; an unmapped
     * one gets a measure of its own instead of failing the file.
     */
    static final class PopulationRows {
        private static final Pattern MEASURE_KEY = Pattern.compile(".+_\\d+");
        private static final Pattern TOTAL_CODE = Pattern.compile("T00\\d+|10000");
        private final LoadContext ctx;
        private final String table;
        private final Map<String, String> measureOf = new LinkedHashMap<>();
        private final Set<String> created = new TreeSet<>();
        private final Set<String> textColumns = new TreeSet<>();
        private final Map<String, Long> nonTotalOf = new LinkedHashMap<>();
        private final Set<String> dimensionsWithTotal = new TreeSet<>();
        private final FactRows facts;
        private long notTotal;

        PopulationRows(LoadContext ctx, String table) {
            this.ctx = ctx;
            this.table = table;
            this.facts = new FactRows(ctx);
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
}
