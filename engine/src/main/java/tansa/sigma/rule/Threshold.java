package tansa.sigma.rule;

/** One criterion of a correlation condition: {@code gte: 100}. */
public record Threshold(Op op, double value) {
    public enum Op { GT, GTE, LT, LTE, EQ, NEQ }

    public boolean accepts(double v) {
        switch (op) {
            case GT: return v > value;
            case GTE: return v >= value;
            case LT: return v < value;
            case LTE: return v <= value;
            case EQ: return v == value;
            default: return v != value;
        }
    }

    /** Whether growing the measured value can only turn false into true (gt, gte). */
    public boolean monotone() {
        return op == Op.GT || op == Op.GTE;
    }
}
