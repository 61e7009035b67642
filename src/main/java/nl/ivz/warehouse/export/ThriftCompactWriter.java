package nl.ivz.warehouse.export;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/** The subset of Thrift's compact protocol that Parquet page headers and the file footer need. */
final class ThriftCompactWriter {
    static final int I32 = 5;
    static final int I64 = 6;
    static final int BINARY = 8;
    static final int LIST = 9;
    static final int STRUCT = 12;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Deque<Integer> lastIds = new ArrayDeque<>();
    private int lastId;

    byte[] toByteArray() { return out.toByteArray(); }

    void fieldHeader(int type, int id) {
        int delta = id - lastId;
        if (delta > 0 && delta <= 15) {
            out.write((delta << 4) | type);
        } else {
            out.write(type);
            varint(zigzag32(id));
        }
        lastId = id;
    }

    void i32(int id, int v) { fieldHeader(I32, id); varint(zigzag32(v)); }

    void i64(int id, long v) { fieldHeader(I64, id); varint(zigzag64(v)); }

    void string(int id, String s) { fieldHeader(BINARY, id); rawBinary(s.getBytes(StandardCharsets.UTF_8)); }

    void rawBinary(byte[] b) { varint(b.length); out.write(b, 0, b.length); }

    void rawI32(int v) { varint(zigzag32(v)); }

    /** Starts a struct-valued field (or, with id 0, a struct element of a list). */
    void beginStruct(int id) {
        if (id > 0) fieldHeader(STRUCT, id);
        lastIds.push(lastId);
        lastId = 0;
    }

    void endStruct() {
        out.write(0); // stop field
        lastId = lastIds.pop();
    }

    void listHeader(int id, int elemType, int size) {
        fieldHeader(LIST, id);
        if (size < 15) out.write((size << 4) | elemType);
        else { out.write(0xF0 | elemType); varint(size); }
    }

    /** The top-level struct's stop byte. */
    void stop() { out.write(0); }

    private void varint(long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static long zigzag32(int n) { return ((n << 1) ^ (n >> 31)) & 0xFFFFFFFFL; }

    private static long zigzag64(long n) { return (n << 1) ^ (n >> 63); }
}
