package nl.ivz.warehouse.service;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A hard cap on the memory the whole process may allocate (Linux RLIMIT_DATA, set with {@code prlimit} on our own
 * pid). DuckDB's memory_limit only covers its buffer manager: a single value such as {@code range(1000000000)} (8 GB)
 * or a vector of {@code repeat('x', 100000000)} strings is allocated outside it and cannot be interrupted while it is
 * built. With the cap such an allocation fails at once and DuckDB reports "Out of Memory Error ... (bad allocation)",
 * instead of the kernel killing the process (or a neighbour). The cap is the process's committed data at start
 * plus the heap it may still grow to, DuckDB's memory limit and a headroom; restored when the server stops.
 */
final class ProcessMemoryCap implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessMemoryCap.class);
    private static final Pattern SIZE = Pattern.compile("(?i)\\s*([0-9]+(?:\\.[0-9]+)?)\\s*(b|bytes|kb|kib|mb|mib|gb|gib|tb|tib)?\\s*");
    private static ProcessMemoryCap active;

    private final long capBytes;
    private final String previousSoft;
    private final String description;

    private ProcessMemoryCap(long capBytes, String previousSoft, String description) {
        this.capBytes = capBytes;
        this.previousSoft = previousSoft;
        this.description = description;
    }

    /** Sets the cap, unless another server of this process already holds one (then that one stays). */
    static synchronized ProcessMemoryCap apply(long duckdbLimitBytes, long headroomMb) {
        if (headroomMb <= 0) return new ProcessMemoryCap(-1, null, "off");
        if (active != null) return new ProcessMemoryCap(-1, null, active.description + " (set by another server in this process)");
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) return new ProcessMemoryCap(-1, null, "not available on this system");
        try {
            long data = procStatusKb("VmData") << 10;
            Runtime rt = Runtime.getRuntime();
            long heapRoom = Math.max(0, rt.maxMemory() - rt.totalMemory());
            long headroom = headroomMb(duckdbLimitBytes, headroomMb);
            long cap = data + heapRoom + duckdbLimitBytes + (headroom << 20);
            String previous = currentSoftLimit();
            if (!prlimit(Long.toString(cap))) return new ProcessMemoryCap(-1, null, "not available (prlimit failed)");
            active = new ProcessMemoryCap(cap, previous, String.format("%,d MB (RLIMIT_DATA: %,d MB at start + %,d MB heap room + memory limit + %,d MB headroom)",
                    cap >> 20, data >> 20, heapRoom >> 20, headroom));
            return active;
        } catch (IOException e) {
            return new ProcessMemoryCap(-1, null, "not available (" + e.getMessage() + ")");
        }
    }

    /**
     * The headroom used: the one asked for, or the memory limit again when that is more. RLIMIT_DATA counts address
     * space, and DuckDB's allocator keeps what it has used beyond its limit (VmData 3,592 MB after four Parquet exports
     * of 9.9 M sorted rows under a 1.9 GiB limit, 0.9 GB over; with 1 GB of headroom the JIT's next malloc failed and
     * the JVM stopped).
     */
    static long headroomMb(long duckdbLimitBytes, long headroomMb) {
        return Math.max(headroomMb, duckdbLimitBytes >> 20);
    }

    /** Null when no cap was set by this server. */
    long capBytes() { return capBytes; }

    String description() { return description; }

    @Override
    public void close() {
        synchronized (ProcessMemoryCap.class) {
            if (active != this) return;
            active = null;
            if (!prlimit(previousSoft == null ? "unlimited" : previousSoft)) LOG.warn("Could not restore RLIMIT_DATA to {}", previousSoft);
        }
    }

    private static boolean prlimit(String soft) {
        try {
            Process p = new ProcessBuilder("prlimit", "--pid", Long.toString(ProcessHandle.current().pid()), "--data=" + soft + ":")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            if (p.exitValue() != 0) LOG.warn("prlimit --data={} failed: {}", soft, out);
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The soft "Max data size" of /proc/self/limits ("unlimited" or bytes). */
    private static String currentSoftLimit() throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/self/limits"))) {
            if (l.startsWith("Max data size")) return l.substring("Max data size".length()).strip().split("\\s+")[0];
        }
        return "unlimited";
    }

    /** A field of /proc/self/status in kB (VmRSS, VmHWM, VmData), or -1. */
    static long procStatusKb(String field) throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (l.startsWith(field + ":")) return Long.parseLong(l.replaceAll("[^0-9]", ""));
        }
        return -1;
    }

    /** DuckDB-style sizes: "2GB" (10^9), "2GiB" (2^30), "256MB", plain bytes. */
    static long bytes(String size) {
        Matcher m = SIZE.matcher(size);
        if (!m.matches()) throw new IllegalArgumentException("not a size: '" + size + "' (e.g. 2GB, 512MB, 1GiB)");
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
        double factor = switch (unit) {
            case "kb" -> 1e3;
            case "kib" -> 1024;
            case "mb" -> 1e6;
            case "mib" -> 1024 * 1024;
            case "gb" -> 1e9;
            case "gib" -> 1024.0 * 1024 * 1024;
            case "tb" -> 1e12;
            case "tib" -> 1024.0 * 1024 * 1024 * 1024;
            default -> 1;
        };
        return (long) (n * factor);
    }
}
