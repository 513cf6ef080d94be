package tansa.event;

/**
 * Case folding as Sigma compares text: per UTF-16 unit, the lower case of the upper case (same
 * length, locale-free), so that characters the regex engine's case-insensitive matching equates
 * (ſ and s, ı and i, µ and μ, ς and σ) fold alike in every test, not only in regexes: a
 * case-insensitive regex's required literals are looked for in folded text, and the JDK engine
 * with {@code UNICODE_CASE} matches {@code (?i)s} on ſ. Looked up in a table computed once
 * (128 KiB) because it runs over every character that a case-insensitive test reads.
 */
public final class CaseFold {
    private static final char[] LOWER = new char[65536];

    static {
        for (int c = 0; c < 65536; c++) {
            LOWER[c] = Character.toLowerCase(Character.toUpperCase((char) c));
        }
    }

    private CaseFold() {
    }

    public static char lower(char c) {
        return LOWER[c];
    }
}
