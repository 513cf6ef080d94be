package tansa.exposure.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * SHA-256 of normalised values, with one reused digest and a small cache: the same marking or
 * address recurs thousands of times in a customer table. The cache is direct-mapped (a value
 * replaces whatever shared its slot): unlike an LRU map it costs no bookkeeping per lookup, and
 * the values that recur recur often. Not thread-safe; one per report.
 */
final class ValueHasher {
    private static final int CACHE = 4096;
    private final MessageDigest sha = Masking.newSha256();
    private final Value[] cache = new Value[CACHE];
    /**
     * The hash code of each slot's value, tested before the value itself: a slot held by another
     * value (most e-mail addresses and phone numbers are new) is then told without reading the
     * cached string, a cache miss away (0.1 s of a 1 GB scan spent in String.equals).
     */
    private final int[] codes = new int[CACHE];

    /**
     * A value's hash as hex, and its first 128 bits as two longs for the distinct counts (which
     * would otherwise parse them back from the hex).
     */
    record Value(String normalized, String hex, long hi, long lo) {
    }

    Value of(String normalized) {
        int h = normalized.hashCode();
        int slot = (h ^ (h >>> 16)) & (CACHE - 1);
        Value v = cache[slot];
        if (codes[slot] == h && v != null && normalized.equals(v.normalized)) {
            return v;
        }
        byte[] d = sha.digest(normalized.getBytes(StandardCharsets.UTF_8));
        v = new Value(normalized, HexFormat.of().formatHex(d), DistinctSet.first64(d, 0), DistinctSet.first64(d, 8));
        cache[slot] = v;
        codes[slot] = h;
        return v;
    }
}
