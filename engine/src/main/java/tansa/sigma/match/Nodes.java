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
        public List<Atom> required() {
            return List.of();
        }
    };

    public static Node and(List<Node> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return new And(cheapFirst(parts));
    }

    public static Node or(List<Node> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return new Or(cheapFirst(parts));
    }

    public static Node not(Node n) {
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

        /** Any part's set will do; the one whose shortest literal is longest is the most selective. */
        @Override
        public List<Atom> required() {
            List<Atom> best = null;
            int bestScore = -1;
            for (Node p : parts) {
                List<Atom> r = p.required();
                if (r == null) {
                    continue;
                }
                if (r.isEmpty()) {
                    return r;
                }
                int score = Integer.MAX_VALUE;
                for (Atom a : r) {
                    score = Math.min(score, a.literal().length());
                }
                if (score > bestScore || (score == bestScore && r.size() < best.size())) {
                    best = r;
                    bestScore = score;
                }
            }
            return best;
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

        @Override
        public List<Atom> required() {
            List<Atom> all = new java.util.ArrayList<>();
            for (Node p : parts) {
                List<Atom> r = p.required();
                if (r == null) {
                    return null;
                }
                all.addAll(r);
            }
            return all;
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
