package tansa.exposure.detect;

import java.util.zip.CRC32;

/**
 * The checksums that some secret formats carry, so that a placeholder or a made-up string in the
 * token's shape ({@code ghp_} and 36 {@code x}) is not reported as a token.
 *
 * <p>Formats with a checksum: GitHub's classic tokens {@code ghp_ gho_ ghu_ ghs_ ghr_} (GitHub,
 * "Behind GitHub's new authentication token formats", 2021) and npm's {@code npm_} tokens (npm's
 * "new access token format", 2021): 30 random base62 characters, then the CRC32 of those 30
 * characters written as 6 base62 digits ({@code 0-9A-Za-z}), most significant first. GitHub's
 * fine-grained {@code github_pat_} tokens, Slack, AWS key ids and PyPI tokens carry no checksum
 * that can be checked offline: they are checked for their structure only. Not thread-safe (one per
 * scanner: the CRC32 is reused).
 */
final class TokenChecksums {
    private final CRC32 crc = new CRC32();

    /** Value 0-61 of a base62 digit ({@code 0-9A-Za-z}), -1 otherwise. */
    static int base62(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'Z') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 36;
        }
        return -1;
    }

    /**
     * Whether {@code b[from, from + 36)} is 30 base62 characters followed by the base62 CRC32 of
     * them.
     */
    boolean crc32Base62(char[] b, int from) {
        crc.reset();
        for (int k = from; k < from + 30; k++) {
            crc.update(b[k]);
        }
        long sum = 0;
        for (int k = from + 30; k < from + 36; k++) {
            int d = base62(b[k]);
            if (d < 0) {
                return false;
            }
            sum = sum * 62 + d;
        }
        return sum == crc.getValue();
    }

    /** The 6-digit base62 checksum of 30 characters: for writing test tokens. */
    static String checksum(String random30) {
        CRC32 c = new CRC32();
        for (int k = 0; k < random30.length(); k++) {
            c.update(random30.charAt(k));
        }
        long v = c.getValue();
        char[] out = new char[6];
        for (int k = 5; k >= 0; k--) {
            int d = (int) (v % 62);
            out[k] = (char) (d < 10 ? '0' + d : d < 36 ? 'A' + d - 10 : 'a' + d - 36);
            v /= 62;
        }
        return new String(out);
    }

    /**
     * Whether a token's random part looks generated rather than typed as a placeholder: at least
     * {@code minDistinct} distinct base62 characters (a placeholder repeats one or a few:
     * {@code github_pat_11AAAAAAAAAAAAAAAAAAAAAA_xxxx...}).
     */
    static boolean looksRandom(char[] b, int from, int to, int minDistinct) {
        long seen = 0;
        for (int k = from; k < to; k++) {
            int d = base62(b[k]);
            if (d >= 0) {
                seen |= 1L << d;
            }
        }
        return Long.bitCount(seen) >= minDistinct;
    }
}
