package nl.ivz.warehouse.bench;

import nl.ivz.warehouse.sources.Delimited;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A synthetic country on the real national geography of the project's reference folder: every municipality of
 * {@code geography_gemeenten.csv} with its real code, name and validity, the real reorganisations of
 * {@code geography_successors.csv} (Weesp into Amsterdam from 2023, ...), the real units RE01-RE10 of
 * {@code geography_memberships.csv} and Twente's real districts and basisteams of {@code region_memberships.csv}.
 * Below that it is made up: the other districts and basisteams (clustered around the largest municipalities of a
 * unit; Oost-Nederland's around the seats of its four other real districts), wijken and buurten with skewed
 * populations (2022 populations and centroids from the bundled {@code /bench/gemeenten-2022.csv}). The police
 * hierarchy covers every municipality at every scale, so a question has the same areas at each scale; only the
 * buurten (and so the facts) follow the scale. Scale 1 is the whole country (~14,000 buurten); below 1 a
 * population-stratified subset of the current municipalities with their predecessors; above 1 scale times more
 * buurten. Deterministic for (scale, seed).
 */
public final class Country {
    public static final int FIRST_YEAR = 2012;
    public static final int LAST_YEAR = 2025;
    /** First year of the national police (the units); the real politie memberships start then. */
    static final int POLICE_FROM = 2013;
    static final int BUURTEN_AT_SCALE_1 = 14_000;
    static final double BUURTEN_PER_WIJK = 4.25;
    static final int DISTRICTS = 43;
    static final int BASISTEAMS = 167;
    /** The project's bundled reference folder, relative to the root of the repository. */
    public static final Path DEFAULT_REFERENCE = Path.of("warehouse/sources/reference");
    public static final String GEMEENTEN_FILE = "geography_gemeenten.csv";
    public static final String GEO_MEMBERSHIPS_FILE = "geography_memberships.csv";
    public static final String SUCCESSORS_FILE = "geography_successors.csv";
    public static final String REGION_MEMBERSHIPS_FILE = "region_memberships.csv";

    /** Amsterdam's unit: all its municipalities have buurten at every scale (the bench's growth questions). */
    public static final String GROWTH_UNIT = "RE05";
    /** Unit names as 81928NED writes them (label: name + " (RE)"). */
    static final Map<String, String> UNIT_NAMES = names("RE01", "Noord-Nederland", "RE02", "Oost-Nederland", "RE03", "Midden-Nederland",
            "RE04", "Noord-Holland", "RE05", "Amsterdam", "RE06", "Den Haag", "RE07", "Rotterdam", "RE08", "Zeeland - West-Brabant",
            "RE09", "Oost-Brabant", "RE10", "Limburg");
    /** Oost-Nederland's real districts other than Twente, with the municipality that seats each (Zwolle, Apeldoorn, Arnhem, Nijmegen). */
    static final Map<String, String> OOST_DISTRICTS = names("PD-IJSSELLAND", "GM0193", "PD-NOORD-EN-OOST-GELDERLAND", "GM0200",
            "PD-GELDERLAND-MIDDEN", "GM0202", "PD-GELDERLAND-ZUID", "GM0268");
    static final Map<String, String> OOST_DISTRICT_NAMES = names("PD-IJSSELLAND", "IJsselland", "PD-NOORD-EN-OOST-GELDERLAND",
            "Noord en Oost Gelderland", "PD-GELDERLAND-MIDDEN", "Gelderland Midden", "PD-GELDERLAND-ZUID", "Gelderland Zuid");

    private static Map<String, String> names(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }

    /** An area of the generated country. */
    public static final class Area {
        public final String code;
        public final String name;
        public final String level;
        /** StatLine label: the name, with (RE)/(PD)/(BT) for police areas. */
        public final String label;
        /** Politie parent for units, districts, basisteams and municipalities (basisteam); bestuurlijk for wijk, buurt. */
        public Area parent;
        public Integer validFrom;
        public Integer validTo;
        /** In the project's reference files (written by them, not by the generator). */
        public final boolean real;
        /** Population on 1 January 2022 (buurt, wijk, gemeente sums; predecessors: population of their buurten). */
        public double population;
        /** Yearly population growth. */
        public double growth;
        double lon;
        double lat;
        public final List<Area> children = new ArrayList<>();

        Area(String code, String name, String level, String label, boolean real) {
            this.code = code;
            this.name = name;
            this.level = level;
            this.label = label;
            this.real = real;
        }

        public double population(int year) {
            return population * Math.pow(1 + growth, year - 2022);
        }

        public boolean existsIn(int year) {
            return (validFrom == null || year >= validFrom) && (validTo == null || year <= validTo);
        }

        @Override public String toString() { return code + " " + name; }
    }

    /** A buurt with its generation parameters. */
    public static final class Buurt {
        public final Area area;
        public final Area wijk;
        public final Area gemeente;
        /** The municipalities the buurt belonged to, newest first: the current one, then the one it merged from, ... */
        public final List<Area> lineage;
        /** Crime level of this buurt relative to its population (city centres high, villages low). */
        public final double crimeFactor;

        Buurt(Area area, Area wijk, Area gemeente, List<Area> lineage, double crimeFactor) {
            this.area = area;
            this.wijk = wijk;
            this.gemeente = gemeente;
            this.lineage = lineage;
            this.crimeFactor = crimeFactor;
        }

        /**
         * The municipality the buurt belonged to on 1 January of a year: the oldest of its lineage that existed then
         * (Weesp in 2022, Amsterdam from 2023; the oldest one before any of them began).
         */
        public Area gemeenteIn(int year) {
            for (int i = lineage.size() - 1; i >= 0; i--) if (lineage.get(i).existsIn(year)) return lineage.get(i);
            return lineage.get(lineage.size() - 1);
        }
    }

    /** A politie membership of a municipality: its basisteam over the years of its real unit. */
    public record PoliceMembership(Area gemeente, Area basisteam, Integer validFrom, Integer validTo) { }

    public final double scale;
    public final long seed;
    public final Path reference;
    public final Area nederland;
    public final List<Area> units = new ArrayList<>();
    /** Every district (the real ones of Oost-Nederland and the made-up ones), at every scale. */
    public final List<Area> districts = new ArrayList<>();
    /** Every basisteam (Twente's real ones and the made-up ones), at every scale. */
    public final List<Area> basisteams = new ArrayList<>();
    /** Every municipality of the national geography (2010-2026), by code. */
    public final Map<String, Area> national = new LinkedHashMap<>();
    /** The generated politie memberships of municipalities (Twente's are in region_memberships.csv already). */
    public final List<PoliceMembership> police = new ArrayList<>();
    /** Current municipalities (valid in LAST_YEAR) with buurten at this scale. */
    public final List<Area> gemeenten = new ArrayList<>();
    /** Municipalities merged away, reorganised or renamed since FIRST_YEAR that buurten of {@link #gemeenten} belonged to. */
    public final List<Area> predecessors = new ArrayList<>();
    public final List<Area> wijken = new ArrayList<>();
    public final List<Buurt> buurten = new ArrayList<>();
    /** Wijk -> its municipalities, newest first (one element unless its municipality was formed from others). */
    public final Map<Area, List<Area>> wijkLineage = new LinkedHashMap<>();

    private Country(double scale, long seed, Path reference) {
        this.scale = scale;
        this.seed = seed;
        this.reference = reference;
        this.nederland = new Area("NL01", "Nederland", "land", "Nederland", true);
    }

    record Gm(String code, String name, int population, double lon, double lat) { }

    /** A reorganisation link: old code into successor from 1 January of fromYear, inhabitants moved (0 if not stated). */
    record Link(String from, String to, int fromYear, long moved) { }

    static List<Gm> municipalities2022() {
        List<Gm> out = new ArrayList<>();
        try (InputStream in = Country.class.getResourceAsStream("/bench/gemeenten-2022.csv")) {
            if (in == null) throw new IllegalStateException("resource /bench/gemeenten-2022.csv missing from the jar");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            boolean header = true;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) continue;
                if (header) { header = false; continue; }
                String[] f = line.split(";");
                out.add(new Gm(f[0], f[1], Integer.parseInt(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Rows of a comma-separated reference file as maps by header (quoted fields with commas are handled). */
    static List<Map<String, String>> readCsv(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("national geography file " + file.toAbsolutePath() + " is missing: give the project's "
                    + "reference folder (--reference warehouse/sources/reference, run from the root of the repository)");
        }
        List<Map<String, String>> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<String> header = Delimited.split(r.readLine(), ',');
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) continue;
                List<String> f = Delimited.split(line, ',');
                Map<String, String> m = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) m.put(header.get(i), i < f.size() ? f.get(i) : "");
                out.add(m);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static Integer year(String s) {
        return s == null || s.isBlank() ? null : Integer.valueOf(s.trim());
    }

    /** The country on the geography of the project's reference folder (warehouse/sources/reference). */
    public static Country build(double scale, long seed) {
        return build(scale, seed, DEFAULT_REFERENCE);
    }

    public static Country build(double scale, long seed, Path reference) {
        if (!(scale > 0) || scale > 1000) throw new IllegalArgumentException("scale must be > 0 and <= 1000, got " + scale);
        Country c = new Country(scale, seed, reference);
        c.generate();
        return c;
    }

    private static double dist(double lon1, double lat1, double lon2, double lat2) {
        double dx = (lon1 - lon2) * 0.616; // cos(52 degrees): a degree of longitude is shorter here
        double dy = lat1 - lat2;
        return dx * dx + dy * dy;
    }

    private void generate() {
        SplittableRandom rnd = new SplittableRandom(seed);
        Map<String, Gm> gm2022 = new LinkedHashMap<>();
        municipalities2022().forEach(g -> gm2022.put(g.code(), g));

        // 1. every municipality of the national geography (CBS's "niet in te delen" and Buitenland have no 2022 figures
        //    and no unit: they stay in the reference, not in the country)
        for (Map<String, String> r : readCsv(reference.resolve(GEMEENTEN_FILE))) {
            if (!"gemeente".equals(r.get("region_level"))) continue;
            Area a = new Area(r.get("region_code"), r.get("region_name"), "gemeente", r.get("region_name"), true);
            a.validFrom = year(r.get("valid_from"));
            a.validTo = year(r.get("valid_to"));
            national.put(a.code, a);
        }
        List<Link> links = new ArrayList<>();
        for (Map<String, String> r : readCsv(reference.resolve(SUCCESSORS_FILE))) {
            String moved = r.get("inwoners_moved");
            links.add(new Link(r.get("region_code"), r.get("successor_code"), Integer.parseInt(r.get("from_year")),
                    moved == null || moved.isBlank() ? 0 : Long.parseLong(moved)));
        }
        Map<String, List<Link>> successorsOf = new LinkedHashMap<>();
        Map<String, List<Link>> predecessorsOf = new LinkedHashMap<>();
        for (Link l : links) {
            successorsOf.computeIfAbsent(l.from(), k -> new ArrayList<>()).add(l);
            predecessorsOf.computeIfAbsent(l.to(), k -> new ArrayList<>()).add(l);
        }

        // 2. current municipalities: population of 2022 moved forward along the reorganisations (Weesp into Amsterdam)
        Map<String, Double> currentPop = new LinkedHashMap<>();
        for (Gm g : gm2022.values()) currentPop.merge(forward(g.code(), successorsOf), (double) g.population(), Double::sum);
        List<Area> current = new ArrayList<>();
        for (Area a : national.values()) {
            if (a.existsIn(LAST_YEAR) && currentPop.containsKey(a.code)) {
                a.population = currentPop.get(a.code);
                current.add(a);
            }
        }
        for (Area a : national.values()) {
            double[] ll = centroid(a.code, gm2022, successorsOf, predecessorsOf, 0);
            a.lon = ll[0];
            a.lat = ll[1];
        }

        // 3. police: the real unit of every municipality; made-up districts and basisteams below (Twente's are real)
        buildPolice(current);

        // 4. which current municipalities get buurten: all at scale >= 1, else a population-stratified subset plus every
        //    municipality of Amsterdam's unit, so the growth questions of the bench (Amsterdam's district, its unit) have
        //    the same areas, years and rows at every scale; only their buurten follow the scale
        List<Area> bySize = new ArrayList<>(current);
        bySize.sort(Comparator.comparingDouble((Area a) -> a.population).reversed().thenComparing(a -> a.code));
        List<Area> chosen = new ArrayList<>();
        if (scale >= 1) {
            chosen.addAll(bySize);
        } else {
            int k = Math.max(3, (int) Math.round(current.size() * scale));
            Set<Area> pick = new LinkedHashSet<>();
            for (int i = 0; i < k; i++) pick.add(bySize.get((int) ((long) i * bySize.size() / k)));
            for (Area a : current) if (GROWTH_UNIT.equals(unitOf(a))) pick.add(a);
            chosen.addAll(pick);
        }
        chosen.sort(Comparator.comparing(a -> a.code));

        // buurten per municipality grow less than linearly with population (cities have bigger buurten)
        double weightOf = chosen.stream().mapToDouble(a -> Math.pow(a.population, 0.8)).sum();
        if (scale >= 1) weightOf = current.stream().mapToDouble(a -> Math.pow(a.population, 0.8)).sum();
        double perWeight = BUURTEN_AT_SCALE_1 * scale / weightOf;

        Set<Area> preds = new LinkedHashSet<>();
        for (Area gm : chosen) {
            gm.growth = 0.002 + 0.008 * Math.min(1, Math.log10(Math.max(gm.population, 10_000) / 10_000.0) / 2) + rnd.nextDouble(-0.002, 0.002);
            gemeenten.add(gm);
            List<List<Area>> paths = new ArrayList<>();
            List<Double> weights = new ArrayList<>();
            lineages(gm, new ArrayList<>(), gm.population, predecessorsOf, paths, weights);
            for (List<Area> p : paths) {
                for (Area a : p.subList(1, p.size())) {
                    if (preds.add(a)) a.growth = gm.growth;
                }
            }
            int nBuurten = Math.max(1, (int) Math.round(Math.pow(gm.population, 0.8) * perWeight));
            int nWijken = Math.max(paths.size(), Math.max(1, (int) Math.round(nBuurten / BUURTEN_PER_WIJK)));
            nBuurten = Math.max(nBuurten, nWijken);
            int[] wijkPath = assign(nWijken, weights);
            double[] bw = new double[nBuurten];
            double sum = 0;
            for (int i = 0; i < nBuurten; i++) {
                bw[i] = Math.exp(rnd.nextGaussian() * 0.7);
                sum += bw[i];
            }
            String gm4 = gm.code.substring(2);
            boolean wide = nWijken > 99;
            Set<String> buurtNames = new HashSet<>();
            int b = 0;
            for (int w = 0; w < nWijken; w++) {
                String wCode = "WK" + gm4 + (wide ? String.format("%04d", w) : String.format("%02d", w));
                String wName = String.format("Wijk %02d %s", w, gm.name);
                Area wijk = new Area(wCode, wName, "wijk", wName, false);
                wijk.parent = gm;
                wijk.growth = gm.growth;
                wijken.add(wijk);
                gm.children.add(wijk);
                List<Area> lineage = paths.get(wijkPath[w]);
                wijkLineage.put(wijk, lineage);
                int end = (int) Math.round((double) nBuurten * (w + 1) / nWijken);
                for (; b < end; b++) {
                    String bCode = "BU" + gm4 + String.format("%04d", b);
                    String bName = placeName(rnd, buurtNames) + " (" + gm.name + ")";
                    Area bu = new Area(bCode, bName, "buurt", bName, false);
                    bu.parent = wijk;
                    bu.population = gm.population * bw[b] / sum;
                    bu.growth = gm.growth;
                    wijk.children.add(bu);
                    wijk.population += bu.population;
                    // a predecessor's population is that of the buurten that were once its own
                    for (Area p : lineage.subList(1, lineage.size())) p.population += bu.population;
                    // crime concentrates in city centres: the first buurten of bigger places get more
                    double cf = Math.exp(rnd.nextGaussian() * 0.5) * Math.pow(gm.population / 50_000.0, 0.12)
                            * (b < Math.max(1, nBuurten / 20) ? 2.5 : 1.0);
                    buurten.add(new Buurt(bu, wijk, gm, lineage, cf));
                }
            }
        }
        predecessors.addAll(preds);
        predecessors.sort(Comparator.comparing(a -> a.code));
        nederland.population = gemeenten.stream().mapToDouble(a -> a.population).sum();
    }

    /** The municipality a code ended up in (following the successor that took the most inhabitants). */
    private String forward(String code, Map<String, List<Link>> successorsOf) {
        String c = code;
        for (int guard = 0; guard < 20 && successorsOf.containsKey(c); guard++) {
            c = successorsOf.get(c).stream().max(Comparator.comparingLong(Link::moved).thenComparing(Link::to)).orElseThrow().to();
        }
        return c;
    }

    /** Centroid of a municipality: its own of 2022, else that of its successor, else that of its largest predecessor. */
    private static double[] centroid(String code, Map<String, Gm> gm2022, Map<String, List<Link>> successorsOf,
                                     Map<String, List<Link>> predecessorsOf, int depth) {
        Gm g = gm2022.get(code);
        if (g != null) return new double[] {g.lon(), g.lat()};
        if (depth > 20) return new double[] {5.3, 52.2};
        List<Link> next = successorsOf.getOrDefault(code, predecessorsOf.get(code));
        if (next == null) return new double[] {5.3, 52.2}; // the middle of the country (no area of the geography ends here)
        Link l = next.stream().max(Comparator.comparingLong(Link::moved).thenComparing(Link::to)).orElseThrow();
        return centroid(l.from().equals(code) ? l.to() : l.from(), gm2022, successorsOf, predecessorsOf, depth + 1);
    }

    /**
     * The lineages of a municipality back to FIRST_YEAR (newest first), with a weight each: itself if it existed then,
     * and through each predecessor that still existed in FIRST_YEAR (weighted by the inhabitants the link moved).
     */
    private void lineages(Area a, List<Area> prefix, double weight, Map<String, List<Link>> predecessorsOf,
                          List<List<Area>> paths, List<Double> weights) {
        List<Area> path = new ArrayList<>(prefix);
        path.add(a);
        List<Link> in = new ArrayList<>();
        for (Link l : predecessorsOf.getOrDefault(a.code, List.of())) {
            Area p = national.get(l.from());
            if (p != null && p.validTo != null && p.validTo >= FIRST_YEAR && path.size() < 8) in.add(l);
        }
        double moved = 0;
        for (Link l : in) {
            Area p = national.get(l.from());
            double w = l.moved() > 0 ? l.moved() : Math.max(weight / (in.size() + 1), 1);
            moved += w;
            lineages(p, path, w, predecessorsOf, paths, weights);
        }
        boolean existedAtStart = a.validFrom == null || a.validFrom <= FIRST_YEAR;
        if (existedAtStart || in.isEmpty()) {
            paths.add(path);
            weights.add(Math.max(weight - moved, weight * 0.1));
        }
    }

    /** Wijk -> lineage: one wijk for each lineage first, the rest by weight (largest remainder). */
    private static int[] assign(int nWijken, List<Double> weights) {
        int n = weights.size();
        int[] count = new int[n];
        java.util.Arrays.fill(count, 1);
        int rest = nWijken - n;
        double total = weights.stream().mapToDouble(Double::doubleValue).sum();
        double[] remainder = new double[n];
        int given = 0;
        for (int i = 0; i < n; i++) {
            double share = rest * weights.get(i) / total;
            count[i] += (int) share;
            given += (int) share;
            remainder[i] = share - (int) share;
        }
        for (int k = given; k < rest; k++) {
            int best = 0;
            for (int i = 1; i < n; i++) if (remainder[i] > remainder[best]) best = i;
            count[best]++;
            remainder[best] = -1;
        }
        int[] out = new int[nWijken];
        int w = 0;
        for (int i = 0; i < n; i++) for (int j = 0; j < count[i]; j++) out[w++] = i;
        return out;
    }

    /** Units, districts and basisteams for every municipality of the geography (scale-independent). */
    private void buildPolice(List<Area> current) {
        Map<String, Area> unitArea = new LinkedHashMap<>();
        for (Map.Entry<String, String> u : UNIT_NAMES.entrySet()) {
            Area a = new Area(u.getKey(), u.getValue(), "eenheid", u.getValue() + " (RE)", true);
            a.parent = nederland;
            a.validFrom = POLICE_FROM;
            unitArea.put(u.getKey(), a);
            units.add(a);
        }
        // Twente: municipality -> real basisteam -> PD-TWENTE (region_memberships.csv)
        Map<String, String> realAreas = new LinkedHashMap<>();
        Map<String, String> twente = new LinkedHashMap<>();
        for (Map<String, String> r : readCsv(reference.resolve(REGION_MEMBERSHIPS_FILE))) {
            String code = r.get("region_code");
            String parent = r.get("parent_code");
            if (!"politie".equals(r.get("hierarchy"))) continue;
            if (code.startsWith("GM")) twente.put(code, parent);
            else if (code.startsWith("BT-")) realAreas.put(code, parent);
        }
        Area twenteDistrict = new Area("PD-TWENTE", "Twente", "district", "Twente (PD)", true);
        twenteDistrict.parent = unitArea.get("RE02");
        Map<String, Area> realBt = new LinkedHashMap<>();
        // real basisteam names as regions.csv has them
        Map<String, String> btNames = new LinkedHashMap<>();
        for (Map<String, String> r : readCsv(reference.resolve("regions.csv"))) {
            if ("basisteam".equals(r.get("region_level"))) btNames.put(r.get("region_code"), r.get("region_name"));
        }
        for (Map.Entry<String, String> e : realAreas.entrySet()) {
            if (!"PD-TWENTE".equals(e.getValue())) continue;
            String name = btNames.getOrDefault(e.getKey(), e.getKey());
            Area bt = new Area(e.getKey(), name, "basisteam", name + " (BT)", true);
            bt.parent = twenteDistrict;
            realBt.put(e.getKey(), bt);
        }

        // the real unit of each municipality, per membership row (a unit change gives two rows)
        record UnitRow(Area gm, String unit, Integer from, Integer to) { }
        List<UnitRow> rows = new ArrayList<>();
        for (Map<String, String> r : readCsv(reference.resolve(GEO_MEMBERSHIPS_FILE))) {
            if (!"politie".equals(r.get("hierarchy"))) continue;
            Area gm = national.get(r.get("region_code"));
            if (gm == null || !unitArea.containsKey(r.get("parent_code"))) continue;
            rows.add(new UnitRow(gm, r.get("parent_code"), year(r.get("valid_from")), year(r.get("valid_to"))));
        }
        Map<Area, String> currentUnit = new LinkedHashMap<>();
        for (UnitRow r : rows) if (r.to() == null) currentUnit.put(r.gm(), r.unit());
        for (Area gm : current) if (twente.containsKey(gm.code)) currentUnit.put(gm, "RE02");

        double nlPop = current.stream().mapToDouble(a -> a.population).sum();
        Map<String, List<Area>> btSeatsByUnit = new LinkedHashMap<>();
        Map<Area, Area> btOfSeat = new LinkedHashMap<>();
        for (Area unit : units) {
            List<Area> members = new ArrayList<>();
            for (Area gm : current) if (unit.code.equals(currentUnit.get(gm)) && !twente.containsKey(gm.code)) members.add(gm);
            double pop = members.stream().mapToDouble(a -> a.population).sum();
            Map<Area, List<Area>> districtsOf;
            if (unit.code.equals("RE02")) {
                List<Area> seats = new ArrayList<>();
                for (String seat : OOST_DISTRICTS.values()) seats.add(national.get(seat));
                districtsOf = cluster(members, seats);
                districts.add(twenteDistrict);
                unit.children.add(twenteDistrict);
            } else {
                int n = Math.max(2, (int) Math.round(DISTRICTS * pop / nlPop));
                districtsOf = cluster(members, largest(members, n));
            }
            List<Area> btSeats = new ArrayList<>();
            for (Map.Entry<Area, List<Area>> d : districtsOf.entrySet()) {
                Area seat = d.getKey();
                Area district;
                if (unit.code.equals("RE02")) {
                    String code = OOST_DISTRICTS.entrySet().stream().filter(e -> e.getValue().equals(seat.code)).findFirst().orElseThrow().getKey();
                    String name = OOST_DISTRICT_NAMES.get(code);
                    district = new Area(code, name, "district", name + " (PD)", true);
                } else {
                    district = new Area("PD-" + slug(seat.name), seat.name, "district", seat.name + " (PD)", false);
                }
                district.parent = unit;
                district.validFrom = POLICE_FROM;
                districts.add(district);
                unit.children.add(district);
                double dpop = d.getValue().stream().mapToDouble(a -> a.population).sum();
                int n = Math.max(1, (int) Math.round(BASISTEAMS * dpop / nlPop));
                for (Area s : largest(d.getValue(), n)) {
                    Area bt = new Area("BT-" + slug(s.name), s.name, "basisteam", s.name + " (BT)", false);
                    bt.parent = district;
                    bt.validFrom = POLICE_FROM;
                    basisteams.add(bt);
                    district.children.add(bt);
                    btSeats.add(s);
                    btOfSeat.put(s, bt);
                }
            }
            if (unit.code.equals("RE02")) {
                for (Area bt : realBt.values()) {
                    basisteams.add(bt);
                    twenteDistrict.children.add(bt);
                }
            }
            btSeatsByUnit.put(unit.code, btSeats);
        }
        // every municipality (historic ones too) to the nearest basisteam seat of its unit, over the years of that unit
        for (UnitRow r : rows) {
            Area best = null;
            double bestD = Double.MAX_VALUE;
            for (Area s : btSeatsByUnit.get(r.unit())) {
                double d = dist(r.gm().lon, r.gm().lat, s.lon, s.lat);
                if (d < bestD) { bestD = d; best = s; }
            }
            Area bt = btOfSeat.get(best);
            police.add(new PoliceMembership(r.gm(), bt, r.from(), r.to()));
            if (r.to() == null || r.gm().parent == null) r.gm().parent = bt;
        }
        for (Map.Entry<String, String> t : twente.entrySet()) {
            Area gm = national.get(t.getKey());
            if (gm != null) gm.parent = realBt.get(t.getValue());
        }
    }

    /** The unit of a current municipality (basisteam, district, unit), or null. */
    private static String unitOf(Area gm) {
        Area u = gm.parent;
        for (int i = 0; i < 2 && u != null; i++) u = u.parent;
        return u == null ? null : u.code;
    }

    private static List<Area> largest(List<Area> members, int n) {
        List<Area> bySize = new ArrayList<>(members);
        bySize.sort(Comparator.comparingDouble((Area a) -> a.population).reversed().thenComparing(a -> a.code));
        return bySize.subList(0, Math.min(n, bySize.size()));
    }

    /** Splits municipalities into groups around the seats (nearest seat), keyed by the seat. */
    private static Map<Area, List<Area>> cluster(List<Area> members, List<Area> seats) {
        Map<Area, List<Area>> out = new LinkedHashMap<>();
        for (Area s : seats) out.put(s, new ArrayList<>());
        for (Area g : members) {
            Area best = null;
            double bestD = Double.MAX_VALUE;
            for (Area s : seats) {
                double d = dist(g.lon, g.lat, s.lon, s.lat);
                if (d < bestD) { bestD = d; best = s; }
            }
            out.get(best).add(g);
        }
        return out;
    }

    private static final String[] FIRST = {"Oost", "West", "Noord", "Zuid", "Nieuw", "Oud", "Groot", "Klein", "Hoog",
            "Laag", "Midden", "Boven", "Neder", "Over", "Ter", "Den", "Sint", "Ooster", "Wester", "Zuider"};
    private static final String[] ROOT = {"aa", "beek", "berg", "bos", "brug", "burg", "dam", "dijk", "dorp", "eind",
            "es", "gaarde", "haven", "heide", "hof", "holt", "horst", "hout", "hoven", "kamp", "kerk", "laan", "lo",
            "meer", "molen", "oord", "park", "poort", "rade", "schans", "sloot", "stede", "veen", "veld", "vliet",
            "voort", "waard", "weide", "wold", "woude", "zand", "zijl"};
    private static final String[] MID = {"", "linde", "ees", "eike", "wil", "mos", "ro", "ham", "stein", "hel", "ber",
            "kolk", "le", "ven", "ster", "gel", "dor", "wes", "hun", "vaart"};

    /** A Dutch-looking place name, unique within this set (case-insensitive). */
    private static String placeName(SplittableRandom rnd, Set<String> used) {
        for (int attempt = 0; ; attempt++) {
            String mid = MID[rnd.nextInt(MID.length)];
            String root = ROOT[rnd.nextInt(ROOT.length)];
            String name = FIRST[rnd.nextInt(FIRST.length)] + (mid.isEmpty() ? "" : "-" + capital(mid)) + root;
            if (attempt > 5) name = name + " " + (attempt - 4);
            if (used.add(name.toLowerCase(Locale.ROOT))) return name;
        }
    }

    private static String capital(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static String slug(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return ascii.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    /** Municipalities with buurten at this scale (current and predecessors) in code order. */
    public List<Area> allMunicipalities() {
        List<Area> out = new ArrayList<>(gemeenten);
        out.addAll(predecessors);
        out.sort(Comparator.comparing(a -> a.code));
        return out;
    }

    /** Municipalities of the national geography valid on 1 January of a year (CBS's "niet in te delen" codes aside). */
    public long municipalitiesIn(int year) {
        return national.values().stream().filter(a -> a.existsIn(year) && a.parent != null).count();
    }
}
