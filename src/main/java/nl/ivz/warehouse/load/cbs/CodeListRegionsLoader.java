package nl.ivz.warehouse.load.cbs;

import nl.ivz.warehouse.load.FactLoader;
import nl.ivz.warehouse.load.LoadContext;
import nl.ivz.warehouse.load.RegionResolver;
import nl.ivz.warehouse.load.SourceTables;

import nl.ivz.warehouse.sources.CsvSource;
import nl.ivz.warehouse.sources.SourceFormatException;
import nl.ivz.warehouse.sources.SourceText;

import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * CBS/police code list of areas (RegioS of 47025NED and other tables): "Key","Title","Description",
 * "CategoryGroupID", keys right-padded ("NL01  ", "GM0153"), titles with (PV)/(RE)/(LD) suffixes. Adds every
 * area to dim_region as known (names of the bundled hierarchy win; other names become aliases).
 */
public final class CodeListRegionsLoader implements FactLoader {
    private static final Pattern REGION_CODE = Pattern.compile("(NL|LD|PV|CR|RE|GM|WK|BU)[0-9A-Z]{2,8}");

    @Override public String layout() { return "codelist-regios"; }

    @Override
    public String description() {
        return "CBS/police code list of areas (Key, Title, Description, CategoryGroupID; RegioS of 47025NED): NL, LD, PV, RE, GM -> dim_region";
    }

    @Override public int order() { return 20; }

    /** Three header columns and the first key. */
    @Override public int specificity() { return 4; }

    @Override public String signature() { return "header starts with `Key,Title,Description`; the first key is an area code (NL01, GM, PV, RE)"; }

    @Override
    public boolean detects(Path file, String head) {
        String first = SourceText.firstLine(head).replace("\"", "").toLowerCase(Locale.ROOT);
        if (!first.startsWith("key,title,description")) return false;
        String rest = head.substring(Math.min(head.length(), SourceText.firstLine(head).length())).trim();
        return rest.startsWith("\"NL01") || rest.startsWith("\"GM") || rest.startsWith("\"PV") || rest.startsWith("\"RE");
    }

    @Override
    public void load(LoadContext ctx) throws Exception {
        ctx.sourceTable(SourceTables.cbsTableId(ctx.file(), "83648NED").equals("83648NED") ? "codelist-RegioS" : SourceTables.cbsTableId(ctx.file(), "83648NED"));
        long areas = 0, landsdelen = 0;
        try (CsvSource csv = CsvSource.open(ctx.file(), ',')) {
            csv.require("Key", "Title");
            for (CsvSource.Row row : csv) {
                csv.requireComplete(row);
                ctx.addRead(1);
                String code = RegionResolver.code(row.get("Key"));
                String title = row.get("Title");
                if (!REGION_CODE.matcher(code).matches()) {
                    ctx.reject(row.line(), "Key", row.get("Key"), "expected a CBS area code (NL01, LD01, PV20, RE01, GM0153, ...)", row.raw());
                    continue;
                }
                if (code.startsWith("LD")) {
                    // the bundled reference holds the landsdelen at their own level; their bare names are the police units'
                    landsdelen++;
                    continue;
                }
                if (title == null || title.isBlank()) {
                    throw new SourceFormatException(ctx.file(), row.line(), "Title", row.raw(), "the name of area " + code);
                }
                if (ctx.writer().area(code, title)) areas++;
                ctx.addLoaded(1);
            }
        }
        ctx.note(areas + " areas added to dim_region (the others were already known); " + landsdelen
                + " landsdelen (LD) skipped: the bundled reference (regions.csv) holds them at level landsdeel, apart from the police units of the same name");
        ctx.regions().invalidate();
    }
}
