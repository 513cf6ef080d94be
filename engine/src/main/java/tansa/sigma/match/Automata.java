package tansa.sigma.match;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The prefilter automata of one rule set, by literal list, so that gate groups whose rules give a
 * field the same literals build its automaton once: Sysmon's process creation (EventID 1) and
 * Security's 4688 both carry the ~1,400 process_creation rules and the same 8,863 CommandLine
 * literals (a 62,813-state automaton, 17 MB of table). Thread-safe: groups are built on the
 * decode threads.
 */
public final class Automata {
    private final ConcurrentHashMap<List<String>, AhoCorasick> built = new ConcurrentHashMap<>();

    /** The automaton of {@code literals}, built on first request; literal ids are their indices. */
    AhoCorasick of(List<String> literals) {
        return built.computeIfAbsent(List.copyOf(literals), AhoCorasick::new);
    }
}
