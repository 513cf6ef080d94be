package tansa.sigma.match;

import com.fasterxml.jackson.databind.JsonNode;
import tansa.event.EventFields;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Picks, for one event, the rules of a group that can possibly match: the literals of each rule's
 * {@link Node#required()} clauses are compiled into one Aho-Corasick automaton per field, the
 * event's lower-cased field values are scanned once, and only rules whose every clause has a
 * literal found (plus those without clauses) are evaluated. With ~1,400 process_creation rules
 * this replaces thousands of substring searches per event by one pass over a few fields; testing
 * every clause rather than one keeps rules such as {@code Image|endswith: '\powershell.exe'} and
 * {@code CommandLine|contains: ...} from being evaluated on every PowerShell start.
 *
 * <p>The automaton folds case as it reads, like {@link EventFields#lowerText}, so scanning
 * allocates nothing. Immutable and thread-safe; per-thread scratch state.
 */
public final class Prefilter {
    private final int size;
    private final int[] always;
    private final String[] fields;
    private final AhoCorasick[] automata;
    /** Per field, per literal id: the clauses it satisfies. */
    private final int[][][] targets;
    /** Per field: every clause with a literal on it. */
    private final int[][] byField;
    /** Per clause: its candidate. */
    private final int[] owner;
    /** Per candidate: how many clauses must hold. */
    private final int[] need;
    private final int literals;
    /** Per field: where its literal ids start in the scratch literal marks. */
    private final int[] offsets;
    private final ThreadLocal<Scratch> scratch;

    /** Per-thread marks; also the automaton's hit callback, so a scan allocates nothing. */
    private static final class Scratch implements AhoCorasick.Hits {
        final int[] candidate;
        /** Per candidate: clauses found to hold in {@link #held}'s epoch. */
        final int[] holding;
        final int[] held;
        final int[] clause;
        final int[] literal;
        final int[] owner;
        final int[] need;
        /** The candidates selected in this epoch, in selection order; {@link #select} sorts them. */
        int[] selected;
        int count;
        int epoch;
        int[][] targets;
        int offset;
        /** The text being scanned, copied out of its String. */
        char[] text = new char[1024];

        Scratch(int candidates, int clauses, int literals, int[] owner, int[] need) {
            candidate = new int[candidates];
            holding = new int[candidates];
            held = new int[candidates];
            clause = new int[clauses];
            literal = new int[literals];
            selected = new int[candidates];
            this.owner = owner;
            this.need = need;
        }

        void mark(int c) {
            if (candidate[c] != epoch) {
                candidate[c] = epoch;
                selected[count++] = c;
            }
        }

        /** Clause {@code k} holds; its candidate is selected once all of its clauses do. */
        void satisfy(int k) {
            if (clause[k] != epoch) {
                clause[k] = epoch;
                int c = owner[k];
                int h = held[c] == epoch ? holding[c] + 1 : 1;
                held[c] = epoch;
                holding[c] = h;
                if (h == need[c]) {
                    mark(c);
                }
            }
        }

        @Override
        public void hit(int lit) {
            int k = offset + lit;
            if (literal[k] != epoch) {
                literal[k] = epoch;
                for (int c : targets[lit]) {
                    satisfy(c);
                }
            }
        }
    }

    /**
     * The prefilter of {@code n} candidates whose detections {@code detection} gives: each tested
     * on its {@link Clauses#MAX} most selective clauses, leaving out those the gate already
     * guarantees: {@code eventId} is every event's EventID (-1: not known), so an {@code EventID}
     * literal it contains holds anyway. Automata are taken from (and added to) {@code automata}.
     */
    public static Prefilter of(int n, java.util.function.IntFunction<Node> detection, int eventId, Automata automata) {
        String id = eventId < 0 ? null : Integer.toString(eventId);
        List<List<List<Atom>>> req = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            req.add(Clauses.forGroup(detection.apply(i).required(),
                    a -> id != null && a.field().equals("EventID") && id.contains(a.literal())));
        }
        return new Prefilter(req, automata);
    }

    /** {@code required.get(i)} is candidate i's clauses (see {@link Node#required()}; none: always evaluate). */
    public Prefilter(List<List<List<Atom>>> required) {
        this(required, new Automata());
    }

    private Prefilter(List<List<List<Atom>>> required, Automata shared) {
        size = required.size();
        List<Integer> alw = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        need = new int[size];
        Map<String, Map<String, List<Integer>>> perField = new LinkedHashMap<>();
        Map<String, java.util.TreeSet<Integer>> clausesOf = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            List<List<Atom>> r = required.get(i);
            if (r.isEmpty()) {
                alw.add(i);
                continue;
            }
            need[i] = r.size();
            for (List<Atom> clause : r) {
                int k = owners.size();
                owners.add(i);
                for (Atom a : clause) {
                    List<Integer> t = perField.computeIfAbsent(a.field(), x -> new LinkedHashMap<>())
                            .computeIfAbsent(a.literal(), x -> new ArrayList<>());
                    if (t.isEmpty() || t.get(t.size() - 1) != k) {
                        t.add(k);
                    }
                    clausesOf.computeIfAbsent(a.field(), x -> new java.util.TreeSet<>()).add(k);
                }
            }
        }
        always = alw.stream().mapToInt(Integer::intValue).toArray();
        owner = owners.stream().mapToInt(Integer::intValue).toArray();
        fields = perField.keySet().toArray(new String[0]);
        automata = new AhoCorasick[fields.length];
        targets = new int[fields.length][][];
        byField = new int[fields.length][];
        offsets = new int[fields.length];
        int lits = 0;
        for (int f = 0; f < fields.length; f++) {
            Map<String, List<Integer>> m = perField.get(fields[f]);
            List<String> words = new ArrayList<>(m.keySet());
            automata[f] = shared.of(words);
            targets[f] = new int[words.size()][];
            for (int w = 0; w < words.size(); w++) {
                targets[f][w] = m.get(words.get(w)).stream().mapToInt(Integer::intValue).toArray();
            }
            byField[f] = clausesOf.get(fields[f]).stream().mapToInt(Integer::intValue).toArray();
            offsets[f] = lits;
            lits += words.size();
        }
        literals = lits;
        int n = size;
        int l = literals;
        int k = owner.length;
        int[] own = owner;
        int[] nd = need;
        scratch = ThreadLocal.withInitial(() -> new Scratch(n, k, l, own, nd));
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
            java.util.Arrays.fill(s.held, 0);
            java.util.Arrays.fill(s.clause, 0);
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
            for (int k : byField[f]) {
                s.satisfy(k);
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
