package nl.ivz.warehouse.load.cbs;

import nl.ivz.warehouse.load.FactLoader;
import nl.ivz.warehouse.load.LoadContext;

import nl.ivz.warehouse.sources.CsvSource;
import nl.ivz.warehouse.sources.Delimited;
import nl.ivz.warehouse.sources.SourceFormatException;
import nl.ivz.warehouse.sources.SourceText;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CBS OData v3 UntypedDataSet CSV (70072ned Regionale kerncijfers): BOM, ';', everything quoted, "ID";"RegioS";
 * "Perioden" then one column per measure (TotaleBevolking_1, ...), codes right-padded ("PV20  "), numbers
 * right-aligned with spaces, "       ." missing. Mapped measures (inwoners) go to fct_population.
 */
public final class ODataV3UntypedLoader implements FactLoader {
    private static final Pattern TABLE_ID = Pattern.compile("(?i)(\\d{5}(?:ned|eng))");

    @Override public String layout() { return "odata-v3-untyped-csv"; }

    @Override
    public String description() {
        return "CBS OData v3 UntypedDataSet CSV (70072ned): \"ID\";\"RegioS\";\"Perioden\";measures, padded codes and numbers -> fct_population";
    }

    /** Three columns named. */
    @Override public int specificity() { return 3; }

    @Override public String signature() { return "`;`-separated header starting with `ID` that has `RegioS` and `Perioden`"; }

    @Override
    public boolean detects(Path file, String head) {
        List<String> h = Delimited.split(SourceText.firstLine(head), ';');
        return h.size() >= 4 && h.get(0).trim().equals("ID") && h.contains("RegioS") && h.contains("Perioden");
    }

    @Override
    public void load(LoadContext ctx) throws Exception {
        Matcher m = TABLE_ID.matcher(ctx.file().getFileName().toString());
        if (!m.find()) {
            throw new SourceFormatException(ctx.file(), 0, null, ctx.file().getFileName().toString(),
                    "the CBS table id in the file name, as CBS names downloads (70072ned_UntypedDataSet_....csv): it selects the measure mappings");
        }
        String table = m.group(1);
        ctx.sourceTable(table);
        PopulationRows rows = new PopulationRows(ctx, table);
        try (CsvSource csv = CsvSource.open(ctx.file(), ';')) {
            csv.require("ID", "RegioS", "Perioden");
            long n = 0;
            for (CsvSource.Row row : csv) {
                csv.requireComplete(row);
                ctx.addRead(1);
                Map<String, String> rec = new LinkedHashMap<>();
                for (int i = 0; i < csv.header().size(); i++) rec.put(csv.header().get(i).trim(), row.get(i));
                rows.row(row.line(), rec);
                if (++n % 10_000 == 0) ctx.progress(n, -1);
            }
        }
        rows.finish();
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
