package nl.ivz.warehouse.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Timing statistics and memory probes for the suite. */
public final class Measure {
    private Measure() { }

    /** Median with min and max of several runs. */
    public record Stat(double median, double min, double max, int n) {
        public static Stat of(List<Double> values) {
            if (values.isEmpty()) return null;
            List<Double> v = new ArrayList<>(values);
            Collections.sort(v);
            int n = v.size();
            double med = n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
            return new Stat(med, v.get(0), v.get(n - 1), n);
        }
    }

    /** Peak heap (sum of heap pool peaks) and process peak RSS (VmHWM) since {@link #reset}. */
    public record Memory(long heapPeakBytes, long rssPeakBytes, boolean rssSinceReset) { }

    /** Starts a memory window: collects garbage, resets pool peaks and (Linux) the RSS high-water mark. */
    public static boolean reset() {
        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) p.resetPeakUsage();
        }
        // "5" resets VmHWM to the current RSS (Linux >= 4.0); without it the peak counts from process start
        try (OutputStream o = Files.newOutputStream(Path.of("/proc/self/clear_refs"))) {
            o.write('5');
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    public static Memory read(boolean rssReset) {
        long heap = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) heap += p.getPeakUsage().getUsed();
        }
        return new Memory(heap, statusKb("VmHWM") * 1024, rssReset);
    }

    /** A field of /proc/self/status in kB (0 where unavailable). */
    static long statusKb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    public static long maxHeapBytes() {
        return Runtime.getRuntime().maxMemory();
    }
}
