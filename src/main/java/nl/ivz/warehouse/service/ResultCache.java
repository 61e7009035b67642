package nl.ivz.warehouse.service;

import nl.ivz.warehouse.export.ResultFormat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Answers of cubes and canned queries, kept until the next load. The data only change through a load, so
 * an answer stays right until then; dashboards asking the same cube again get the stored bytes instead
 * of a new engine run. Ad-hoc SQL is not cached (it may call random() or now()).
 */
final class ResultCache {
    record Key(long version, String kind, String name, Map<String, String> params, ResultFormat format) { }

    /** @param written rows and truncation of the answer, where the caller needs them back (ad-hoc answers); else null */
    record Entry(byte[] body, ResultFormat format, nl.ivz.warehouse.export.ResultWriter.Written written) {
        Entry(byte[] body, ResultFormat format) {
            this(body, format, null);
        }
    }

    private final long maxBytes;
    private final long maxEntryBytes;
    private long version;
    private long bytes;
    private long hits;
    private long misses;
    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);

    /** @param maxBytes total size of the stored answers; 0 turns the cache off */
    ResultCache(long maxBytes) {
        this.maxBytes = maxBytes;
        this.maxEntryBytes = maxBytes / 8;
    }

    boolean enabled() {
        return maxBytes > 0;
    }

    synchronized Key key(String kind, String name, Map<String, String> params, ResultFormat format) {
        return new Key(version, kind, name.toLowerCase(java.util.Locale.ROOT), new TreeMap<>(params), format);
    }

    synchronized Entry get(Key key) {
        Entry e = key.version() == version ? entries.get(key) : null;
        if (e == null) misses++; else hits++;
        return e;
    }

    synchronized void put(Key key, Entry e) {
        if (key.version() != version || e.body().length > maxEntryBytes) return;
        Entry old = entries.put(key, e);
        bytes += e.body().length - (old == null ? 0 : old.body().length);
        var it = entries.entrySet().iterator();
        while (bytes > maxBytes && it.hasNext()) {
            bytes -= it.next().getValue().body().length;
            it.remove();
        }
    }

    /** Drops everything when the warehouse's data version moved on (the ad-hoc answers follow it themselves). */
    synchronized void follow(long dataVersion) {
        if (dataVersion != followed) {
            followed = dataVersion;
            invalidate();
        }
    }

    private long followed;

    /** After a load: every stored answer may be stale. */
    synchronized void invalidate() {
        version++;
        entries.clear();
        bytes = 0;
    }

    synchronized long hits() { return hits; }
    synchronized long misses() { return misses; }

    /** A sink that passes the answer through and keeps a copy up to the entry size limit. */
    final class Recording implements ResultSink {
        private final ResultSink target;
        private ByteArrayOutputStream copy;
        private ResultFormat format;

        Recording(ResultSink target) {
            this.target = target;
        }

        @Override
        public OutputStream open(ResultFormat f, long knownLength) throws IOException {
            OutputStream out = target.open(f, knownLength);
            this.format = f;
            this.copy = new ByteArrayOutputStream();
            return new OutputStream() {
                @Override public void write(int b) throws IOException {
                    out.write(b);
                    keep(new byte[] {(byte) b}, 0, 1);
                }
                @Override public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                    keep(b, off, len);
                }
                @Override public void flush() throws IOException { out.flush(); }
                @Override public void close() throws IOException { out.close(); }
            };
        }

        private void keep(byte[] b, int off, int len) {
            if (copy == null) return;
            if (copy.size() + len > maxEntryBytes) {
                copy = null; // too large to keep: stream only
                return;
            }
            copy.write(b, off, len);
        }

        /** Stores the copy once the answer went out completely. */
        void store(Key key) {
            store(key, null);
        }

        void store(Key key, nl.ivz.warehouse.export.ResultWriter.Written written) {
            if (copy != null && format != null) put(key, new Entry(copy.toByteArray(), format, written));
        }
    }
}
