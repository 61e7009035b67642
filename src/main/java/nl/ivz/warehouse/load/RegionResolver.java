package nl.ivz.warehouse.load;

import nl.ivz.warehouse.core.AreaLabel;
import nl.ivz.warehouse.core.AreaLevel;
import org.jooq.DSLContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static nl.ivz.warehouse.db.Tables.DIM_REGION;
import static nl.ivz.warehouse.db.Tables.DIM_REGION_ALIAS;

/**
 * Resolves area codes and labels as sources write them ("GM0153  ", "Enschede", "Twente (PD)",
 * "Basisteam Midden", "'s-Gravenhage (gemeente)", "Súdwest-Fryslân") to dim_region codes, parsing them with
 * the one area vocabulary ({@link AreaLabel}, {@link AreaLevel}). Police districts and basisteams missing
 * from the hierarchy, and areas given by a real CBS code, are created (is_known = false) and reported, so
 * their facts still load. A municipality is never given a made-up code: a name that resolves to nothing
 * returns null and the caller rejects the row. One instance per load: it caches inside the load's transaction.
 */
public final class RegionResolver {
    /** The reason a row is rejected when its area label names nothing in the reference. */
    public static final String UNKNOWN_AREA = "unknown area: expected a CBS code, a name or alias of the reference (dim_region), "
            + "or a police district / basisteam with its (PD)/(BT) suffix; no code is made up for a municipality";

    private final DSLContext dsl;
    private final Map<String, String> byCode = new HashMap<>();
    private final Map<String, String> byAlias = new HashMap<>();
    private final Map<String, String> byFolded = new HashMap<>();
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
                .fetch().forEach(r -> alias(r.value1(), r.value2()));
    }

    private void alias(String alias, String code) {
        byAlias.put(AreaLabel.normalize(alias), code);
        byFolded.putIfAbsent(AreaLabel.fold(alias), code);
    }

    private void remember(String code, String name, String level) {
        remember(code, name, level, true);
    }

    /** A plain name prefers an area that still exists: "Twente" is the district, not the politieregio of before 2013. */
    private void remember(String code, String name, String level, boolean current) {
        byCode.put(code.toUpperCase(Locale.ROOT), code);
        byNameLevel.put(AreaLabel.normalize(name) + "|" + level, code);
        (current ? byNameLevel : historicByName).putIfAbsent(AreaLabel.normalize(name) + "|*", code);
        byFolded.putIfAbsent(AreaLabel.fold(name), code);
    }

    /** Called by the reference loader after it wrote areas, so later files of the same load see them. */
    public void invalidate() {
        loaded = false;
        byCode.clear();
        byAlias.clear();
        byFolded.clear();
        byNameLevel.clear();
        historicByName.clear();
    }

    /** Lower case, trimmed, inner white space folded ({@link AreaLabel#normalize}). */
    /** An area code as written in a code list, trimmed and in upper case ("gm0153 " -> "GM0153"). */
    public static String code(String raw) {
        return raw == null ? "" : raw.trim().toUpperCase(java.util.Locale.ROOT);
    }

    public static String normalize(String s) {
        return AreaLabel.normalize(s);
    }

    /** The existing code for a code or label, or null. */
    public String find(String raw) {
        ensureLoaded();
        String t = raw.trim();
        if (t.isEmpty()) return null;
        String code = byCode.get(t.toUpperCase(Locale.ROOT));
        if (code != null) return code;
        String norm = AreaLabel.normalize(t);
        code = byAlias.get(norm);
        if (code != null) return code;
        AreaLabel label = AreaLabel.parse(t);
        String name = AreaLabel.normalize(label.name());
        if (label.level() != null && !label.isCode()) {
            code = byAlias.get(AreaLabel.suffixed(label.name(), label.level()));
            if (code == null) code = byNameLevel.get(name + "|" + label.level().value());
            if (code == null && label.level() == AreaLevel.GEMEENTE) code = byAlias.get(name);
            return code;
        }
        code = byNameLevel.get(norm + "|gemeente");
        if (code == null) code = byNameLevel.get(norm + "|*");
        if (code == null) code = historicByName.get(norm + "|*");
        // accents and quotes as the last resort ("Sudwest-Fryslan", "Nuenen, Gerwen en Nederwetten")
        return code != null ? code : byFolded.get(AreaLabel.fold(t));
    }

    /**
     * The code for a code or label, creating an area the hierarchy does not know when the label says what it
     * is: a CBS code (GM0999, RE99: level from the prefix, name from {@code nameHint}) or a police district or
     * basisteam by name ("Delfland (PD)": own code PD-DELFLAND). Returns null for anything else, above all a
     * municipality name that is not in the reference (no made-up codes): the caller rejects its rows.
     */
    public String resolveOrCreate(String raw, String nameHint, long batchId) {
        String code = find(raw);
        if (code != null) return code;
        String[] area = newArea(raw.trim(), nameHint);
        if (area == null) return null;
        dsl.insertInto(DIM_REGION)
                .set(DIM_REGION.REGION_CODE, area[0])
                .set(DIM_REGION.REGION_NAME, area[1])
                .set(DIM_REGION.REGION_LEVEL, area[2])
                .set(DIM_REGION.IS_KNOWN, false)
                .set(DIM_REGION.BATCH_ID, batchId)
                .onConflictDoNothing()
                .execute();
        remember(area[0], area[1], area[2]);
        byAlias.put(AreaLabel.normalize(raw), area[0]);
        created.add(area[1] + " (" + area[2] + ", " + area[0] + ")");
        return area[0];
    }

    /** {code, name, level} of an area to create for a label, or null when no code may be made up for it. */
    private static String[] newArea(String t, String nameHint) {
        AreaLabel label = AreaLabel.parse(t);
        if (label.level() == null) return null;
        if (label.isCode()) {
            String name = nameHint != null && !nameHint.isBlank() ? AreaLabel.parse(nameHint.trim()).name() : label.code();
            return new String[] {label.code(), name, label.level().value()};
        }
        String prefix = label.level().ownCodePrefix();
        if (prefix == null || label.name().isEmpty()) return null;
        return new String[] {prefix + AreaLabel.slug(label.name()), label.name(), label.level().value()};
    }

    /**
     * {@link #resolveOrCreate} for many labels at once: the unknown ones are created with one multi-row insert
     * (a big file may name thousands of areas the hierarchy does not know). Labels that cannot be created
     * (municipality names not in the reference) are left out of the map.
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
            String[] area = t.isEmpty() ? null : newArea(t, null);
            if (area == null) continue;
            out.put(raw, area[0]);
            toCreate.putIfAbsent(area[0], new String[] {area[1], area[2], t});
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
            byAlias.put(AreaLabel.normalize(r[3]), r[0]);
            created.add(r[1] + " (" + r[2] + ", " + r[0] + ")");
        }
        return out;
    }

    /** Areas created during this load (name, level, code), for the summary. */
    public List<String> created() {
        return created;
    }
}
