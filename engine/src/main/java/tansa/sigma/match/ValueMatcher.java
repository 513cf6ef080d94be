package tansa.sigma.match;

import com.fasterxml.jackson.databind.JsonNode;
import tansa.event.EventFields;

/** One compiled value of a field test, applied to a present, non-null field value. */
public interface ValueMatcher {
    /** {@code event} is there for field references; {@code value} is never null or JSON null. */
    boolean matches(JsonNode value, EventFields event);

    /** A lower-cased literal that the field's lower-cased text contains whenever this matches, or null. */
    default String literal() {
        return null;
    }
}
