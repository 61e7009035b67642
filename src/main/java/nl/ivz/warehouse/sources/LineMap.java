package nl.ivz.warehouse.sources;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Line numbers of the data records of a delimited file, for bulk readers (DuckDB read_csv) that number rows
 * but skip blank lines, join quoted line breaks and drop rows they reject. Record k of the staged table is on
 * line k + 2 + extra(k); only the points where extra changes are kept, so the map stays tiny. Built only when
 * a reject needs its line, so clean files pay nothing.
 */
public final class LineMap {
    private final long[] fromRecord;
    private final long[] extra;

    private LineMap(long[] fromRecord, long[] extra) {
        this.fromRecord = fromRecord;
        this.extra = extra;
    }

    /**
     * Scans the file once.
     * @param skippedLines lines of records the reader dropped (they are not in the staged table)
     */
    public static LineMap scan(Path file, Set<Long> skippedLines) throws IOException {
        List<long[]> changes = new ArrayList<>();
        long line = 1;
        long recordStart = -1;     // line where the current record started, -1 = none yet on this line
        boolean quoted = false;
        boolean blank = true;
        boolean header = true;
        long staged = 0;
        long lastExtra = 0;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    byte b = buf[i];
                    if (b == '"') quoted = !quoted;
                    if (b == '\n') {
                        if (quoted) {
                            line++;
                            continue;
                        }
                        if (!blank) {
                            long[] r = finish(recordStart, header, skippedLines, staged, lastExtra, changes);
                            if (!header && r != null) {
                                staged = r[0];
                                lastExtra = r[1];
                            }
                            header = false;
                        }
                        line++;
                        blank = true;
                        recordStart = -1;
                    } else if (b != '\r' && b != ' ' && b != '\t' && !(b == (byte) 0xEF || b == (byte) 0xBB || b == (byte) 0xBF) || quoted) {
                        if (blank) recordStart = line;
                        blank = false;
                    }
                }
            }
        }
        if (!blank) finish(recordStart, header, skippedLines, staged, lastExtra, changes);
        long[] from = new long[changes.size()];
        long[] ex = new long[changes.size()];
        for (int i = 0; i < from.length; i++) {
            from[i] = changes.get(i)[0];
            ex[i] = changes.get(i)[1];
        }
        return new LineMap(from, ex);
    }

    /** Accounts one record; returns {staged count, extra} after it, or null for the header. */
    private static long[] finish(long start, boolean header, Set<Long> skipped, long staged, long lastExtra,
                                 List<long[]> changes) {
        if (header) return null;
        if (skipped.contains(start)) return new long[] {staged, lastExtra};
        long ex = start - (staged + 2);
        if (ex != lastExtra || changes.isEmpty() && ex != 0) changes.add(new long[] {staged, ex});
        return new long[] {staged + 1, ex};
    }

    /** Line of staged record k (0-based). */
    public long line(long k) {
        int lo = 0, hi = fromRecord.length - 1, found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (fromRecord[mid] <= k) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return k + 2 + (found < 0 ? 0 : extra[found]);
    }

    /** The change points (record, extra lines) for an SQL ASOF join. */
    public long[][] changes() {
        long[][] out = new long[fromRecord.length][];
        for (int i = 0; i < out.length; i++) out[i] = new long[] {fromRecord[i], extra[i]};
        return out;
    }
}
