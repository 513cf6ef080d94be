package tansa.sigma.match;

import com.fasterxml.jackson.databind.JsonNode;

/** How a field's JSON value reads as text for string matching. */
final class FieldValues {
    private FieldValues() {
    }

    /** Strings as they are (no copy); numbers and booleans in their JSON spelling; null for containers. */
    static String text(JsonNode v) {
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isValueNode()) {
            return v.asText();
        }
        return null;
    }

    /** The value as a number, or NaN when it is not one. */
    static double number(JsonNode v) {
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isTextual()) {
            return parseNumber(v.textValue());
        }
        return Double.NaN;
    }

    /** Decimal (surrounding blanks allowed) or 0x hexadecimal; NaN otherwise. */
    static double parseNumber(String s) {
        s = s.strip();
        int n = s.length();
        if (n == 0 || n > 40) {
            return Double.NaN;
        }
        if (n > 2 && s.charAt(0) == '0' && (s.charAt(1) == 'x' || s.charAt(1) == 'X')) {
            long v = 0;
            for (int i = 2; i < n; i++) {
                int d = Character.digit(s.charAt(i), 16);
                if (d < 0 || i > 17) {
                    return Double.NaN;
                }
                v = (v << 4) | d;
            }
            return v;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
                return Double.NaN;
            }
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
