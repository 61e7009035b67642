package nl.ivz.warehouse.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes a synthetic country in the published source layouts, streaming (memory does not grow with the scale
 * beyond the area list):
 * <ul>
 * <li>{@code registrations/misdrijven_buurt_maand.csv}: monthly registered crimes per buurt, 58 police crime
 *     kinds plus the total, StatLine "CSV met labels" (BOM, {@code ;}, quoted labels); police figures, not rounded;</li>
 * <li>{@code registrations/misdrijven_gemeente_jaar.csv}: the same summed per municipality and year in the
 *     83648NED layout: counts rounded to 5, % of total and per 1,000 inhabitants with decimal comma, empty for
 *     municipalities that did not exist that year (mergers);</li>
 * <li>{@code population/}: population on 1 January per municipality and year, OData v4 (03759ned layout:
 *     Observations page plus code lists);</li>
 * <li>{@code veiligheidsmonitor/vm_burgers_en_politie.csv}: 81928NED layout (value and 95% margin rows) for the
 *     country, units, districts, basisteams and municipalities;</li>
 * <li>{@code reference/}: the project's national geography (municipalities, reorganisations, units, provinces,
 *     politieregio's) as it is, with each municipality's unit replaced by a made-up basisteam of that unit in
 *     geography_memberships.csv; the made-up districts, basisteams, wijken and buurten with their memberships; the
 *     crime-kind theme mapping (plus themes and measures copied from the project's reference folder when given).</li>
 * </ul>
 */
public final class Generator {
    public static final String BUURT_FILE = "registrations/99990NED_misdrijven_buurt_maand.csv";
    public static final String GEMEENTE_FILE = "registrations/83648NED_misdrijven_gemeente_jaar.csv";
    public static final String POPULATION_DIR = "population";
    public static final String VM_FILE = "veiligheidsmonitor/81928NED_vm_burgers_en_politie.csv";
    /** The made-up areas: districts and basisteams outside Oost-Nederland, wijken, buurten. */
    public static final String REGIONS_FILE = "reference/regions_bench.csv";
    public static final String MEMBERSHIPS_FILE = "reference/region_memberships_bench.csv";
    /** The project's geography_memberships.csv with each municipality's unit replaced by a basisteam of that unit. */
    public static final String GEO_MEMBERSHIPS_FILE = "reference/" + Country.GEO_MEMBERSHIPS_FILE;
    /** Copied as they are from the project's reference folder: the real national geography. */
    static final List<String> REAL_GEOGRAPHY = List.of("regions.csv", "regions_politieregio.csv", "region_memberships.csv",
            "region_memberships_politieregio.csv", Country.GEMEENTEN_FILE, Country.SUCCESSORS_FILE);
    /** Manifest value of the country the data was generated on; data of another one is generated again (bump it when the country changes). */
    public static final String COUNTRY_KIND = "national-geography-re05";
    public static final String THEME_MAPPINGS_FILE = "reference/theme_mappings_synthetic.csv";
    /**
     * Classification systems of map_source_theme the crime-kind labels are mapped under: the StatLine CSV loader
     * reads Soort misdrijf through the CBS system, police tables through the police one.
     */
    public static final List<String> THEME_SYSTEMS = List.of("cbs-soortmisdrijf", "politie-soortmisdrijf");

    static final String[] MONTHS = {"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
            "september", "oktober", "november", "december"};
    static final int[] VM_YEARS = {2012, 2013, 2014, 2015, 2016, 2017, 2019, 2021, 2023, 2025};
    /** Figures of the last year are provisional, as StatLine marks them. */
    static final int PROVISIONAL_YEAR = Country.LAST_YEAR;

    static final String STATLINE_HEADER = "\"Soort misdrijf\";\"Perioden\";\"Regio's\";"
            + "\"Geregistreerde misdrijven/Totaal geregistreerde misdrijven (aantal)\";"
            + "\"Geregistreerde misdrijven/Geregistreerde misdrijven, relatief (% van totaal geregistreerde misdrijven)\";"
            + "\"Geregistreerde misdrijven/Geregistreerde misdrijven per 1000 inw.  (per 1 000 inwoners)\"";

    /** What was written: rows per file (data rows, header excluded) and bytes. */
    public record Result(Country country, Map<String, Long> rows, Map<String, Long> bytes, long millis) {
        public long rows(String file) {
            return rows.getOrDefault(file, 0L);
        }
    }

    private final Country country;
    private final Path out;
    private final PrintStream progress;
    private final Map<String, Long> rows = new LinkedHashMap<>();
    private final Map<String, Long> bytes = new LinkedHashMap<>();

    public Generator(Country country, Path out, PrintStream progress) {
        this.country = country;
        this.out = out;
        this.progress = progress;
    }

    /** Generates everything; {@code projectReference} (may be null) holds themes.csv and measures.csv to copy. */
    public Result generate(Path projectReference) throws IOException {
        long start = System.nanoTime();
        Files.createDirectories(out);
        writeReference(projectReference);
        long[][][] yearly = writeBuurtMonths();
        writeGemeenteYears(yearly);
        writeTargets(yearly);
        writePopulation();
        writeVeiligheidsmonitor();
        writePlans();
        writeSurveyResponse();
        Result r = new Result(country, rows, bytes, (System.nanoTime() - start) / 1_000_000);
        writeManifest(r);
        return r;
    }

    public static final String MANIFEST = "manifest.properties";
    public static final String PLANS_DIR = "plans";
    public static final String SURVEY_RESPONSE_FILE = "survey/vm_respons_gemeenten.csv";

    /** Plan matrix columns: theme, label as the plans write it, share of local plans that prioritise it. */
    record PlanTheme(String theme, String label, double share) { }

    static final List<PlanTheme> PLAN_THEMES = List.of(
            new PlanTheme("woninginbraak", "Woninginbraken (high impact crime)", 0.85),
            new PlanTheme("georganiseerde_criminaliteit", "Ondermijning en georganiseerde criminaliteit", 0.75),
            new PlanTheme("overlast_verwarde_personen", "Personen met verward gedrag", 0.65),
            new PlanTheme("jeugdoverlast", "Jeugdoverlast en jeugdgroepen", 0.60),
            new PlanTheme("geweld", "Geweld en huiselijk geweld", 0.55),
            new PlanTheme("subjectieve_veiligheid", "Veiligheidsgevoel en burgerparticipatie", 0.50),
            new PlanTheme("zorg_en_veiligheid", "Zorg en veiligheid (zorgveiligheidshuis)", 0.45),
            new PlanTheme("woonoverlast", "Woonoverlast en burenruzies", 0.40),
            new PlanTheme("drugsoverlast", "Drugsoverlast en drugshandel", 0.40),
            new PlanTheme("verkeersveiligheid", "Verkeersveiligheid", 0.35),
            new PlanTheme("fietsendiefstal", "Fietsendiefstal", 0.25),
            new PlanTheme("vernieling", "Vernielingen en vandalisme", 0.25),
            new PlanTheme("kvo_bedrijven", "Keurmerk Veilig Ondernemen", 0.20),
            new PlanTheme("veilig_uitgaan", "Veilig uitgaan (horeca)", 0.20),
            new PlanTheme("polarisatie_radicalisering", "Polarisatie en radicalisering", 0.20),
            new PlanTheme("veilige_evenementen", "Veilige evenementen", 0.15),
            new PlanTheme("straatroof", "Straatroof en overvallen", 0.10),
            new PlanTheme("crisisbeheersing", "Crisisbeheersing en rampenbestrijding", 0.10));

    /** Scale, seed and rows per file, so the suite can reuse generated data (written last: its presence means complete). */
    private void writeManifest(Result r) throws IOException {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("scale", trim(country.scale));
        p.setProperty("seed", Long.toString(country.seed));
        p.setProperty("country", COUNTRY_KIND);
        for (var e : r.rows().entrySet()) p.setProperty("rows." + e.getKey(), Long.toString(e.getValue()));
        p.setProperty("buurten", Integer.toString(country.buurten.size()));
        p.setProperty("gemeenten", Integer.toString(country.gemeenten.size()));
        p.setProperty("millis", Long.toString(r.millis()));
        try (var o = Files.newOutputStream(out.resolve(MANIFEST))) {
            p.store(o, "ivz bench generate");
        }
    }

    static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    // ------------------------------------------------------------------ reference

    private void writeReference(Path projectReference) throws IOException {
        Path target = out.resolve("reference");
        Files.createDirectories(target);
        for (String f : REAL_GEOGRAPHY) {
            Files.copy(country.reference.resolve(f), target.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        try (Out o = new Out(out.resolve(REGIONS_FILE))) {
            o.text("region_code,region_name,region_level,valid_from,valid_to,aliases\n");
            long n = 0;
            List<Country.Area> areas = new ArrayList<>();
            areas.addAll(country.districts);
            areas.addAll(country.basisteams);
            areas.addAll(country.wijken);
            country.buurten.forEach(b -> areas.add(b.area));
            for (Country.Area a : areas) {
                if (a.real) continue;
                String alias = a.label.equals(a.name) ? "" : a.label.toLowerCase(Locale.ROOT);
                o.text(a.code).ch(',').text(csv(a.name)).ch(',').text(a.level).ch(',')
                        .text(a.validFrom == null ? "" : a.validFrom.toString()).ch(',')
                        .text(a.validTo == null ? "" : a.validTo.toString()).ch(',').text(csv(alias)).ch('\n');
                n++;
            }
            done(REGIONS_FILE, n, o);
        }
        try (Out o = new Out(out.resolve(MEMBERSHIPS_FILE))) {
            o.text("region_code,hierarchy,parent_code,valid_from,valid_to\n");
            long n = 0;
            for (Country.Area a : country.districts) if (!a.real) n += member(o, a, "politie", a.parent, a.validFrom, null);
            for (Country.Area a : country.basisteams) if (!a.real) n += member(o, a, "politie", a.parent, a.validFrom, null);
            for (Country.Area w : country.wijken) {
                // newest first: the wijk hangs under its oldest municipality until that one ended, then under the next
                List<Country.Area> lineage = country.wijkLineage.get(w);
                for (int i = lineage.size() - 1; i >= 0; i--) {
                    Integer from = i == lineage.size() - 1 ? null : lineage.get(i + 1).validTo + 1;
                    Integer to = i == 0 ? null : lineage.get(i).validTo;
                    n += member(o, w, "bestuurlijk", lineage.get(i), from, to);
                }
            }
            for (Country.Buurt b : country.buurten) n += member(o, b.area, "bestuurlijk", b.wijk, null, null);
            done(MEMBERSHIPS_FILE, n, o);
        }
        try (Out o = new Out(out.resolve(GEO_MEMBERSHIPS_FILE))) {
            o.text("region_code,hierarchy,parent_code,valid_from,valid_to\n");
            long n = 0;
            for (Map<String, String> r : Country.readCsv(country.reference.resolve(Country.GEO_MEMBERSHIPS_FILE))) {
                if (!"bestuurlijk".equals(r.get("hierarchy"))) continue;
                o.text(r.get("region_code")).ch(',').text("bestuurlijk,").text(r.get("parent_code")).ch(',').text(r.get("valid_from"))
                        .ch(',').text(r.get("valid_to")).ch('\n');
                n++;
            }
            for (Country.PoliceMembership p : country.police) n += member(o, p.gemeente(), "politie", p.basisteam(), p.validFrom(), p.validTo());
            done(GEO_MEMBERSHIPS_FILE, n, o);
        }
        try (Out o = new Out(out.resolve(THEME_MAPPINGS_FILE))) {
            o.text("source_system,source_code,source_label,theme_code\n");
            for (String system : THEME_SYSTEMS) {
                o.text(system + "," + CrimeTypes.TOTAL_CODE + "," + csv(CrimeTypes.TOTAL_LABEL) + "," + CrimeTypes.TOTAL_THEME + "\n");
                for (CrimeTypes.Type t : CrimeTypes.DETAIL) {
                    o.text(system + "," + t.code() + "," + csv(t.label()) + "," + t.theme() + "\n");
                }
            }
            for (PlanTheme t : PLAN_THEMES) {
                o.text("plan-lokaal," + csv(t.label().toLowerCase(Locale.ROOT)) + "," + csv(t.label()) + "," + t.theme() + "\n");
            }
            done(THEME_MAPPINGS_FILE, (long) THEME_SYSTEMS.size() * (CrimeTypes.DETAIL.size() + 1) + PLAN_THEMES.size(), o);
        }
        copyProjectReference(projectReference, out);
    }

    /**
     * Copies the project's reference files into {@code out/reference} (every CSV but geography_memberships.csv, whose
     * police side is this country's); the suite calls it again before each run so data generated earlier picks up
     * mappings added since.
     */
    public static void copyProjectReference(Path projectReference, Path out) throws IOException {
        if (projectReference == null || !Files.isDirectory(projectReference)) return;
        Path target = out.resolve("reference");
        Files.createDirectories(target);
        try (var files = Files.list(projectReference)) {
            for (Path src : files.sorted().toList()) {
                String name = src.getFileName().toString();
                if (!name.endsWith(".csv") || name.equals(Country.GEO_MEMBERSHIPS_FILE)) continue;
                Files.copy(src, target.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static int member(Out o, Country.Area a, String hierarchy, Country.Area parent, Integer from, Integer to) throws IOException {
        o.text(a.code).ch(',').text(hierarchy).ch(',').text(parent.code).ch(',')
                .text(from == null ? "" : from.toString()).ch(',').text(to == null ? "" : to.toString()).ch('\n');
        return 1;
    }

    static String csv(String s) {
        return s.indexOf(',') >= 0 || s.indexOf('"') >= 0 ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    private void done(String file, long n, Out o) {
        rows.put(file, n);
        bytes.put(file, o.bytesWritten());
    }

    // ------------------------------------------------------------------ registrations

    static String periodLabel(int year, int month) {
        return year + " " + MONTHS[month - 1] + (year >= PROVISIONAL_YEAR ? "*" : "");
    }

    static String yearLabel(int year) {
        return year + (year >= PROVISIONAL_YEAR ? "*" : "");
    }

    /** Poisson draw (Knuth below 30, normal approximation above). */
    static int poisson(SplittableRandom r, double lambda) {
        if (lambda <= 0) return 0;
        if (lambda < 30) {
            double l = Math.exp(-lambda);
            int k = 0;
            double p = 1;
            do {
                k++;
                p *= r.nextDouble();
            } while (p > l);
            return k - 1;
        }
        return (int) Math.max(0, Math.round(lambda + Math.sqrt(lambda) * r.nextGaussian()));
    }

    /**
     * Streams the buurt x month x kind file and returns the yearly sums per municipality (index in
     * allMunicipalities) x year x kind (kind 0 = total).
     */
    private long[][][] writeBuurtMonths() throws IOException {
        List<CrimeTypes.Type> types = CrimeTypes.DETAIL;
        int nt = types.size();
        int years = Country.LAST_YEAR - Country.FIRST_YEAR + 1;
        int months = years * 12;
        // national crimes per inhabitant per month for kind x month index, around the 2013 population
        double[][] rate = new double[nt][months];
        for (int t = 0; t < nt; t++) {
            for (int i = 0; i < months; i++) {
                int year = Country.FIRST_YEAR + i / 12;
                rate[t][i] = types.get(t).perYear2013() / 16_780_000.0 / 12
                        * CrimeTypes.yearFactor(types.get(t), year) * CrimeTypes.monthFactor(types.get(t), i % 12 + 1);
            }
        }
        double popSum = 0;
        double weighted = 0;
        for (Country.Buurt b : country.buurten) {
            popSum += b.area.population;
            weighted += b.area.population * b.crimeFactor;
        }
        double norm = popSum == 0 ? 1 : weighted / popSum;

        List<Country.Area> muns = country.allMunicipalities();
        Map<Country.Area, Integer> munIndex = new IdentityHashMap<>();
        for (int i = 0; i < muns.size(); i++) munIndex.put(muns.get(i), i);
        long[][][] yearly = new long[muns.size()][years][nt + 1];

        byte[][] typeLabels = new byte[nt + 1][];
        typeLabels[0] = Out.quoted(CrimeTypes.TOTAL_LABEL);
        for (int t = 0; t < nt; t++) typeLabels[t + 1] = Out.quoted(types.get(t).label());
        byte[][] periods = new byte[months][];
        for (int i = 0; i < months; i++) periods[i] = Out.quoted(periodLabel(Country.FIRST_YEAR + i / 12, i % 12 + 1));
        byte[] sep = {';'};
        byte[] tail = ";;\n".getBytes(StandardCharsets.US_ASCII);

        int[] counts = new int[nt];
        long n = 0;
        long started = System.nanoTime();
        try (Out o = new Out(out.resolve(BUURT_FILE))) {
            o.bytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}).text(STATLINE_HEADER).ch('\n');
            int done = 0;
            for (Country.Buurt b : country.buurten) {
                SplittableRandom r = new SplittableRandom(country.seed * 1_000_003L + b.area.code.hashCode());
                byte[] region = Out.quoted(b.area.label);
                for (int i = 0; i < months; i++) {
                    int year = Country.FIRST_YEAR + i / 12;
                    double scale = b.area.population(year) * b.crimeFactor / norm;
                    long[] acc = yearly[munIndex.get(b.gemeenteIn(year))][i / 12];
                    int total = 0;
                    for (int t = 0; t < nt; t++) {
                        counts[t] = poisson(r, rate[t][i] * scale);
                        total += counts[t];
                        acc[t + 1] += counts[t];
                    }
                    acc[0] += total;
                    o.bytes(typeLabels[0]).bytes(sep).bytes(periods[i]).bytes(sep).bytes(region).bytes(sep).number(total).bytes(tail);
                    for (int t = 0; t < nt; t++) {
                        o.bytes(typeLabels[t + 1]).bytes(sep).bytes(periods[i]).bytes(sep).bytes(region).bytes(sep)
                                .number(counts[t]).bytes(tail);
                    }
                    n += nt + 1;
                }
                if (progress != null && ++done % 1000 == 0) {
                    double s = (System.nanoTime() - started) / 1e9;
                    progress.printf("  %s: %,d rows (%.0f%%), %,.0f rows/s%n", BUURT_FILE, n,
                            100.0 * done / country.buurten.size(), n / Math.max(s, 1e-9));
                }
            }
            done(BUURT_FILE, n, o);
        }
        return yearly;
    }

    static long roundTo5(long v) {
        return Math.round(v / 5.0) * 5;
    }

    static boolean existsIn(Country.Area gm, int year) {
        return gm.existsIn(year);
    }

    private void writeGemeenteYears(long[][][] yearly) throws IOException {
        List<Country.Area> muns = country.allMunicipalities();
        Integer[] order = new Integer[muns.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        java.util.Arrays.sort(order, Comparator.comparing((Integer i) -> muns.get(i).label.toLowerCase(Locale.ROOT))
                .thenComparing(i -> muns.get(i).code));
        int nt = CrimeTypes.DETAIL.size();
        long n = 0;
        try (Out o = new Out(out.resolve(GEMEENTE_FILE))) {
            o.bytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}).text(STATLINE_HEADER).ch('\n');
            for (int t = 0; t <= nt; t++) {
                byte[] label = Out.quoted(t == 0 ? CrimeTypes.TOTAL_LABEL : CrimeTypes.DETAIL.get(t - 1).label());
                for (int m : order) {
                    Country.Area gm = muns.get(m);
                    byte[] region = Out.quoted(gm.label);
                    for (int y = 0; y <= Country.LAST_YEAR - Country.FIRST_YEAR; y++) {
                        int year = Country.FIRST_YEAR + y;
                        o.bytes(label).ch(';').bytes(Out.quoted(yearLabel(year))).ch(';').bytes(region).ch(';');
                        if (existsIn(gm, year)) {
                            long count = yearly[m][y][t];
                            long total = yearly[m][y][0];
                            o.number(roundTo5(count)).ch(';')
                                    .decimal1(total == 0 ? 0 : 100.0 * count / total, ',').ch(';')
                                    .decimal1(1000.0 * count / gm.population(year), ',').ch('\n');
                        } else {
                            o.ch(';').ch(';').ch('\n');
                        }
                        n++;
                    }
                }
            }
            done(GEMEENTE_FILE, n, o);
        }
    }

    // ------------------------------------------------------------------ population (OData v4, 03759ned layout)

    private static final String ODATA = "https://datasets.cbs.nl/odata/v1/CBS/03759ned";

    private void writePopulation() throws IOException {
        Path dir = out.resolve(POPULATION_DIR);
        Files.createDirectories(dir);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        List<Map<String, Object>> obs = new ArrayList<>();
        List<Map<String, Object>> regions = new ArrayList<>();
        int id = 0;
        regions.add(code("NL01", regions.size() + 1, "Nederland", "NL"));
        for (Country.Area gm : country.allMunicipalities()) regions.add(code(gm.code, regions.size() + 1, gm.name, "GM"));
        for (int year = Country.FIRST_YEAR; year <= Country.LAST_YEAR; year++) {
            double nl = 0;
            List<Map<String, Object>> yearObs = new ArrayList<>();
            for (Country.Area gm : country.allMunicipalities()) {
                if (!existsIn(gm, year)) continue;
                long v = Math.round(gm.population(year));
                nl += v;
                yearObs.add(observation(0, v, gm.code, year));
            }
            obs.add(observation(0, Math.round(nl), "NL01", year));
            obs.addAll(yearObs);
        }
        for (Map<String, Object> o : obs) o.put("Id", id++);
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("@odata.context", ODATA + "/$metadata#Observations");
        page.put("value", obs);
        json.writeValue(dir.resolve("observations-page-1.json").toFile(), page);
        rows.put(POPULATION_DIR + "/observations-page-1.json", (long) obs.size());

        List<Map<String, Object>> periods = new ArrayList<>();
        for (int year = Country.FIRST_YEAR; year <= Country.LAST_YEAR; year++) {
            Map<String, Object> p = code(year + "JJ00", periods.size() + 1, Integer.toString(year), "0");
            p.put("Status", year >= PROVISIONAL_YEAR ? "Voorlopig" : "Definitief");
            periods.add(p);
        }
        writeList(json, dir.resolve("codes-RegioS.json"), "RegioSCodes", regions);
        writeList(json, dir.resolve("codes-Perioden.json"), "PeriodenCodes", periods);
        writeList(json, dir.resolve("codes-Geslacht.json"), "GeslachtCodes", List.of(code("T001038", 1, "Totaal mannen en vrouwen", null)));
        writeList(json, dir.resolve("codes-Leeftijd.json"), "LeeftijdCodes", List.of(code("10000", 1, "Totaal", "1")));
        writeList(json, dir.resolve("codes-BurgerlijkeStaat.json"), "BurgerlijkeStaatCodes", List.of(code("T001019", 1, "Totaal burgerlijke staat", null)));
        Map<String, Object> measure = new LinkedHashMap<>();
        measure.put("Identifier", "M000352");
        measure.put("Index", 5);
        measure.put("Title", "Bevolking op 1 januari");
        measure.put("Description", "Bevolking: de inwoners van een bepaald gebied (synthetisch, ivz bench generate).");
        measure.put("MeasureGroupId", null);
        measure.put("DataType", "Long");
        measure.put("Unit", "aantal");
        measure.put("Decimals", 0);
        measure.put("PresentationType", "Absolute");
        writeList(json, dir.resolve("measure-codes.json"), "MeasureCodes", List.of(measure));
        List<Map<String, Object>> dims = new ArrayList<>();
        for (String[] d : new String[][] {{"BurgerlijkeStaat", "Burgerlijke staat", "Dimension"}, {"Geslacht", "Geslacht", "Dimension"},
                {"Leeftijd", "Leeftijd", "Dimension"}, {"RegioS", "Regio's", "GeoDimension"}, {"Perioden", "Perioden", "TimeDimension"}}) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("Identifier", d[0]);
            m.put("Title", d[1]);
            m.put("Description", "");
            m.put("Kind", d[2]);
            m.put("ContainsCodes", true);
            m.put("CodesUrl", ODATA + "/" + d[0] + "Codes");
            dims.add(m);
        }
        writeList(json, dir.resolve("dimensions.json"), "Dimensions", dims);
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("@odata.context", ODATA + "/$metadata#Properties");
        props.put("Identifier", "03759ned");
        props.put("Title", "Bevolking op 1 januari en gemiddeld; geslacht, leeftijd en regio");
        props.put("Description", "Synthetic country generated by ivz bench generate (scale " + country.scale + ", seed " + country.seed + ")");
        props.put("Language", "nl");
        props.put("ObservationCount", obs.size());
        json.writeValue(dir.resolve("properties.json").toFile(), props);
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("tableId", "03759ned");
        index.put("source", ODATA);
        index.put("sliceFilter", "Geslacht eq 'T001038' and Leeftijd eq '10000' and BurgerlijkeStaat eq 'T001019'");
        index.put("sampleOnly", false);
        index.put("observationRows", obs.size());
        index.put("observationPages", List.of("observations-page-1.json"));
        Map<String, String> files = new LinkedHashMap<>();
        for (String f : List.of("properties", "dimensions", "measure-codes", "codes-BurgerlijkeStaat", "codes-Geslacht",
                "codes-Leeftijd", "codes-RegioS", "codes-Perioden")) files.put(f, f + ".json");
        index.put("files", files);
        json.writeValue(dir.resolve("index.json").toFile(), index);
    }

    private static Map<String, Object> observation(int id, long value, String region, int year) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("Id", id);
        o.put("Measure", "M000352");
        o.put("ValueAttribute", "None");
        o.put("Value", value);
        o.put("StringValue", null);
        o.put("BurgerlijkeStaat", "T001019");
        o.put("Geslacht", "T001038");
        o.put("Leeftijd", "10000");
        o.put("RegioS", region);
        o.put("Perioden", year + "JJ00");
        return o;
    }

    private static Map<String, Object> code(String id, int index, String title, String group) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Identifier", id);
        m.put("Index", index);
        m.put("Title", title);
        m.put("Description", "");
        m.put("DimensionGroupId", group);
        return m;
    }

    private static void writeList(ObjectMapper json, Path file, String what, List<Map<String, Object>> values) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("@odata.context", ODATA + "/$metadata#" + what);
        m.put("value", values);
        json.writeValue(file.toFile(), m);
    }

    // ------------------------------------------------------------------ Veiligheidsmonitor (81928NED layout)

    private void writeVeiligheidsmonitor() throws IOException {
        List<String> lines = new ArrayList<>();
        try (InputStream in = Generator.class.getResourceAsStream("/bench/vm-81928NED-header.csv")) {
            if (in == null) throw new IllegalStateException("resource /bench/vm-81928NED-header.csv missing from the jar");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) if (!line.startsWith("#")) lines.add(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String header = lines.get(0);
        String[] base = lines.get(1).split(",", -1);
        String[] baseMargin = lines.get(2).split(",", -1);
        int ni = base.length - 4;
        double[] value = new double[ni];
        double[] margin = new double[ni];
        boolean[] present = new boolean[ni];
        for (int j = 0; j < ni; j++) {
            present[j] = !base[j + 4].isEmpty();
            value[j] = present[j] ? Double.parseDouble(base[j + 4]) : 0;
            margin[j] = baseMargin[j + 4].isEmpty() ? 0 : Double.parseDouble(baseMargin[j + 4]);
        }
        List<Country.Area> areas = new ArrayList<>();
        areas.add(country.nederland);
        areas.addAll(country.units);
        areas.addAll(country.districts);
        areas.addAll(country.basisteams);
        areas.addAll(country.gemeenten);
        double nlPop = country.nederland.population;
        double nlRespondents = 150_000 * Math.min(1, nlPop / 17_590_672.0) + 1;
        long n = 0;
        long id = 0;
        try (Out o = new Out(out.resolve(VM_FILE))) {
            o.text(header).ch('\n');
            SplittableRandom r = new SplittableRandom(country.seed * 7919L + 1);
            for (Country.Area a : areas) {
                double pop = a == country.nederland ? nlPop : areaPopulation(a);
                // municipalities buy extra respondents: at least ~300-1,000 each
                double respondents = Math.max(a.level.equals("gemeente") ? 300 + pop / 400 : 300, 150_000 * pop / 17_590_672.0);
                double marginFactor = Math.sqrt(150_000 / respondents);
                double[] effect = new double[ni];
                for (int j = 0; j < ni; j++) effect[j] = a == country.nederland ? 0 : r.nextGaussian() * 0.06;
                for (int year : VM_YEARS) {
                    double drift = 1 + (year - 2012) * 0.004;
                    StringBuilder v = new StringBuilder();
                    StringBuilder m = new StringBuilder();
                    for (int j = 0; j < ni; j++) {
                        v.append(',');
                        m.append(',');
                        if (!present[j]) continue;
                        double mg = Math.min(margin[j] * marginFactor, Math.max(value[j] * 0.5, 0.1));
                        double x = value[j] * (1 + effect[j]) * drift + r.nextGaussian() * mg / 1.96;
                        boolean score = value[j] < 10 && margin[j] == 0; // the schaalscores (0-10)
                        x = Math.max(0, Math.min(score ? 10 : 100, x));
                        v.append(String.format(Locale.ROOT, "%.1f", x));
                        m.append(String.format(Locale.ROOT, "%.1f", margin[j] == 0 ? 0.0 : mg));
                    }
                    String label = csv(a.label);
                    o.text(Long.toString(id++)).text(",Waarde,").text(label).ch(',').text(Integer.toString(year)).text(v.toString()).ch('\n');
                    o.text(Long.toString(id++)).text(",Betrouwbaarheidsmarge,").text(label).ch(',').text(Integer.toString(year)).text(m.toString()).ch('\n');
                    n += 2;
                }
            }
            done(VM_FILE, n, o);
        }
    }

    // ------------------------------------------------------------------ plans and survey response (own layouts)

    /** One local-plan priority matrix per police district: its municipalities x plan themes, X marks, Totaal line. */
    private void writePlans() throws IOException {
        SplittableRandom r = new SplittableRandom(country.seed * 104_729L + 3);
        long n = 0;
        for (Country.Area district : country.districts) {
            List<Country.Area> muns = new ArrayList<>();
            for (Country.Area gm : country.gemeenten) if (gm.parent.parent == district) muns.add(gm);
            if (muns.isEmpty()) continue;
            muns.sort(Comparator.comparing(a -> a.name.toLowerCase(Locale.ROOT)));
            String file = PLANS_DIR + "/lokale_plannen_" + district.code.toLowerCase(Locale.ROOT) + ".csv";
            int[] totals = new int[PLAN_THEMES.size()];
            try (Out o = new Out(out.resolve(file))) {
                o.text("gemeente,plan_from,plan_to");
                for (PlanTheme t : PLAN_THEMES) o.ch(',').text(csv(t.label()));
                o.ch('\n');
                for (Country.Area gm : muns) {
                    int from = 2019 + r.nextInt(2);
                    o.text(csv(gm.name)).ch(',').number(from).ch(',').number(from + 3);
                    for (int i = 0; i < PLAN_THEMES.size(); i++) {
                        boolean marked = r.nextDouble() < PLAN_THEMES.get(i).share();
                        if (marked) totals[i]++;
                        o.ch(',').text(marked ? "X" : "");
                    }
                    o.ch('\n');
                    n++;
                }
                o.text("Totaal,,");
                for (int t : totals) o.ch(',').number(t);
                o.ch('\n');
                bytes.merge(PLANS_DIR, o.bytesWritten(), Long::sum);
            }
        }
        rows.put(PLANS_DIR, n);
    }

    public static final String TARGETS_FILE = PLANS_DIR + "/doelstellingen_woninginbraak.csv";

    /** Per district a burglary target: 5% fewer a year from the 2019 count (summed from its municipalities) to 2023. */
    private void writeTargets(long[][][] yearly) throws IOException {
        List<Country.Area> muns = country.allMunicipalities();
        int burglary = 1 + CrimeTypes.DETAIL.indexOf(CrimeTypes.DETAIL.stream().filter(t -> t.code().equals("1.1.1")).findFirst().orElseThrow());
        int y2019 = 2019 - Country.FIRST_YEAR;
        long n = 0;
        try (Out o = new Out(out.resolve(TARGETS_FILE))) {
            o.text("target_code,theme,area,measure,base_year,base_value,yearly_change,horizon_year,description\n");
            for (Country.Area district : country.districts) {
                long base = 0;
                for (int m = 0; m < muns.size(); m++) {
                    Country.Area gm = muns.get(m);
                    if (gm.parent != null && gm.parent.parent == district && existsIn(gm, 2019)) base += yearly[m][y2019][burglary];
                }
                if (base == 0) continue;
                o.text("woninginbraak-" + district.code.toLowerCase(Locale.ROOT) + "-2019-2023,woninginbraak,").text(csv(district.label))
                        .text(",geregistreerde_misdrijven,2019,").number(base).text(",-5%,2023,")
                        .text(csv("Woninginbraken in " + district.name + " ieder jaar 5% minder dan in 2019 (synthetisch)")).ch('\n');
                n++;
            }
            done(TARGETS_FILE, n, o);
        }
    }

    /** Respondents per municipality in the VM rounds, with extra needed for 300, the cost at 9.28 and the databank fee. */
    private void writeSurveyResponse() throws IOException {
        SplittableRandom r = new SplittableRandom(country.seed * 15_485_863L + 5);
        long n = 0;
        try (Out o = new Out(out.resolve(SURVEY_RESPONSE_FILE))) {
            o.text("survey_name,survey_year,area,respondents,extra_needed,estimated_cost,databank_fee\n");
            for (int year : new int[] {2021, 2023, 2025}) {
                for (Country.Area gm : country.gemeenten) {
                    if (!existsIn(gm, year)) continue;
                    long resp = Math.max(40, Math.round(gm.population(year) / 420.0 * Math.exp(r.nextGaussian() * 0.25)));
                    long extra = Math.max(0, 300 - resp);
                    long cost = Math.round(extra * 9.28 / 100.0) * 100;
                    o.text("VM,").number(year).ch(',').text(csv(gm.name)).ch(',').number(resp).ch(',').number(extra).ch(',')
                            .number(cost).ch(',').number(gm.population(year) > 50_000 ? 500 : 250).ch('\n');
                    n++;
                }
            }
            done(SURVEY_RESPONSE_FILE, n, o);
        }
    }

    private double areaPopulation(Country.Area a) {
        double p = 0;
        for (Country.Area gm : country.gemeenten) {
            for (Country.Area x = gm; x != null; x = x.parent) {
                if (x == a) {
                    p += gm.population;
                    break;
                }
            }
        }
        return p;
    }
}
