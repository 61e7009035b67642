package nl.ivz.warehouse.load.cbs;

import nl.ivz.warehouse.load.FactLoader;
import nl.ivz.warehouse.load.LoadContext;
import nl.ivz.warehouse.load.LoadException;
import nl.ivz.warehouse.load.RegionResolver;

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

    /** Two markers. */
    @Override public int specificity() { return 2; }

    @Override public String signature() { return "JSON with `\"odata.metadata\"` naming a `TypedDataSet`"; }

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
                String code = RegionResolver.code(e.getValue());
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
                if (ctx.writer().area(e.getKey(), e.getValue())) added++;
                if (ctx.writer().parent(e.getKey(), "bestuurlijk", "NL01")) parents++;
            }
            for (Map.Entry<String, String> e : gemeenten.entrySet()) if (ctx.writer().area(e.getKey(), e.getValue())) added++;
            for (Map.Entry<String, String> e : provinceOf.entrySet()) if (ctx.writer().parent(e.getKey(), "bestuurlijk", e.getValue())) parents++;
            ctx.addLoaded(added + parents);
            ctx.note(String.format("geography: %d gemeenten, %d provincies, %d landsdelen (skipped: the bundled reference holds them "
                            + "at level landsdeel, apart from the police unit \"Oost-Nederland\"); %d areas added to dim_region, "
                            + "%d bestuurlijk parents added (gemeente -> provincie -> Nederland, borders of the table's year)",
                    gemeenten.size(), provinces.size(), landsdelen.size(), added, parents));
            ctx.regions().invalidate();
        }
    }
}
