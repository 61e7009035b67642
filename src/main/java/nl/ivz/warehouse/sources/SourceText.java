package nl.ivz.warehouse.sources;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading the start of a source file for layout detection, with strict UTF-8 checks. */
public final class SourceText {
    public static final int HEAD_BYTES = 64 * 1024;

    private SourceText() { }

    /** The first bytes of the file decoded as UTF-8 (BOM removed); a bad byte is a fatal error with its line. */
    public static String head(Path file) throws IOException, SourceFormatException {
        byte[] buf;
        try (InputStream in = Files.newInputStream(file)) {
            buf = in.readNBytes(HEAD_BYTES);
        }
        int len = buf.length;
        // do not judge a multi-byte character cut off at the end of the buffer
        if (len == HEAD_BYTES) {
            int back = 0;
            while (back < 3 && back < len && (buf[len - 1 - back] & 0xC0) == 0x80) back++;
            if (back < len && (buf[len - 1 - back] & 0xC0) == 0xC0) len = len - 1 - back;
        }
        return decode(file, buf, len);
    }

    /** Decodes strictly; on a bad byte throws with the line it is on. */
    public static String decode(Path file, byte[] buf, int len) throws SourceFormatException {
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer cb = dec.decode(ByteBuffer.wrap(buf, 0, len));
            String s = cb.toString();
            return s.startsWith("\uFEFF") ? s.substring(1) : s;
        } catch (CharacterCodingException e) {
            int bad = firstBadUtf8(buf, len);
            long line = 1;
            for (int i = 0; i < bad; i++) if (buf[i] == '\n') line++;
            throw new SourceFormatException(file, line, null,
                    String.format("byte 0x%02X at offset %d", buf[bad] & 0xFF, bad),
                    "UTF-8 text (save the file as UTF-8, as CBS and the police publish it)");
        }
    }

    static int firstBadUtf8(byte[] b, int len) {
        int i = 0;
        while (i < len) {
            int c = b[i] & 0xFF;
            int n = c < 0x80 ? 0 : (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xE ? 2 : (c >> 3) == 0x1E ? 3 : -1;
            if (n < 0 || i + n >= len) return i;
            for (int k = 1; k <= n; k++) if ((b[i + k] & 0xC0) != 0x80) return i;
            i += n + 1;
        }
        return Math.max(0, len - 1);
    }

    /** First line of a text (without line break). */
    public static String firstLine(String text) {
        int nl = text.indexOf('\n');
        String l = nl < 0 ? text : text.substring(0, nl);
        return l.endsWith("\r") ? l.substring(0, l.length() - 1) : l;
    }
}
