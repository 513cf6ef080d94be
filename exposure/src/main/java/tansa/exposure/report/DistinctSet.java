package tansa.exposure.report;

/**
 * An exact-for-practical-purposes set of values kept as the first 128 bits of their SHA-256
 * (collision odds about 2^-64 at four billion values), in open addressing: 16 bytes a value
 * rather than a String each, so distinct counts stay affordable over millions of values. A slot's
 * two halves sit side by side, so a probe of a table far larger than the cache costs one miss;
 * the pair (0, 0) marks an empty slot, and a value that hashes to it is kept as (0, 1).
 */
final class DistinctSet {
    /** Slot k holds hi at 2k and lo at 2k + 1. */
    private long[] slots = new long[2 * 1024];
    private int size;

    int size() {
        return size;
    }

    /** @param sha256Hex 64 hex characters */
    void add(String sha256Hex) {
        add(hexLong(sha256Hex, 0), hexLong(sha256Hex, 16));
    }

    /** Adds a value by the first 128 bits of its SHA-256, big-endian, as {@link #first64} reads them. */
    void add(long h, long l) {
        if (h == 0 && l == 0) {
            l = 1;
        }
        if ((size + 1) * 4L > (slots.length / 2) * 3L) {
            grow();
        }
        insert(h, l);
    }

    /** Eight bytes of a digest from {@code from}, big-endian: the value the hex digits there spell. */
    static long first64(byte[] digest, int from) {
        long v = 0;
        for (int k = from; k < from + 8; k++) {
            v = (v << 8) | (digest[k] & 0xFF);
        }
        return v;
    }

    private static long hexLong(String hex, int from) {
        long v = 0;
        for (int k = from; k < from + 16; k++) {
            v = (v << 4) | Character.digit(hex.charAt(k), 16);
        }
        return v;
    }

    private void insert(long h, long l) {
        long[] t = slots;
        int mask = t.length / 2 - 1;
        int k = (int) (l ^ (l >>> 32)) & mask;
        while (t[2 * k] != 0 || t[2 * k + 1] != 0) {
            if (t[2 * k] == h && t[2 * k + 1] == l) {
                return;
            }
            k = (k + 1) & mask;
        }
        t[2 * k] = h;
        t[2 * k + 1] = l;
        size++;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        size = 0;
        for (int k = 0; k < old.length; k += 2) {
            if (old[k] != 0 || old[k + 1] != 0) {
                insert(old[k], old[k + 1]);
            }
        }
    }
}
