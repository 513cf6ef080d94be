package tansa.event;

/**
 * Case folding as Sigma compares text: {@link Character#toLowerCase(char)} per UTF-16 unit
 * (same length, locale-free), looked up in a table computed once (128 KiB) because it runs
 * over every character that a case-insensitive test reads.
 */
public final class CaseFold {
    private static final char[] LOWER = new char[65536];

    static {
        for (int c = 0; c < 65536; c++) {
            LOWER[c] = Character.toLowerCase((char) c);
        }
    }

    private CaseFold() {
    }

    public static char lower(char c) {
        return LOWER[c];
    }
}
