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
 * kanji terms match anywhere (Japanese has no spaces to bound a word).
 */
public final class KeywordDictionary {
    static final int MAX_TERM = 200;
    private static final KeywordDictionary EMPTY = new KeywordDictionary(List.of());

    private final List<String> terms;
    private final int[] fail;
    private final int[][] out;
    /** Per state, the sorted characters it has transitions on and the states they lead to. */
    private final char[][] edgeChars;
    private final int[][] edgeTargets;

    private KeywordDictionary(List<String> terms) {
        this.terms = List.copyOf(terms);
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

    public static KeywordDictionary of(List<String> terms) {
        List<String> clean = new ArrayList<>();
        for (String t : terms) {
            String v = t.strip();
            if (!v.isEmpty() && v.length() <= MAX_TERM && !clean.contains(v)) {
                clean.add(v);
            }
        }
        return new KeywordDictionary(clean);
    }

    /**
     * One term per line, UTF-8; blank lines and lines starting with # are skipped.
     *
     * @throws IllegalArgumentException naming the file and line of a term longer than {@value #MAX_TERM}
     */
    public static KeywordDictionary load(Path file) throws IOException {
        List<String> terms = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.length() > MAX_TERM) {
                throw new IllegalArgumentException(file + ":" + (n + 1) + ": dictionary term longer than " + MAX_TERM + " characters");
            }
            terms.add(line);
        }
        return of(terms);
    }

    public boolean isEmpty() {
        return terms.isEmpty();
    }

    public List<String> terms() {
        return terms;
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
                    String term = terms.get(t);
                    int start = i - term.length() + 1;
                    if (bounded(term, start, i + 1)) {
                        s.emitAtLine(FindingType.KEYWORD, null, term, start, i + 1, fold(term), 0.9, line - newlines(b, start, i + 1));
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
