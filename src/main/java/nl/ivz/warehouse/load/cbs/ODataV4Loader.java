package nl.ivz.warehouse.load.cbs;

import nl.ivz.warehouse.load.FactLoader;
import nl.ivz.warehouse.load.FactWriter;
import nl.ivz.warehouse.load.LoadContext;
import nl.ivz.warehouse.load.PeriodResolver;
import nl.ivz.warehouse.load.Releases;
import nl.ivz.warehouse.load.SourceMeasures;

import nl.ivz.warehouse.sources.ODataV4Dataset;
import nl.ivz.warehouse.sources.SourceFormatException;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * CBS OData v4 dataset (03759ned Bevolking op 1 januari en gemiddeld): observations with their code lists, as
 * a folder. {@code ivz load} takes the folder, its index.json or an observations page; the other part files of a
 * folder with an index.json are read through it (not loaded on their own). Population measures go to
 * fct_population, with the period status (Definitief / Voorlopig) from the Perioden code list. Observations
 * of other dimensions than RegioS and Perioden are kept only for the total code of that dimension
 * (Totaal mannen en vrouwen, leeftijd Totaal, ...): anything else is not a population total.
 */
public final class ODataV4Loader implements FactLoader {
    @Override public String layout() { return "odata-v4"; }

    @Override
    public String description() {
        return "CBS OData v4 observations + code lists as a folder (03759ned; index.json names the parts) -> fct_population";
    }

    /** Two markers. */
    @Override public int specificity() { return 2; }

    @Override public String signature() { return "`index.json` with `\"observationPages\"` and `\"tableId\"`, or an Observations page (`$metadata#Observations`) without one"; }

    @Override
    public boolean detects(Path file, String head) {
        return ODataV4Dataset.isIndex(head) || ODataV4Dataset.isObservations(head) && ODataV4Dataset.indexOf(file) == null;
    }

    @Override
    public Path companionOf(Path file, String head) {
        return head.contains("@odata.context") ? ODataV4Dataset.indexOf(file) : null;
    }

    @Override
    public void load(LoadContext ctx) throws Exception {
        ODataV4Dataset ds = ODataV4Dataset.open(ctx.file(), ctx.head());
        String table = ds.tableId();
        ctx.sourceTable(table);
        Map<String, ODataV4Dataset.Code> measures = ds.codes("measure-codes");
        Map<String, ODataV4Dataset.Code> regions = ds.codes("codes-RegioS");
        Map<String, ODataV4Dataset.Code> periods = ds.codes("codes-Perioden");
        Map<String, String> totalOf = new LinkedHashMap<>();
        for (String dim : ds.dimensions()) {
            if (dim.equals("RegioS") || dim.equals("Perioden")) continue;
            ODataV4Dataset.Code total = ds.codes("codes-" + dim).values().stream()
                    .filter(c -> c.title() != null && c.title().trim().toLowerCase(Locale.ROOT).startsWith("totaal"))
                    .findFirst().orElse(null);
            if (total == null) {
                throw new SourceFormatException(ds.part("codes-" + dim), 0, dim, null, "a 'Totaal ...' code in the code list of dimension " + dim);
            }
            totalOf.put(dim, total.id());
        }
        // mapped for the table or for every table (M000352 -> inwoners); an unmapped measure gets a measure of its own
        Map<String, String> measureCode = new HashMap<>();
        List<String> created = new ArrayList<>();
        for (ODataV4Dataset.Code m : measures.values()) {
            String mc = SourceMeasures.measure(ctx.dsl(), m.id(), table, SourceMeasures.ANY_TABLE);
            if (mc == null) {
                mc = SourceMeasures.own(ctx.dsl(), table, m.id(), m.title() == null ? m.id() : m.title(), m.unit());
                created.add(m.id() + " -> " + mc);
            }
            measureCode.put(m.id(), mc);
        }
        if (!created.isEmpty()) {
            ctx.note(created.size() + " measure(s) without a mapping for " + table + " loaded as measures of their own (map them in "
                    + "measure_mappings.csv): " + String.join("; ", created));
        }
        Map<String, String> regionOf = new HashMap<>();
        Map<String, String> periodOf = new HashMap<>();
        TreeMap<String, String> statuses = new TreeMap<>();
        long[] skipped = {0, 0, 0}; // missing value, (unused), not a total
        try (FactWriter facts = ctx.writer()) {
            ds.observations(o -> {
                ctx.addRead(1);
                if (ctx.rowsRead() % 20_000 == 0) ctx.progress(ctx.rowsRead(), -1);
                String where = o.page().getFileName().toString();
                for (Map.Entry<String, String> t : totalOf.entrySet()) {
                    if (!t.getValue().equals(o.dims().get(t.getKey()))) {
                        skipped[2]++;
                        return;
                    }
                }
                String measure = measureCode.get(o.measure());
                if (measure == null) {
                    ctx.reject(o.line(), "Measure", o.measure(), "a measure code from measure-codes.json (" + where + ", Id " + o.id() + ")", null);
                    return;
                }
                if (o.badValue() != null) {
                    ctx.reject(o.line(), "Value", o.badValue(), "a number or null (" + where + ", Id " + o.id() + ")", null);
                    return;
                }
                if (o.value() == null) {
                    skipped[0]++;
                    return;
                }
                String regRaw = o.dims().get("RegioS");
                String perRaw = o.dims().get("Perioden");
                String period = perRaw == null ? null : periodOf.get(perRaw);
                if (period == null) {
                    ODataV4Dataset.Code pc = perRaw == null ? null : periods.get(perRaw.trim());
                    if (pc == null) {
                        ctx.reject(o.line(), "Perioden", perRaw, "a period code from codes-Perioden.json (" + where + ", Id " + o.id() + ")", null);
                        return;
                    }
                    String status = status(pc.status());
                    period = ctx.periods().resolve(pc.id(), status);
                    if (period == null) {
                        ctx.reject(o.line(), "Perioden", perRaw, "a CBS period code (2019JJ00)", null);
                        return;
                    }
                    periodOf.put(perRaw, period);
                    statuses.put(pc.id(), status);
                }
                String region = regRaw == null ? null : regionOf.get(regRaw);
                if (region == null) {
                    ODataV4Dataset.Code rc = regRaw == null ? null : regions.get(regRaw.trim());
                    if (rc == null) {
                        ctx.reject(o.line(), "RegioS", regRaw, "an area code from codes-RegioS.json (" + where + ", Id " + o.id() + ")", null);
                        return;
                    }
                    region = ctx.regions().find(rc.id());
                    if (region == null) {
                        if (ctx.options().strict()) {
                            ctx.reject(o.line(), "RegioS", regRaw, "unknown area: not in dim_region (load the region reference first)", null);
                        }
                        region = ctx.regions().resolveOrCreate(rc.id(), rc.title(), ctx.batchId());
                    }
                    regionOf.put(regRaw, region);
                }
                int year = Integer.parseInt(period.substring(0, 4));
                facts.population(region, period, measure, table, measure.equals("inwoners") ? LocalDate.of(year, 1, 1) : null, o.value());
            });
            ctx.addLoaded(facts.flush());
        }
        if (ctx.rowsRead() == 0) throw new SourceFormatException(ds.pages().get(0), 0, "value", "[]", "at least one observation");
        ctx.releaseLabel(statuses.isEmpty() ? null : statuses.firstKey() + "-" + statuses.lastKey() + " "
                + String.join("/", new java.util.TreeSet<>(statuses.values())));
        ctx.note(String.format("%s: %d observations without a value (ValueAttribute Impossible/missing), "
                + "%d not a total of %s: not loaded", table, skipped[0], skipped[2], String.join("/", totalOf.keySet())));
        Releases.replacePopulation(ctx, table);
    }

    static String status(String cbs) {
        if (cbs == null) return PeriodResolver.DEFINITIEF;
        String s = cbs.trim().toLowerCase(Locale.ROOT);
        if (s.startsWith("nader")) return PeriodResolver.NADER_VOORLOPIG;
        if (s.startsWith("voorlopig")) return PeriodResolver.VOORLOPIG;
        return PeriodResolver.DEFINITIEF;
    }
}
