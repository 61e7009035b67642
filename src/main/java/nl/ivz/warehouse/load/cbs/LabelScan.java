package nl.ivz.warehouse.load.cbs;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The distinct values of a few columns of a ';'-separated file with '"' quotes, read in Java so that DuckDB reads the
 * file only once (the insert pass). It decides nothing about a faulty file: it reports that the file is not plain
 * ({@link Result#clean} false: an empty or missing-value label, a line with too few fields, a broken quote) and the
 * loader then takes its staged path, which names the line.
 */
final class LabelScan {
    private static final int BUFFER = 1 << 22;

    /** Distinct labels per scanned column (in first-seen order) and the number of data lines. */
    record Result(List<List<String>> labels, long rows, boolean clean) { }

    private LabelScan() { }

    /**
     * @param columns the column positions to collect (0-based)
     * @param missing cell values DuckDB reads as NULL (its nullstr): such a label is not clean
     */
    static Result scan(Path file, int[] columns, List<String> missing) throws IOException {
        int last = Arrays.stream(columns).max().orElse(0);
        int[] slot = new int[last + 1];
        Arrays.fill(slot, -1);
        for (int i = 0; i < columns.length; i++) slot[columns[i]] = i;
        Distinct[] sets = new Distinct[columns.length];
        for (int i = 0; i < sets.length; i++) sets[i] = new Distinct();
        long rows = 0;
        boolean clean = true;
        byte[] buf = new byte[BUFFER];
        int len = 0, pos = 0;
        boolean header = true, eof = false;
        try (InputStream in = Files.newInputStream(file)) {
            while (true) {
                // a whole line (outside quotes) from pos, or refill
                int end = lineEnd(buf, pos, len);
                if (end < 0) {
                    if (eof) {
                        if (pos < len) end = len; // last line without a newline
                        else break;
                    } else {
                        if (Thread.currentThread().isInterrupted()) throw new InterruptedIOException("label scan of " + file + " cancelled");
                        System.arraycopy(buf, pos, buf, 0, len - pos);
                        len -= pos;
                        pos = 0;
                        if (len == buf.length) buf = Arrays.copyOf(buf, buf.length * 2);
                        int n = in.read(buf, len, buf.length - len);
                        if (n < 0) eof = true;
                        else len += n;
                        continue;
                    }
                }
                int lineEnd = end > pos && buf[end - 1] == '\r' ? end - 1 : end;
                if (header) {
                    header = false;
                } else if (lineEnd > pos) {
                    rows++;
                    if (clean) clean = fields(buf, pos, lineEnd, last, slot, sets, missing);
                }
                pos = end < len ? end + 1 : len;
            }
        }
        List<List<String>> labels = new ArrayList<>();
        for (Distinct d : sets) labels.add(d.values);
        return new Result(labels, rows, clean);
    }

    /** The position of the newline ending the line that starts at {@code from} (quotes respected), or -1 if not in the buffer. */
    private static int lineEnd(byte[] b, int from, int len) {
        boolean quoted = false;
        for (int i = from; i < len; i++) {
            byte c = b[i];
            if (c == '"') quoted = !quoted;
            else if (c == '\n' && !quoted) return i;
        }
        return -1;
    }

    /** Collects the label fields of one line; false when one is missing, empty or a missing-value symbol. */
    private static boolean fields(byte[] b, int from, int to, int last, int[] slot, Distinct[] sets, List<String> missing) {
        int i = from;
        for (int f = 0; f <= last; f++) {
            if (i > to) return false; // fewer fields than the header names
            int start, stop;
            boolean escaped = false;
            if (i < to && b[i] == '"') {
                start = i + 1;
                int j = start;
                while (true) {
                    if (j >= to) return false; // unterminated quote
                    if (b[j] == '"') {
                        if (j + 1 < to && b[j + 1] == '"') {
                            escaped = true;
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    j++;
                }
                stop = j;
                i = j + 1;
                if (i < to && b[i] != ';') return false; // text after the closing quote
            } else {
                start = i;
                int j = i;
                while (j < to && b[j] != ';') j++;
                stop = j;
                i = j;
            }
            i++; // past the ';'
            if (slot[f] < 0) continue;
            if (stop == start) return false;
            String v = sets[slot[f]].add(b, start, stop - start);
            if (v != null) {
                if (escaped) return false; // a doubled quote in a label: rare, the staged path reads it
                if (missing.contains(v)) return false;
            }
        }
        return true;
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
