package tansa.sigma.match;

import com.fasterxml.jackson.databind.JsonNode;
import tansa.event.EventFields;

/**
 * A keyword (field-less) search: each value is looked for in every field of the event; values
 * are linked with OR, or with AND under {@code |all}. Plain keywords match as substrings, as
 * full-text search backends treat them.
 */
final class KeywordNode implements Node {
    private final ValueMatcher[] values;
    private final boolean all;

    KeywordNode(ValueMatcher[] values, boolean all) {
        this.values = values;
        this.all = all;
    }

    @Override
    public boolean matches(EventFields event) {
        for (ValueMatcher m : values) {
            boolean found = anyField(m, event);
            if (found && !all) {
                return true;
            }
            if (!found && all) {
                return false;
            }
        }
        return all;
    }

    private static boolean anyField(ValueMatcher m, EventFields event) {
        boolean[] hit = new boolean[1];
        event.forEach((name, v) -> {
            if (!hit[0] && v != null && !v.isNull() && anyValue(m, v, event)) {
                hit[0] = true;
            }
        });
        return hit[0];
    }

    private static boolean anyValue(ValueMatcher m, JsonNode v, EventFields event) {
        if (v.isContainerNode()) {
            for (JsonNode e : v) {
                if (e != null && !e.isNull() && anyValue(m, e, event)) {
                    return true;
                }
            }
            return false;
        }
        return m.matches(v, event);
    }
}
