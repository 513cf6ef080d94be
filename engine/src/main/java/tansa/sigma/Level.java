package tansa.sigma;

import java.util.Locale;

/** Sigma rule levels, least to most severe. A missing or unknown level counts as informational. */
public enum Level {
    INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL;

    public static Level of(String s) {
        if (s == null) {
            return INFORMATIONAL;
        }
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return INFORMATIONAL;
        }
    }

    /** Parses a user's {@code --min-level}; null when it names no level. */
    public static Level parseOrNull(String s) {
        for (Level l : values()) {
            if (l.label().equalsIgnoreCase(s)) {
                return l;
            }
        }
        return null;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
