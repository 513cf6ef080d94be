package tansa.sigma.match;

import java.util.List;

/**
 * Wu-Manber search for several lower-cased needles in case-folded text: Set-Horspool with the
 * shift looked up from the two folded characters at the window's end rather than one. With
 * twenty needles, most single letters occur near the end of some needle and shift by one or two;
 * most letter pairs occur in none and shift by {@code minLength - 1}, so a search reads a few
 * characters per window instead of nearly every one. Used for keyword rules, which scan every
 * field of every event. Immutable and thread-safe.
 *
 * <p>Pairs are hashed on the low seven bits of each character: characters that collide share a
 * shift (the smaller, so no occurrence is skipped) and are told apart when a needle is verified.
 */
final class SetHorspool {
    private static final int BITS = 7;
    private static final int MASK = (1 << BITS) - 1;

    private final char[][] needles;
    private final int min;
    /** Per hashed pair: how far the window may slide when the pair ends it. */
    private final byte[] shift = new byte[1 << (2 * BITS)];
    /** Per hashed pair: the needles whose first {@code min} characters end with it (verified there). */
    private final int[][] byLast = new int[1 << (2 * BITS)][];

    SetHorspool(List<String> lowered) {
        needles = new char[lowered.size()][];
        int m = Integer.MAX_VALUE;
        for (int i = 0; i < needles.length; i++) {
            needles[i] = lowered.get(i).toCharArray();
            m = Math.min(m, needles[i].length);
        }
        if (m < 2) {
            throw new IllegalArgumentException("needles must be at least 2 characters long");
        }
        min = m;
        java.util.Arrays.fill(shift, (byte) Math.min(min - 1, Byte.MAX_VALUE));
        for (int i = 0; i < needles.length; i++) {
            char[] n = needles[i];
            for (int j = 1; j < min; j++) {
                int h = hash(n[j - 1], n[j]);
                int s = min - 1 - j;
                if (s < shift[h]) {
                    shift[h] = (byte) s;
                }
            }
            int h = hash(n[min - 2], n[min - 1]);
            byLast[h] = append(byLast[h], i);
        }
    }

    private static int hash(char first, char second) {
        return (first & MASK) << BITS | (second & MASK);
    }

    private static int[] append(int[] a, int v) {
        if (a == null) {
            return new int[] {v};
        }
        int[] b = java.util.Arrays.copyOf(a, a.length + 1);
        b[a.length] = v;
        return b;
    }

    /** Whether the skip search pays off: windows of fewer than four characters shift too little. */
    static boolean worthIt(List<String> lowered) {
        return lowered.stream().mapToInt(String::length).min().orElse(0) >= 4;
    }

    boolean anyInFolded(String text) {
        int n = text.length();
        int m = min;
        int i = 0;
        while (i + m <= n) {
            int h = hash(TextMatch.lower(text.charAt(i + m - 2)), TextMatch.lower(text.charAt(i + m - 1)));
            int s = shift[h];
            if (s == 0) {
                if (verify(text, i, byLast[h])) {
                    return true;
                }
                s = 1;
            }
            i += s;
        }
        return false;
    }

    private boolean verify(String text, int at, int[] candidates) {
        int n = text.length();
        for (int k : candidates) {
            char[] nd = needles[k];
            if (at + nd.length <= n && foldedAt(text, at, nd)) {
                return true;
            }
        }
        return false;
    }

    private static boolean foldedAt(String text, int at, char[] nd) {
        for (int j = 0; j < nd.length; j++) {
            if (TextMatch.lower(text.charAt(at + j)) != nd[j]) {
                return false;
            }
        }
        return true;
    }
}
