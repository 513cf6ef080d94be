package tansa.sigma.match;

import com.fasterxml.jackson.databind.JsonNode;
import tansa.event.EventFields;

/**
 * One field test: the field's value against a list of compiled values, linked with OR (or AND
 * with the {@code all} modifier). An absent or null field matches nothing; an array value
 * matches when any element does. With {@code negate} ({@code neq}) the field must be present
 * and differ from every value.
 */
final class FieldNode implements Node {
    private final String field;
    private final ValueMatcher[] values;
    private final boolean all;
    private final boolean negate;

    FieldNode(String field, ValueMatcher[] values, boolean all, boolean negate) {
        this.field = field;
        this.values = values;
        this.all = all;
        this.negate = negate;
    }

    @Override
    public boolean matches(EventFields event) {
        JsonNode v = event.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (negate) {
            for (ValueMatcher m : values) {
                if (test(m, v, event)) {
                    return false;
                }
            }
            return true;
        }
        if (all) {
            for (ValueMatcher m : values) {
                if (!test(m, v, event)) {
                    return false;
                }
            }
            return true;
        }
        for (ValueMatcher m : values) {
            if (test(m, v, event)) {
                return true;
            }
        }
        return false;
    }

    private static boolean test(ValueMatcher m, JsonNode v, EventFields event) {
        if (v.isArray()) {
            for (JsonNode e : v) {
                if (e != null && !e.isNull() && m.matches(e, event)) {
                    return true;
                }
            }
            return false;
        }
        return m.matches(v, event);
    }

    String field() {
        return field;
    }

    @Override
    public int cost() {
        int c = 1;
        for (ValueMatcher m : values) {
            c += m.cost();
        }
        return c;
    }

    @Override
    public java.util.Set<Integer> eventIds() {
        if (negate || !field.equals("EventID")) {
            return null;
        }
        java.util.Set<Integer> ids = new java.util.TreeSet<>();
        for (ValueMatcher m : values) {
            Integer id = m instanceof NumberEquals ? ((NumberEquals) m).exactInt() : null;
            if (id == null) {
                return null;
            }
            ids.add(id);
        }
        if (all && ids.size() > 1) {
            return java.util.Set.of(); // one EventID cannot equal two numbers
        }
        return ids;
    }

    @Override
    public java.util.List<Atom> required() {
        if (negate) {
            return null;
        }
        java.util.List<Atom> out = new java.util.ArrayList<>();
        java.util.List<String> best = null;
        int bestScore = -1;
        for (ValueMatcher m : values) {
            java.util.List<String> lits = m.literals();
            if (lits == null) {
                if (!all) {
                    return null;
                }
                continue;
            }
            if (all) {
                // every value must match: any one value's literals will do; take the most selective
                int score = Integer.MAX_VALUE;
                for (String l : lits) {
                    score = Math.min(score, l.length());
                }
                if (score > bestScore) {
                    best = lits;
                    bestScore = score;
                }
            } else {
                for (String l : lits) {
                    out.add(new Atom(field, l));
                }
            }
        }
        if (all) {
            if (best == null) {
                return null;
            }
            for (String l : best) {
                out.add(new Atom(field, l));
            }
        }
        return out;
    }
}
