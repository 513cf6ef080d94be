package tansa.sigma.match;

/**
 * A literal that must occur, lower-cased, in a field's lower-cased value for a rule to be able
 * to match: what the prefilter looks for with one automaton pass per field.
 */
public record Atom(String field, String literal) {
}
