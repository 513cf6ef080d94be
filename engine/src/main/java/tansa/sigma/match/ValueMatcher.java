package tansa.sigma.match;

import com.fasterxml.jackson.databind.JsonNode;
import tansa.event.EventFields;

/** One compiled value of a field test, applied to a present, non-null field value. */
public interface ValueMatcher {
    /** {@code event} is there for field references; {@code value} is never null or JSON null. */
    boolean matches(JsonNode value, EventFields event);

    /**
     * Lower-cased literals of which the field's lower-cased text contains at least one whenever
     * this matches; null when there are none to name.
     */
    default java.util.List<String> literals() {
        return null;
    }

    /** Relative evaluation cost (see {@link Node#cost()}). */
    default int cost() {
        return 2;
    }
}
