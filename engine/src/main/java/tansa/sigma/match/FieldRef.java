package tansa.sigma.match;

import com.fasterxml.jackson.databind.JsonNode;
import tansa.event.EventFields;

/**
 * The {@code fieldref} modifier: compares the field with another field of the same event, as
 * equality, prefix, suffix or containment; case-insensitive unless {@code cased}. A missing or
 * null referenced field never matches.
 */
final class FieldRef implements ValueMatcher {
    private final String other;
    private final TextMatch.Mode mode;
    private final boolean cased;

    FieldRef(String other, TextMatch.Mode mode, boolean cased) {
        this.other = other;
        this.mode = mode;
        this.cased = cased;
    }

    @Override
    public boolean matches(JsonNode v, EventFields event) {
        JsonNode o = event.get(other);
        if (o == null || o.isNull()) {
            return false;
        }
        if (v.isNumber() && o.isNumber() && mode == TextMatch.Mode.EXACT) {
            return v.equals(o);
        }
        String s = FieldValues.text(v);
        String n = FieldValues.text(o);
        if (s == null || n == null) {
            return false;
        }
        switch (mode) {
            case EXACT:
                return s.length() == n.length() && s.regionMatches(!cased, 0, n, 0, n.length());
            case PREFIX:
                return s.regionMatches(!cased, 0, n, 0, n.length());
            case SUFFIX:
                return s.length() >= n.length() && s.regionMatches(!cased, s.length() - n.length(), n, 0, n.length());
            default:
                for (int i = 0, last = s.length() - n.length(); i <= last; i++) {
                    if (s.regionMatches(!cased, i, n, 0, n.length())) {
                        return true;
                    }
                }
                return false;
        }
    }
}
