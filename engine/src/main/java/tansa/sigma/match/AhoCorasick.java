package tansa.sigma.match;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Aho-Corasick automaton over a set of literals: one pass over a text reports every literal
 * that occurs in it, lower-casing the text one character at a time. Compiled to a complete
 * transition table (a DFA) over the ASCII characters of the literals: each ASCII character of
 * the text costs one table read, whatever the state, with no failure walk; other characters
 * take the sparse transitions and failure links. A search costs O(text + matches) and
 * allocates nothing. Immutable after construction; thread-safe.
 */
final class AhoCorasick {
    /** Receives the id of each literal found (possibly several times). */
    interface Hits {
        void hit(int literal);
    }

    private final char[][] keys;
    private final int[][] targets;
    /**
     * For a character below 128: its class (the same for an upper-case letter and its lower
     * case; 0 for every character in no literal, which leads back to the root from any state).
     */
    private final byte[] classOf = new byte[128];
    /** Columns per state in {@link #table}: the ASCII classes plus class 0. */
    private final int classes;
    /**
     * Per state, per class: the next state, written {@code row << 1 | reports}, where {@code row}
     * is the state times {@link #classes} (where its own row starts) and {@code reports} whether a
     * literal ends there or on its failure chain. The scan loop keeps the current state in that
     * form, so a step is {@code table[(w >>> 1) + class]}.
     */
    private final int[] table;
    /** Whether some literal holds a character at or above 128 (else such text characters lead to the root). */
    private final boolean wide;
    /** The longest literal's length: how far past its half the first of two cursors must read. */
    private final int longest;
    /** Texts at least this long are scanned by two cursors at once (see {@link #searchFolded}). */
    static final int SPLIT_LENGTH = 256;
    private final int[] fail;
    /** For each state, the literal ending there, or -1. */
    private final int[] output;
    /** For each state, the nearest state on its failure chain with an output, or -1. */
    private final int[] dict;

    AhoCorasick(List<String> literals) {
        int longest = 0;
        for (String l : literals) {
            longest = Math.max(longest, l.length());
        }
        this.longest = longest;
        List<Map<Character, Integer>> trie = new ArrayList<>();
        List<Integer> out = new ArrayList<>();
        trie.add(new HashMap<>());
        out.add(-1);
        for (int id = 0; id < literals.size(); id++) {
            String lit = literals.get(id);
            int s = 0;
            for (int i = 0; i < lit.length(); i++) {
                Integer next = trie.get(s).get(lit.charAt(i));
                if (next == null) {
                    next = trie.size();
                    trie.add(new HashMap<>());
                    out.add(-1);
                    trie.get(s).put(lit.charAt(i), next);
                }
                s = next;
            }
            out.set(s, id);
        }
        int n = trie.size();
        // Number the states breadth-first: a state's failure target is shallower, so it comes first.
        int[] order = new int[n];
        int[] renum = new int[n];
        int tail = 1;
        for (int head = 0; head < tail; head++) {
            int old = order[head];
            renum[old] = head;
            List<Character> cs = new ArrayList<>(trie.get(old).keySet());
            java.util.Collections.sort(cs);
            for (Character c : cs) {
                order[tail++] = trie.get(old).get(c);
            }
        }
        keys = new char[n][];
        targets = new int[n][];
        output = new int[n];
        boolean anyWide = false;
        for (int s = 0; s < n; s++) {
            Map<Character, Integer> m = trie.get(order[s]);
            char[] k = new char[m.size()];
            int i = 0;
            for (Character c : m.keySet()) {
                k[i++] = c;
                anyWide |= c >= 128;
            }
            Arrays.sort(k);
            int[] t = new int[k.length];
            for (int j = 0; j < k.length; j++) {
                t[j] = renum[m.get(k[j])];
            }
            keys[s] = k;
            targets[s] = t;
            output[s] = out.get(order[s]);
        }
        wide = anyWide;
        fail = new int[n];
        dict = new int[n];
        Arrays.fill(dict, -1);
        for (int s = 0; s < n; s++) {
            for (int j = 0; j < keys[s].length; j++) {
                char c = keys[s][j];
                int t = targets[s][j];
                if (s == 0) {
                    fail[t] = 0;
                } else {
                    int f = fail[s];
                    int g;
                    while ((g = sparse(f, c)) < 0 && f != 0) {
                        f = fail[f];
                    }
                    fail[t] = g < 0 || g == t ? 0 : g;
                }
                dict[t] = output[fail[t]] >= 0 ? fail[t] : dict[fail[t]];
            }
        }
        // Classes: one per ASCII character that occurs in a literal; the rest share class 0.
        int k = 1;
        for (char[] ks : keys) {
            for (char c : ks) {
                if (c < 128 && classOf[c] == 0 && TextMatch.lower(c) == c) {
                    classOf[c] = (byte) k++;
                }
            }
        }
        classes = k;
        for (char c = 0; c < 128; c++) {
            char low = TextMatch.lower(c); // ASCII folds within ASCII
            if (low != c) {
                classOf[c] = classOf[low];
            }
        }
        if ((long) n * classes * 2 > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many literals for one automaton: " + n + " states");
        }
        boolean[] reports = new boolean[n];
        for (int st = 0; st < n; st++) {
            reports[st] = output[st] >= 0 || dict[st] >= 0;
        }
        // Rows in breadth-first order: a state's row is its failure target's (complete, since
        // shallower) with its own transitions written over it.
        int[] rows = new int[n * classes];
        for (int st = 0; st < n; st++) {
            int base = st * classes;
            if (st != 0) {
                System.arraycopy(rows, fail[st] * classes, rows, base, classes);
            }
            for (int j = 0; j < keys[st].length; j++) {
                char c = keys[st][j];
                if (c < 128 && TextMatch.lower(c) == c) { // folded text never holds an upper-case letter
                    rows[base + classOf[c]] = targets[st][j];
                }
            }
        }
        for (int i = 0; i < rows.length; i++) {
            int t = rows[i];
            rows[i] = t * classes << 1 | (reports[t] ? 1 : 0);
        }
        table = rows;
    }

    /** The state's own transition on {@code c}, or -1. */
    private int sparse(int s, char c) {
        char[] k = keys[s];
        int lo = 0;
        int hi = k.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            char m = k[mid];
            if (m < c) {
                lo = mid + 1;
            } else if (m > c) {
                hi = mid - 1;
            } else {
                return targets[s][mid];
            }
        }
        return -1;
    }

    /** The automaton's transition from {@code s} on {@code c}, following failures (the slow path). */
    private int next(int s, char c) {
        while (true) {
            int g = sparse(s, c);
            if (g >= 0) {
                return g;
            }
            if (s == 0) {
                return 0;
            }
            s = fail[s];
        }
    }

    /** Whether any literal occurs in {@code text} lower-cased one character at a time. */
    boolean anyInFolded(String text) {
        int w = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            w = step(w, c);
            if ((w & 1) != 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reports every literal found in the first {@code n} characters of {@code text}, lower-cased
     * one character at a time. An array rather than a String: the loop then reads one char per
     * step, with no per-character encoding check.
     */
    void searchFolded(char[] text, int n, Hits hits) {
        int mid = n / 2;
        if (n < SPLIT_LENGTH || mid + longest > n) {
            scan(text, n, hits);
            return;
        }
        // Two cursors with independent state chains, one per half: the processor overlaps their
        // table lookups. The first reads on until every literal starting in its half has ended;
        // a literal starting at mid or later is the second's (some are reported twice: harmless).
        int aEnd = mid + longest - 1;
        int wa = 0;
        int wb = 0;
        int a = 0;
        for (int b = mid; b < n; a++, b++) {
            char ca = text[a];
            char cb = text[b];
            wa = step(wa, ca);
            wb = step(wb, cb);
            if ((wa & 1) != 0) {
                report(wa, hits);
            }
            if ((wb & 1) != 0) {
                report(wb, hits);
            }
        }
        // The first cursor's tail, from its state where the lockstep loop left it.
        for (; a < aEnd; a++) {
            wa = step(wa, text[a]);
            if ((wa & 1) != 0) {
                report(wa, hits);
            }
        }
    }

    private void scan(char[] text, int n, Hits hits) {
        int w = 0;
        for (int i = 0; i < n; i++) {
            char c = text[i];
            w = step(w, c);
            if ((w & 1) != 0) {
                report(w, hits);
            }
        }
    }

    /** {@link #searchFolded(char[], int, Hits)} over a String. */
    void searchFolded(String text, Hits hits) {
        char[] t = text.toCharArray();
        searchFolded(t, t.length, hits);
    }

    /**
     * One character: {@code w} is a state written {@code row << 1 | reports} (see {@link #table});
     * ASCII is one table read.
     */
    private int step(int w, char c) {
        if (c < 128) {
            return table[(w >>> 1) + classOf[c]];
        }
        return wideStep(w, c);
    }

    private int wideStep(int w, char c) {
        char low = TextMatch.lower(c);
        if (low < 128) {
            return table[(w >>> 1) + classOf[low]]; // e.g. the Kelvin sign, read as 'k'
        }
        int t = wide ? next((w >>> 1) / classes, low) : 0;
        return t * classes << 1 | (output[t] >= 0 || dict[t] >= 0 ? 1 : 0);
    }

    /** Reports the literals ending in state {@code w} (written as in {@link #table}). */
    private void report(int w, Hits hits) {
        int s = (w >>> 1) / classes;
        if (output[s] >= 0) {
            hits.hit(output[s]);
        }
        for (int d = dict[s]; d >= 0; d = dict[d]) {
            hits.hit(output[d]);
        }
    }
}
