package tansa.sigma.match;

import tansa.event.EventFields;

/**
 * A compiled piece of a detection: evaluated once per candidate event, with no allocation on
 * the common paths. Implementations are immutable except {@link RegexText}'s per-thread matcher,
 * so a compiled rule may be shared by threads.
 */
public interface Node {
    boolean matches(EventFields event);
}
