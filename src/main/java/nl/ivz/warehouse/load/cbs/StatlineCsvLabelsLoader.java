package nl.ivz.warehouse.load.cbs;

import nl.ivz.warehouse.load.FactLoader;
import nl.ivz.warehouse.load.LoadContext;
import nl.ivz.warehouse.load.LoadTiming;
import nl.ivz.warehouse.load.Loader;
import nl.ivz.warehouse.load.PeriodResolver;
import nl.ivz.warehouse.load.Reconciliation;
import nl.ivz.warehouse.load.RegionResolver;
import nl.ivz.warehouse.load.Releases;
import nl.ivz.warehouse.load.SourceMeasures;
import nl.ivz.warehouse.load.SourceTables;
import nl.ivz.warehouse.load.SourceThemes;

import nl.ivz.warehouse.sources.Delimited;
import nl.ivz.warehouse.sources.LineMap;
import nl.ivz.warehouse.sources.SourceFormatException;
import nl.ivz.warehouse.sources.SourceText;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * StatLine "CSV met labels" of registered crime (83648NED): UTF-8 with BOM, ';', quoted labels for
 * Soort misdrijf / Perioden / Regio's, one column per measure, decimal comma, empty (or . x -) = missing.
 *
 * <p>A clean file takes the fast path ({@link #fastLoad}: labels scanned in Java, one DuckDB pass). Any other
 * file is staged, built for big files: DuckDB parses the file (read_csv, typed, into a temporary table; rows with text in a
 * number column are set aside by DuckDB with their exact line), the few distinct labels are resolved in Java
 * (regions, periods, themes), and validation, rejects and the measure UNPIVOT into fct_registration are
 * set-based SQL. The Java heap holds only the distinct labels.
 */
public final class StatlineCsvLabelsLoader implements FactLoader {
    static final String CATEGORY = "Soort misdrijf";
    static final String PERIOD = "Perioden";
    static final String REGION = "Regio's";
    private static final String DEFAULT_TABLE = "83648NED";
    private static final List<String> MISSING_VALUES = List.of("", ".", "x", "-", "..");
    private static final String MISSING = "['', '.', 'x', '-', '..']";

    @Override public String layout() { return "statline-csv-labels"; }

    @Override
    public String description() {
        return "CBS StatLine 'CSV met labels' of registered crime (83648NED): ';', labels for Soort misdrijf/Perioden/Regio's, decimal comma";
    }

    /** Three columns named. */
    @Override public int specificity() { return 3; }

    @Override public String signature() { return "header has `Soort misdrijf`, `Perioden` and `Regio's` (not starting with `ID`)"; }

    @Override
    public boolean detects(Path file, String head) {
        String first = SourceText.firstLine(head).toLowerCase(Locale.ROOT);
        return first.contains("soort misdrijf") && first.contains("perioden") && first.contains("regio")
                && !first.startsWith("\"id\"");
    }

    /** The sha256 is read on its own thread beside the first pass, so reading the file twice costs no wall time. */
    @Override public boolean hashesItself() { return true; }

    @Override
    public void load(LoadContext ctx) throws Exception {
        Path file = ctx.file();
        FutureTask<String> hash = new FutureTask<>(() -> {
            long t0 = System.nanoTime();
            String sha = Loader.sha256(file);
            LoadTiming.took("sha256 (own thread)", System.nanoTime() - t0);
            return sha;
        });
        Thread t = new Thread(hash, "sha256 " + file.getFileName());
        t.setDaemon(true);
        t.start();
        try {
            load(ctx, hash);
        } catch (Exception | Error e) {
            hash.cancel(true);
            throw e;
        }
    }

    /** What a task on its own thread (the sha256, the label scan) gave, once it is done; its own exception if it failed. */
    private static <T> T await(FutureTask<T> task) throws Exception {
        try {
            return task.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        }
    }

    private void load(LoadContext ctx, FutureTask<String> hash) throws Exception {
        Path file = ctx.file();
        String headerLine = SourceText.firstLine(ctx.head());
        if (headerLine.isBlank()) {
            throw new SourceFormatException(file, 1, null, "", "a header line with the columns \"Soort misdrijf\";\"Perioden\";\"Regio's\" and measure columns (the file is empty)");
        }
        List<String> header = Delimited.split(headerLine, ';');
        if (header.size() < 4) {
            char d = Delimited.guess(headerLine);
            throw new SourceFormatException(file, 1, null, headerLine, d != ';'
                    ? "';' between columns as in a StatLine 'CSV met labels' export (the header is separated by '" + (d == '\t' ? "\\t" : String.valueOf(d)) + "')"
                    : "the columns Soort misdrijf, Perioden, Regio's and at least one measure column");
        }
        Map<String, Integer> index = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).trim();
            if (index.put(name, i) != null) {
                throw new SourceFormatException(file, 1, name, headerLine, "each column name once (column '" + name + "' appears twice)");
            }
        }
        for (String required : List.of(CATEGORY, PERIOD, REGION)) {
            if (!index.containsKey(required)) {
                throw new SourceFormatException(file, 1, required, headerLine,
                        "a column named '" + required + "' (required: Soort misdrijf, Perioden, Regio's, then measure columns)");
            }
        }
        String sourceTable = SourceTables.cbsTableId(file, DEFAULT_TABLE);
        ctx.sourceTable(sourceTable);

        // measure columns -> measure codes
        Map<Integer, String> measures = new LinkedHashMap<>();
        List<String> unmapped = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).trim();
            if (name.equalsIgnoreCase(CATEGORY) || name.equalsIgnoreCase(PERIOD) || name.equalsIgnoreCase(REGION)) continue;
            String m = SourceMeasures.measure(ctx.dsl(), name, sourceTable, DEFAULT_TABLE);
            if (m == null) {
                unmapped.add(name);
            } else if (!used.add(m)) {
                throw new SourceFormatException(file, 1, name, headerLine, "one column per measure ('" + m + "' is mapped twice)");
            } else {
                measures.put(i, m);
            }
        }
        if (!unmapped.isEmpty()) {
            String msg = "column(s) without a measure mapping were not loaded: " + String.join(", ", unmapped)
                    + " (add them to measure_mappings.csv for " + sourceTable + ")";
            if (measures.isEmpty() || ctx.options().strict()) {
                throw new SourceFormatException(file, 1, unmapped.get(0), headerLine,
                        "measure columns mapped in map_source_measure for " + sourceTable + "; " + msg);
            }
            ctx.note(msg);
        }

        // CBS groups (83648NED) or police codes in the same layout (data.politie.nl exports, the benchmark's file)
        SourceThemes themes = new SourceThemes(ctx.dsl(), SourceThemes.CBS, SourceThemes.POLITIE, SourceThemes.POLITIE_BENCH);
        Connection c = ctx.connection();
        LoadTiming.step("header and mappings");
        boolean unordered = count(c, "SELECT CASE WHEN current_setting('lock_configuration') THEN 0 ELSE 1 END") == 1;
        // the query service's locked instance takes the staged load, in file order
        FutureTask<LabelScan.Result> scanned = unordered ? labelScan(file, index) : null;
        try {
            if (scanned != null && fastLoad(ctx, header, index, measures, themes, sourceTable, hash, scanned)) return;
        } finally {
            if (scanned != null) scanned.cancel(true);
        }
        // a file already loaded writes nothing, whichever path finds it
        if (!ctx.begin(await(hash))) return;
        long b = ctx.batchId();
        String stg = "stg_csvl_" + b, rej = "rej_csvl_" + b, scan = "rejscan_csvl_" + b;
        String mcat = "map_cat_" + b, mper = "map_per_" + b, mreg = "map_reg_" + b, offs = "offs_" + b;
        boolean failed = false;
        try {
            // 1. DuckDB parses and types the file; malformed rows go to its rejects table with their line
            exec(c, "CREATE TEMP TABLE " + stg + " AS SELECT * FROM " + readCsv(file, header, measures, rej, scan));
            ctx.progress(0, 0.5);
            LoadTiming.step("read_csv into staging");
            long castRejects = fileRejects(ctx, header, rej);
            long staged = count(c, "SELECT count(*) FROM " + stg);
            // rows created in this (uncommitted) transaction number from a high base, contiguously in file order
            long base = staged == 0 ? 0 : count(c, "SELECT min(rowid) FROM " + stg);
            ctx.addRead(staged + castRejects);
            if (staged == 0 && castRejects == 0) {
                throw new SourceFormatException(file, 2, null, null,
                        "data rows after the header (the file has a header only: an empty export or a truncated file)");
            }

            // 2. resolve the distinct labels (few, whatever the file size)
            String cCat = "c" + index.get(CATEGORY), cPer = "c" + index.get(PERIOD), cReg = "c" + index.get(REGION);
            Map<String, String> catMap = new HashMap<>();
            Map<String, Long> cats = distinct(c, stg, cCat, base);
            int catCount = cats.size();
            for (String label : cats.keySet()) {
                String t = themes.theme(label);
                if (t != null) catMap.put(label, t);
            }
            Set<String> provisional = new java.util.TreeSet<>(), definitive = new java.util.TreeSet<>();
            Map<String, Long> pers = distinct(c, stg, cPer, base);
            int perCount = pers.size();
            Map<String, String> perMap = ctx.periods().resolveAll(pers.keySet());
            for (String label : perMap.keySet()) (label.trim().endsWith("*") ? provisional : definitive).add(label.trim());
            ctx.releaseLabel(SourceTables.releaseLabel(definitive, provisional));
            Map<String, String> regMap = new HashMap<>();
            Map<String, Long> regions = distinct(c, stg, cReg, base);
            LineMap lines = null;
            List<String> unknown = new ArrayList<>();
            for (Map.Entry<String, Long> e : regions.entrySet()) {
                String code = ctx.regions().find(e.getKey());
                if (code == null && ctx.options().strict()) {
                    lines = lines != null ? lines : LineMap.scan(file, rejectedLines(c, rej));
                    ctx.reject(lines.line(e.getValue()), REGION, e.getKey(),
                            RegionResolver.UNKNOWN_AREA, null);
                }
                if (code == null) unknown.add(e.getKey());
                else regMap.put(e.getKey(), code);
            }
            regMap.putAll(ctx.regions().resolveOrCreateAll(unknown, b, c));
            LoadTiming.step("distinct labels resolved");
            mapTable(c, mcat, catMap);
            mapTable(c, mper, perMap);
            mapTable(c, mreg, regMap);

            // 3. rows whose labels did not resolve go to load_rejected_row with their line
            String bad = "SELECT s.rowid - " + base + " AS rid, CASE WHEN mc.label IS NULL THEN 'cat' WHEN mp.label IS NULL THEN 'per' ELSE 'reg' END AS kind, "
                    + "s." + cCat + " AS cat, s." + cPer + " AS per, s." + cReg + " AS reg, "
                    + rawText(header, measures) + " AS raw FROM " + stg + " s "
                    + "LEFT JOIN " + mcat + " mc ON mc.label = s." + cCat + " LEFT JOIN " + mper + " mp ON mp.label = s." + cPer
                    + " LEFT JOIN " + mreg + " mr ON mr.label = s." + cReg
                    + " WHERE mc.label IS NULL OR mp.label IS NULL OR mr.label IS NULL";
            // the full check runs only when some label did not resolve or a label cell is empty
            long emptyLabels = count(c, "SELECT count(*) FROM " + stg + " WHERE " + cCat + " IS NULL OR " + cPer + " IS NULL OR " + cReg + " IS NULL");
            boolean allMapped = catMap.size() == catCount && perMap.size() == perCount && regMap.size() == regions.size();
            long badRows = emptyLabels == 0 && allMapped ? 0 : count(c, "SELECT count(*) FROM (" + bad + ")");
            LoadTiming.step("label check");
            if (badRows > 0) {
                lines = lines != null ? lines : LineMap.scan(file, rejectedLines(c, rej));
                exec(c, "CREATE TEMP TABLE " + offs + " (from_rid BIGINT, extra BIGINT)");
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + offs + " VALUES (?, ?)")) {
                    ps.setLong(1, -1);
                    ps.setLong(2, 0);
                    ps.executeUpdate();
                    for (long[] ch : lines.changes()) {
                        ps.setLong(1, ch[0]);
                        ps.setLong(2, ch[1]);
                        ps.executeUpdate();
                    }
                }
                String reasons = "SELECT b.rid + 2 + o.extra AS line, "
                        + "CASE b.kind WHEN 'cat' THEN " + literal(CATEGORY) + " WHEN 'per' THEN " + literal(PERIOD) + " ELSE " + literal(REGION) + " END AS col, "
                        + "CASE b.kind WHEN 'cat' THEN b.cat WHEN 'per' THEN b.per ELSE b.reg END AS val, "
                        + "CASE WHEN b.kind = 'cat' THEN 'unknown Soort misdrijf: expected a label or code mapped in map_source_theme "
                                + "(" + SourceThemes.CBS + ", " + SourceThemes.POLITIE + "; add it to theme_mappings.csv)' "
                        + "WHEN b.kind = 'per' THEN 'unknown period: expected a year (2014, 2016* provisional) or a CBS period code (2014JJ00, 2014MM03)' "
                        + "WHEN b.reg IS NULL THEN 'empty area label: expected a municipality, district or region name' "
                        + "ELSE " + literal(RegionResolver.UNKNOWN_AREA) + " END AS reason, b.raw "
                        + "FROM (" + bad + ") b ASOF JOIN " + offs + " o ON b.rid >= o.from_rid";
                if (ctx.options().strict()) {
                    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(reasons + " ORDER BY line LIMIT 1")) {
                        rs.next();
                        ctx.reject(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5));
                    }
                }
                exec(c, "INSERT INTO load_rejected_row (batch_id, line_number, column_name, raw_value, reason, raw_text) "
                        + "SELECT " + b + ", line, col, val, reason, raw FROM (" + reasons + ")");
                List<String> examples = new ArrayList<>();
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(reasons + " ORDER BY line LIMIT 5")) {
                    while (rs.next()) {
                        examples.add(file.getFileName() + ", line " + rs.getLong(1) + ", column '" + rs.getString(2) + "', value '"
                                + rs.getString(3) + "': " + rs.getString(4));
                    }
                }
                ctx.rejectedInBulk(badRows, examples);
            }
            ctx.progress(staged, 0.7);

            // 4. facts: one row per non-missing measure value
            StringBuilder sel = new StringBuilder("SELECT " + cCat + ", " + cPer + ", " + cReg);
            List<String> on = new ArrayList<>();
            for (Map.Entry<Integer, String> m : measures.entrySet()) {
                sel.append(", c").append(m.getKey()).append(" AS \"").append(m.getValue()).append('"');
                on.add("\"" + m.getValue() + "\"");
            }
            sel.append(" FROM ").append(stg);
            // insertion order of facts does not matter: let DuckDB write in parallel; not when the instance's
            // configuration is locked (the query service): that SET would fail and abort the transaction
            if (unordered) exec(c, "SET preserve_insertion_order = false");
            long facts = update(c, "INSERT INTO fct_registration (batch_id, region_code, period_code, theme_code, measure_code, "
                    + "source_table, source_category, value) SELECT " + b + ", mr.code, mp.code, mc.code, u.measure, "
                    + literal(sourceTable) + ", u." + cCat + ", u.value FROM (UNPIVOT (" + sel + ") ON " + String.join(", ", on)
                    + " INTO NAME measure VALUE value) u JOIN " + mcat + " mc ON mc.label = u." + cCat + " JOIN " + mper
                    + " mp ON mp.label = u." + cPer + " JOIN " + mreg + " mr ON mr.label = u." + cReg);
            if (unordered) exec(c, "RESET preserve_insertion_order");
            ctx.addLoaded(facts);
            LoadTiming.step("facts inserted (unpivot)");
            ctx.progress(staged, 0.95);

            Releases.replaceRegistrations(ctx, sourceTable);
            LoadTiming.step("release replacement");
            String countCol = null, rateCol = null;
            for (Map.Entry<Integer, String> m : measures.entrySet()) {
                if (m.getValue().equals("geregistreerde_misdrijven")) countCol = "c" + m.getKey();
                if (m.getValue().equals("misdrijven_per_1000_inw")) rateCol = "c" + m.getKey();
            }
            derivePopulation(ctx, sourceTable, stg, cCat, cPer, cReg, mcat, mper, mreg, countCol, rateCol);
            LoadTiming.step("derived population");
            reconcile(ctx, sourceTable, stg, cCat, cPer, cReg, mcat, mper, mreg, countCol);
            if (regMap.containsValue("NL01")) Reconciliation.regions(ctx);
            LoadTiming.step("reconciliation");
        } catch (Exception e) {
            failed = true;
            throw e;
        } finally {
            // After an engine error the transaction is aborted and every further statement fails with "Current
            // transaction is aborted": skip the clean-up then (the rollback drops the temp tables) so the real cause surfaces.
            if (!failed) for (String t : List.of(stg, mcat, mper, mreg, offs, rej, scan)) exec(c, "DROP TABLE IF EXISTS " + t);
        }
    }

    /** The file as DuckDB reads it: typed columns c0, c1, ...; malformed rows go to the rejects table with their line. */
    private static String readCsv(Path file, List<String> header, Map<Integer, String> measures, String rej, String scan) {
        return readCsv(file, header, measures, rej, scan, Map.of());
    }

    /** {@link #readCsv}, the columns in {@code enums} typed as ENUMs of the given values. */
    private static String readCsv(Path file, List<String> header, Map<Integer, String> measures, String rej, String scan,
                                  Map<Integer, List<String>> enums) {
        StringBuilder cols = new StringBuilder();
        for (int i = 0; i < header.size(); i++) {
            if (i > 0) cols.append(", ");
            String type = measures.containsKey(i) ? "DOUBLE" : "VARCHAR";
            if (enums.containsKey(i)) {
                List<String> values = new ArrayList<>();
                for (String v : enums.get(i)) values.add(literal(v));
                type = "ENUM(" + String.join(", ", values) + ")";
            }
            cols.append("'c").append(i).append("': ").append(literal(type));
        }
        return "read_csv(" + literal(file.toAbsolutePath().toString())
                + ", delim = ';', quote = '\"', escape = '\"', header = true, auto_detect = false, strict_mode = true,"
                + " decimal_separator = ',', nullstr = " + MISSING + ", columns = {" + cols + "},"
                + " store_rejects = true, rejects_table = '" + rej + "', rejects_scan = '" + scan + "')";
    }

    /**
     * The load of a clean file without staging it, DuckDB reading the file once: the distinct labels come from
     * {@link LabelScan} (Java, on its own thread beside the sha256), then one pass inserts the facts straight from
     * the file. Returns false, with no facts of this batch left, when the file has a row problem (a malformed line,
     * an empty or unknown label, a label the scan read differently from DuckDB, or in --strict an unknown area):
     * the staged load then finds each problem's line.
     */
    private boolean fastLoad(LoadContext ctx, List<String> header, Map<String, Integer> index, Map<Integer, String> measures,
                             SourceThemes themes, String sourceTable, FutureTask<String> hash,
                             FutureTask<LabelScan.Result> scanned) throws Exception {
        Connection c = ctx.connection();
        // the batch id is known only after the sha256 check: temporary tables are named by a counter of their own
        long n = TEMPS.incrementAndGet();
        String rej = "rej_fast_" + n, scan = "rejscan_fast_" + n;
        String mcat = "map_cat_" + n, mper = "map_per_" + n, mreg = "map_reg_" + n;
        String cCat = "c" + index.get(CATEGORY), cPer = "c" + index.get(PERIOD), cReg = "c" + index.get(REGION);
        List<String> temps = List.of(rej, scan, mcat, mper, mreg);
        boolean failed = false;
        try {
            // insertion order of facts does not matter: let DuckDB read and write in parallel
            exec(c, "SET preserve_insertion_order = false");
            LabelScan.Result found = await(scanned);
            LoadTiming.step("labels scan wait (Java)");
            // checked before anything is written: an export loaded before adds nothing (the hash ran beside the scan)
            if (!ctx.begin(await(hash))) return true;
            LoadTiming.step("sha256 wait and check");
            long b = ctx.batchId();
            long rows = found.rows();
            if (!found.clean() || rows == 0) return false;
            List<String> catLabels = found.labels().get(0), perLabels = found.labels().get(1), regLabels = found.labels().get(2);
            Map<String, String> catMap = new HashMap<>();
            for (String label : catLabels) {
                String t = themes.theme(label);
                if (t == null) return false;
                catMap.put(label, t);
            }
            Set<String> provisional = new java.util.TreeSet<>(), definitive = new java.util.TreeSet<>();
            for (String label : perLabels) {
                if (PeriodResolver.parse(label) == null) return false;
                (label.trim().endsWith("*") ? provisional : definitive).add(label.trim());
            }
            // all periods in two statements: a monthly file names hundreds
            Map<String, String> perMap = ctx.periods().resolveAll(perLabels);
            Map<String, String> regMap = new HashMap<>();
            List<String> unknown = new ArrayList<>();
            for (String label : regLabels) {
                String code = ctx.regions().find(label);
                if (code == null) unknown.add(label);
                else regMap.put(label, code);
            }
            if (!unknown.isEmpty() && ctx.options().strict()) return false;
            // unknown areas are created and reported, as the staged load does; a label that cannot be an area
            // (a municipality name not in the reference) is a row problem: the staged load rejects its rows
            Map<String, String> created = ctx.regions().resolveOrCreateAll(unknown, b, c);
            if (created.size() < unknown.size()) return false;
            regMap.putAll(created);
            ctx.releaseLabel(SourceTables.releaseLabel(definitive, provisional));
            indexTable(c, mcat, catLabels, catMap);
            indexTable(c, mper, perLabels, perMap);
            indexTable(c, mreg, regLabels, regMap);
            LoadTiming.step("labels resolved");
            ctx.progress(rows, 0.3);

            StringBuilder sel = new StringBuilder("SELECT " + cCat + ", " + cPer + ", " + cReg);
            List<String> on = new ArrayList<>();
            for (Map.Entry<Integer, String> m : measures.entrySet()) {
                sel.append(", c").append(m.getKey()).append(" AS \"").append(m.getValue()).append('"');
                on.add("\"" + m.getValue() + "\"");
            }
            // the label columns as ENUMs of the labels the scan found: the joins compare small integers, and a label
            // the scan did not see (it and DuckDB disagree) is a CAST reject of its column, not a lost row
            Map<Integer, List<String>> enums = Map.of(index.get(CATEGORY), catLabels, index.get(PERIOD), perLabels, index.get(REGION), regLabels);
            sel.append(" FROM ").append(readCsv(ctx.file(), header, measures, rej, scan, enums));
            // DuckDB cannot estimate the rows of a file it has not read and may build its hash tables on the file's
            // side (millions of rows, gigabytes): keep the joins as written, the small label maps as build sides
            exec(c, "SET disabled_optimizers = 'join_order,build_side_probe_side'");
            LoadTiming.profile(c);
            long facts = update(c, "INSERT INTO fct_registration (batch_id, region_code, period_code, theme_code, measure_code, "
                    + "source_table, source_category, value) SELECT " + b + ", mr.code, mp.code, mc.code, u.measure, "
                    + literal(sourceTable) + ", mc.label, u.value FROM (UNPIVOT (" + sel + ") ON " + String.join(", ", on)
                    + " INTO NAME measure VALUE value) u JOIN " + mcat + " mc ON mc.idx = enum_code(u." + cCat + ") JOIN " + mper
                    + " mp ON mp.idx = enum_code(u." + cPer + ") JOIN " + mreg + " mr ON mr.idx = enum_code(u." + cReg + ")");
            LoadTiming.step("insert pass (read_csv, unpivot)");
            LoadTiming.operators(c, "insert pass split");
            exec(c, "RESET disabled_optimizers");
            exec(c, "RESET preserve_insertion_order");
            String labelCols = (index.get(CATEGORY) + 1) + ", " + (index.get(PERIOD) + 1) + ", " + (index.get(REGION) + 1);
            if (count(c, "SELECT count(*) FROM " + rej + " WHERE error_type = 'CAST' AND column_idx IN (" + labelCols + ")") > 0) {
                // not in the transaction's result: the staged load writes this batch's facts again and names the lines
                exec(c, "DELETE FROM fct_registration WHERE batch_id = " + b);
                return false;
            }
            ctx.addRead(rows);
            ctx.addLoaded(facts);
            // text in a number column: the insert pass set the row aside
            fileRejects(ctx, header, rej);
            ctx.progress(rows, 0.9);

            Releases.replaceRegistrations(ctx, sourceTable);
            derivePopulationFromFacts(ctx, sourceTable, measures);
            reconcileFromFacts(ctx, sourceTable, catMap.keySet());
            if (regMap.containsValue("NL01")) Reconciliation.regions(ctx);
            LoadTiming.step("post: release, population, reconciliation");
            return true;
        } catch (Exception e) {
            failed = true;
            throw e;
        } finally {
            // after an engine error the transaction is aborted: the rollback drops the temp tables
            if (!failed) {
                exec(c, "RESET disabled_optimizers");
                exec(c, "RESET preserve_insertion_order");
                for (String t : temps) exec(c, "DROP TABLE IF EXISTS " + t);
            }
        }
    }

    /** {@link #derivePopulation} from the facts this batch wrote (the fast load keeps no staged copy of the file). */
    private static void derivePopulationFromFacts(LoadContext ctx, String sourceTable, Map<Integer, String> measures) throws Exception {
        if (!measures.containsValue("geregistreerde_misdrijven") || !measures.containsValue("misdrijven_per_1000_inw")) return;
        long b = ctx.batchId();
        long n = update(ctx.connection(), "INSERT INTO fct_population (batch_id, region_code, period_code, measure_code, source_table, "
                + "reference_date, value) SELECT " + b + ", c.region_code, c.period_code, 'inwoners_afgeleid', " + literal(sourceTable)
                + ", NULL, round(c.value / r.value * 1000) FROM fct_registration c JOIN fct_registration r ON r.batch_id = " + b
                + " AND r.region_code = c.region_code AND r.period_code = c.period_code AND r.source_category = c.source_category"
                + " AND r.measure_code = 'misdrijven_per_1000_inw' WHERE c.batch_id = " + b + " AND c.theme_code = 'misdrijven_totaal'"
                + " AND c.measure_code = 'geregistreerde_misdrijven' AND r.value > 0");
        if (n > 0) {
            Releases.replacePopulation(ctx, sourceTable);
            ctx.note(n + " population figures derived as count / rate x 1000 (fct_population measure inwoners_afgeleid: approximate, "
                    + "counts are rounded to 5 and rates to 0.1)");
        }
    }

    /**
     * {@link #reconcile} from the facts this batch wrote. Which categories are main groups is decided once per
     * distinct label (the same patterns {@link #reconcile} gives DuckDB), not by a regular expression on every fact;
     * a file without main groups (a buurt file of sub-categories) compares nothing.
     */
    private static void reconcileFromFacts(LoadContext ctx, String sourceTable, java.util.Collection<String> categories) throws SQLException {
        long b = ctx.batchId();
        java.util.regex.Pattern group = java.util.regex.Pattern.compile(sourceTable.startsWith("47")
                ? "^([1-9] |[0-9]+\\.[0-9]+\\.[0-9]+ )" : "^[1-9] ");
        List<String> groups = new ArrayList<>();
        for (String label : new java.util.TreeSet<>(categories)) {
            if (group.matcher(label).find()) groups.add(literal(label));
        }
        if (groups.isEmpty()) return;
        String facts = "FROM fct_registration WHERE batch_id = " + b + " AND measure_code = 'geregistreerde_misdrijven'";
        String sql = "WITH t AS (SELECT region_code, period_code, value AS total " + facts + " AND theme_code = 'misdrijven_totaal'), "
                + "g AS (SELECT region_code, period_code, sum(value) AS sg, count(value) AS n " + facts
                + " AND theme_code <> 'misdrijven_totaal' AND source_category IN (" + String.join(", ", groups) + ") GROUP BY ALL) "
                + "SELECT t.region_code, t.period_code, t.total, g.sg, g.n FROM t JOIN g USING (region_code, period_code)";
        noteReconciliation(ctx, sql, tmp -> "SELECT region_code, period_code, total, sg, n FROM " + tmp
                + " WHERE sg <> total ORDER BY abs(sg - total) DESC, 1, 2 LIMIT 3");
    }

    /** Rows DuckDB set aside: text in a number column is a row reject, anything structural is fatal. */
    private static long fileRejects(LoadContext ctx, List<String> header, String rej) throws Exception {
        Connection c = ctx.connection();
        List<Object[]> rows = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT line, column_idx, error_type, csv_line, error_message FROM " + rej + " ORDER BY line, column_idx")) {
            while (rs.next()) {
                rows.add(new Object[] {rs.getLong(1), rs.getObject(2), rs.getString(3), rs.getString(4), rs.getString(5)});
            }
        }
        Set<Long> seen = new HashSet<>();
        List<String> examples = new ArrayList<>();
        for (Object[] r : rows) {
            long line = (Long) r[0];
            String type = (String) r[2];
            String csvLine = (String) r[3];
            Integer idx = r[1] == null ? null : ((Number) r[1]).intValue() - 1;
            String col = idx != null && idx >= 0 && idx < header.size() ? header.get(idx).trim() : null;
            if (!"CAST".equals(type)) {
                throw new SourceFormatException(ctx.file(), line, col, csvLine, structural(type, header.size(), (String) r[4]));
            }
            if (!seen.add(line)) continue;
            List<String> fields = Delimited.split(csvLine == null ? "" : csvLine, ';');
            String value = idx != null && idx < fields.size() ? fields.get(idx) : null;
            String reason = "text in a number column: expected a number with decimal comma (e.g. 30,8) or a missing-value symbol (empty . x -)";
            ctx.reject(line, col, value, reason, csvLine);
        }
        return seen.size();
    }

    private static String structural(String type, int columns, String message) {
        switch (type) {
            case "MISSING COLUMNS":
                return columns + " fields as in the header (truncated line or file, or a lost ';'); DuckDB: " + message;
            case "TOO MANY COLUMNS":
                return columns + " fields as in the header (a stray ';' or an unquoted label); DuckDB: " + message;
            case "INVALID UNICODE":
            case "INVALID ENCODING":
                return "UTF-8 text (save the file as UTF-8, as CBS publishes it)";
            case "UNQUOTED VALUE":
                return "a properly quoted field (\"...\" with inner quotes doubled); DuckDB: " + message;
            default:
                return "a well-formed ';'-separated line (" + type + "); DuckDB: " + message;
        }
    }

    private static Set<Long> rejectedLines(Connection c, String rej) throws SQLException {
        Set<Long> s = new HashSet<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT DISTINCT line FROM " + rej)) {
            while (rs.next()) s.add(rs.getLong(1));
        }
        return s;
    }

    /** Distinct non-null values of a staged column with the first record they occur in. */
    private static Map<String, Long> distinct(Connection c, String stg, String col, long base) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT " + col + ", min(rowid) - " + base + " FROM " + stg + " WHERE " + col + " IS NOT NULL GROUP BY " + col)) {
            while (rs.next()) out.put(rs.getString(1), rs.getLong(2));
        }
        return out;
    }

    /** The label scan on its own thread (beside the sha256): label columns category, period, region. */
    private static FutureTask<LabelScan.Result> labelScan(Path file, Map<String, Integer> index) {
        int[] cols = {index.get(CATEGORY), index.get(PERIOD), index.get(REGION)};
        FutureTask<LabelScan.Result> task = new FutureTask<>(() -> {
            long t0 = System.nanoTime();
            LabelScan.Result r = LabelScan.scan(file, cols, MISSING_VALUES);
            LoadTiming.took("labels scan (own thread)", System.nanoTime() - t0);
            return r;
        });
        Thread t = new Thread(task, "labels " + file.getFileName());
        t.setDaemon(true);
        t.start();
        return task;
    }

    /** Label position (its ENUM code) -> label and code. */
    private static void indexTable(Connection c, String name, List<String> labels, Map<String, String> map) throws SQLException {
        exec(c, "CREATE TEMP TABLE " + name + " (idx INTEGER NOT NULL, label VARCHAR NOT NULL, code VARCHAR NOT NULL)");
        try (org.duckdb.DuckDBAppender app = c.unwrap(org.duckdb.DuckDBConnection.class).createAppender("temp", "main", name)) {
            for (int i = 0; i < labels.size(); i++) app.beginRow().append(i).append(labels.get(i)).append(map.get(labels.get(i))).endRow();
        }
    }

    private static void mapTable(Connection c, String name, Map<String, String> map) throws SQLException {
        exec(c, "CREATE TEMP TABLE " + name + " (label VARCHAR NOT NULL, code VARCHAR NOT NULL)");
        // appender: a file may name tens of thousands of areas (buurten)
        try (org.duckdb.DuckDBAppender app = c.unwrap(org.duckdb.DuckDBConnection.class).createAppender("temp", "main", name)) {
            for (Map.Entry<String, String> e : map.entrySet()) app.beginRow().append(e.getKey()).append(e.getValue()).endRow();
        }
    }

    /** The row re-assembled from the staged fields (numbers as parsed), for load_rejected_row.raw_text. */
    private static String rawText(List<String> header, Map<Integer, String> measures) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            parts.add(measures.containsKey(i)
                    ? "coalesce(replace(CAST(s.c" + i + " AS VARCHAR), '.', ','), '')"
                    : "coalesce('\"' || s.c" + i + " || '\"', '')");
        }
        return "concat_ws(';', " + String.join(", ", parts) + ")";
    }

    /**
     * Population implied by the published rate: count / (count per 1,000 inhabitants) x 1,000, from the
     * "Misdrijven, totaal" rows. Approximate (counts rounded to 5, rates to 0.1), so it is kept apart as
     * measure inwoners_afgeleid; it fills the years no real population file covers (2013-2017 per municipality).
     */
    private static void derivePopulation(LoadContext ctx, String sourceTable, String stg, String cCat, String cPer, String cReg,
                                         String mcat, String mper, String mreg, String countCol, String rateCol) throws Exception {
        if (countCol == null || rateCol == null) return;
        long n = update(ctx.connection(), "INSERT INTO fct_population (batch_id, region_code, period_code, measure_code, source_table, "
                + "reference_date, value) SELECT " + ctx.batchId() + ", mr.code, mp.code, 'inwoners_afgeleid', " + literal(sourceTable)
                + ", NULL, round(s." + countCol + " / s." + rateCol + " * 1000) FROM " + stg + " s JOIN " + mcat + " mc ON mc.label = s." + cCat
                + " JOIN " + mper + " mp ON mp.label = s." + cPer + " JOIN " + mreg + " mr ON mr.label = s." + cReg
                + " WHERE mc.code = 'misdrijven_totaal' AND s." + rateCol + " > 0 AND s." + countCol + " IS NOT NULL");
        if (n > 0) {
            Releases.replacePopulation(ctx, sourceTable);
            ctx.note(n + " population figures derived as count / rate x 1000 (fct_population measure inwoners_afgeleid: approximate, "
                    + "counts are rounded to 5 and rates to 0.1)");
        }
    }

    /**
     * Published "Misdrijven, totaal" against the sum of the main groups (1 .. 9) per area and period, computed on
     * the staged rows (the same comparison v_reconcile_category_total shows from the facts).
     */
    private static void reconcile(LoadContext ctx, String sourceTable, String stg, String cCat, String cPer, String cReg,
                                  String mcat, String mper, String mreg, String countCol) throws SQLException {
        if (countCol == null) return;
        String groups = sourceTable.startsWith("47") ? "regexp_matches(s." + cCat + ", '^([1-9] |[0-9]+\\.[0-9]+\\.[0-9]+ )')"
                : "regexp_matches(s." + cCat + ", '^[1-9] ')";
        String sql = "WITH t AS (SELECT s." + cReg + " AS reg, s." + cPer + " AS per, s." + countCol + " AS total FROM " + stg + " s JOIN " + mcat
                + " mc ON mc.label = s." + cCat + " WHERE mc.code = 'misdrijven_totaal' AND s." + countCol + " IS NOT NULL), "
                + "g AS (SELECT s." + cReg + " AS reg, s." + cPer + " AS per, sum(s." + countCol + ") AS sg, count(s." + countCol + ") AS n FROM " + stg
                + " s JOIN " + mcat + " mc ON mc.label = s." + cCat + " WHERE mc.code <> 'misdrijven_totaal' AND " + groups + " GROUP BY ALL) "
                + "SELECT t.reg, t.per, t.total, g.sg, g.n FROM t JOIN g USING (reg, per)";
        noteReconciliation(ctx, sql, tmp -> "SELECT mr.code, mp.code, x.total, x.sg, x.n FROM " + tmp + " x JOIN " + mreg
                + " mr ON mr.label = x.reg JOIN " + mper + " mp ON mp.label = x.per WHERE x.sg <> x.total ORDER BY abs(x.sg - x.total) DESC, 1, 2 LIMIT 3");
    }

    /**
     * Runs a comparison (area, period, total, sg = sum of the groups, n = groups) into a temporary table and notes
     * how many area-periods differ, with the three largest ({@code largest}: their area and period codes, from the table).
     */
    private static void noteReconciliation(LoadContext ctx, String comparison, java.util.function.UnaryOperator<String> largest)
            throws SQLException {
        String tmp = "recon_" + ctx.batchId();
        exec(ctx.connection(), "CREATE TEMP TABLE " + tmp + " AS " + comparison);
        List<String> shown = new ArrayList<>();
        long compared, differ;
        try {
            compared = count(ctx.connection(), "SELECT count(*) FROM " + tmp);
            differ = count(ctx.connection(), "SELECT count(*) FROM " + tmp + " WHERE sg <> total");
            try (Statement st = ctx.connection().createStatement(); ResultSet rs = st.executeQuery(
                    largest.apply(tmp))) {
                while (rs.next()) {
                    shown.add(String.format("%s %s: total %s, sum of %d groups %s", rs.getString(1), rs.getString(2),
                            SourceTables.fmt(rs.getDouble(3)), rs.getInt(5), SourceTables.fmt(rs.getDouble(4))));
                }
            }
        } finally {
            exec(ctx.connection(), "DROP TABLE IF EXISTS " + tmp);
        }
        if (compared == 0) return;
        ctx.note(String.format("reconciliation: published total vs sum of the main groups differs in %,d of %,d area-periods%s"
                        + " (kept as published; see v_reconcile_category_total)", differ, compared,
                shown.isEmpty() ? "" : ", largest: " + String.join("; ", shown)));
    }

    private static final java.util.concurrent.atomic.AtomicLong TEMPS = new java.util.concurrent.atomic.AtomicLong();

    private static void exec(Connection c, String sql) throws SQLException {
        SourceTables.exec(c, sql);
    }

    private static long update(Connection c, String sql) throws SQLException {
        return SourceTables.update(c, sql);
    }

    private static long count(Connection c, String sql) throws SQLException {
        return SourceTables.count(c, sql);
    }

    private static String literal(String s) {
        return SourceTables.literal(s);
    }
}
