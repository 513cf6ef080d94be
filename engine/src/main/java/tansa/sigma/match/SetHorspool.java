package tansa.sigma.match;

import java.util.ArrayList;
import java.util.List;

/**
 * Wu-Manber search for several lower-cased needles in case-folded text: Set-Horspool with the
 * shift looked up from the last two or three characters of the window rather than one. With
 * twenty needles, most single letters occur near the end of some needle and shift by one or two;
 * most letter triples occur in none and shift by {@code minLength - 2}, so a search reads a few
 * characters per window instead of nearly every one. Used for keyword rules, which scan every
 * field of every event. Immutable and thread-safe.
 *
 * <p>A skip loop is bound by latency: each probe's address waits for the previous shift. So a
 * probe reads the raw characters and buckets each by its low five bits ({@code 'A'} and
 * {@code 'a'} share a bucket), with no case-folding table and no multiply on that path. The
 * table is built over every character that folds to a needle character (so {@code 'İ'} and the
 * Kelvin sign count as {@code 'i'} and {@code 'k'}); characters that merely share a bucket get
 * the smaller shift, and needles are verified with real case folding.
 */
final class SetHorspool {
    private static final int BITS = 5;
    private static final int MASK = (1 << BITS) - 1;
    /** Three-character blocks when the shortest needle is at least this long, else two. */
    static final int TRIPLES_FROM = 6;
    /** For a lower-case character, the buckets of every character that folds to it; null: its own bucket only. */
    private static final int[][] FOLDS_INTO = foldsInto();

    private final char[][] needles;
    private final int min;
    /** 2 or 3: the characters per block. */
    private final int block;
    /** Per block of buckets: how far the window may slide when the block ends it. */
    private final byte[] shift;
    /** Per block of buckets: the needles whose first {@code min} characters may end with it (verified there). */
    private final int[][] byLast;

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
        block = m >= TRIPLES_FROM ? 3 : 2;
        shift = new byte[1 << (BITS * block)];
        byLast = new int[1 << (BITS * block)][];
        java.util.Arrays.fill(shift, (byte) Math.min(min - block + 1, Byte.MAX_VALUE));
        for (int i = 0; i < needles.length; i++) {
            char[] n = needles[i];
            for (int j = block - 1; j < min; j++) {
                int s = min - 1 - j;
                for (int h : blocks(n, j - block + 1)) {
                    if (s < shift[h]) {
                        shift[h] = (byte) s;
                    }
                    if (s == 0 && (byLast[h] == null || byLast[h][byLast[h].length - 1] != i)) {
                        byLast[h] = append(byLast[h], i);
                    }
                }
            }
        }
    }

    /** The bucket blocks of every text that folds to {@code n[from .. from + block)}. */
    private List<Integer> blocks(char[] n, int from) {
        List<Integer> out = new ArrayList<>();
        out.add(0);
        for (int k = 0; k < block; k++) {
            List<Integer> next = new ArrayList<>();
            for (int prefix : out) {
                for (int b : buckets(n[from + k])) {
                    next.add(prefix << BITS | b);
                }
            }
            out = next;
        }
        return out;
    }

    /**
     * For the few characters that a character from another bucket folds to ({@code 'İ'} →
     * {@code 'i'}, the Kelvin sign → {@code 'k'}; {@code 'A'} shares {@code 'a'}'s bucket): the
     * buckets of all of them, its own first. Null for every other character: its own bucket alone.
     */
    private static int[][] foldsInto() {
        int[][] out = new int[65536][];
        for (int c = 0; c < 65536; c++) {
            char low = TextMatch.lower((char) c);
            int[] known = out[low] == null ? new int[] {low & MASK} : out[low];
            if (!contains(known, c & MASK)) {
                out[low] = java.util.Arrays.copyOf(known, known.length + 1);
                out[low][known.length] = c & MASK;
            }
        }
        return out;
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    private static int[] buckets(char c) {
        return FOLDS_INTO[c] == null ? new int[] {c & MASK} : FOLDS_INTO[c];
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

    /** Texts at least this many windows long are searched from both halves at once. */
    static final int SPLIT_WINDOWS = 4;

    boolean anyInFolded(String text) {
        int n = text.length();
        if (n < SPLIT_WINDOWS * min) {
            return search(text, 0, n - min);
        }
        // Two cursors with independent shift chains, one per half: the processor overlaps their
        // latencies. The first takes the windows starting before mid, the second the rest.
        int m = min;
        int mid = n / 2;
        int a = 0;
        int b = mid;
        int last = n - m;
        while (a < mid && b <= last) {
            int ha = block(text, a + m - 1);
            int hb = block(text, b + m - 1);
            int sa = shift[ha];
            int sb = shift[hb];
            if (sa == 0) {
                if (verify(text, a, byLast[ha])) {
                    return true;
                }
                sa = 1;
            }
            if (sb == 0) {
                if (verify(text, b, byLast[hb])) {
                    return true;
                }
                sb = 1;
            }
            a += sa;
            b += sb;
        }
        return (a < mid && search(text, a, mid - 1)) || (b <= last && search(text, b, last));
    }

    /** Whether a needle starts at a window start in [from, to] (to + min <= length). */
    private boolean search(String text, int from, int to) {
        int m = min;
        int i = from;
        while (i <= to) {
            int h = block(text, i + m - 1);
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

    /** The bucket block of the characters ending at {@code end}. */
    private int block(String text, int end) {
        int h = (text.charAt(end - 1) & MASK) << BITS | (text.charAt(end) & MASK);
        return block == 3 ? (text.charAt(end - 2) & MASK) << (2 * BITS) | h : h;
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
