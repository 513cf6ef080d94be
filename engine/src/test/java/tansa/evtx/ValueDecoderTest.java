package tansa.evtx;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every BinXml value type renders as the reference does. */
class ValueDecoderTest {
    private final BinXmlParser where = new BinXmlParser(new byte[ChunkDecoder.SIZE], ChunkDecoder.SIZE, 4096);

    private JsonNode decode(int type, byte[] bytes) {
        return ValueDecoder.decode(bytes, 0, bytes.length, type, where);
    }

    private static byte[] le(int size, long... values) {
        ByteBuffer b = ByteBuffer.allocate(size * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            switch (size) {
                case 1: b.put((byte) v); break;
                case 2: b.putShort((short) v); break;
                case 4: b.putInt((int) v); break;
                default: b.putLong(v);
            }
        }
        return b.array();
    }

    private static byte[] utf16(String s) {
        return s.getBytes(StandardCharsets.UTF_16LE);
    }

    @Test
    void stringsEndAtTheirFirstNulAndLoseTrailingSpaces() {
        assertEquals("cmd.exe /c", decode(0x01, utf16("cmd.exe /c \0\0")).textValue());
        assertEquals("a", decode(0x01, utf16("a\0junk")).textValue());
        assertEquals("", decode(0x01, new byte[0]).textValue());
        assertEquals("日本語 ü", decode(0x01, utf16("日本語 ü")).textValue());
        assertEquals("ansi", decode(0x02, "ansi\0".getBytes(StandardCharsets.US_ASCII)).textValue());
    }

    @Test
    void integersOfEveryWidthAreNumbers() {
        assertEquals(-1, decode(0x03, le(1, -1)).intValue());
        assertEquals(255, decode(0x04, le(1, 255)).intValue());
        assertEquals(-2, decode(0x05, le(2, -2)).intValue());
        assertEquals(65535, decode(0x06, le(2, 65535)).intValue());
        assertEquals(-3, decode(0x07, le(4, -3)).intValue());
        assertEquals(4294967295L, decode(0x08, le(4, 0xffffffffL)).longValue());
        assertEquals(-4, decode(0x09, le(8, -4)).longValue());
        JsonNode u64 = decode(0x0a, le(8, -1));
        assertTrue(u64.isBigInteger());
        assertEquals("18446744073709551615", u64.asText());
    }

    @Test
    void otherScalarsAreText() {
        assertEquals("1.5", decode(0x0b, le(4, Float.floatToIntBits(1.5f))).textValue());
        assertEquals("0.1", decode(0x0c, le(8, Double.doubleToLongBits(0.1))).textValue());
        assertTrue(decode(0x0d, le(4, 1)).booleanValue());
        assertEquals(false, decode(0x0d, le(4, 0)).booleanValue());
        assertEquals("00FF10", decode(0x0e, new byte[] {0, (byte) 0xff, 0x10}).textValue());
        byte[] guid = {(byte) 0x5f, 0x38, 0x70, 0x57, 0x2a, (byte) 0xc2, (byte) 0xe0, 0x43,
                (byte) 0xbf, 0x4c, 0x06, (byte) 0xf5, 0x69, (byte) 0x8f, (byte) 0xfb, (byte) 0xd9};
        assertEquals("5770385F-C22A-43E0-BF4C-06F5698FFBD9", decode(0x0f, guid).textValue());
        assertEquals("0x1f", decode(0x10, le(4, 31)).textValue());
        assertEquals("0x7ffe0000", decode(0x10, le(8, 0x7ffe0000L)).textValue());
        assertEquals("0x80041003", decode(0x14, le(4, 0x80041003L)).textValue());
        assertEquals("0x8000000000000000", decode(0x15, le(8, 0x8000000000000000L)).textValue());
    }

    @Test
    void timesAreIsoUtcWithMicroseconds() {
        // 2025-11-27T07:40:10.1653245Z as FILETIME (100 ns ticks since 1601).
        long ft = (1764229210L * 10_000_000L) + 1_653_245L + Times.EPOCH_DIFF;
        assertEquals("2025-11-27T07:40:10.165324Z", decode(0x11, le(8, ft)).textValue());
        byte[] st = le(2, 2020, 12, 5, 11, 12, 28, 1, 177);
        assertEquals("2020-12-11T12:28:01.177000Z", decode(0x12, st).textValue());
    }

    @Test
    void parsesTheTimesItWritesBackExactly() {
        java.util.Random r = new java.util.Random(7);
        for (int i = 0; i < 10_000; i++) {
            long ft = Times.EPOCH_DIFF + (long) (r.nextDouble() * 4e17) - (long) 2e17;
            String text = Times.filetime(ft);
            assertEquals(java.time.Instant.parse(text), tansa.event.Timestamps.parseMicros(text), text);
        }
        assertNull(tansa.event.Timestamps.parseMicros("2025-11-27T07:40:10.165324500Z"));
        assertNull(tansa.event.Timestamps.parseMicros("2025-13-27T07:40:10.165324Z"));
        assertNull(tansa.event.Timestamps.parseMicros("2025-11-27 07:40:10.165324Z"));
    }

    @Test
    void sidsInTheirStringForm() {
        byte[] sid = {1, 1, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0};
        assertEquals("S-1-5-18", decode(0x13, sid).textValue());
        byte[] domain = {1, 5, 0, 0, 0, 0, 0, 5, 21, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, (byte) 0xf4, 1, 0, 0};
        assertEquals("S-1-5-21-1-2-3-500", decode(0x13, domain).textValue());
        assertThrows(EvtxFormatException.class, () -> decode(0x13, new byte[] {1, 9, 0, 0, 0, 0, 0, 5}));
    }

    @Test
    void arraysAreTheirItemsJoinedByCommas() {
        assertEquals("a,bc", decode(0x81, utf16("a\0bc\0")).textValue());
        assertEquals("1,-2", decode(0x87, le(4, 1, -2)).textValue());
        assertEquals("7,8", decode(0x86, le(2, 7, 8)).textValue());
        assertEquals("0x1,0xff", decode(0x94, le(4, 1, 255)).textValue());
        assertEquals("true,false", decode(0x8d, le(4, 1, 0)).textValue());
        byte[] sids = {1, 1, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 5, 19, 0, 0, 0};
        assertEquals("S-1-5-18,S-1-5-19", decode(0x93, sids).textValue());
    }

    @Test
    void nullsAndShortValues() {
        assertNull(decode(0x00, new byte[0]));
        assertNull(decode(0x07, new byte[0]), "an empty integer is no value");
        assertThrows(EvtxFormatException.class, () -> decode(0x07, new byte[2]));
    }
}
