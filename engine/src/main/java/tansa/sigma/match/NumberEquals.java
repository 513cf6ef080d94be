package tansa.sigma.match;

import com.fasterxml.jackson.databind.JsonNode;
import tansa.event.EventFields;

/**
 * A plain numeric rule value ({@code EventID: 4688}): equal to a numeric field of the same value,
 * or to a string field spelled the same (case-insensitive text comparison otherwise).
 */
final class NumberEquals implements ValueMatcher {
    private final double value;
    private final TextMatch text;

    NumberEquals(double value, String raw) {
        this.value = value;
        this.text = TextMatch.of(GlobText.literal(raw), false, false);
    }

    @Override
    public boolean matches(JsonNode v, EventFields event) {
        if (v.isNumber()) {
            return v.doubleValue() == value;
        }
        return text.matches(v, event);
    }
}
