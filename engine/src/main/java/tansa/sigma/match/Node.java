package tansa.sigma.match;

import tansa.event.EventFields;

/**
 * A compiled piece of a detection: evaluated once per candidate event, with no allocation on
 * the common paths. Implementations are immutable except {@link RegexText}'s per-thread matcher,
 * so a compiled rule may be shared by threads.
 */
public interface Node {
    boolean matches(EventFields event);

    /**
     * What an event this node matches must contain, in conjunctive normal form: every clause is
     * a list of literals (see {@link Atom}) of which at least one occurs. No clause: nothing is
     * known (the node must always be evaluated); an empty clause: the node never matches. Used
     * by {@link Prefilter}; see {@link Clauses}.
     */
    default java.util.List<java.util.List<Atom>> required() {
        return Clauses.NONE;
    }

    /**
     * EventIDs of which the event's must be one whenever this node matches (the gate files the
     * rule under them); null when the node does not constrain EventID.
     */
    default java.util.Set<Integer> eventIds() {
        return null;
    }

    /**
     * A rough relative cost of evaluating this node; AND and OR evaluate cheap parts first, which
     * is safe because nodes have no side effects.
     */
    default int cost() {
        return 1;
    }
}
