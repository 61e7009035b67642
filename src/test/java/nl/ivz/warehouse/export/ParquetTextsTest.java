package nl.ivz.warehouse.export;

import org.apache.parquet.io.api.Binary;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class ParquetTextsTest {
    /** A text column's Binaries: UTF-8 bytes in a byte array, one Binary per distinct value, equal or same String. */
    @Test
    void oneByteArrayBinaryPerDistinctValue() {
        ParquetExport.Texts texts = new ParquetExport.Texts();
        Binary a = texts.binary("GM0014");
        assertSame(a, texts.binary("GM0014"));
        // an equal String that is another instance: found in the map, not the one-value memo
        assertSame(a, texts.binary(new String("GM0014")));
        Binary b = texts.binary("één");
        // é is two bytes in UTF-8 (0xC3 0xA9), twice, then n
        assertArrayEquals(new byte[] {(byte) 0xC3, (byte) 0xA9, (byte) 0xC3, (byte) 0xA9, 'n'}, b.getBytes());
        assertEquals(5, b.length());
        assertSame(a, texts.binary("GM0014"));
        assertEquals("GM0014", a.toStringUsingUTF8());
    }
}
