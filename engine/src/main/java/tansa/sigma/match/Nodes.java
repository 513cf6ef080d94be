package tansa.sigma.match;

import tansa.event.EventFields;

import java.util.List;

/** The boolean connectives of compiled conditions and searches. */
public final class Nodes {
    private Nodes() {
    }

    public static final Node TRUE = e -> true;
    public static final Node FALSE = e -> false;

    public static Node and(List<Node> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return new And(parts.toArray(new Node[0]));
    }

    public static Node or(List<Node> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return new Or(parts.toArray(new Node[0]));
    }

    public static Node not(Node n) {
        return new Not(n);
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
    }
}
