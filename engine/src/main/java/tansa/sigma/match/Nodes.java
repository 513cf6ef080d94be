package tansa.sigma.match;

import tansa.event.EventFields;

import java.util.List;

/** The boolean connectives of compiled conditions and searches. */
public final class Nodes {
    private Nodes() {
    }

    public static final Node TRUE = e -> true;
    public static final Node FALSE = new Node() {
        @Override
        public boolean matches(EventFields e) {
            return false;
        }

        @Override
        public List<List<Atom>> required() {
            return Clauses.NEVER;
        }
    };

    /**
     * All of {@code parts}; nested conjunctions are flattened into one, so that the cheapest
     * test of all decides first ({@code keywords and not 1 of filter_*} checks a filter's
     * {@code Level: 4} before scanning every field for keywords).
     */
    public static Node and(List<Node> parts) {
        List<Node> flat = flatten(parts, And.class);
        return flat.size() == 1 ? flat.get(0) : new And(cheapFirst(flat));
    }

    /** Any of {@code parts}; nested disjunctions are flattened into one. */
    public static Node or(List<Node> parts) {
        List<Node> flat = flatten(parts, Or.class);
        return flat.size() == 1 ? flat.get(0) : new Or(cheapFirst(flat));
    }

    /** {@code parts} with each part of the given connective replaced by its own parts. */
    private static List<Node> flatten(List<Node> parts, Class<? extends Node> connective) {
        List<Node> flat = new java.util.ArrayList<>();
        for (Node p : parts) {
            if (connective.isInstance(p)) {
                flat.addAll(List.of(p instanceof And ? ((And) p).parts : ((Or) p).parts));
            } else {
                flat.add(p);
            }
        }
        return flat;
    }

    /**
     * The negation of {@code n}, pushed inwards (De Morgan): {@code not (a or b)} becomes
     * {@code not a and not b}, which an enclosing conjunction flattens and orders by cost.
     */
    public static Node not(Node n) {
        if (n instanceof Not) {
            return ((Not) n).inner;
        }
        if (n instanceof Or || n instanceof And) {
            Node[] parts = n instanceof Or ? ((Or) n).parts : ((And) n).parts;
            List<Node> negated = new java.util.ArrayList<>(parts.length);
            for (Node p : parts) {
                negated.add(not(p));
            }
            return n instanceof Or ? and(negated) : or(negated);
        }
        return new Not(n);
    }

    /** Parts by ascending cost, stable, so that a cheap part can decide before a regex runs. */
    private static Node[] cheapFirst(List<Node> parts) {
        Node[] a = parts.toArray(new Node[0]);
        java.util.Arrays.sort(a, java.util.Comparator.comparingInt(Node::cost));
        return a;
    }

    private static int sum(Node[] parts) {
        long c = 0;
        for (Node p : parts) {
            c += p.cost();
        }
        return (int) Math.min(Integer.MAX_VALUE / 4, c);
    }

    static final class And implements Node {
        private final Node[] parts;

        And(Node[] parts) {
            this.parts = parts;
        }

        @Override
        public boolean matches(EventFields e) {
            for (Node p : parts) {
                if (!p.matches(e)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public java.util.Set<Integer> eventIds() {
            java.util.Set<Integer> best = null;
            for (Node p : parts) {
                java.util.Set<Integer> ids = p.eventIds();
                if (ids != null && (best == null || ids.size() < best.size())) {
                    best = ids;
                }
            }
            return best;
        }

        @Override
        public int cost() {
            return sum(parts);
        }

        /** Every part's clauses hold; the most selective few are kept ({@link Clauses#and}). */
        @Override
        public List<List<Atom>> required() {
            List<List<List<Atom>>> each = new java.util.ArrayList<>(parts.length);
            for (Node p : parts) {
                each.add(p.required());
            }
            return Clauses.and(each);
        }
    }

    static final class Or implements Node {
        private final Node[] parts;

        Or(Node[] parts) {
            this.parts = parts;
        }

        @Override
        public boolean matches(EventFields e) {
            for (Node p : parts) {
                if (p.matches(e)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public int cost() {
            return sum(parts);
        }

        @Override
        public java.util.Set<Integer> eventIds() {
            java.util.Set<Integer> all = new java.util.TreeSet<>();
            for (Node p : parts) {
                java.util.Set<Integer> ids = p.eventIds();
                if (ids == null) {
                    return null;
                }
                all.addAll(ids);
            }
            return all;
        }

        /** One part's clauses hold, whichever part matched ({@link Clauses#or}). */
        @Override
        public List<List<Atom>> required() {
            List<List<List<Atom>>> each = new java.util.ArrayList<>(parts.length);
            for (Node p : parts) {
                each.add(p.required());
            }
            return Clauses.or(each);
        }
    }

    static final class Not implements Node {
        private final Node inner;

        Not(Node inner) {
            this.inner = inner;
        }

        @Override
        public boolean matches(EventFields e) {
            return !inner.matches(e);
        }

        @Override
        public int cost() {
            return inner.cost();
        }
    }
}
