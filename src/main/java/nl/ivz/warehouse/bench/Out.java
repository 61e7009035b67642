package nl.ivz.warehouse.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A byte-level buffered writer for the big generated files: pre-encoded labels and hand-formatted numbers,
 * because String.format and a Writer per value cost more than generating the data.
 */
final class Out implements AutoCloseable {
    private final OutputStream out;
    private final byte[] buf = new byte[1 << 20];
    private int pos;
    private long written;

    Out(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        this.out = Files.newOutputStream(file);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** "text" with inner quotes doubled, as StatLine writes text cells. */
    static byte[] quoted(String s) {
        return utf8('"' + s.replace("\"", "\"\"") + '"');
    }

    Out bytes(byte[] b) throws IOException {
        if (pos + b.length > buf.length) flush();
        if (b.length > buf.length) {
            out.write(b);
            written += b.length;
            return this;
        }
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
        return this;
    }

    Out text(String s) throws IOException {
        return bytes(utf8(s));
    }

    Out ch(char c) throws IOException {
        if (pos + 1 > buf.length) flush();
        buf[pos++] = (byte) c;
        return this;
    }

    Out number(long v) throws IOException {
        if (pos + 20 > buf.length) flush();
        if (v == 0) {
            buf[pos++] = '0';
            return this;
        }
        if (v < 0) {
            buf[pos++] = '-';
            v = -v;
        }
        int start = pos;
        while (v > 0) {
            buf[pos++] = (byte) ('0' + (v % 10));
            v /= 10;
        }
        for (int i = start, j = pos - 1; i < j; i++, j--) {
            byte t = buf[i];
            buf[i] = buf[j];
            buf[j] = t;
        }
        return this;
    }

    /** A value with one decimal, as CBS prints it: 30,8 / 34 (no ",0") with the given decimal separator. */
    Out decimal1(double v, char separator) throws IOException {
        long tenths = Math.round(v * 10);
        if (tenths < 0) {
            ch('-');
            tenths = -tenths;
        }
        number(tenths / 10);
        if (tenths % 10 != 0) ch(separator).number(tenths % 10);
        return this;
    }

    /** A value with one decimal always shown (81928NED style: 27.0). */
    Out fixed1(double v) throws IOException {
        long tenths = Math.round(v * 10);
        if (tenths < 0) {
            ch('-');
            tenths = -tenths;
        }
        return number(tenths / 10).ch('.').number(tenths % 10);
    }

    private void flush() throws IOException {
        out.write(buf, 0, pos);
        written += pos;
        pos = 0;
    }

    long bytesWritten() {
        return written + pos;
    }

    @Override
    public void close() throws IOException {
        flush();
        out.close();
    }
}
