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
        // regions.csv: one row per area of each level
        Map<String, Integer> perLevel = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve(Generator.REGIONS_FILE)).subList(1, (int) lines(Generator.REGIONS_FILE))) {
            perLevel.merge(line.split(",")[2], 1, Integer::sum);
        }
        assertEquals(c.buurten.size(), perLevel.get("buurt"));
        assertEquals(c.wijken.size(), perLevel.get("wijk"));
        assertEquals(c.gemeenten.size() + c.predecessors.size(), perLevel.get("gemeente"));
        assertEquals(c.basisteams.size(), perLevel.get("basisteam"));
        assertEquals(c.districts.size(), perLevel.get("district"));
        assertEquals(c.units.size(), perLevel.get("eenheid"));
    }

    @Test
    void wholeCountryHasTheNationalShape() {
        Country c = Country.build(1, SEED);
        assertEquals(10, c.units.size());
        assertTrue(c.gemeenten.size() >= 340 && c.gemeenten.size() <= 350, "municipalities: " + c.gemeenten.size());
        assertTrue(c.districts.size() >= 40 && c.districts.size() <= 46, "districts: " + c.districts.size());
        assertTrue(c.basisteams.size() >= 140 && c.basisteams.size() <= 175, "basisteams: " + c.basisteams.size());
        assertTrue(Math.abs(c.buurten.size() - 14_000) < 700, "buurten: " + c.buurten.size());
        assertTrue(Math.abs(c.wijken.size() - 3_300) < 400, "wijken: " + c.wijken.size());
        assertTrue(c.predecessors.size() > 5, "some mergers: " + c.predecessors.size());
        // skewed: the largest municipality is Amsterdam with ~880,000 of 17.6 M inhabitants
        assertEquals("Amsterdam", c.gemeenten.stream().max((a, b) -> Double.compare(a.population, b.population)).get().name);
        assertEquals(17_590_672, Math.round(c.nederland.population));
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
        assertTrue(!c.predecessors.isEmpty(), "the tiny country has a merger (seed chosen so)");
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
