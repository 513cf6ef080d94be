package tansa.exposure.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SHA-256 of normalised values, with one reused digest and a small cache: the same marking or
 * address recurs thousands of times in a customer table. Not thread-safe; one per report.
 */
final class ValueHasher {
    private static final int CACHE = 4096;
    private final MessageDigest sha = Masking.newSha256();
    private final Map<String, String> cache = new LinkedHashMap<>(CACHE * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > CACHE;
        }
    };

    String hex(String normalized) {
        String h = cache.get(normalized);
        if (h == null) {
            h = HexFormat.of().formatHex(sha.digest(normalized.getBytes(StandardCharsets.UTF_8)));
            cache.put(normalized, h);
        }
        return h;
    }
}
