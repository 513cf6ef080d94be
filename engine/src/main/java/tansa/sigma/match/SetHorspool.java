package tansa.sigma.match;

import java.util.List;

/**
 * Set-Horspool search for several lower-cased needles in case-folded text: the window slides by
 * a shift looked up from the folded character under its last position, so a search reads about
 * one character in {@code minLength}. Used for keyword rules, which scan every field of every
 * event. Immutable and thread-safe.
 */
final class SetHorspool {
    private final char[][] needles;
    private final int min;
    private final int[] shift = new int[128];
    /**
     * Characters outside ASCII that occur in a needle's first {@code min} characters, sorted,
     * with their shifts and the needles ending on them (binary search: no boxing while
     * scanning). Any other non-ASCII character shifts by {@code min}.
     */
    private final char[] wideKeys;
    private final int[] wideShift;
    private final int[][] wideByLast;
    /** The needles whose character at {@code min - 1} is the key: the only ones to verify there. */
    private final int[][] byLast = new int[128][];

    SetHorspool(List<String> lowered) {
        needles = new char[lowered.size()][];
        int m = Integer.MAX_VALUE;
        for (int i = 0; i < needles.length; i++) {
            needles[i] = lowered.get(i).toCharArray();
            m = Math.min(m, needles[i].length);
        }
        min = m;
        java.util.Arrays.fill(shift, min);
        java.util.Map<Character, Integer> wide = new java.util.TreeMap<>();
        java.util.Map<Character, int[]> byLastWide = new java.util.HashMap<>();
        for (char[] n : needles) {
            for (int j = 0; j < min - 1; j++) {
                int s = min - 1 - j;
                char c = n[j];
                if (c < 128) {
                    shift[c] = Math.min(shift[c], s);
                } else {
                    wide.merge(c, s, Math::min);
                }
            }
            char last = n[min - 1];
            if (last < 128) {
                shift[last] = 0;
            } else {
                wide.put(last, 0);
            }
        }
        for (int i = 0; i < needles.length; i++) {
            char last = needles[i][min - 1];
            if (last < 128) {
                byLast[last] = append(byLast[last], i);
            } else {
                byLastWide.put(last, append(byLastWide.get(last), i));
            }
        }
        wideKeys = new char[wide.size()];
        wideShift = new int[wide.size()];
        wideByLast = new int[wide.size()][];
        int w = 0;
        for (java.util.Map.Entry<Character, Integer> e : wide.entrySet()) {
            wideKeys[w] = e.getKey();
            wideShift[w] = e.getValue();
            wideByLast[w] = byLastWide.get(e.getKey());
            w++;
        }
    }

    private static int[] append(int[] a, int v) {
        if (a == null) {
            return new int[] {v};
        }
        int[] b = java.util.Arrays.copyOf(a, a.length + 1);
        b[a.length] = v;
        return b;
    }

    /** Whether Set-Horspool pays off: its shifts are at most the shortest needle's length. */
    static boolean worthIt(List<String> lowered) {
        return lowered.stream().mapToInt(String::length).min().orElse(0) >= 4;
    }

    boolean anyInFolded(String text) {
        int n = text.length();
        int i = 0;
        while (i + min <= n) {
            char c = TextMatch.lower(text.charAt(i + min - 1));
            int s;
            int[] candidates;
            if (c < 128) {
                s = shift[c];
                candidates = byLast[c];
            } else {
                int at = wideKeys.length == 0 ? -1 : java.util.Arrays.binarySearch(wideKeys, c);
                s = at < 0 ? min : wideShift[at];
                candidates = at < 0 ? null : wideByLast[at];
            }
            if (s == 0) {
                for (int k : candidates) {
                    char[] nd = needles[k];
                    if (i + nd.length <= n && foldedAt(text, i, nd)) {
                        return true;
                    }
                }
                s = 1;
            }
            i += s;
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
