package nl.ivz.warehouse.load;

import nl.ivz.warehouse.sources.CsvSource;
import nl.ivz.warehouse.sources.SourceText;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static nl.ivz.warehouse.db.Tables.DIM_MEASURE;
import static nl.ivz.warehouse.db.Tables.DIM_THEME;

/**
 * Base of our own plan and seed-table layouts (documented in the README, "Plan data layouts"):
 * comma-separated UTF-8 with a header recognised by its exact leading column names. The source table of
 * the facts is the file name without extension (e.g. seed002_2.5.1_misdrijven_verdachten).
 */
public abstract class OwnTableLoader implements FactLoader {
    private final String layout;
    private final String description;
    private final List<String> columns;
    private final boolean moreColumns;
    private final Map<String, Boolean> themes = new HashMap<>();
    private final Map<String, Boolean> measures = new HashMap<>();

    /** @param moreColumns true when the header continues after the fixed columns (matrix layouts) */
    protected OwnTableLoader(String layout, String description, boolean moreColumns, String... columns) {
        this.layout = layout;
        this.description = description;
        this.columns = List.of(columns);
        this.moreColumns = moreColumns;
    }

    @Override public String layout() { return layout; }

    @Override
    public String description() {
        return description + " (columns: " + String.join(",", columns) + (moreColumns ? ",..." : "") + ")";
    }

    @Override
    public boolean detects(Path file, String head) {
        String first = SourceText.firstLine(head).toLowerCase(Locale.ROOT).replace("\"", "");
        String fixed = String.join(",", columns);
        return moreColumns ? first.startsWith(fixed + ",") : first.equals(fixed);
    }


    /** One per column named, one more for a header that must end there. */
    @Override
    public int specificity() {
        return columns.size() + (moreColumns ? 0 : 1);
    }

    @Override
    public String signature() {
        return "header " + (moreColumns ? "starts with " : "is ") + "`" + String.join(",", columns) + (moreColumns ? ",...`" : "`");
    }

    @Override
    public void load(LoadContext ctx) throws Exception {
        themes.clear();
        measures.clear();
        ctx.sourceTable(SourceTables.stem(ctx.file()));
        try (CsvSource csv = CsvSource.open(ctx.file(), ',')) {
            csv.require(columns.toArray(String[]::new));
            start(ctx, csv);
            for (CsvSource.Row row : csv) {
                csv.requireComplete(row);
                ctx.addRead(1);
                row(ctx, csv, row);
            }
            finish(ctx);
        }
    }

    /** Called after the header was checked, before the rows. */
    protected void start(LoadContext ctx, CsvSource csv) throws Exception { }

    /** Loads one row (counting what it loads with ctx.addLoaded); row problems go to ctx.reject. */
    protected abstract void row(LoadContext ctx, CsvSource csv, CsvSource.Row row) throws Exception;

    /** Called after the last row: reconciliation notes. */
    protected void finish(LoadContext ctx) throws Exception { }

    /** Whether a theme code exists (rejecting the row if not); empty allowed when {@code optional}. */
    protected boolean theme(LoadContext ctx, CsvSource.Row row, String column, boolean optional) throws LoadException {
        String v = row.get(column);
        if (v == null || v.isEmpty()) {
            if (optional) return true;
            ctx.reject(row.line(), column, v, "expected a theme code from dim_theme (themes.csv)", row.raw());
            return false;
        }
        boolean ok = themes.computeIfAbsent(v, t -> ctx.dsl().fetchExists(DIM_THEME, DIM_THEME.THEME_CODE.eq(t)));
        if (!ok) ctx.reject(row.line(), column, v, "unknown theme code (expected one from dim_theme, themes.csv)", row.raw());
        return ok;
    }

    /** Whether a measure code exists (rejecting the row if not); empty allowed when {@code optional}. */
    protected boolean measure(LoadContext ctx, CsvSource.Row row, String column, boolean optional) throws LoadException {
        String v = row.get(column);
        if (v == null || v.isEmpty()) {
            if (optional) return true;
            ctx.reject(row.line(), column, v, "expected a measure code from dim_measure (measures.csv)", row.raw());
            return false;
        }
        boolean ok = measures.computeIfAbsent(v, m -> ctx.dsl().fetchExists(DIM_MEASURE, DIM_MEASURE.MEASURE_CODE.eq(m)));
        if (!ok) ctx.reject(row.line(), column, v, "unknown measure code (expected one from dim_measure, measures.csv)", row.raw());
        return ok;
    }

    /** The period code of a year or period label in {@code column}, or null after rejecting the row. */
    protected String period(LoadContext ctx, CsvSource.Row row, String column, boolean optional) throws LoadException {
        String v = row.get(column);
        if ((v == null || v.isEmpty()) && optional) return null;
        String p = v == null ? null : ctx.periods().resolve(v);
        if (p == null) ctx.reject(row.line(), column, v, "expected a year or CBS period (2014, 2014JJ00)", row.raw());
        return p;
    }

    /**
     * The region code for an area code or label (unknown districts, basisteams and CBS codes are created and
     * reported); null when empty, or after rejecting a label that names no area of the reference.
     */
    protected String area(LoadContext ctx, CsvSource.Row row, String column) throws LoadException {
        String v = row.get(column);
        if (v == null || v.isEmpty()) return null;
        String code = ctx.regions().resolveOrCreate(v, null, ctx.batchId());
        if (code == null) ctx.reject(row.line(), column, v, RegionResolver.UNKNOWN_AREA, row.raw());
        return code;
    }

    /** {@link #area} for a column that must name an area: null after rejecting the row. */
    protected String requiredArea(LoadContext ctx, CsvSource.Row row, String column, String what) throws LoadException {
        String v = row.get(column);
        if (v == null || v.isEmpty()) {
            ctx.reject(row.line(), column, "", "expected " + what, row.raw());
            return null;
        }
        return area(ctx, row, column);
    }


    protected static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
