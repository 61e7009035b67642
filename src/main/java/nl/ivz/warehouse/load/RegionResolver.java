package nl.ivz.warehouse.load;

import org.jooq.DSLContext;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static nl.ivz.warehouse.db.Tables.DIM_REGION;
import static nl.ivz.warehouse.db.Tables.DIM_REGION_ALIAS;

/**
 * Resolves area codes and labels as sources write them ("GM0153  ", "Enschede", "Twente (PD)",
 * "Basisteam Midden") to dim_region codes. Areas missing from the hierarchy are created (is_known =
 * false) and reported, so their facts still load. One instance per load: it caches inside the load's
 * transaction.
 */
public final class RegionResolver {
    private static final Pattern CBS_CODE = Pattern.compile("(?i)(NL|LD|PV|CR|RE|GM|WK|BU)\\d{2,8}");
    private static final Pattern SUFFIX = Pattern.compile("(?i)^(.*?)\\s*\\((PD|BT|RE|PV|LD|GM|CR|PO)\\)\\s*$");

    private final DSLContext dsl;
    private final Map<String, String> byCode = new HashMap<>();
    private final Map<String, String> byAlias = new HashMap<>();
    private final Map<String, String> byNameLevel = new HashMap<>();
    private final Map<String, String> historicByName = new HashMap<>();
    private final List<String> created = new ArrayList<>();
    private boolean loaded;

    public RegionResolver(DSLContext dsl) {
        this.dsl = dsl;
    }

    private void ensureLoaded() {
        if (loaded) return;
        loaded = true;
        dsl.select(DIM_REGION.REGION_CODE, DIM_REGION.REGION_NAME, DIM_REGION.REGION_LEVEL, DIM_REGION.VALID_TO).from(DIM_REGION)
                .fetch().forEach(r -> remember(r.value1(), r.value2(), r.value3(), r.value4() == null || r.value4() >= 9999));
        dsl.select(DIM_REGION_ALIAS.ALIAS, DIM_REGION_ALIAS.REGION_CODE).from(DIM_REGION_ALIAS)
                .fetch().forEach(r -> byAlias.put(normalize(r.value1()), r.value2()));
    }

    private void remember(String code, String name, String level) {
        remember(code, name, level, true);
    }

    /** A plain name prefers an area that still exists: "Twente" is the district, not the politieregio of before 2013. */
    private void remember(String code, String name, String level, boolean current) {
        byCode.put(code.toUpperCase(Locale.ROOT), code);
        byNameLevel.put(normalize(name) + "|" + level, code);
        (current ? byNameLevel : historicByName).putIfAbsent(normalize(name) + "|*", code);
    }

    /** Called by the reference loader after it wrote areas, so later files of the same load see them. */
    public void invalidate() {
        loaded = false;
        byCode.clear();
        byAlias.clear();
        byNameLevel.clear();
        historicByName.clear();
    }

    /** Lower case, trimmed, inner white space folded. */
    public static String normalize(String s) {
        return s.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** The level a source suffix stands for: (PD) district, (BT) basisteam, (RE) eenheid, (PV) provincie, (LD) landsdeel. */
    static String levelOfSuffix(String suffix) {
        switch (suffix.toUpperCase(Locale.ROOT)) {
            case "PD": return "district";
            case "BT": return "basisteam";
            case "RE": return "eenheid";
            case "PV": return "provincie";
            case "LD": return "landsdeel";
            case "CR": return "corop";
            case "PO": return "politieregio";
            default: return "gemeente";
        }
    }

    static String levelOfCode(String code) {
        switch (code.substring(0, 2).toUpperCase(Locale.ROOT)) {
            case "NL": return "land";
            case "LD": return "landsdeel";
            case "PV": return "provincie";
            case "CR": return "corop";
            case "RE": return "eenheid";
            case "WK": return "wijk";
            case "BU": return "buurt";
            default: return "gemeente";
        }
    }

    /** The existing code for a code or label, or null. */
    public String find(String raw) {
        ensureLoaded();
        String t = raw.trim();
        if (t.isEmpty()) return null;
        String code = byCode.get(t.toUpperCase(Locale.ROOT));
        if (code != null) return code;
        String norm = normalize(t);
        code = byAlias.get(norm);
        if (code != null) return code;
        Matcher m = SUFFIX.matcher(t);
        if (m.matches()) {
            String name = normalize(m.group(1));
            code = byAlias.get(name + " (" + m.group(2).toLowerCase(Locale.ROOT) + ")");
            if (code != null) return code;
            return byNameLevel.get(name + "|" + levelOfSuffix(m.group(2)));
        }
        code = byNameLevel.get(norm + "|gemeente");
        if (code == null) code = byNameLevel.get(norm + "|*");
        return code != null ? code : historicByName.get(norm + "|*");
    }

    /**
     * The code for a code or label, creating an area the hierarchy does not know (level from the CBS code
     * prefix or the (PD)/(BT)/... suffix, else gemeente). {@code nameHint} names an area given by code.
     */
    public String resolveOrCreate(String raw, String nameHint, long batchId) {
        String code = find(raw);
        if (code != null) return code;
        String t = raw.trim();
        String name;
        String level;
        if (CBS_CODE.matcher(t).matches()) {
            code = t.toUpperCase(Locale.ROOT);
            level = levelOfCode(code);
            name = nameHint != null && !nameHint.isBlank() ? stripSuffix(nameHint.trim()) : code;
        } else {
            Matcher m = SUFFIX.matcher(t);
            name = m.matches() ? m.group(1).trim() : t;
            level = m.matches() ? levelOfSuffix(m.group(2)) : "gemeente";
            code = ownCode(level, name);
        }
        dsl.insertInto(DIM_REGION)
                .set(DIM_REGION.REGION_CODE, code)
                .set(DIM_REGION.REGION_NAME, name)
                .set(DIM_REGION.REGION_LEVEL, level)
                .set(DIM_REGION.IS_KNOWN, false)
                .set(DIM_REGION.BATCH_ID, batchId)
                .onConflictDoNothing()
                .execute();
        remember(code, name, level);
        byAlias.put(normalize(t), code);
        created.add(name + " (" + level + ", " + code + ")");
        return code;
    }

    /**
     * {@link #resolveOrCreate} for many labels at once: the unknown ones are created with one multi-row insert
     * (a big file may name thousands of areas the hierarchy does not know).
     */
    public Map<String, String> resolveOrCreateAll(java.util.Collection<String> raws, long batchId, java.sql.Connection connection) {
        Map<String, String> out = new HashMap<>();
        Map<String, String[]> toCreate = new java.util.LinkedHashMap<>();
        for (String raw : raws) {
            String code = find(raw);
            if (code != null) {
                out.put(raw, code);
                continue;
            }
            String t = raw.trim();
            if (t.isEmpty()) continue;
            String name, level;
            Matcher m = SUFFIX.matcher(t);
            if (CBS_CODE.matcher(t).matches()) {
                code = t.toUpperCase(Locale.ROOT);
                level = levelOfCode(code);
                name = code;
            } else {
                name = m.matches() ? m.group(1).trim() : t;
                level = m.matches() ? levelOfSuffix(m.group(2)) : "gemeente";
                code = ownCode(level, name);
            }
            out.put(raw, code);
            toCreate.putIfAbsent(code, new String[] {name, level, t});
        }
        List<String[]> rows = new ArrayList<>();
        toCreate.forEach((code, v) -> {
            if (!byCode.containsKey(code.toUpperCase(Locale.ROOT))) rows.add(new String[] {code, v[0], v[1], v[2]});
        });
        if (!rows.isEmpty()) {
            // DuckDB's appender writes in the load's transaction (a rollback removes these rows too)
            try (org.duckdb.DuckDBAppender app = connection.unwrap(org.duckdb.DuckDBConnection.class).createAppender("main", "dim_region")) {
                for (String[] r : rows) {
                    app.beginRow().append(r[0]).append(r[1]).append(r[2]).append(1900).append(9999).append(false).append(batchId).endRow();
                }
            } catch (java.sql.SQLException e) {
                throw new org.jooq.exception.DataAccessException("adding " + rows.size() + " unknown areas to dim_region: " + e.getMessage(), e);
            }
        }
        for (String[] r : rows) {
            remember(r[0], r[1], r[2]);
            byAlias.put(normalize(r[3]), r[0]);
            created.add(r[1] + " (" + r[2] + ", " + r[0] + ")");
        }
        return out;
    }

    static String stripSuffix(String label) {
        Matcher m = SUFFIX.matcher(label);
        return m.matches() ? m.group(1).trim() : label;
    }

    /** Own stable code for areas CBS names only by label: PD-TWENTE, BT-TWENTE-MIDDEN, GMX-... for unknown municipalities. */
    public static String ownCode(String level, String name) {
        String prefix;
        switch (level) {
            case "district": prefix = "PD-"; break;
            case "basisteam": prefix = "BT-"; break;
            case "eenheid": prefix = "RE-"; break;
            case "provincie": prefix = "PV-"; break;
            case "landsdeel": prefix = "LD-"; break;
            case "politieregio": prefix = "PO-"; break;
            default: prefix = "GMX-";
        }
        return prefix + slug(name);
    }

    static String slug(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return ascii.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    /** Areas created during this load (name, level, code), for the summary. */
    public List<String> created() {
        return created;
    }
}
