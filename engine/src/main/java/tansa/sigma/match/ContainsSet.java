package tansa.sigma.match;

import com.fasterxml.jackson.databind.JsonNode;
import tansa.event.EventFields;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Many OR-linked case-insensitive {@code contains} values of one field test, searched in one
 * pass of an Aho-Corasick automaton instead of one substring search each. SigmaHQ's PowerShell
 * rules list dozens to hundreds of cmdlet names against script blocks of many kilobytes; one
 * pass reads the script once whatever the number of names.
 */
final class ContainsSet implements ValueMatcher {
    /** Below this many values, one intrinsic substring search each on the cached lower-cased text is as fast. */
    static final int MIN_VALUES = 16;

    private final List<String> needles;
    /**
     * Built on the first event that reaches the test: most rules never see an event of their log
     * source, and building automata was a fifth of a cold load. Racy by design: two threads may
     * both build it, and an AhoCorasick is safely published through its final fields.
     */
    private AhoCorasick automaton;
    private final List<String> literals;
    private final int cost;

    private ContainsSet(List<TextMatch> members) {
        List<String> needles = new ArrayList<>();
        List<String> lits = new ArrayList<>();
        int c = 0;
        for (TextMatch m : members) {
            needles.add(new String(m.needle));
            List<String> l = m.literals();
            if (l == null) {
                lits = null;
            } else if (lits != null) {
                lits.addAll(l);
            }
            c += m.cost();
        }
        this.needles = List.copyOf(needles);
        this.literals = lits;
        this.cost = c; // evaluation order among a selection's tests stays as it was
    }

    /** {@code values} with its plain case-insensitive contains values merged into one set when there are many. */
    static List<ValueMatcher> merge(List<ValueMatcher> values) {
        List<TextMatch> members = new ArrayList<>();
        for (ValueMatcher v : values) {
            if (v instanceof TextMatch && ((TextMatch) v).plainContainsNeedle() != null && ((TextMatch) v).needle.length > 0) {
                members.add((TextMatch) v);
            }
        }
        if (members.size() < MIN_VALUES) {
            return values;
        }
        Set<ValueMatcher> merged = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        merged.addAll(members);
        List<ValueMatcher> out = new ArrayList<>();
        out.add(new ContainsSet(members));
        for (ValueMatcher v : values) {
            if (!merged.contains(v)) {
                out.add(v);
            }
        }
        return out;
    }

    @Override
    public boolean matches(JsonNode value, EventFields event) {
        String s = FieldValues.text(value);
        if (s == null) {
            return false;
        }
        AhoCorasick a = automaton;
        if (a == null) {
            automaton = a = new AhoCorasick(needles);
        }
        return a.anyInFolded(s);
    }

    @Override
    public List<String> literals() {
        return literals;
    }

    @Override
    public int cost() {
        return cost;
    }
}
