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
    private final int[] fail;
    /** For each state, the literal ending there, or -1. */
    private final int[] output;
    /** For each state, the nearest state on its failure chain with an output, or -1. */
    private final int[] dict;

    AhoCorasick(List<String> literals) {
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
        keys = new char[n][];
        targets = new int[n][];
        output = new int[n];
        for (int s = 0; s < n; s++) {
            Map<Character, Integer> m = trie.get(s);
            char[] k = new char[m.size()];
            int i = 0;
            for (Character c : m.keySet()) {
                k[i++] = c;
            }
            Arrays.sort(k);
            int[] t = new int[k.length];
            for (int j = 0; j < k.length; j++) {
                t[j] = m.get(k[j]);
            }
            keys[s] = k;
            targets[s] = t;
            output[s] = out.get(s);
        }
        fail = new int[n];
        dict = new int[n];
        Arrays.fill(dict, -1);
        int[] queue = new int[n];
        int[] depth = new int[n];
        int head = 0;
        int tail = 0;
        for (int t : targets[0]) {
            fail[t] = 0;
            depth[t] = 1;
            queue[tail++] = t;
        }
        while (head < tail) {
            int s = queue[head++];
            for (int j = 0; j < keys[s].length; j++) {
                char c = keys[s][j];
                int t = targets[s][j];
                int f = fail[s];
                int g;
                while ((g = sparse(f, c)) < 0 && f != 0) {
                    f = fail[f];
                }
                fail[t] = g < 0 || g == t ? 0 : g;
                dict[t] = output[fail[t]] >= 0 ? fail[t] : dict[fail[t]];
                depth[t] = depth[s] + 1;
                queue[tail++] = t;
            }
        }
        // Complete the dense tables in breadth-first order, so a state's failure target (always
        // shallower) is complete before the state itself.
        dense = new int[n][];
        for (int i = -1; i < tail; i++) {
            int st = i < 0 ? 0 : queue[i];
            if (keys[st].length < DENSE_MIN && depth[st] > DENSE_DEPTH && st != 0) {
                continue;
            }
            int[] d = new int[128];
            for (char c = 0; c < 128; c++) {
                int own = sparse(st, c);
                d[c] = own >= 0 ? own : st == 0 ? 0 : next(fail[st], c);
            }
            dense[st] = d;
        }
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
        int s = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = TextMatch.lower(text.charAt(i));
            s = next(s, c);
            if (output[s] >= 0 || dict[s] >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Reports every literal found in {@code text} lower-cased one character at a time. */
    void searchFolded(String text, Hits hits) {
        int s = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = TextMatch.lower(text.charAt(i));
            s = next(s, c);
            if (output[s] >= 0) {
                hits.hit(output[s]);
            }
            for (int d = dict[s]; d >= 0; d = dict[d]) {
                hits.hit(output[d]);
            }
        }
    }
}
