package tansa.sigma.match;

/**
 * A string seen through a read budget: each {@link #charAt} costs one unit and, once the budget
 * is spent, throws {@link Exhausted} (preallocated, no stack trace) so that a backtracking
 * regex search stops. Not thread-safe; one per thread.
 */
final class BudgetChars implements CharSequence {
    static final class Exhausted extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final Exhausted INSTANCE = new Exhausted();

        private Exhausted() {
            super("regex budget exhausted", null, false, false);
        }
    }

    private String s = "";
    private long left;

    void reset(String text, long budget) {
        this.s = text;
        this.left = budget;
    }

    @Override
    public int length() {
        return s.length();
    }

    @Override
    public char charAt(int index) {
        if (--left < 0) {
            throw Exhausted.INSTANCE;
        }
        return s.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return s.subSequence(start, end);
    }

    @Override
    public String toString() {
        return s;
    }
}
