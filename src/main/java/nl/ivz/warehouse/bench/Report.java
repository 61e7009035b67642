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

        /** met / NOT met for every line with a goal; a goal whose figure was not measured is not met. */
        public String verdict() {
            if (goal == null) return "";
            Double r = ratio();
            if (r == null) return "NOT met";
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

    /** "Goals: 12 of 20 met; NOT met: ..." over the lines with a goal. */
    public String summary() {
        int met = 0;
        int all = 0;
        List<String> notMet = new ArrayList<>();
        for (Line l : lines) {
            if (l.goal() == null) continue;
            all++;
            if (l.verdict().equals("met")) met++;
            else notMet.add(l.scale() + " " + l.section() + ": " + l.what() + (l.ratio() == null ? " (not measured)" : ""));
        }
        return "Goals: " + met + " of " + all + " met" + (notMet.isEmpty() ? "." : "; NOT met: " + String.join("; ", notMet) + ".");
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
