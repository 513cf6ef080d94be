package tansa.sigma.match;

import com.fasterxml.jackson.databind.JsonNode;
import tansa.event.EventFields;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Picks, for one event, the rules of a group that can possibly match: each rule's
 * {@link Node#required()} literals are compiled into one Aho-Corasick automaton per field, the
 * event's lower-cased field values are scanned once, and only rules with a literal found (plus
 * those without a literal set) are evaluated. With ~1,400 process_creation rules this replaces
 * thousands of substring searches per event by one pass over a few fields.
 *
 * <p>The automaton folds case as it reads, like {@link EventFields#lowerText}, so scanning
 * allocates nothing. Immutable and thread-safe; per-thread scratch state.
 */
public final class Prefilter {
    private final int size;
    private final int[] always;
    private final String[] fields;
    private final AhoCorasick[] automata;
    /** Per field, per literal id: the candidates it enables. */
    private final int[][][] targets;
    /** Per field: every candidate with a literal on it. */
    private final int[][] byField;
    private final int literals;
    /** Per field: where its literal ids start in the scratch literal marks. */
    private final int[] offsets;
    private final ThreadLocal<Scratch> scratch;

    /** Per-thread marks; also the automaton's hit callback, so a scan allocates nothing. */
    private static final class Scratch implements AhoCorasick.Hits {
        final int[] candidate;
        final int[] literal;
        /** The candidates marked in this epoch, in marking order; {@link #select} sorts them. */
        int[] selected;
        int count;
        int epoch;
        int[][] targets;
        int offset;
        /** The text being scanned, copied out of its String. */
        char[] text = new char[1024];

        Scratch(int candidates, int literals) {
            candidate = new int[candidates];
            literal = new int[literals];
            selected = new int[candidates];
        }

        void mark(int c) {
            if (candidate[c] != epoch) {
                candidate[c] = epoch;
                selected[count++] = c;
            }
        }

        @Override
        public void hit(int lit) {
            int k = offset + lit;
            if (literal[k] != epoch) {
                literal[k] = epoch;
                for (int c : targets[lit]) {
                    mark(c);
                }
            }
        }
    }

    /** {@code required.get(i)} is candidate i's literal set (null: always evaluate). */
    public Prefilter(List<List<Atom>> required) {
        size = required.size();
        List<Integer> alw = new ArrayList<>();
        Map<String, Map<String, List<Integer>>> perField = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            List<Atom> r = required.get(i);
            if (r == null) {
                alw.add(i);
                continue;
            }
            for (Atom a : r) {
                List<Integer> t = perField.computeIfAbsent(a.field(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(a.literal(), k -> new ArrayList<>());
                if (t.isEmpty() || t.get(t.size() - 1) != i) {
                    t.add(i);
                }
            }
        }
        always = alw.stream().mapToInt(Integer::intValue).toArray();
        fields = perField.keySet().toArray(new String[0]);
        automata = new AhoCorasick[fields.length];
        targets = new int[fields.length][][];
        byField = new int[fields.length][];
        offsets = new int[fields.length];
        int lits = 0;
        for (int f = 0; f < fields.length; f++) {
            Map<String, List<Integer>> m = perField.get(fields[f]);
            List<String> words = new ArrayList<>(m.keySet());
            automata[f] = new AhoCorasick(words);
            targets[f] = new int[words.size()][];
            java.util.TreeSet<Integer> all = new java.util.TreeSet<>();
            for (int w = 0; w < words.size(); w++) {
                List<Integer> t = m.get(words.get(w));
                targets[f][w] = t.stream().mapToInt(Integer::intValue).toArray();
                all.addAll(t);
            }
            byField[f] = all.stream().mapToInt(Integer::intValue).toArray();
            offsets[f] = lits;
            lits += words.size();
        }
        literals = lits;
        int n = size;
        int l = literals;
        scratch = ThreadLocal.withInitial(() -> new Scratch(n, l));
    }

    /**
     * Writes the index of every candidate that may match {@code event} into {@code out}
     * (at least {@link #size()} long), in ascending order; returns how many.
     */
    public int select(EventFields event, int[] out) {
        Scratch s = scratch.get();
        int epoch = ++s.epoch;
        if (epoch == Integer.MAX_VALUE) {
            java.util.Arrays.fill(s.candidate, 0);
            java.util.Arrays.fill(s.literal, 0);
            s.epoch = epoch = 1;
        }
        s.count = 0;
        for (int i : always) {
            s.mark(i);
        }
        for (int f = 0; f < fields.length; f++) {
            JsonNode v = event.get(fields[f]);
            if (v == null || v.isNull()) {
                continue;
            }
            scan(f, v, event, s, epoch);
        }
        // Usually a few dozen of a thousand candidates: sorting them beats sweeping every mark.
        int n = s.count;
        System.arraycopy(s.selected, 0, out, 0, n);
        java.util.Arrays.sort(out, 0, n);
        return n;
    }

    private void scan(int f, JsonNode v, EventFields event, Scratch s, int epoch) {
        if (v.isArray()) {
            for (JsonNode e : v) {
                if (e != null && !e.isNull()) {
                    scan(f, e, event, s, epoch);
                }
            }
            return;
        }
        String text = v.isTextual() ? v.textValue() : v.isValueNode() ? v.asText() : null;
        if (text == null) {
            for (int c : byField[f]) {
                s.mark(c);
            }
            return;
        }
        s.targets = targets[f];
        s.offset = offsets[f];
        int n = text.length();
        if (s.text.length < n) {
            s.text = new char[Math.max(n, s.text.length * 2)];
        }
        text.getChars(0, n, s.text, 0);
        automata[f].searchFolded(s.text, n, s);
    }

    public int size() {
        return size;
    }

    public int alwaysEvaluated() {
        return always.length;
    }
}
