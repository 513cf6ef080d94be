package tansa.sigma.match;

import com.fasterxml.jackson.databind.JsonNode;
import tansa.event.EventFields;
import tansa.sigma.rule.Modifier;

/** {@code lt}, {@code lte}, {@code gt}, {@code gte}: numeric comparison; a non-numeric field never matches. */
final class NumberCompare implements ValueMatcher {
    private final Modifier op;
    private final double bound;

    NumberCompare(Modifier op, double bound) {
        this.op = op;
        this.bound = bound;
    }

    @Override
    public boolean matches(JsonNode v, EventFields event) {
        return test(FieldValues.number(v));
    }

    boolean test(double x) {
        if (Double.isNaN(x)) {
            return false;
        }
        switch (op) {
            case LT: return x < bound;
            case LTE: return x <= bound;
            case GT: return x > bound;
            default: return x >= bound;
        }
    }
}
