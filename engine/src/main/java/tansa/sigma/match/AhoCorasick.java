package tansa.sigma.match;

import java.util.Arrays;
import java.util.List;

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

    /**
     * The trie, its states numbered breadth-first: the children of a state are consecutive, in
     * ascending order of their character, from {@code first[s]} to {@code first[s + 1]}, and
     * {@code label[t]} is the character that leads to {@code t}.
     */
    private final char[] label;
    private final int[] first;
    /**
     * For a character below 128: its class (the same for an upper-case letter and its lower
     * case; 0 for every character in no literal, which leads back to the root from any state).
     */
    private final byte[] classOf = new byte[128];
    /** Columns per state in {@link #table}: the ASCII classes plus class 0. */
    private final int classes;
    /** 2^32 / {@link #classes}, rounded up: see {@link #stateOf}. */
    private final long reciprocal;
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

    /**
     * Compiles {@code literals}; a literal listed twice is reported by its last index. Built with
     * flat arrays rather than a map per state: the prefilter of the ~1,400 process_creation rules
     * has some 60,000 states, and building it is on the path of the first event that reaches them.
     */
    AhoCorasick(List<String> literals) {
        int count = literals.size();
        String[] lits = literals.toArray(new String[0]);
        int longest = 0;
        int chars = 0;
        for (String l : lits) {
            longest = Math.max(longest, l.length());
            chars += l.length();
        }
        this.longest = longest;
        // The trie from the literals in sorted order (stable: of equal literals the last index is
        // met last and wins): a literal shares with the previous one the states of their common
        // prefix, and each state's children are made in ascending order of their characters.
        Integer[] sorted = new Integer[count];
        for (int i = 0; i < count; i++) {
            sorted[i] = i;
        }
        Arrays.sort(sorted, (a, b) -> lits[a].compareTo(lits[b]));
        int cap = chars + 1;
        char[] ch = new char[cap];
        int[] firstChild = new int[cap];
        int[] lastChild = new int[cap];
        int[] sibling = new int[cap];
        int[] out = new int[cap];
        Arrays.fill(firstChild, -1);
        Arrays.fill(sibling, -1);
        Arrays.fill(out, -1);
        int[] path = new int[longest + 1];
        int n = 1;
        String prev = "";
        for (int k = 0; k < count; k++) {
            int id = sorted[k];
            String lit = lits[id];
            int common = 0;
            int max = Math.min(prev.length(), lit.length());
            while (common < max && prev.charAt(common) == lit.charAt(common)) {
                common++;
            }
            for (int d = common; d < lit.length(); d++) {
                int parent = path[d];
                int t = n++;
                ch[t] = lit.charAt(d);
                if (firstChild[parent] < 0) {
                    firstChild[parent] = t;
                } else {
                    sibling[lastChild[parent]] = t;
                }
                lastChild[parent] = t;
                path[d + 1] = t;
            }
            out[path[lit.length()]] = id;
            prev = lit;
        }
        // Number the states breadth-first: a state's failure target is shallower, so it comes
        // first, and the children of each state get consecutive numbers.
        label = new char[n];
        first = new int[n + 1];
        output = new int[n];
        int[] order = new int[n];
        int tail = 1;
        boolean anyWide = false;
        for (int head = 0; head < n; head++) {
            int old = order[head];
            output[head] = out[old];
            first[head] = tail;
            for (int c = firstChild[old]; c >= 0; c = sibling[c]) {
                label[tail] = ch[c];
                anyWide |= ch[c] >= 128;
                order[tail++] = c;
            }
        }
        first[n] = tail;
        wide = anyWide;
        fail = new int[n];
        dict = new int[n];
        Arrays.fill(dict, -1);
        for (int s = 0; s < n; s++) {
            for (int t = first[s], end = first[s + 1]; t < end; t++) {
                if (s != 0) {
                    char c = label[t];
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
        for (int t = 1; t < n; t++) {
            char c = label[t];
            if (c < 128 && classOf[c] == 0 && TextMatch.lower(c) == c) {
                classOf[c] = (byte) k++;
            }
        }
        classes = k;
        reciprocal = ((1L << 32) + k - 1) / k;
        for (char c = 0; c < 128; c++) {
            char low = TextMatch.lower(c); // ASCII folds within ASCII
            if (low != c) {
                classOf[c] = classOf[low];
            }
        }
        if ((long) n * classes * 2 > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many literals for one automaton: " + n + " states");
        }
        // Rows in breadth-first order: a state's row is its failure target's (complete, since
        // shallower) with its own transitions written over it; entries are written encoded.
        int[] rows = new int[n * classes];
        Arrays.fill(rows, 0, classes, encoded(0));
        for (int st = 0; st < n; st++) {
            int base = st * classes;
            if (st != 0) {
                System.arraycopy(rows, fail[st] * classes, rows, base, classes);
            }
            for (int t = first[st], end = first[st + 1]; t < end; t++) {
                char c = label[t];
                if (c < 128 && TextMatch.lower(c) == c) { // folded text never holds an upper-case letter
                    rows[base + classOf[c]] = encoded(t);
                }
            }
        }
        table = rows;
    }

    /** State {@code t} as the table holds it: its row's start, shifted, and whether it reports. */
    private int encoded(int t) {
        return t * classes << 1 | (output[t] >= 0 || dict[t] >= 0 ? 1 : 0);
    }

    /** The state's own transition on {@code c}, or -1. */
    private int sparse(int s, char c) {
        int lo = first[s];
        int hi = first[s + 1] - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            char m = label[mid];
            if (m < c) {
                lo = mid + 1;
            } else if (m > c) {
                hi = mid - 1;
            } else {
                return mid;
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
        return encoded(wide ? next(stateOf(w), low) : 0);
    }

    /**
     * The state whose row {@code w} (written as in {@link #table}) starts: the row divided by
     * {@link #classes}, as a multiplication by its reciprocal rather than a division (exact: a row
     * {@code s * classes} is below 2^31, so the rounding adds {@code s * e / 2^32 < 1/2}, with
     * {@code e < classes}, to the whole number {@code s}; the product stays below 2^63).
     */
    private int stateOf(int w) {
        return (int) (((long) (w >>> 1) * reciprocal) >>> 32);
    }

    /** Reports the literals ending in state {@code w} (written as in {@link #table}). */
    private void report(int w, Hits hits) {
        int s = stateOf(w);
        if (output[s] >= 0) {
            hits.hit(output[s]);
        }
        for (int d = dict[s]; d >= 0; d = dict[d]) {
            hits.hit(output[d]);
        }
    }
}
