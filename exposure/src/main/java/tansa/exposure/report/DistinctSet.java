package tansa.exposure.report;

/**
 * An exact-for-practical-purposes set of values kept as the first 128 bits of their SHA-256
 * (collision odds about 2^-64 at four billion values), in open addressing: 16 bytes a value
 * rather than a String each, so distinct counts stay affordable over millions of values.
 */
final class DistinctSet {
    private long[] hi = new long[1024];
    private long[] lo = new long[1024];
    private boolean[] used = new boolean[1024];
    private int size;

    int size() {
        return size;
    }

    /** @param sha256Hex 64 hex characters */
    void add(String sha256Hex) {
        long h = hexLong(sha256Hex, 0);
        long l = hexLong(sha256Hex, 16);
        if ((size + 1) * 4L > used.length * 3L) {
            grow();
        }
        insert(h, l);
    }

    private static long hexLong(String hex, int from) {
        long v = 0;
        for (int k = from; k < from + 16; k++) {
            v = (v << 4) | Character.digit(hex.charAt(k), 16);
        }
        return v;
    }

    private boolean insert(long h, long l) {
        int mask = used.length - 1;
        int k = (int) (l ^ (l >>> 32)) & mask;
        while (used[k]) {
            if (hi[k] == h && lo[k] == l) {
                return false;
            }
            k = (k + 1) & mask;
        }
        used[k] = true;
        hi[k] = h;
        lo[k] = l;
        size++;
        return true;
    }

    private void grow() {
        long[] oh = hi;
        long[] ol = lo;
        boolean[] ou = used;
        hi = new long[oh.length * 2];
        lo = new long[ol.length * 2];
        used = new boolean[ou.length * 2];
        size = 0;
        for (int k = 0; k < ou.length; k++) {
            if (ou[k]) {
                insert(oh[k], ol[k]);
            }
        }
    }
}
