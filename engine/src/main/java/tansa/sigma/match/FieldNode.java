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
    public java.util.List<Atom> required() {
        if (negate) {
            return null;
        }
        java.util.List<Atom> out = new java.util.ArrayList<>();
        String best = null;
        for (ValueMatcher m : values) {
            String lit = m.literal();
            if (lit == null) {
                if (!all) {
                    return null;
                }
                continue;
            }
            if (all) {
                if (best == null || lit.length() > best.length()) {
                    best = lit;
                }
            } else {
                out.add(new Atom(field, lit));
            }
        }
        if (all) {
            return best == null ? null : java.util.List.of(new Atom(field, best));
        }
        return out;
    }
}
