package nl.ivz.warehouse.service;

import nl.ivz.warehouse.export.ResultFormat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Holds the first bytes of a result back until a threshold, so an error in the first rows still becomes a
 * clean problem response, and small results go out with a Content-Length. Also enforces the byte limit.
 */
final class DeferredOutputStream extends OutputStream {
    /** Thrown when the result passes the byte limit. */
    static final class LimitExceeded extends IOException {
        LimitExceeded(String m) { super(m); }
    }

    private final ResultSink sink;
    private final ResultFormat format;
    private final int threshold;
    private final long maxBytes;
    private ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private OutputStream out;
    private long count;

    DeferredOutputStream(ResultSink sink, ResultFormat format, int threshold, long maxBytes) {
        this.sink = sink;
        this.format = format;
        this.threshold = threshold;
        this.maxBytes = maxBytes;
    }

    boolean committed() { return out != null; }

    long count() { return count; }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        count += len;
        if (count > maxBytes) throw new LimitExceeded("The result passed the limit of " + maxBytes + " bytes");
        if (out != null) {
            out.write(b, off, len);
            return;
        }
        pending.write(b, off, len);
        if (pending.size() >= threshold) {
            out = sink.open(format, -1);
            pending.writeTo(out);
            pending = null;
        }
    }

    @Override
    public void flush() throws IOException {
        if (out != null) out.flush();
    }

    /** Sends what is held back (with its length) and flushes. */
    void finish() throws IOException {
        if (out == null) {
            out = sink.open(format, pending.size());
            pending.writeTo(out);
            pending = null;
        }
        out.flush();
    }

    /** Drops what is held back (the response will be a problem document instead). */
    void discard() {
        if (out == null) pending = new ByteArrayOutputStream();
    }
}
