package tansa.sigma.match;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Aho-Corasick automaton over a set of literals: one pass over a text reports every literal
 * that occurs in it. Transitions are sorted per state (binary search); failure and dictionary
 * links are precomputed, so a search costs O(text + matches) and allocates nothing.
 * Immutable after construction; thread-safe.
 */
final class AhoCorasick {
    /** Receives the id of each literal found (possibly several times). */
    interface Hits {
        void hit(int literal);
    }

    private final char[][] keys;
    private final int[][] targets;
    /**
     * For states with many transitions or near the root: the complete ASCII transition function
     * (failures already followed; 0 is the root), so the scan loop needs no failure walk there.
     */
    private final int[][] dense;
    static final int DENSE_MIN = 4;
    /** States this close to the root get a complete table too: scanning spends most of its steps there. */
    static final int DENSE_DEPTH = 3;
    /**
     * The complete ASCII transitions of the states nearest the root (the first
     * {@link #flatStates} in breadth-first numbering), 128 per state, each target written
     * {@code state << 1 | reports}: the scan loop reads one int per character while it stays
     * near the root, which is nearly always.
     */
    private final int[] flat;
    private final int flatStates;
    /** Flat rows go this deep at most, and use at most this many ints (1 MiB). */
    static final int FLAT_DEPTH = 4;
    static final int FLAT_LIMIT = 1 << 18;
    /** The longest literal's length: how far past its half the first of two cursors must read. */
    private final int longest;
    /** Texts at least this long are scanned by two cursors at once (see {@link #searchFolded}). */
    static final int SPLIT_LENGTH = 256;
    /** Whether a literal ends at the state or on its failure chain. */
    private final boolean[] reports;
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
        // Number the states breadth-first, so the states near the root are 0..flatStates-1.
        int[] order = new int[n];
        int[] renum = new int[n];
        int[] depth = new int[n];
        int tail = 1;
        for (int head = 0; head < tail; head++) {
            int old = order[head];
            renum[old] = head;
            List<Character> cs = new ArrayList<>(trie.get(old).keySet());
            java.util.Collections.sort(cs);
            for (Character c : cs) {
                int t = trie.get(old).get(c);
                depth[tail] = depth[head] + 1;
                order[tail++] = t;
            }
        }
        keys = new char[n][];
        targets = new int[n][];
        output = new int[n];
        for (int s = 0; s < n; s++) {
            Map<Character, Integer> m = trie.get(order[s]);
            char[] k = new char[m.size()];
            int i = 0;
            for (Character c : m.keySet()) {
                k[i++] = c;
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
        fail = new int[n];
        dict = new int[n];
        Arrays.fill(dict, -1);
        // States are in breadth-first order: a state's failure target is shallower, so it is done first.
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
        int flatCount = 0;
        while (flatCount < n && depth[flatCount] <= FLAT_DEPTH && (flatCount + 1) * 128 <= FLAT_LIMIT) {
            flatCount++;
        }
        // Complete tables in breadth-first order, so a state's failure target (always
        // shallower) is complete before the state itself.
        dense = new int[n][];
        for (int st = 0; st < n; st++) {
            if (st >= flatCount && keys[st].length < DENSE_MIN && depth[st] > DENSE_DEPTH) {
                continue;
            }
            int[] d = new int[128];
            for (char c = 0; c < 128; c++) {
                int own = sparse(st, c);
                d[c] = own >= 0 ? own : st == 0 ? 0 : next(fail[st], c);
            }
            dense[st] = d;
        }
        reports = new boolean[n];
        for (int st = 0; st < n; st++) {
            reports[st] = output[st] >= 0 || dict[st] >= 0;
        }
        this.flat = new int[flatCount * 128];
        for (int st = 0; st < flatCount; st++) {
            for (int c = 0; c < 128; c++) {
                int t = dense[st][TextMatch.lower((char) c)]; // ASCII folds within ASCII: no folding while scanning
                this.flat[st << 7 | c] = t << 1 | (reports[t] ? 1 : 0);
            }
            dense[st] = null;
        }
        flatStates = flatCount; // from here on, next() reads the flat rows
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

    /** The automaton's transition from {@code s} on {@code c}, following failures. */
    private int next(int s, char c) {
        while (true) {
            if (s < flatStates && c < 128) {
                return flat[s << 7 | c] >>> 1;
            }
            int[] d = dense[s];
            if (d != null && c < 128) {
                return d[c];
            }
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
                report(wa >>> 1, hits);
            }
            if ((wb & 1) != 0) {
                report(wb >>> 1, hits);
            }
        }
        // The first cursor's tail, from its state where the lockstep loop left it.
        for (; a < aEnd; a++) {
            wa = step(wa, text[a]);
            if ((wa & 1) != 0) {
                report(wa >>> 1, hits);
            }
        }
    }

    private void scan(char[] text, int n, Hits hits) {
        int w = 0;
        for (int i = 0; i < n; i++) {
            char c = text[i];
            w = step(w, c);
            if ((w & 1) != 0) {
                report(w >>> 1, hits);
            }
        }
    }

    /** {@link #searchFolded(char[], int, Hits)} over a String. */
    void searchFolded(String text, Hits hits) {
        char[] t = text.toCharArray();
        searchFolded(t, t.length, hits);
    }

    /**
     * One character: {@code w} is a state written {@code state << 1 | reports}; near the root
     * one table read, deeper the sparse transitions and failure links.
     */
    private int step(int w, char c) {
        if (w < flatStates << 1 && c < 128) {
            return flat[(w & ~1) << 6 | c];
        }
        int t = next(w >>> 1, TextMatch.lower(c));
        return t << 1 | (reports[t] ? 1 : 0);
    }

    private void report(int s, Hits hits) {
        if (output[s] >= 0) {
            hits.hit(output[s]);
        }
        for (int d = dict[s]; d >= 0; d = dict[d]) {
            hits.hit(output[d]);
        }
    }
}
