package nl.ivz.warehouse.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Medians, ratios and verdicts of the suite's table (no timings measured here). */
class ReportTest {
    @Test
    void medianWithMinAndMax() {
        Measure.Stat odd = Measure.Stat.of(List.of(5.0, 1.0, 3.0));
        assertEquals(3.0, odd.median());
        assertEquals(1.0, odd.min());
        assertEquals(5.0, odd.max());
        assertEquals(2.5, Measure.Stat.of(List.of(4.0, 1.0, 2.0, 3.0)).median());
        assertNull(Measure.Stat.of(List.of()));
    }

    @Test
    void ratioAndVerdictFollowWhichWayIsBetter() {
        Measure.Stat ours = Measure.Stat.of(List.of(300.0));
        Measure.Stat ref = Measure.Stat.of(List.of(500.0));
        Report.Line rate = new Report.Line("1", "load", "rows", "rows/s", ours, "read_csv", ref, Report.Better.HIGHER, 0.5, null);
        assertEquals(0.6, rate.ratio(), 1e-9);
        assertEquals("met", rate.verdict());
        Report.Line time = new Report.Line("1", "cubes", "trend", "ms", ref, "hand SQL", ours, Report.Better.LOWER, 1.2, null);
        assertEquals("NOT met", time.verdict());
        Report.Line missing = new Report.Line("1", "service", "x", "req/s", null, "bare", ref, Report.Better.HIGHER, 0.5, "not landed");
        assertNull(missing.ratio());
        assertEquals("NOT met", missing.verdict(), "a goal that was not measured is not met");
        Report.Line info = new Report.Line("1", "load", "reference files", "s", ours, null, null, null, null, "no goal");
        assertEquals("", info.verdict());
        Report r = new Report();
        r.add(rate);
        r.add(missing);
        r.add(info);
        assertEquals("Goals: 1 of 2 met; NOT met: 1 service: x (not measured).", r.summary());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        r.print(new PrintStream(out, true, StandardCharsets.UTF_8));
        String table = out.toString(StandardCharsets.UTF_8);
        assertTrue(table.contains("| 1 | load | rows | rows/s | 300 | read_csv | 500 | 0.60x | >= 0.50x | met |"), table);
        assertTrue(table.contains("not landed"), table);
    }
}
