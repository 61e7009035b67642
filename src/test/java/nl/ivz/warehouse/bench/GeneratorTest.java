package nl.ivz.warehouse.bench;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shape and determinism of the synthetic country at a tiny scale (never timings). */
class GeneratorTest {
    static final double SCALE = 0.002;
    static final long SEED = 7;

    @TempDir
    static Path tmp;
    static Generator.Result result;
    static Path dir;

    @BeforeAll
    static void generate() throws IOException {
        dir = tmp.resolve("a");
        result = new Generator(Country.build(SCALE, SEED), dir, null).generate(null);
    }

    static Map<String, String> hashes(Path root) throws Exception {
        Map<String, String> out = new HashMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            // the manifest records when and how fast: not data
            for (Path f : s.filter(Files::isRegularFile).filter(f -> !f.endsWith(Generator.MANIFEST)).toList()) {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                try (InputStream in = Files.newInputStream(f)) {
                    md.update(in.readAllBytes());
                }
                out.put(root.relativize(f).toString(), HexFormat.of().formatHex(md.digest()));
            }
        }
        return out;
    }

    @Test
    void sameSeedGivesIdenticalBytesAndOtherSeedDiffers() throws Exception {
        Path b = tmp.resolve("b");
        new Generator(Country.build(SCALE, SEED), b, null).generate(null);
        Map<String, String> ha = hashes(dir);
        assertEquals(ha, hashes(b));
        assertTrue(ha.size() >= 13, "reference, registrations, population and survey files: " + ha.keySet());
        Path c = tmp.resolve("c");
        new Generator(Country.build(SCALE, SEED + 1), c, null).generate(null);
        assertNotEquals(ha.get(Generator.BUURT_FILE), hashes(c).get(Generator.BUURT_FILE));
    }

    @Test
    void rowCountsFollowTheGeography() throws IOException {
        Country c = result.country();
        int months = (Country.LAST_YEAR - Country.FIRST_YEAR + 1) * 12;
        int kinds = CrimeTypes.DETAIL.size() + 1;
        assertEquals(59, kinds);
        assertEquals((long) c.buurten.size() * months * kinds, result.rows(Generator.BUURT_FILE));
        assertEquals(lines(Generator.BUURT_FILE) - 1, result.rows(Generator.BUURT_FILE));
        assertEquals((long) c.allMunicipalities().size() * 14 * kinds, lines(Generator.GEMEENTE_FILE) - 1);
        // regions_bench.csv: one row per made-up area of each level; municipalities and units are the reference's own
        Map<String, Integer> perLevel = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve(Generator.REGIONS_FILE)).subList(1, (int) lines(Generator.REGIONS_FILE))) {
            perLevel.merge(line.split(",")[2], 1, Integer::sum);
        }
        assertEquals(c.buurten.size(), perLevel.get("buurt"));
        assertEquals(c.wijken.size(), perLevel.get("wijk"));
        assertEquals(null, perLevel.get("gemeente"));
        assertEquals(null, perLevel.get("eenheid"));
        // Twente's 5 basisteams and Oost-Nederland's 5 districts are real (region_memberships.csv)
        assertEquals(c.basisteams.size() - 5, perLevel.get("basisteam"));
        assertEquals(c.districts.size() - 5, perLevel.get("district"));
        // the national geography is copied as it is
        assertEquals(Files.readAllLines(Path.of("warehouse/sources/reference/geography_gemeenten.csv")),
                Files.readAllLines(dir.resolve("reference/geography_gemeenten.csv")));
    }

    @Test
    void wholeCountryIsTheNationalGeography() throws IOException {
        Country c = Country.build(1, SEED);
        assertEquals(10, c.units.size());
        // municipalities on 1 January, as docs/geography.md counts them from geography_gemeenten.csv
        assertEquals(408, c.municipalitiesIn(2013));
        assertEquals(390, c.municipalitiesIn(2016));
        assertEquals(355, c.municipalitiesIn(2019));
        assertEquals(342, c.municipalitiesIn(2023));
        assertEquals(342, c.gemeenten.size());
        // every municipality that ended in 2012-2024 is a predecessor with buurten of its own (read from the file)
        long ended = Files.readAllLines(Path.of("warehouse/sources/reference/geography_gemeenten.csv")).stream().skip(1)
                .map(l -> l.split(",", -1)[4]).filter(to -> !to.isEmpty() && Integer.parseInt(to) >= Country.FIRST_YEAR).count();
        assertEquals(ended, c.predecessors.size());
        assertEquals(99, ended);
        for (Country.Area p : c.predecessors) {
            assertTrue(c.buurten.stream().anyMatch(b -> b.lineage.contains(p)), "buurten of " + p);
        }
        assertTrue(c.districts.size() >= 40 && c.districts.size() <= 46, "districts: " + c.districts.size());
        assertTrue(c.basisteams.size() >= 140 && c.basisteams.size() <= 175, "basisteams: " + c.basisteams.size());
        // ~14,000 buurten at scale 1 (per municipality rounded, at least one per lineage)
        assertTrue(Math.abs(c.buurten.size() - 14_000) < 140, "buurten: " + c.buurten.size());
        assertTrue(Math.abs(c.wijken.size() - 3_300) < 400, "wijken: " + c.wijken.size());
        // skewed: the largest municipality is Amsterdam with ~900,000 of 17.6 M inhabitants (the sum of 2022's 345)
        assertEquals("Amsterdam", c.gemeenten.stream().max((a, b) -> Double.compare(a.population, b.population)).get().name);
        assertEquals(17_590_672, Math.round(c.nederland.population));
        // Amsterdam = its own 882,633 of 2022 plus Weesp's 20,766 (merged 24 March 2022, so from 2023)
        Country.Area amsterdam = c.national.get("GM0363");
        assertEquals(882_633 + 20_766, Math.round(amsterdam.population));
        Country.Buurt weesp = c.buurten.stream().filter(b -> b.gemeente == amsterdam && b.lineage.size() > 1).findFirst().orElseThrow();
        assertEquals("GM0457", weesp.gemeenteIn(2022).code);
        assertEquals("GM0363", weesp.gemeenteIn(2023).code);
        // the real units: Weesp in Midden-Nederland until 2022, Leerdam in Rotterdam until 2018, Vijfheerenlanden in Midden-Nederland
        assertEquals("RE03", unitOf(c, "GM0457"));
        assertEquals("RE07", unitOf(c, "GM0545"));
        assertEquals("RE03", unitOf(c, "GM1961"));
        assertEquals("RE05", unitOf(c, "GM0363"));
        // Twente keeps its real basisteams
        assertEquals("BT-ENSCHEDE", c.national.get("GM0153").parent.code);
        assertEquals("PD-TWENTE", c.national.get("GM0153").parent.parent.code);
    }

    static String unitOf(Country c, String gm) {
        return c.police.stream().filter(p -> p.gemeente().code.equals(gm)).findFirst().orElseThrow().basisteam().parent.parent.code;
    }

    @Test
    void buurtenFollowTheScaleAndTheHierarchyDoesNot() {
        Country small = Country.build(0.01, SEED);
        Country tenth = Country.build(0.1, SEED);
        // 3 and 34 of the 342 current municipalities (0.01 x 342 rounded, at least 3) by population, plus the 6 of
        // Amsterdam's unit RE05 (Aalsmeer, Amstelveen, Amsterdam, Diemen, Ouder-Amstel, Uithoorn) less Amsterdam, the
        // largest, which the stratified pick already has: 3 + 5 and 34 + 5; buurten 14,000 x scale, give or take rounding
        assertEquals(8, small.gemeenten.size());
        assertEquals(39, tenth.gemeenten.size());
        List<String> re05 = List.of("GM0358", "GM0362", "GM0363", "GM0384", "GM0437", "GM0451");
        for (Country c : List.of(small, tenth, Country.build(1, SEED))) {
            assertEquals(re05, c.gemeenten.stream().filter(a -> Country.GROWTH_UNIT.equals(a.parent.parent.parent.code)).map(a -> a.code).toList(), "scale " + c.scale);
        }
        assertTrue(Math.abs(small.buurten.size() - 140) <= 3, "buurten at 0.01: " + small.buurten.size());
        assertTrue(Math.abs(tenth.buurten.size() - 1_400) <= 14, "buurten at 0.1: " + tenth.buurten.size());
        // Amsterdam is always in (the largest), so even the smallest country has a merger: Weesp, and Muiden before it
        assertEquals("GM0363", small.gemeenten.stream().filter(a -> a.code.equals("GM0363")).findFirst().orElseThrow().code);
        assertTrue(small.predecessors.stream().anyMatch(a -> a.code.equals("GM0457")), "Weesp: " + small.predecessors);
        // districts and basisteams cover the whole country at every scale, so a question has the same areas
        assertEquals(tenth.districts.stream().map(a -> a.code).toList(), small.districts.stream().map(a -> a.code).toList());
        assertEquals(tenth.basisteams.stream().map(a -> a.code).toList(), small.basisteams.stream().map(a -> a.code).toList());
        assertEquals(tenth.police.size(), small.police.size());
    }

    /** The registration lines: kind, period, region, count. */
    record Line(String kind, String period, String region, String count) { }

    static List<Line> read(String file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(dir.resolve(file), StandardCharsets.UTF_8)) {
            String header = r.readLine();
            assertTrue(header.startsWith("\uFEFF\"Soort misdrijf\";\"Perioden\";\"Regio's\";"), header);
            return r.lines().map(l -> {
                String[] f = l.split(";", -1);
                assertEquals(6, f.length, l);
                return new Line(unquote(f[0]), unquote(f[1]), unquote(f[2]), f[3]);
            }).toList();
        }
    }

    static String unquote(String s) {
        assertTrue(s.startsWith("\"") && s.endsWith("\""), s);
        return s.substring(1, s.length() - 1);
    }

    @Test
    void municipalCountsAreRoundedTo5AndMergedMunicipalitiesAreEmpty() throws IOException {
        Country c = result.country();
        assertTrue(!c.predecessors.isEmpty(), "the tiny country has a merger (Amsterdam, always in, took Weesp)");
        Country.Area pred = c.predecessors.get(0);
        int nonEmpty = 0;
        for (Line l : read(Generator.GEMEENTE_FILE)) {
            if (l.count().isEmpty()) continue;
            nonEmpty++;
            assertEquals(0, Long.parseLong(l.count()) % 5, l.toString());
            if (l.region().equals(pred.label)) {
                assertTrue(Integer.parseInt(l.period().replace("*", "")) <= pred.validTo, "merged away after " + pred.validTo + ": " + l);
            }
        }
        assertTrue(nonEmpty > 1000);
    }

    @Test
    void totalIsTheSumOfKindsAndMonthsAreSeasonal() throws IOException {
        Map<String, Long> totals = new HashMap<>();
        Map<String, Long> sums = new HashMap<>();
        long[] burglaryByMonth = new long[13];
        for (Line l : read(Generator.BUURT_FILE)) {
            String key = l.period() + "|" + l.region();
            long v = Long.parseLong(l.count());
            if (l.kind().equals(CrimeTypes.TOTAL_LABEL)) totals.put(key, v);
            else sums.merge(key, v, Long::sum);
            if (l.kind().startsWith("1.1.1 ")) {
                String month = l.period().substring(5).replace("*", "");
                burglaryByMonth[List.of(Generator.MONTHS).indexOf(month) + 1] += v;
            }
        }
        assertEquals(totals, sums);
        // burglary peaks in the dark months: December and January well above June and July
        assertTrue(burglaryByMonth[12] + burglaryByMonth[1] > 1.3 * (burglaryByMonth[6] + burglaryByMonth[7]),
                java.util.Arrays.toString(burglaryByMonth));
    }

    @Test
    void municipalYearIsTheRoundedSumOfItsBuurtMonths() throws IOException {
        Country c = result.country();
        Map<String, String> buurtToGemeente2016 = new HashMap<>();
        for (Country.Buurt b : c.buurten) buurtToGemeente2016.put(b.area.label, b.gemeenteIn(2016).label);
        Map<String, Long> sum = new HashMap<>();
        for (Line l : read(Generator.BUURT_FILE)) {
            if (l.period().startsWith("2016 ") && l.kind().equals(CrimeTypes.TOTAL_LABEL)) {
                sum.merge(buurtToGemeente2016.get(l.region()), Long.parseLong(l.count()), Long::sum);
            }
        }
        int checked = 0;
        for (Line l : read(Generator.GEMEENTE_FILE)) {
            if (l.period().equals("2016") && l.kind().equals(CrimeTypes.TOTAL_LABEL) && !l.count().isEmpty()) {
                assertEquals(Generator.roundTo5(sum.get(l.region())), Long.parseLong(l.count()), l.toString());
                checked++;
            }
        }
        assertEquals(sum.size(), checked);
    }

    long lines(String file) throws IOException {
        try (Stream<String> s = Files.lines(dir.resolve(file))) {
            return s.count();
        }
    }
}
