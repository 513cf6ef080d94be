package tansa.sigma.rule;

/** A parsed detection condition (rules specification, section Condition). */
public sealed interface Condition permits Condition.And, Condition.Or, Condition.Not, Condition.Ref, Condition.Of {

    record And(Condition left, Condition right) implements Condition {
    }

    record Or(Condition left, Condition right) implements Condition {
    }

    record Not(Condition inner) implements Condition {
    }

    /** A search identifier by name. */
    record Ref(String name) implements Condition {
    }

    /**
     * {@code 1 of pattern}, {@code all of pattern}, {@code 1 of them}; {@code pattern} is null for
     * {@code them}. Resolution against the search names happens at compile time.
     */
    record Of(boolean all, String pattern) implements Condition {
    }
}
