package tansa.sigma.match;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Requirements in conjunctive normal form ({@link Node#required()}): a list of clauses, each a
 * list of {@link Atom}s of which at least one occurs in an event the node matches. The
 * prefilter evaluates a rule only when every one of its clauses holds, so a rule such as
 * {@code Provider_Name: 'Service Control Manager'} and {@code ImagePath|contains: 'mshta'}
 * waits for both literals, not just the longer, ever-present one.
 *
 * <p>Clauses are only ever dropped (never invented), which keeps a requirement necessary. A node
 * keeps at most {@link #CAP} clauses, the most selective first (longest shortest literal, then
 * fewest atoms); the prefilter uses the {@link #MAX} best of those that its gate does not already
 * guarantee ({@link #forGroup}).
 */
final class Clauses {
    /** Nothing known: evaluate always. */
    static final List<List<Atom>> NONE = List.of();
    /** One empty clause: never matches. */
    static final List<List<Atom>> NEVER = List.of(List.of());
    /** Clauses a node keeps. */
    static final int CAP = 8;
    /** Clauses the prefilter tests per rule. */
    static final int MAX = 3;
    /** The shortest literal a clause other than a rule's most selective may have. */
    static final int EXTRA_MIN = 4;

    /** Most selective first: the longer a clause's shortest literal, the rarer its hits. */
    private static final Comparator<List<Atom>> SELECTIVE =
            Comparator.comparingInt(Clauses::shortest).reversed().thenComparingInt(List::size);

    private Clauses() {
    }

    /** Whether the requirement says the node never matches. */
    static boolean never(List<List<Atom>> cnf) {
        for (List<Atom> c : cnf) {
            if (c.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** The conjunction: every part's clauses, without duplicates or clauses implied by another. */
    static List<List<Atom>> and(List<List<List<Atom>>> parts) {
        List<List<Atom>> all = new ArrayList<>();
        for (List<List<Atom>> p : parts) {
            if (never(p)) {
                return NEVER;
            }
            for (List<Atom> c : p) {
                if (!all.contains(c)) {
                    all.add(c);
                }
            }
        }
        return best(withoutImplied(all));
    }

    /**
     * The disjunction: for each choice of one clause per part, the union of the chosen clauses
     * (distribution of OR over AND). Parts that never match drop out; a part with no clause makes
     * the whole unknown. When the choices would exceed {@link #MAX}, each part contributes only its
     * most selective clause.
     */
    static List<List<Atom>> or(List<List<List<Atom>>> parts) {
        List<List<List<Atom>>> live = new ArrayList<>();
        long product = 1;
        for (List<List<Atom>> p : parts) {
            if (never(p)) {
                continue;
            }
            if (p.isEmpty()) {
                return NONE;
            }
            live.add(p);
            product = Math.min(Integer.MAX_VALUE, product * p.size());
        }
        if (live.isEmpty()) {
            return NEVER;
        }
        if (product > CAP) {
            for (int i = 0; i < live.size(); i++) {
                live.set(i, List.of(best(live.get(i)).get(0)));
            }
        }
        List<LinkedHashSet<Atom>> acc = new ArrayList<>();
        acc.add(new LinkedHashSet<>());
        for (List<List<Atom>> p : live) {
            List<LinkedHashSet<Atom>> next = new ArrayList<>();
            for (LinkedHashSet<Atom> a : acc) {
                for (List<Atom> c : p) {
                    LinkedHashSet<Atom> u = new LinkedHashSet<>(a);
                    u.addAll(c);
                    next.add(u);
                }
            }
            acc = next;
        }
        List<List<Atom>> out = new ArrayList<>();
        for (LinkedHashSet<Atom> a : acc) {
            List<Atom> c = List.copyOf(a);
            if (!out.contains(c)) {
                out.add(c);
            }
        }
        return best(withoutImplied(out));
    }

    /** Drops each clause that contains all the atoms of another (it holds whenever the other does). */
    private static List<List<Atom>> withoutImplied(List<List<Atom>> cnf) {
        List<List<Atom>> out = new ArrayList<>(cnf.size());
        for (int i = 0; i < cnf.size(); i++) {
            boolean implied = false;
            for (int j = 0; j < cnf.size() && !implied; j++) {
                List<Atom> o = cnf.get(j);
                implied = j != i && cnf.get(i).containsAll(o) && (o.size() < cnf.get(i).size() || j < i);
            }
            if (!implied) {
                out.add(cnf.get(i));
            }
        }
        return out;
    }

    /** The {@link #CAP} most selective clauses, in that order. */
    private static List<List<Atom>> best(List<List<Atom>> cnf) {
        return best(cnf, CAP);
    }

    private static List<List<Atom>> best(List<List<Atom>> cnf, int n) {
        List<List<Atom>> sorted = new ArrayList<>(cnf);
        sorted.sort(SELECTIVE);
        return List.copyOf(sorted.subList(0, Math.min(n, sorted.size())));
    }

    /**
     * The clauses the prefilter tests for one rule: the {@link #MAX} most selective of those not
     * already true of every event of the group ({@code given}: e.g. an {@code EventID} literal in
     * the group of that EventID). Beyond the first, a clause needs literals of at least
     * {@link #EXTRA_MIN} characters: a short literal such as {@code " -"} is found many times
     * in most command lines, and each find costs more than it saves.
     */
    static List<List<Atom>> forGroup(List<List<Atom>> cnf, java.util.function.Predicate<Atom> given) {
        if (never(cnf)) {
            return NEVER;
        }
        List<List<Atom>> open = new ArrayList<>(cnf.size());
        for (List<Atom> c : cnf) {
            boolean holds = false;
            for (Atom a : c) {
                holds |= given.test(a);
            }
            if (!holds) {
                open.add(c);
            }
        }
        List<List<Atom>> kept = new ArrayList<>(MAX);
        for (List<Atom> c : best(open, MAX)) {
            if (kept.isEmpty() || shortest(c) >= EXTRA_MIN) {
                kept.add(c);
            }
        }
        return kept;
    }

    private static int shortest(List<Atom> clause) {
        int s = Integer.MAX_VALUE;
        for (Atom a : clause) {
            s = Math.min(s, a.literal().length());
        }
        return s;
    }
}
