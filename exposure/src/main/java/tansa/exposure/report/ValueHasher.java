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
    private final String[] keys = new String[CACHE];
    private final String[] hashes = new String[CACHE];

    String hex(String normalized) {
        int h = normalized.hashCode();
        int slot = (h ^ (h >>> 16)) & (CACHE - 1);
        if (normalized.equals(keys[slot])) {
            return hashes[slot];
        }
        String hex = HexFormat.of().formatHex(sha.digest(normalized.getBytes(StandardCharsets.UTF_8)));
        keys[slot] = normalized;
        hashes[slot] = hex;
        return hex;
    }
}
