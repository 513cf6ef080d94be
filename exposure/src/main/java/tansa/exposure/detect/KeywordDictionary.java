package tansa.exposure.detect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A user dictionary of project names and technical terms, compiled once into an Aho–Corasick
 * automaton over case-folded, half-width characters; immutable and shareable between threads.
 * Latin terms match only at word boundaries, katakana terms not inside a longer katakana word;
 * kanji terms match anywhere (Japanese has no spaces to bound a word). An all-capitals entry (an
 * acronym: {@code SLIM}, {@code X-37B}) matches only in capitals, as a whole word: "slim" in prose
 * is not the project. Each entry may say otherwise, and name a category (see {@link #load}).
 */
public final class KeywordDictionary {
    static final int MAX_TERM = 200;
    private static final KeywordDictionary EMPTY = new KeywordDictionary(List.of());

    /** Where a term may match: the default rules above, only as a whole word, or anywhere. */
    public enum Bound { DEFAULT, WORD, ANYWHERE }

    /**
     * One dictionary entry.
     *
     * @param exactCase whether the case must match (full- and half-width forms still match alike)
     * @param category  the entry's category, reported as the finding's label, or null
     */
    public record Entry(String term, boolean exactCase, Bound bound, String category) {
        /**
         * An entry with the default rules: an acronym matches case-sensitively (and, as every term
         * with Latin ends, as a whole word).
         */
        public static Entry of(String term) {
            return new Entry(term, isAcronym(term), Bound.DEFAULT, null);
        }
    }

    private final List<String> terms;
    private final List<Entry> entries;
    private final int[] fail;
    private final int[][] out;
    /** Per state, the sorted characters it has transitions on and the states they lead to. */
    private final char[][] edgeChars;
    private final int[][] edgeTargets;

    private KeywordDictionary(List<Entry> entries) {
        this.entries = List.copyOf(entries);
        List<String> names = new ArrayList<>();
        for (Entry e : entries) {
            names.add(e.term());
        }
        this.terms = List.copyOf(names);
        // The trie with boxed maps is for building only; scanning uses the flat arrays below.
        List<Map<Character, Integer>> next = new ArrayList<>();
        next.add(new HashMap<>());
        List<List<Integer>> outs = new ArrayList<>();
        outs.add(new ArrayList<>());
        for (int t = 0; t < this.terms.size(); t++) {
            String key = fold(this.terms.get(t));
            int state = 0;
            for (int k = 0; k < key.length(); k++) {
                Integer n = next.get(state).get(key.charAt(k));
                if (n == null) {
                    n = next.size();
                    next.add(new HashMap<>());
                    outs.add(new ArrayList<>());
                    next.get(state).put(key.charAt(k), n);
                }
                state = n;
            }
            outs.get(state).add(t);
        }
        fail = new int[next.size()];
        ArrayDeque<Integer> queue = new ArrayDeque<>(next.get(0).values());
        while (!queue.isEmpty()) {
            int st = queue.poll();
            for (Map.Entry<Character, Integer> e : next.get(st).entrySet()) {
                int child = e.getValue();
                int f = fail[st];
                while (f != 0 && !next.get(f).containsKey(e.getKey())) {
                    f = fail[f];
                }
                Integer g = next.get(f).get(e.getKey());
                fail[child] = g != null && g != child ? g : 0;
                outs.get(child).addAll(outs.get(fail[child]));
                queue.add(child);
            }
        }
        out = new int[outs.size()][];
        for (int k = 0; k < outs.size(); k++) {
            out[k] = outs.get(k).stream().mapToInt(Integer::intValue).toArray();
        }
        edgeChars = new char[next.size()][];
        edgeTargets = new int[next.size()][];
        for (int k = 0; k < next.size(); k++) {
            List<Character> keys = new ArrayList<>(next.get(k).keySet());
            keys.sort(null);
            edgeChars[k] = new char[keys.size()];
            edgeTargets[k] = new int[keys.size()];
            for (int j = 0; j < keys.size(); j++) {
                edgeChars[k][j] = keys.get(j);
                edgeTargets[k][j] = next.get(k).get(keys.get(j));
            }
        }
    }

    /** The state reached from state on c, or -1: a binary search, no boxing. */
    private int step(int state, char c) {
        char[] keys = edgeChars[state];
        int lo = 0;
        int hi = keys.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            char k = keys[mid];
            if (k < c) {
                lo = mid + 1;
            } else if (k > c) {
                hi = mid - 1;
            } else {
                return edgeTargets[state][mid];
            }
        }
        return -1;
    }

    public static KeywordDictionary empty() {
        return EMPTY;
    }

    /** Terms with the default rules. */
    public static KeywordDictionary of(List<String> terms) {
        List<Entry> entries = new ArrayList<>();
        for (String t : terms) {
            entries.add(Entry.of(t.strip()));
        }
        return ofEntries(entries);
    }

    public static KeywordDictionary ofEntries(List<Entry> entries) {
        List<Entry> clean = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (Entry e : entries) {
            String v = e.term().strip();
            if (!v.isEmpty() && v.length() <= MAX_TERM && !seen.contains(v)) {
                seen.add(v);
                clean.add(new Entry(v, e.exactCase(), e.bound(), e.category()));
            }
        }
        return new KeywordDictionary(clean);
    }

    /**
     * Whether a term is written in capitals: it has a Latin capital letter (half- or full-width)
     * and no small one.
     */
    static boolean isAcronym(String term) {
        boolean upper = false;
        for (int k = 0; k < term.length(); k++) {
            char c = term.charAt(k);
            if (c >= '\uFF01' && c <= '\uFF5E') {
                c = (char) (c - 0xFEE0);
            }
            if (c >= 'a' && c <= 'z') {
                return false;
            }
            upper |= c >= 'A' && c <= 'Z';
        }
        return upper;
    }

    /**
     * One entry per line, UTF-8; blank lines and lines starting with # are skipped. A line is a
     * term, or a term, {@code |} and options separated by commas or blanks:
     * {@code case} (match the case exactly), {@code nocase} (ignore it), {@code word} (only as a
     * whole word), {@code anywhere} (also inside words), {@code category=NAME} (the finding's
     * label). Without options an all-capitals term is {@code case, word}; any other term ignores
     * case, with the boundaries of the class comment. A term cannot contain {@code |}.
     *
     * @throws IllegalArgumentException naming the file and line of a term longer than {@value #MAX_TERM}
     *                                  or of an unknown option
     */
    public static KeywordDictionary load(Path file) throws IOException {
        List<Entry> entries = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int bar = line.indexOf('|');
            String term = (bar < 0 ? line : line.substring(0, bar)).strip();
            if (term.length() > MAX_TERM) {
                throw new IllegalArgumentException(file + ":" + (n + 1) + ": dictionary term longer than " + MAX_TERM + " characters");
            }
            if (term.isEmpty()) {
                continue;
            }
            Entry e = Entry.of(term);
            if (bar >= 0) {
                e = withOptions(e, line.substring(bar + 1), file, n + 1);
            }
            entries.add(e);
        }
        return ofEntries(entries);
    }

    private static Entry withOptions(Entry e, String options, Path file, int line) {
        boolean exact = e.exactCase();
        Bound bound = e.bound();
        String category = null;
        for (String o : options.split("[,\\s]+")) {
            String opt = o.strip();
            String lower = opt.toLowerCase(Locale.ROOT);
            if (opt.isEmpty()) {
                continue;
            } else if (lower.equals("case")) {
                exact = true;
            } else if (lower.equals("nocase")) {
                exact = false;
            } else if (lower.equals("word")) {
                bound = Bound.WORD;
            } else if (lower.equals("anywhere")) {
                bound = Bound.ANYWHERE;
            } else if (lower.startsWith("category=") && opt.length() > 9) {
                category = opt.substring(9);
            } else {
                String shown = opt.length() > 40 ? opt.substring(0, 40) + "..." : opt;
                throw new IllegalArgumentException(file + ":" + line + ": unknown dictionary option '" + shown
                        + "' (known: case, nocase, word, anywhere, category=NAME)");
            }
        }
        return new Entry(e.term(), exact, bound, category);
    }

    public boolean isEmpty() {
        return terms.isEmpty();
    }

    public List<String> terms() {
        return terms;
    }

    public List<Entry> entries() {
        return entries;
    }

    /** Full-width ASCII variants to ASCII, case kept: how an exact-case entry is compared. */
    static char widthFold(char c) {
        return c >= '\uFF01' && c <= '\uFF5E' ? (char) (c - 0xFEE0) : c;
    }

    static char fold(char c) {
        if (c >= 'A' && c <= 'Z') {
            return (char) (c + 32);
        }
        if (c >= '\uFF01' && c <= '\uFF5E') {
            c = (char) (c - 0xFEE0);
            return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        }
        return c;
    }

    static String fold(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int k = 0; k < s.length(); k++) {
            sb.append(fold(s.charAt(k)));
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    Matcher matcher(TextScanner s) {
        return new Matcher(s);
    }

    /** The automaton's state over one stream; not thread-safe. */
    final class Matcher {
        private final TextScanner s;
        private int state;
        /** Line breaks seen by this pass (it runs over each window after the detectors). */
        private long line = 1;

        Matcher(TextScanner s) {
            this.s = s;
        }

        void reset() {
            state = 0;
            line = 1;
        }

        void scan(int from, int to) {
            char[] b = s.buf;
            for (int i = from; i < to; i++) {
                if (b[i] == '\n') {
                    line++;
                }
                char c = fold(b[i]);
                int n;
                while ((n = step(state, c)) < 0 && state != 0) {
                    state = fail[state];
                }
                state = n < 0 ? 0 : n;
                for (int t : out[state]) {
                    Entry e = entries.get(t);
                    String term = e.term();
                    int start = i - term.length() + 1;
                    if ((!e.exactCase() || sameCase(b, start, term)) && bounded(e, start, i + 1)) {
                        s.emitAtLine(FindingType.KEYWORD, e.category(), term, start, i + 1, fold(term), 0.9, line - newlines(b, start, i + 1));
                    }
                }
            }
        }

        private long newlines(char[] b, int from, int to) {
            long n = 0;
            for (int k = Math.max(0, from); k < to; k++) {
                if (b[k] == '\n') {
                    n++;
                }
            }
            return n;
        }

        private boolean sameCase(char[] b, int start, String term) {
            if (start < 0) {
                return false;
            }
            for (int k = 0; k < term.length(); k++) {
                if (widthFold(b[start + k]) != widthFold(term.charAt(k))) {
                    return false;
                }
            }
            return true;
        }

        private boolean bounded(Entry e, int start, int end) {
            if (e.bound() == Bound.ANYWHERE) {
                return true;
            }
            char before = s.at(start - 1);
            char after = s.at(end);
            if (e.bound() == Bound.WORD) {
                String t = e.term();
                return !continues(t.charAt(0), before) && !continues(t.charAt(t.length() - 1), after);
            }
            return bounded(e.term(), start, end);
        }

        /**
         * Whether a neighbour continues the word that ends in c: a Latin letter or digit, or the
         * same script as c (kanji, katakana, hiragana); SLIM計画 is the word SLIM.
         */
        private boolean continues(char c, char neighbour) {
            return Chars.isWordChar(neighbour) || Chars.isKanji(c) && Chars.isKanji(neighbour)
                    || Chars.isKatakana(c) && Chars.isKatakana(neighbour) || Chars.isHiragana(c) && Chars.isHiragana(neighbour);
        }

        private boolean bounded(String term, int start, int end) {
            char first = term.charAt(0);
            char last = term.charAt(term.length() - 1);
            char before = s.at(start - 1);
            char after = s.at(end);
            if (Chars.isWordChar(first) && Chars.isWordChar(before)) {
                return false;
            }
            if (Chars.isWordChar(last) && Chars.isWordChar(after)) {
                return false;
            }
            if (Chars.isKatakana(first) && Chars.isKatakana(before)) {
                return false;
            }
            return !(Chars.isKatakana(last) && Chars.isKatakana(after));
        }
    }
}
