package nl.ivz.warehouse.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * CSV cells written as UTF-8 bytes into one large buffer: ASCII text and whole numbers go in without a String or
 * an encoder between (most cells of an export are codes and counts), and the stream below gets few large writes
 * (the HTTP response pays per write, not per byte).
 */
final class CsvBytes {
    /** Big enough that Jetty's response takes each buffer as one write. */
    static final int BUFFER = 1 << 18;

    private final OutputStream out;
    private final byte[] buf = new byte[BUFFER];
    private int pos;

    CsvBytes(OutputStream out) {
        this.out = out;
    }

    void sep(char c) throws IOException {
        if (c < 0x80) {
            if (pos == buf.length) drain();
            buf[pos++] = (byte) c;
        } else {
            text(String.valueOf(c));
        }
    }

    void newline() throws IOException {
        if (pos + 2 > buf.length) drain();
        buf[pos++] = '\r';
        buf[pos++] = '\n';
    }

    /** A whole number in decimal digits, as Long.toString writes it. */
    void number(long v) throws IOException {
        if (pos + 20 > buf.length) drain();
        if (v == Long.MIN_VALUE) {
            text(Long.toString(v));
            return;
        }
        if (v < 0) {
            buf[pos++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long p = 10; digits < 19 && v >= p; p *= 10) digits++;
        int end = pos + digits;
        for (int i = end - 1; i >= pos; i--) {
            buf[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        pos = end;
    }

    /** Text as is (no quoting). */
    void text(String s) throws IOException {
        if (!ascii(s)) {
            bytes(s.getBytes(StandardCharsets.UTF_8));
            return;
        }
        int n = s.length();
        if (n > buf.length - pos) {
            drain();
            if (n > buf.length) {
                out.write(s.getBytes(StandardCharsets.ISO_8859_1));
                return;
            }
        }
        for (int i = 0; i < n; i++) buf[pos + i] = (byte) s.charAt(i);
        pos += n;
    }

    /** A text cell, quoted when it holds the separator, a quote or a line break (RFC 4180). */
    void cell(String s, char sep) throws IOException {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == sep || ch == '"' || ch == '\n' || ch == '\r') {
                text(ResultWriter.csvQuote(s, sep));
                return;
            }
        }
        text(s);
    }

    private static boolean ascii(String s) {
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) >= 0x80) return false;
        return true;
    }

    private void bytes(byte[] b) throws IOException {
        if (b.length > buf.length - pos) {
            drain();
            if (b.length > buf.length) {
                out.write(b);
                return;
            }
        }
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
    }

    private void drain() throws IOException {
        if (pos > 0) out.write(buf, 0, pos);
        pos = 0;
    }

    /** Writes what is buffered and flushes the stream below. */
    void flush() throws IOException {
        drain();
        out.flush();
    }
}
