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

    /**
     * One clause: some value's literal occurs (OR-linked values); with {@code all}, one clause
     * per value that has literals. Nothing is known under {@code neq}.
     */
    @Override
    public java.util.List<java.util.List<Atom>> required() {
        if (negate) {
            return Clauses.NONE;
        }
        java.util.List<java.util.List<Atom>> clauses = new java.util.ArrayList<>();
        java.util.List<Atom> any = new java.util.ArrayList<>();
        for (ValueMatcher m : values) {
            java.util.List<String> lits = m.literals();
            if (lits == null) {
                if (!all) {
                    return Clauses.NONE;
                }
                continue;
            }
            java.util.List<Atom> atoms = new java.util.ArrayList<>();
            for (String l : lits) {
                atoms.add(new Atom(field, l));
            }
            if (all) {
                clauses.add(atoms);
            } else {
                any.addAll(atoms);
            }
        }
        if (!all) {
            clauses.add(any);
        }
        return Clauses.and(java.util.List.of(clauses));
    }
}
