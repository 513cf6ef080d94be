package tansa.sigma.rule;

import java.util.Locale;

/** The correlation types of the correlation rules specification 2.1. */
public enum CorrelationType {
    EVENT_COUNT, VALUE_COUNT, TEMPORAL, TEMPORAL_ORDERED, VALUE_SUM, VALUE_AVG, VALUE_PERCENTILE;

    /** The type named as in YAML ({@code event_count}), or null. */
    public static CorrelationType parse(String s) {
        for (CorrelationType t : values()) {
            if (t.yamlName().equals(s)) {
                return t;
            }
        }
        return null;
    }

    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the condition's field attribute is required. */
    public boolean needsField() {
        return this == VALUE_COUNT || this == VALUE_SUM || this == VALUE_AVG || this == VALUE_PERCENTILE;
    }

    public boolean temporal() {
        return this == TEMPORAL || this == TEMPORAL_ORDERED;
    }
}
