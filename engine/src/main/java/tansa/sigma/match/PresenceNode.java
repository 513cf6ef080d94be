package tansa.sigma.match;

import com.fasterxml.jackson.databind.JsonNode;
import tansa.event.EventFields;

/**
 * {@code Field: null} (absent or JSON null) and {@code Field|exists: true/false} (present at all,
 * whatever the value; modifiers appendix).
 */
final class PresenceNode implements Node {
    private final String field;
    private final boolean existsTest;
    private final boolean expected;

    private PresenceNode(String field, boolean existsTest, boolean expected) {
        this.field = field;
        this.existsTest = existsTest;
        this.expected = expected;
    }

    static PresenceNode isNull(String field) {
        return new PresenceNode(field, false, true);
    }

    static PresenceNode exists(String field, boolean expected) {
        return new PresenceNode(field, true, expected);
    }

    @Override
    public boolean matches(EventFields event) {
        if (existsTest) {
            return event.has(field) == expected;
        }
        JsonNode v = event.get(field);
        return v == null || v.isNull();
    }
}
