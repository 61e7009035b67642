package nl.ivz.warehouse.export;

import org.apache.parquet.bytes.ByteBufferAllocator;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageWriteStore;
import org.apache.parquet.column.page.PageWriter;
import org.apache.parquet.column.statistics.SizeStatistics;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.column.statistics.geospatial.GeospatialStatistics;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.dictionary.DictionaryValuesWriter;
import org.apache.parquet.column.values.factory.DefaultValuesWriterFactory;
import org.apache.parquet.column.values.factory.ValuesWriterFactory;
import org.apache.parquet.column.values.fallback.FallbackValuesWriter;
import org.apache.parquet.column.values.plain.PlainValuesWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.PrimitiveType;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Text columns of one row group, written the way parquet-hadoop's defaults write them (PLAIN_DICTIONARY, plain when
 * the dictionary grows too large; min/max and null count per page) with less work per row:
 * <ul>
 * <li>the dictionary id of a value is found by the identity of its Binary first ({@link ParquetExport.Texts} gives one
 * Binary per distinct value), its bytes are hashed and compared only for a Binary not seen before;</li>
 * <li>the page statistics take each distinct value once per page instead of every row's (the library's own per-row
 * statistics are switched off for these columns; {@link #pages} puts the ones built here in their place).</li>
 * </ul>
 * One instance per row group (not thread-safe): its properties, values writers and page writers belong together.
 */
final class ParquetTexts implements ValuesWriterFactory {
    private final ValuesWriterFactory base = new DefaultValuesWriterFactory();
    /** Per text column (by dotted path): the statistics of the page being written. */
    private final Map<String, PageStats> stats = new HashMap<>();
    private ParquetProperties props;

    /** @param textColumns the text columns' descriptors (BINARY with the string annotation) */
    ParquetTexts(Iterable<ColumnDescriptor> textColumns) {
        for (ColumnDescriptor d : textColumns) stats.put(path(d), new PageStats(d.getPrimitiveType()));
    }

    /** The properties to write with: dictionaries on, the library's statistics off for the text columns (built here). */
    ParquetProperties properties() {
        ParquetProperties.Builder b = ParquetProperties.builder().withDictionaryEncoding(true).withValuesWriterFactory(this);
        for (String p : stats.keySet()) b.withStatisticsEnabled(p, false);
        return b.build();
    }

    /** The page writers, with the text columns' pages given their statistics. */
    PageWriteStore pages(PageWriteStore store) {
        return d -> {
            PageWriter w = store.getPageWriter(d);
            PageStats s = stats.get(path(d));
            return s == null ? w : new StatsPageWriter(w, s);
        };
    }

    private static String path(ColumnDescriptor d) {
        return String.join(".", d.getPath());
    }

    @Override
    public void initialize(ParquetProperties p) {
        this.props = p;
        base.initialize(p);
    }

    @Override
    public ValuesWriter newValuesWriter(ColumnDescriptor d) {
        PageStats s = stats.get(path(d));
        if (s == null) return base.newValuesWriter(d);
        // as DefaultV1ValuesWriterFactory for BINARY: PLAIN_DICTIONARY, falling back to PLAIN
        return FallbackValuesWriter.of(new IdentityDictionaryWriter(props.getDictionaryPageSizeThreshold(), props.getAllocator(), s),
                new PlainTextWriter(props, s));
    }

    /** Min/max of the page being written (each distinct value once) and the count of its non-null values. */
    static final class PageStats {
        private final PrimitiveType type;
        private Statistics<?> page;
        /** Which page this is (from 1): a dictionary id marked with it was counted in this page's min/max already. */
        int stamp = 1;
        private long values;
        /** The dictionary writer is handing its values to the plain writer (counted already). */
        boolean replaying;

        PageStats(PrimitiveType type) {
            this.type = type;
            this.page = Statistics.createStats(type);
        }

        void value(Binary v) {
            page.updateStats(v);
        }

        void counted(int n) {
            values += n;
        }

        /** The page's statistics (its nulls: the values that were not written here), and a new page begins. */
        Statistics<?> finish(int valueCount) {
            Statistics<?> s = page;
            s.incrementNumNulls(valueCount - values);
            page = Statistics.createStats(type);
            values = 0;
            stamp++;
            return s;
        }
    }

    /** PLAIN_DICTIONARY by the Binary's identity first; the library's own map (by bytes) for a Binary not seen before. */
    static final class IdentityDictionaryWriter extends DictionaryValuesWriter.PlainBinaryDictionaryValuesWriter {
        private final PageStats stats;
        private Binary[] keys = new Binary[1024];
        private int[] ids = new int[1024];
        private int used;
        /** Per dictionary id: the last page stamp its value went into the statistics. */
        private int[] counted = new int[1024];

        IdentityDictionaryWriter(int maxDictionaryByteSize, ByteBufferAllocator allocator, PageStats stats) {
            super(maxDictionaryByteSize, Encoding.PLAIN_DICTIONARY, Encoding.PLAIN_DICTIONARY, allocator);
            this.stats = stats;
        }

        /** The value written last and its id: sorted exports repeat a code row after row. */
        private Binary last;
        private int lastId;

        @Override
        public void writeBytes(Binary v) {
            if (v == last && counted[lastId] == stats.stamp) {
                encodedValues.add(lastId);
                stats.counted(1);
                return;
            }
            int mask = keys.length - 1;
            int slot = System.identityHashCode(v) & mask;
            int id;
            while (true) {
                Binary k = keys[slot];
                if (k == v) {
                    id = ids[slot];
                    encodedValues.add(id);
                    break;
                }
                if (k == null) {
                    super.writeBytes(v);
                    id = binaryDictionaryContent.getInt(v);
                    remember(slot, v, id);
                    break;
                }
                slot = (slot + 1) & mask;
            }
            stats.counted(1);
            if (id >= counted.length) counted = Arrays.copyOf(counted, Math.max(id + 1, counted.length * 2));
            if (counted[id] != stats.stamp) {
                counted[id] = stats.stamp;
                stats.value(v);
            }
            last = v;
            lastId = id;
        }

        private void remember(int slot, Binary v, int id) {
            keys[slot] = v;
            ids[slot] = id;
            if (++used * 2 <= keys.length) return;
            Binary[] oldKeys = keys;
            int[] oldIds = ids;
            keys = new Binary[oldKeys.length * 2];
            ids = new int[keys.length];
            int mask = keys.length - 1;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] == null) continue;
                int s = System.identityHashCode(oldKeys[i]) & mask;
                while (keys[s] != null) s = (s + 1) & mask;
                keys[s] = oldKeys[i];
                ids[s] = oldIds[i];
            }
        }

        @Override
        protected void clearDictionaryContent() {
            super.clearDictionaryContent();
            Arrays.fill(keys, null);
            used = 0;
            last = null;
        }

        @Override
        public void fallBackDictionaryEncodedData(ValuesWriter writer) {
            stats.replaying = true;
            try {
                super.fallBackDictionaryEncodedData(writer);
            } finally {
                stats.replaying = false;
            }
        }
    }

    /** PLAIN, after the dictionary grew too large: every value goes into the statistics (the rare case). */
    static final class PlainTextWriter extends ValuesWriter {
        private final PlainValuesWriter plain;
        private final PageStats stats;

        PlainTextWriter(ParquetProperties props, PageStats stats) {
            this.plain = new PlainValuesWriter(props.getInitialSlabSize(), props.getPageSizeThreshold(), props.getAllocator());
            this.stats = stats;
        }

        @Override
        public void writeBytes(Binary v) {
            plain.writeBytes(v);
            if (stats.replaying) return;
            stats.counted(1);
            stats.value(v);
        }

        @Override public long getBufferedSize() { return plain.getBufferedSize(); }

        @Override public BytesInput getBytes() { return plain.getBytes(); }

        @Override public Encoding getEncoding() { return plain.getEncoding(); }

        @Override public void reset() { plain.reset(); }

        @Override public void close() { plain.close(); }

        @Override public long getAllocatedSize() { return plain.getAllocatedSize(); }

        @Override public String memUsageString(String prefix) { return plain.memUsageString(prefix); }
    }

    /** Hands each data page of a text column the statistics built in {@link PageStats} instead of the (off) library's. */
    private static final class StatsPageWriter implements PageWriter {
        private final PageWriter w;
        private final PageStats stats;

        StatsPageWriter(PageWriter w, PageStats stats) {
            this.w = w;
            this.stats = stats;
        }

        @Override
        public void writePage(BytesInput bytes, int valueCount, Statistics<?> s, Encoding rl, Encoding dl, Encoding values) throws IOException {
            w.writePage(bytes, valueCount, stats.finish(valueCount), rl, dl, values);
        }

        @Override
        public void writePage(BytesInput bytes, int valueCount, int rowCount, Statistics<?> s, Encoding rl, Encoding dl, Encoding values)
                throws IOException {
            w.writePage(bytes, valueCount, rowCount, stats.finish(valueCount), rl, dl, values);
        }

        @Override
        public void writePage(BytesInput bytes, int valueCount, int rowCount, Statistics<?> s, SizeStatistics size, Encoding rl, Encoding dl,
                              Encoding values) throws IOException {
            w.writePage(bytes, valueCount, rowCount, stats.finish(valueCount), size, rl, dl, values);
        }

        @Override
        public void writePage(BytesInput bytes, int valueCount, int rowCount, Statistics<?> s, SizeStatistics size, GeospatialStatistics geo,
                              Encoding rl, Encoding dl, Encoding values) throws IOException {
            w.writePage(bytes, valueCount, rowCount, stats.finish(valueCount), size, geo, rl, dl, values);
        }

        @Override
        public void writePageV2(int rowCount, int nullCount, int valueCount, BytesInput rl, BytesInput dl, Encoding dataEncoding, BytesInput data,
                                Statistics<?> s) throws IOException {
            w.writePageV2(rowCount, nullCount, valueCount, rl, dl, dataEncoding, data, stats.finish(valueCount));
        }

        @Override
        public void writePageV2(int rowCount, int nullCount, int valueCount, BytesInput rl, BytesInput dl, Encoding dataEncoding, BytesInput data,
                                Statistics<?> s, SizeStatistics size) throws IOException {
            w.writePageV2(rowCount, nullCount, valueCount, rl, dl, dataEncoding, data, stats.finish(valueCount), size);
        }

        @Override
        public void writePageV2(int rowCount, int nullCount, int valueCount, BytesInput rl, BytesInput dl, Encoding dataEncoding, BytesInput data,
                                Statistics<?> s, SizeStatistics size, GeospatialStatistics geo) throws IOException {
            w.writePageV2(rowCount, nullCount, valueCount, rl, dl, dataEncoding, data, stats.finish(valueCount), size, geo);
        }

        @Override public long getMemSize() { return w.getMemSize(); }

        @Override public long allocatedSize() { return w.allocatedSize(); }

        @Override public void writeDictionaryPage(DictionaryPage page) throws IOException { w.writeDictionaryPage(page); }

        @Override public String memUsageString(String prefix) { return w.memUsageString(prefix); }

        @Override public void close() { w.close(); }
    }
}
