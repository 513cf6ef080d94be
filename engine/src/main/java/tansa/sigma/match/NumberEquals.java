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
    private final String raw;

    NumberEquals(double value, String raw) {
        this.value = value;
        this.raw = raw;
        this.text = TextMatch.of(GlobText.literal(raw), false, false);
    }

    /** The value when it is a plain int (what an EventID test compares with), else null. */
    Integer exactInt() {
        if (value != Math.rint(value) || value < 0 || value > Integer.MAX_VALUE) {
            return null;
        }
        return (int) value;
    }

    /** A plain integer's digits appear in any field text equal to it (4688, "4688", 4688.0). */
    @Override
    public java.util.List<String> literals() {
        if (raw.isEmpty() || raw.length() > 18 || !raw.chars().allMatch(Character::isDigit) || (raw.length() > 1 && raw.charAt(0) == '0')) {
            return null;
        }
        return java.util.List.of(raw);
    }

    @Override
    public boolean matches(JsonNode v, EventFields event) {
        if (v.isNumber()) {
            return v.doubleValue() == value;
        }
        return text.matches(v, event);
    }
}
