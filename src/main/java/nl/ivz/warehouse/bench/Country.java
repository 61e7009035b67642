package nl.ivz.warehouse.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A synthetic country built from the real 2022 municipalities (names, codes, populations, centroids; bundled
 * resource): 10 police units by nearest unit seat, districts and basisteams around the largest municipalities,
 * wijken and buurten with skewed populations, and some municipal mergers (predecessors valid until the year
 * before). Deterministic for (scale, seed). Scale 1 is the whole country (~14,000 buurten); below 1 a
 * population-stratified subset of municipalities with proportionally fewer buurten; above 1 the same
 * municipalities with scale times more buurten.
 */
public final class Country {
    public static final int FIRST_YEAR = 2012;
    public static final int LAST_YEAR = 2025;
    static final int BUURTEN_AT_SCALE_1 = 14_000;
    static final double BUURTEN_PER_WIJK = 4.25;
    static final int DISTRICTS = 43;
    static final int BASISTEAMS = 167;

    /** Police unit: code, name and the municipalities (by code) that anchor it geographically. */
    record UnitSeed(String code, String name, List<String> seats) { }

    static final List<UnitSeed> UNITS = List.of(
            new UnitSeed("RE01", "Noord-Nederland", List.of("GM0014", "GM0080", "GM0106", "GM0109")),
            new UnitSeed("RE02", "Oost-Nederland", List.of("GM0153", "GM0193", "GM0202", "GM0268", "GM0200", "GM0150")),
            new UnitSeed("RE03", "Midden-Nederland", List.of("GM0344", "GM0307", "GM0034", "GM0995")),
            new UnitSeed("RE04", "Noord-Holland", List.of("GM0392", "GM0361", "GM0400", "GM0402", "GM0405")),
            new UnitSeed("RE05", "Amsterdam", List.of("GM0363", "GM0362")),
            new UnitSeed("RE06", "Den Haag", List.of("GM0518", "GM0546", "GM0637")),
            new UnitSeed("RE07", "Rotterdam", List.of("GM0599", "GM0505", "GM0512")),
            new UnitSeed("RE08", "Zeeland - West-Brabant", List.of("GM0758", "GM0687", "GM0855", "GM0748", "GM0654")),
            new UnitSeed("RE09", "Oost-Brabant", List.of("GM0772", "GM0796", "GM0794")),
            new UnitSeed("RE10", "Limburg", List.of("GM0935", "GM0983", "GM0917", "GM0957")));

    /** An area of the generated country. */
    public static final class Area {
        public final String code;
        public final String name;
        public final String level;
        /** StatLine label: the name, with (RE)/(PD)/(BT) for police areas. */
        public final String label;
        public Area parent;
        public Integer validFrom;
        public Integer validTo;
        /** Population on 1 January 2022 (buurt, wijk, gemeente sums; predecessors: population of their buurten). */
        public double population;
        /** Yearly population growth. */
        public double growth;
        final double lon;
        final double lat;
        public final List<Area> children = new ArrayList<>();

        Area(String code, String name, String level, String label, double lon, double lat) {
            this.code = code;
            this.name = name;
            this.level = level;
            this.label = label;
            this.lon = lon;
            this.lat = lat;
        }

        public double population(int year) {
            return population * Math.pow(1 + growth, year - 2022);
        }

        @Override public String toString() { return code + " " + name; }
    }

    /** A buurt with its generation parameters. */
    public static final class Buurt {
        public final Area area;
        public final Area wijk;
        public final Area gemeente;
        /** Predecessor municipality the buurt belonged to before a merger (null if none). */
        public final Area predecessor;
        /** Crime level of this buurt relative to its population (city centres high, villages low). */
        public final double crimeFactor;

        Buurt(Area area, Area wijk, Area gemeente, Area predecessor, double crimeFactor) {
            this.area = area;
            this.wijk = wijk;
            this.gemeente = gemeente;
            this.predecessor = predecessor;
            this.crimeFactor = crimeFactor;
        }

        /** The municipality the buurt belonged to in a year. */
        public Area gemeenteIn(int year) {
            return predecessor != null && year < gemeente.validFrom ? predecessor : gemeente;
        }
    }

    public final double scale;
    public final long seed;
    public final Area nederland;
    public final List<Area> units = new ArrayList<>();
    public final List<Area> districts = new ArrayList<>();
    public final List<Area> basisteams = new ArrayList<>();
    /** Current municipalities. */
    public final List<Area> gemeenten = new ArrayList<>();
    /** Municipalities merged away: valid until the year before the merger. */
    public final List<Area> predecessors = new ArrayList<>();
    public final List<Area> wijken = new ArrayList<>();
    public final List<Buurt> buurten = new ArrayList<>();
    /** Wijk -> predecessor municipality, for merged municipalities. */
    public final Map<Area, Area> wijkPredecessor = new LinkedHashMap<>();

    private Country(double scale, long seed) {
        this.scale = scale;
        this.seed = seed;
        this.nederland = new Area("NL01", "Nederland", "land", "Nederland", 0, 0);
    }

    record Gm(String code, String name, int population, double lon, double lat) { }

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

    public static Country build(double scale, long seed) {
        if (!(scale > 0) || scale > 1000) throw new IllegalArgumentException("scale must be > 0 and <= 1000, got " + scale);
        Country c = new Country(scale, seed);
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
        List<Gm> all = municipalities2022();
        Map<String, Gm> byCode = new LinkedHashMap<>();
        all.forEach(g -> byCode.put(g.code(), g));

        // 1. every municipality to the unit of its nearest unit seat
        Map<String, List<Gm>> unitMembers = new LinkedHashMap<>();
        for (UnitSeed u : UNITS) unitMembers.put(u.code(), new ArrayList<>());
        for (Gm g : all) {
            String best = null;
            double bestD = Double.MAX_VALUE;
            for (UnitSeed u : UNITS) {
                for (String seat : u.seats()) {
                    Gm s = byCode.get(seat);
                    if (s == null) continue;
                    double d = dist(g.lon(), g.lat(), s.lon(), s.lat());
                    if (d < bestD) { bestD = d; best = u.code(); }
                }
            }
            unitMembers.get(best).add(g);
        }

        // 2. districts per unit (43 in all, by population), basisteams per district (167 in all), both around
        //    the largest municipalities; computed on the full country so a subset keeps its real parents
        double nlPop = all.stream().mapToDouble(Gm::population).sum();
        Map<String, String[]> parentOf = new LinkedHashMap<>(); // gm code -> {unit, district seat, basisteam seat}
        Map<String, Area> unitArea = new LinkedHashMap<>();
        for (UnitSeed u : UNITS) {
            Area a = new Area(u.code(), u.name(), "eenheid", u.name() + " (RE)", 0, 0);
            a.parent = nederland;
            unitArea.put(u.code(), a);
        }
        Map<String, List<Gm>> districtMembers = new LinkedHashMap<>();
        Map<String, String> districtUnit = new LinkedHashMap<>();
        for (UnitSeed u : UNITS) {
            List<Gm> members = unitMembers.get(u.code());
            double pop = members.stream().mapToDouble(Gm::population).sum();
            int n = Math.max(2, (int) Math.round(DISTRICTS * pop / nlPop));
            for (Map.Entry<Gm, List<Gm>> e : cluster(members, n).entrySet()) {
                districtMembers.put(e.getKey().code(), e.getValue());
                districtUnit.put(e.getKey().code(), u.code());
            }
        }
        Map<String, String> basisteamDistrict = new LinkedHashMap<>();
        for (Map.Entry<String, List<Gm>> d : districtMembers.entrySet()) {
            double pop = d.getValue().stream().mapToDouble(Gm::population).sum();
            int n = Math.max(1, (int) Math.round(BASISTEAMS * pop / nlPop));
            for (Map.Entry<Gm, List<Gm>> e : cluster(d.getValue(), n).entrySet()) {
                basisteamDistrict.put(e.getKey().code(), d.getKey());
                for (Gm g : e.getValue()) {
                    parentOf.put(g.code(), new String[] {districtUnit.get(d.getKey()), d.getKey(), e.getKey().code()});
                }
            }
        }

        // 3. which municipalities: all at scale >= 1, else a population-stratified subset (largest always in)
        List<Gm> bySize = new ArrayList<>(all);
        bySize.sort(Comparator.comparingInt(Gm::population).reversed().thenComparing(Gm::code));
        List<Gm> chosen = new ArrayList<>();
        if (scale >= 1) {
            chosen.addAll(bySize);
        } else {
            int k = Math.max(3, (int) Math.round(all.size() * scale));
            for (int i = 0; i < k; i++) chosen.add(bySize.get((int) ((long) i * bySize.size() / k)));
        }
        chosen.sort(Comparator.comparing(Gm::code));

        // buurten per municipality grow less than linearly with population (cities have bigger buurten)
        double allWeight = all.stream().mapToDouble(g -> Math.pow(g.population(), 0.8)).sum();
        double perWeight = BUURTEN_AT_SCALE_1 * scale / allWeight;
        if (scale < 1) {
            double chosenWeight = chosen.stream().mapToDouble(g -> Math.pow(g.population(), 0.8)).sum();
            perWeight = BUURTEN_AT_SCALE_1 * scale / chosenWeight;
        }

        // mergers: some municipalities under 150,000 were formed from 2-3 predecessors in 2013-2023; every
        // country has at least one, so even the smallest scale exercises validity
        Map<String, Integer> mergerYear = new LinkedHashMap<>();
        String firstEligible = null;
        for (Gm g : chosen) {
            int nb = Math.max(1, (int) Math.round(Math.pow(g.population(), 0.8) * perWeight));
            boolean eligible = nb >= 2 && g.population() < 150_000;
            if (eligible && firstEligible == null) firstEligible = g.code();
            if (eligible && rnd.nextDouble() < 0.08) mergerYear.put(g.code(), 2013 + rnd.nextInt(11));
        }
        if (mergerYear.isEmpty() && firstEligible != null) mergerYear.put(firstEligible, 2013 + rnd.nextInt(11));

        Map<String, Area> districtArea = new LinkedHashMap<>();
        Map<String, Area> basisteamArea = new LinkedHashMap<>();
        Set<String> usedLabels = new HashSet<>();
        int predecessorNumber = 9001;
        for (Gm g : chosen) {
            String[] p = parentOf.get(g.code());
            Area unit = unitArea.get(p[0]);
            if (!units.contains(unit)) units.add(unit);
            Area district = districtArea.computeIfAbsent(p[1], seat -> {
                String name = byCode.get(seat).name();
                Area a = new Area("PD-" + slug(name), name, "district", name + " (PD)", 0, 0);
                a.parent = unit;
                districts.add(a);
                return a;
            });
            Area bt = basisteamArea.computeIfAbsent(p[2], seat -> {
                String name = byCode.get(seat).name();
                Area a = new Area("BT-" + slug(name), name, "basisteam", name + " (BT)", 0, 0);
                a.parent = district;
                basisteams.add(a);
                return a;
            });
            Area gm = new Area(g.code(), g.name(), "gemeente", g.name(), g.lon(), g.lat());
            gm.parent = bt;
            gm.population = g.population();
            gm.growth = 0.002 + 0.008 * Math.min(1, Math.log10(Math.max(g.population(), 10_000) / 10_000.0) / 2) + rnd.nextDouble(-0.002, 0.002);
            gemeenten.add(gm);
            usedLabels.add(g.name().toLowerCase(Locale.ROOT));

            int nBuurten = Math.max(1, (int) Math.round(Math.pow(g.population(), 0.8) * perWeight));
            int nWijken = Math.max(1, (int) Math.round(nBuurten / BUURTEN_PER_WIJK));
            List<Area> preds = new ArrayList<>();
            Integer year = mergerYear.get(g.code());
            if (year != null) {
                gm.validFrom = year;
                int np = Math.min(nBuurten, 2 + rnd.nextInt(2));
                nWijken = Math.max(nWijken, np);
                for (int i = 0; i < np; i++) {
                    String name = placeName(rnd, usedLabels);
                    Area pa = new Area(String.format("GM%04d", predecessorNumber++), name, "gemeente", name, g.lon(), g.lat());
                    pa.parent = bt;
                    pa.validTo = year - 1;
                    pa.growth = gm.growth;
                    preds.add(pa);
                    predecessors.add(pa);
                }
            }
            double[] weights = new double[nBuurten];
            double sum = 0;
            for (int i = 0; i < nBuurten; i++) {
                weights[i] = Math.exp(rnd.nextGaussian() * 0.7);
                sum += weights[i];
            }
            String gm4 = g.code().substring(2);
            boolean wide = nWijken > 99;
            Set<String> buurtNames = new HashSet<>();
            int b = 0;
            for (int w = 0; w < nWijken; w++) {
                String wCode = "WK" + gm4 + (wide ? String.format("%04d", w) : String.format("%02d", w));
                String wName = String.format("Wijk %02d %s", w, g.name());
                Area wijk = new Area(wCode, wName, "wijk", wName, 0, 0);
                wijk.parent = gm;
                wijken.add(wijk);
                gm.children.add(wijk);
                Area pred = preds.isEmpty() ? null : preds.get(w % preds.size());
                if (pred != null) wijkPredecessor.put(wijk, pred);
                int end = (int) Math.round((double) nBuurten * (w + 1) / nWijken);
                for (; b < end; b++) {
                    String bCode = "BU" + gm4 + String.format("%04d", b);
                    String bName = placeName(rnd, buurtNames) + " (" + g.name() + ")";
                    Area bu = new Area(bCode, bName, "buurt", bName, 0, 0);
                    bu.parent = wijk;
                    bu.population = g.population() * weights[b] / sum;
                    bu.growth = gm.growth;
                    wijk.children.add(bu);
                    wijk.population += bu.population;
                    if (pred != null) pred.population += bu.population;
                    // crime concentrates in city centres: the first buurten of bigger places get more
                    double cf = Math.exp(rnd.nextGaussian() * 0.5) * Math.pow(g.population() / 50_000.0, 0.12)
                            * (b < Math.max(1, nBuurten / 20) ? 2.5 : 1.0);
                    buurten.add(new Buurt(bu, wijk, gm, pred, cf));
                }
                wijk.growth = gm.growth;
            }
        }
        nederland.population = gemeenten.stream().mapToDouble(a -> a.population).sum();
    }

    /** Splits municipalities into n groups around the n largest (nearest seat), keyed by the seat. */
    private static Map<Gm, List<Gm>> cluster(List<Gm> members, int n) {
        List<Gm> bySize = new ArrayList<>(members);
        bySize.sort(Comparator.comparingInt(Gm::population).reversed().thenComparing(Gm::code));
        List<Gm> seats = bySize.subList(0, Math.min(n, bySize.size()));
        Map<Gm, List<Gm>> out = new LinkedHashMap<>();
        for (Gm s : seats) out.put(s, new ArrayList<>());
        for (Gm g : members) {
            Gm best = null;
            double bestD = Double.MAX_VALUE;
            for (Gm s : seats) {
                double d = dist(g.lon(), g.lat(), s.lon(), s.lat());
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

    /** A Dutch-looking place name, unique within this country (case-insensitive). */
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

    /** Municipalities (current and predecessors) in code order. */
    public List<Area> allMunicipalities() {
        List<Area> out = new ArrayList<>(gemeenten);
        out.addAll(predecessors);
        out.sort(Comparator.comparing(a -> a.code));
        return out;
    }
}
