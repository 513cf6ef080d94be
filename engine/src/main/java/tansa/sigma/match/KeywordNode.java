package tansa.sigma.match;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import tansa.event.EventFields;

/**
 * A keyword (field-less) search: each value is looked for in every field of the event; values
 * are linked with OR, or with AND under {@code |all}. Plain keywords match as substrings, as
 * full-text search backends treat them.
 */
final class KeywordNode implements Node {
    private final ValueMatcher[] values;
    private final boolean all;
    /** For OR-linked plain substrings: one automaton, one case-folding pass per field value. */
    private final AhoCorasick any;
    /** Faster than {@link #any} when every needle is at least 4 characters long. */
    private final SetHorspool skip;
    /** Whether a needle could occur in a number's text (digits, sign, point, exponent only). */
    private final boolean numericNeedle;
    /** The shortest needle's length: shorter values cannot hold one. */
    private final int minLength;

    KeywordNode(ValueMatcher[] values, boolean all) {
        this.values = values;
        this.all = all;
        java.util.List<String> needles = new java.util.ArrayList<>();
        boolean numeric = false;
        for (ValueMatcher m : values) {
            String n = m instanceof TextMatch ? ((TextMatch) m).plainContainsNeedle() : null;
            if (n == null || n.isEmpty()) {
                needles = null;
                break;
            }
            needles.add(n);
            numeric |= n.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.' || c == '-' || c == 'e' || c == '+');
        }
        this.any = !all && needles != null ? new AhoCorasick(needles) : null;
        this.skip = any != null && SetHorspool.worthIt(needles) ? new SetHorspool(needles) : null;
        this.numericNeedle = numeric;
        this.minLength = needles == null ? 0 : needles.stream().mapToInt(String::length).min().orElse(0);
    }

    @Override
    public int cost() {
        return 200;
    }

    @Override
    public boolean matches(EventFields event) {
        if (any != null) {
            int left = event.distinctValues(); // the aliases after them repeat values already searched
            JsonNode previous = null;
            for (JsonNode v : event.values()) {
                if (left-- == 0) {
                    break;
                }
                if (v == previous) {
                    // the same node again under another name: an unnamed EventData <Data> is both
                    // "Data" and "#text", one after the other
                    continue;
                }
                previous = v;
                if (v instanceof TextNode) {
                    // Most values: text, and most shorter than every needle (SIDs, flags, codes).
                    String t = v.textValue();
                    if (t.length() >= minLength && (skip != null ? skip.anyInFolded(t) : any.anyInFolded(t))) {
                        return true;
                    }
                } else if (v != null && scan(v)) {
                    return true;
                }
            }
            return false;
        }
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

    private boolean scan(JsonNode v) {
        if (v.isTextual()) {
            return skip != null ? skip.anyInFolded(v.textValue()) : any.anyInFolded(v.textValue());
        }
        if (v.isContainerNode()) {
            for (JsonNode e : v) {
                if (e != null && scan(e)) {
                    return true;
                }
            }
            return false;
        }
        if (v.isNull() || (v.isNumber() && !numericNeedle)) {
            return false;
        }
        return skip != null ? skip.anyInFolded(v.asText()) : any.anyInFolded(v.asText());
    }

    private static boolean anyField(ValueMatcher m, EventFields event) {
        for (JsonNode v : event.values()) {
            if (v != null && !v.isNull() && anyValue(m, v, event)) {
                return true;
            }
        }
        return false;
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
