package nl.ivz.warehouse.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The suite's result table: each figure beside its reference, the ratio and the goal. */
public final class Report {
    /** Whether a higher figure is better (rows/s, requests/s) or a lower one (seconds, ms). */
    public enum Better { HIGHER, LOWER }

    /**
     * One line. {@code ratio} = ours / reference for HIGHER (goal: at least {@code goal}) and ours / reference for
     * LOWER (goal: at most {@code goal}); null where there is no reference or the part has not landed.
     */
    public record Line(String scale, String section, String what, String unit, Measure.Stat ours, String reference,
                       Measure.Stat ref, Better better, Double goal, String note) {
        public Double ratio() {
            if (ours == null || ref == null || ref.median() == 0) return null;
            return ours.median() / ref.median();
        }

        public String verdict() {
            Double r = ratio();
            if (r == null || goal == null) return "";
            boolean met = better == Better.HIGHER ? r >= goal : r <= goal;
            return met ? "met" : "NOT met";
        }

        public String goalText() {
            if (goal == null) return "";
            return (better == Better.HIGHER ? ">= " : "<= ") + fmtRatio(goal) + "x";
        }
    }

    private final List<Line> lines = new ArrayList<>();

    public void add(Line l) {
        lines.add(l);
    }

    public List<Line> lines() {
        return lines;
    }

    static String fmtRatio(double r) {
        return String.format(Locale.ROOT, r >= 10 ? "%.1f" : "%.2f", r);
    }

    static String fmt(double v) {
        double a = Math.abs(v);
        if (a >= 1e6) return String.format(Locale.ROOT, "%,.2fM", v / 1e6);
        if (a >= 10_000) return String.format(Locale.ROOT, "%,.0f", v);
        if (a >= 100) return String.format(Locale.ROOT, "%.0f", v);
        if (a >= 1) return String.format(Locale.ROOT, "%.2f", v);
        return String.format(Locale.ROOT, "%.3f", v);
    }

    static String stat(Measure.Stat s) {
        if (s == null) return "";
        if (s.n() == 1) return fmt(s.median());
        return fmt(s.median()) + " [" + fmt(s.min()) + "-" + fmt(s.max()) + "]";
    }

    /** Markdown table: pasteable into the README. */
    public void print(PrintStream out) {
        out.println("| scale | part | measure | unit | ours: median [min-max] | reference | reference: median [min-max] | ratio | goal | verdict | note |");
        out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        for (Line l : lines) {
            Double r = l.ratio();
            out.println("| " + l.scale() + " | " + l.section() + " | " + l.what() + " | " + l.unit() + " | " + stat(l.ours()) + " | "
                    + (l.reference() == null ? "" : l.reference()) + " | " + stat(l.ref()) + " | "
                    + (r == null ? "" : fmtRatio(r) + "x") + " | " + l.goalText() + " | " + l.verdict() + " | "
                    + (l.note() == null ? "" : l.note().replace("|", "/")) + " |");
        }
    }
}
