package tansa.sigma;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what {@link CacheWriter} wrote. Every length and table index is bounds-checked: a
 * damaged payload throws {@link CorruptCacheException}, never an unchecked index error or a
 * huge allocation. Not thread-safe.
 */
final class CacheReader {
    private final byte[] buf;
    private int pos;
    private final int end;
    private final List<String> strings = new ArrayList<>();

    CacheReader(byte[] buf, int offset, int end) {
        this.buf = buf;
        this.pos = offset;
        this.end = end;
    }

    int varint() {
        int v = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = u8();
            v |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new CorruptCacheException("integer longer than 5 bytes at offset " + pos);
    }

    /** A count of items that each take at least one byte: bounded by what is left. */
    int count() {
        int n = varint();
        if (n < 0 || n > end - pos) {
            throw new CorruptCacheException("count " + n + " exceeds the " + (end - pos) + " bytes left at offset " + pos);
        }
        return n;
    }

    boolean bool() {
        int b = u8();
        if (b > 1) {
            throw new CorruptCacheException("boolean " + b + " at offset " + (pos - 1));
        }
        return b == 1;
    }

    int int32() {
        need(4);
        int v = (buf[pos] & 0xFF) << 24 | (buf[pos + 1] & 0xFF) << 16 | (buf[pos + 2] & 0xFF) << 8 | (buf[pos + 3] & 0xFF);
        pos += 4;
        return v;
    }

    long int64() {
        long hi = int32();
        return hi << 32 | (int32() & 0xFFFFFFFFL);
    }

    double float64() {
        return Double.longBitsToDouble(int64());
    }

    String string() {
        int tag = varint();
        if (tag == 0) {
            return null;
        }
        if (tag == 1) {
            int n = count();
            String s = new String(buf, pos, n, StandardCharsets.UTF_8);
            pos += n;
            strings.add(s);
            return s;
        }
        int i = tag - 2;
        if (i < 0 || i >= strings.size()) {
            throw new CorruptCacheException("string reference " + i + " of " + strings.size() + " at offset " + pos);
        }
        return strings.get(i);
    }

    /** An enum constant by ordinal. */
    <E extends Enum<E>> E constant(E[] values) {
        int i = varint();
        if (i < 0 || i >= values.length) {
            throw new CorruptCacheException("constant " + i + " of " + values.length + " at offset " + pos);
        }
        return values[i];
    }

    boolean atEnd() {
        return pos == end;
    }

    private int u8() {
        need(1);
        return buf[pos++] & 0xFF;
    }

    private void need(int n) {
        if (end - pos < n) {
            throw new CorruptCacheException("cut short at offset " + pos);
        }
    }
}
