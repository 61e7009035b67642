package nl.ivz.warehouse.load;

import nl.ivz.warehouse.core.AreaLabel;
import nl.ivz.warehouse.core.AreaLevel;
import org.jooq.DSLContext;
import org.jooq.Record3;

import java.util.Locale;

import static nl.ivz.warehouse.db.Tables.DIM_REGION;
import static nl.ivz.warehouse.db.Tables.DIM_REGION_ALIAS;
import static nl.ivz.warehouse.db.Tables.DIM_REGION_PARENT;

/**
 * Writing areas and parents taken from CBS/police code lists. The bundled hierarchy (regions.csv) wins: an
 * existing known area keeps its name, and a different name from the code list becomes an alias
 * ("Friesland" and "Fryslân" both resolve to PV21).
 */
final class RegionReferences {
    private RegionReferences() { }

    /** Adds or completes an area; returns true when something was written. */
    static boolean area(LoadContext ctx, String code, String label, long batchId) {
        DSLContext dsl = ctx.dsl();
        String name = AreaLabel.parse(label).name();
        String level = AreaLevel.ofCode(code).map(AreaLevel::value).orElse(AreaLevel.GEMEENTE.value());
        Record3<String, String, Boolean> existing = dsl.select(DIM_REGION.REGION_NAME, DIM_REGION.REGION_LEVEL, DIM_REGION.IS_KNOWN)
                .from(DIM_REGION).where(DIM_REGION.REGION_CODE.eq(code)).fetchOne();
        boolean wrote = false;
        if (existing == null) {
            dsl.insertInto(DIM_REGION)
                    .set(DIM_REGION.REGION_CODE, code)
                    .set(DIM_REGION.REGION_NAME, name)
                    .set(DIM_REGION.REGION_LEVEL, level)
                    .set(DIM_REGION.IS_KNOWN, true)
                    .set(DIM_REGION.BATCH_ID, batchId)
                    .execute();
            wrote = true;
        } else if (!existing.value3()) {
            // created earlier from data by its code only: now we know it
            dsl.update(DIM_REGION).set(DIM_REGION.REGION_NAME, name).set(DIM_REGION.IS_KNOWN, true)
                    .where(DIM_REGION.REGION_CODE.eq(code)).execute();
            wrote = true;
        }
        // bare names only for municipalities: "Groningen" is the municipality, "Groningen (PV)" the province
        alias(dsl, AreaLabel.suffixed(name, AreaLevel.of(level).orElse(null)), code);
        if (!label.trim().equals(name)) alias(dsl, label, code);
        return wrote;
    }

    private static void alias(DSLContext dsl, String alias, String code) {
        String a = AreaLabel.normalize(alias);
        dsl.insertInto(DIM_REGION_ALIAS).set(DIM_REGION_ALIAS.ALIAS, a).set(DIM_REGION_ALIAS.REGION_CODE, code)
                .onConflictDoNothing().execute();
    }

    /** Adds a parent in a hierarchy unless the area already has one there (the bundled memberships win). */
    static boolean parent(LoadContext ctx, String code, String hierarchy, String parent) {
        DSLContext dsl = ctx.dsl();
        if (dsl.fetchExists(DIM_REGION_PARENT, DIM_REGION_PARENT.REGION_CODE.eq(code).and(DIM_REGION_PARENT.HIERARCHY.eq(hierarchy)))) {
            return false;
        }
        Integer from = dsl.select(DIM_REGION.VALID_FROM).from(DIM_REGION).where(DIM_REGION.REGION_CODE.eq(code)).fetchOne(DIM_REGION.VALID_FROM);
        dsl.insertInto(DIM_REGION_PARENT)
                .set(DIM_REGION_PARENT.REGION_CODE, code)
                .set(DIM_REGION_PARENT.HIERARCHY, hierarchy)
                .set(DIM_REGION_PARENT.PARENT_CODE, parent)
                .set(DIM_REGION_PARENT.VALID_FROM, from == null ? 1900 : from)
                .set(DIM_REGION_PARENT.VALID_TO, 9999)
                .set(DIM_REGION_PARENT.BATCH_ID, ctx.batchId())
                .execute();
        return true;
    }

    static String code(String raw) {
        return raw == null ? "" : raw.trim().toUpperCase(Locale.ROOT);
    }
}
