package nl.ivz.warehouse.load.cbs;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The distinct values of a few columns of a ';'-separated file with '"' quotes, read in Java so that DuckDB reads the
 * file only once (the insert pass). It decides nothing about a faulty file: it reports that the file is not plain
 * ({@link Result#clean} false: an empty or missing-value label, a line with too few fields, a broken quote) and the
 * loader then takes its staged path, which names the line.
 */
final class LabelScan {
    private static final int BUFFER = 1 << 22;
    /** Files from 64 MB on are scanned in two halves. */
    private static final long SPLIT = 64L << 20;

    /** Distinct labels per scanned column (in first-seen order) and the number of data lines. */
    record Result(List<List<String>> labels, long rows, boolean clean) { }

    private LabelScan() { }

    /**
     * @param columns the column positions to collect (0-based)
     * @param missing cell values DuckDB reads as NULL (its nullstr): such a label is not clean
     */
    static Result scan(Path file, int[] columns, List<String> missing) throws Exception {
        return scan(file, columns, missing, SPLIT);
    }

    /**
     * {@link #scan}; a file of {@code split} bytes or more is scanned in two halves on two threads (the second half
     * from the first line start after the middle). A quoted newline at that point makes a half not plain or gives
     * it labels DuckDB does not see: the loader then takes the staged path, so the split never loses a row.
     */
    static Result scan(Path file, int[] columns, List<String> missing, long split) throws Exception {
        long size = Files.size(file);
        long boundary = size < split ? size : lineStartAfter(file, size / 2);
        if (boundary >= size) return range(file, 0, size, true, columns, missing);
        FutureTask<Result> second = new FutureTask<>(() -> range(file, boundary, size, false, columns, missing));
        Thread t = new Thread(second, "labels, second half, " + file.getFileName());
        t.setDaemon(true);
        t.start();
        try {
            Result a = range(file, 0, boundary, true, columns, missing);
            if (!a.clean()) return a;
            Result b;
            try {
                b = second.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception x ? x : e;
            }
            List<List<String>> labels = new ArrayList<>();
            for (int i = 0; i < columns.length; i++) {
                LinkedHashSet<String> both = new LinkedHashSet<>(a.labels().get(i));
                both.addAll(b.labels().get(i));
                labels.add(new ArrayList<>(both));
            }
            return new Result(labels, a.rows() + b.rows(), b.clean());
        } finally {
            second.cancel(true);
        }
    }

    /** The position after the first newline at or after {@code from}, or the file's size. */
    private static long lineStartAfter(Path file, long from) throws IOException {
        try (FileChannel ch = FileChannel.open(file)) {
            ByteBuffer bb = ByteBuffer.allocate(1 << 16);
            long at = from;
            while (true) {
                bb.clear();
                int n = ch.read(bb, at);
                if (n <= 0) return ch.size();
                for (int i = 0; i < n; i++) if (bb.get(i) == '\n') return at + i + 1;
                at += n;
            }
        }
    }

    /** The lines starting in [from, to) of the file; {@code header}: the first of them is the header. */
    private static Result range(Path file, long from, long to, boolean header, int[] columns, List<String> missing) throws IOException {
        int last = Arrays.stream(columns).max().orElse(0);
        int[] slot = new int[last + 1];
        Arrays.fill(slot, -1);
        for (int i = 0; i < columns.length; i++) slot[columns[i]] = i;
        Distinct[] sets = new Distinct[columns.length];
        for (int i = 0; i < sets.length; i++) sets[i] = new Distinct();
        List<List<String>> labels = new ArrayList<>();
        for (Distinct d : sets) labels.add(d.values);
        // start, stop and doubled-quote flag of each field up to the last label column, for the line just parsed
        int[] bounds = new int[3 * (last + 1)];
        long rows = 0;
        byte[] buf = new byte[BUFFER];
        int len = 0, pos = 0;
        boolean eof = false;
        long remaining = to - from;
        try (FileChannel in = FileChannel.open(file)) {
            in.position(from);
            while (true) {
                int end = pos >= len ? INCOMPLETE : header ? lineEnd(buf, pos, len, eof) : line(buf, pos, len, eof, last, bounds);
                if (end == NOT_PLAIN) return new Result(labels, rows, false);
                if (end == INCOMPLETE) {
                    if (eof) break;
                    if (Thread.currentThread().isInterrupted()) throw new InterruptedIOException("label scan of " + file + " cancelled");
                    System.arraycopy(buf, pos, buf, 0, len - pos);
                    len -= pos;
                    pos = 0;
                    if (len == buf.length) buf = Arrays.copyOf(buf, buf.length * 2);
                    int n = in.read(ByteBuffer.wrap(buf, len, (int) Math.min(buf.length - len, remaining)));
                    if (n > 0) {
                        len += n;
                        remaining -= n;
                    }
                    if (n < 0 || remaining == 0) eof = true;
                    continue;
                }
                if (header) {
                    header = false;
                } else if (end > pos && !(end == pos + 1 && buf[pos] == '\r')) {
                    rows++;
                    // the labels are taken only now that the whole line is in the buffer
                    for (int f = 0; f <= last; f++) {
                        if (slot[f] < 0) continue;
                        int start = bounds[3 * f], stop = bounds[3 * f + 1];
                        if (stop == start) return new Result(labels, rows, false);
                        String v = sets[slot[f]].add(buf, start, stop - start);
                        // a doubled quote in a label is rare: the staged path reads it
                        if (v != null && (bounds[3 * f + 2] != 0 || missing.contains(v))) return new Result(labels, rows, false);
                    }
                }
                pos = end < len ? end + 1 : len;
            }
        }
        return new Result(labels, rows, true);
    }

    private static final int INCOMPLETE = -1;
    private static final int NOT_PLAIN = -2;

    /** The newline ending the line from {@code from} (quotes respected), the buffer's end at the end of the file, or INCOMPLETE. */
    private static int lineEnd(byte[] b, int from, int len, boolean eof) {
        boolean quoted = false;
        for (int i = from; i < len; i++) {
            byte c = b[i];
            if (c == '"') quoted = !quoted;
            else if (c == '\n' && !quoted) return i;
        }
        return eof ? len : INCOMPLETE;
    }

    /**
     * One data line in one pass over its bytes: the bounds of fields 0..last into {@code bounds}, then the rest of the
     * line. Returns the newline ending it (the buffer's end at the end of the file), INCOMPLETE when the buffer ends
     * first, or NOT_PLAIN (too few fields, a broken quote, text after a closing quote).
     */
    private static int line(byte[] b, int from, int len, boolean eof, int last, int[] bounds) {
        if (b[from] == '\n') return from; // a blank line
        int i = from;
        for (int f = 0; f <= last; f++) {
            int start, stop;
            int escaped = 0;
            if (i < len && b[i] == '"') {
                start = i + 1;
                int j = start;
                while (true) {
                    if (j >= len) return eof ? NOT_PLAIN : INCOMPLETE;
                    if (b[j] == '"') {
                        if (j + 1 >= len && !eof) return INCOMPLETE;
                        if (j + 1 < len && b[j + 1] == '"') {
                            escaped = 1;
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    j++;
                }
                stop = j;
                i = j + 1;
            } else {
                start = i;
                int j = i;
                while (j < len && b[j] != ';' && b[j] != '\n') j++;
                if (j >= len && !eof) return INCOMPLETE;
                stop = j > start && j < len && b[j] == '\n' && b[j - 1] == '\r' ? j - 1 : j;
                i = j;
            }
            bounds[3 * f] = start;
            bounds[3 * f + 1] = stop;
            bounds[3 * f + 2] = escaped;
            if (i >= len) {
                if (!eof) return INCOMPLETE;
                return f == last ? len : NOT_PLAIN;
            }
            byte c = b[i];
            if (c == ';') {
                i++;
                continue;
            }
            if (c == '\r' && i + 1 < len && b[i + 1] == '\n') c = b[++i];
            else if (c == '\r' && i + 1 >= len && !eof) return INCOMPLETE;
            if (c != '\n') return NOT_PLAIN; // text after the closing quote
            return f == last ? i : NOT_PLAIN; // the line ends before the last label column
        }
        // the rest of the line (the measures), quotes respected
        boolean quoted = false;
        for (; i < len; i++) {
            byte c = b[i];
            if (c == '"') quoted = !quoted;
            else if (c == '\n' && !quoted) return i;
        }
        return eof ? len : INCOMPLETE;
    }

    /** Distinct byte strings, looked up without allocating; the previous value is checked first (labels repeat in runs). */
    private static final class Distinct {
        private final List<String> values = new ArrayList<>();
        private byte[][] keys = new byte[64][];
        private byte[] previous;

        /** The value as a String when it is new, else null. */
        String add(byte[] b, int off, int len) {
            if (previous != null && Arrays.equals(previous, 0, previous.length, b, off, off + len)) return null;
            int h = 1;
            for (int i = off; i < off + len; i++) h = 31 * h + b[i];
            int mask = keys.length - 1;
            int s = (h ^ (h >>> 16)) & mask;
            while (keys[s] != null) {
                if (Arrays.equals(keys[s], 0, keys[s].length, b, off, off + len)) {
                    previous = keys[s];
                    return null;
                }
                s = (s + 1) & mask;
            }
            byte[] k = Arrays.copyOfRange(b, off, off + len);
            keys[s] = k;
            previous = k;
            String v = new String(k, StandardCharsets.UTF_8);
            values.add(v);
            if (values.size() * 2 > keys.length) grow();
            return v;
        }

        private void grow() {
            byte[][] old = keys;
            keys = new byte[old.length * 2][];
            int mask = keys.length - 1;
            for (byte[] k : old) {
                if (k == null) continue;
                int h = 1;
                for (byte x : k) h = 31 * h + x;
                int s = (h ^ (h >>> 16)) & mask;
                while (keys[s] != null) s = (s + 1) & mask;
                keys[s] = k;
            }
        }
    }
}
