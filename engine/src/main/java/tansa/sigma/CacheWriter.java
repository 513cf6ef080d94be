package tansa.sigma;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Appends the primitives of the rule cache's binary format to a growing byte array:
 * unsigned LEB128 integers, IEEE doubles, and strings through a table (the first occurrence
 * is written as UTF-8, later ones as its index; rule files repeat field names, modifiers and
 * their own file name many times). Not thread-safe; one writer per cache file.
 */
final class CacheWriter {
    private byte[] buf = new byte[1 << 16];
    private int len;
    private final Map<String, Integer> strings = new HashMap<>();

    void varint(int v) {
        ensure(5);
        while ((v & ~0x7F) != 0) {
            buf[len++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[len++] = (byte) v;
    }

    void bool(boolean b) {
        ensure(1);
        buf[len++] = (byte) (b ? 1 : 0);
    }

    void int32(int v) {
        ensure(4);
        buf[len++] = (byte) (v >>> 24);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
    }

    void int64(long v) {
        int32((int) (v >>> 32));
        int32((int) v);
    }

    void float64(double d) {
        int64(Double.doubleToRawLongBits(d));
    }

    /** 0: null; 1: a new string, length and UTF-8 bytes follow; n + 2: the table's string n. */
    void string(String s) {
        if (s == null) {
            varint(0);
            return;
        }
        Integer known = strings.get(s);
        if (known != null) {
            varint(known + 2);
            return;
        }
        strings.put(s, strings.size());
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        varint(1);
        varint(b.length);
        bytes(b);
    }

    void bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    private void ensure(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }
}
