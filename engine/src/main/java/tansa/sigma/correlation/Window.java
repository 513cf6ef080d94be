package tansa.sigma.correlation;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The hits of one group inside the current window, with the running aggregates the correlation
 * types need: size, distinct values, numeric sum, distinct inputs. Bounded by the timespan:
 * hits older than it are evicted as newer ones arrive.
 */
final class Window {
    final ArrayDeque<Hit> hits = new ArrayDeque<>();
    private final Map<String, Integer> valueCounts = new HashMap<>();
    private final int[] inputCounts;
    private int distinctInputs;
    private double sum;
    private long numeric;
    /** Time of the last hit dropped from the front since the window was last cleared, or MIN_VALUE. */
    long lastRemoved = Long.MIN_VALUE;

    Window(int inputs) {
        this.inputCounts = new int[inputs];
    }

    void add(Hit h) {
        hits.addLast(h);
        if (h.value() != null) {
            valueCounts.merge(h.value(), 1, Integer::sum);
            double d = number(h.value());
            if (!Double.isNaN(d)) {
                sum += d;
                numeric++;
            }
        }
        if (inputCounts[h.input()]++ == 0) {
            distinctInputs++;
        }
    }

    Hit removeFirst() {
        Hit h = hits.removeFirst();
        lastRemoved = h.time().toEpochMilli();
        if (h.value() != null) {
            valueCounts.computeIfPresent(h.value(), (k, v) -> v == 1 ? null : v - 1);
            double d = number(h.value());
            if (!Double.isNaN(d)) {
                sum -= d;
                numeric--;
            }
        }
        if (--inputCounts[h.input()] == 0) {
            distinctInputs--;
        }
        return h;
    }

    /** Drops hits more than {@code spanMillis} before {@code nowMillis}. */
    void evict(long nowMillis, long spanMillis) {
        while (!hits.isEmpty() && nowMillis - hits.peekFirst().time().toEpochMilli() > spanMillis) {
            removeFirst();
        }
    }

    void clear() {
        while (!hits.isEmpty()) {
            removeFirst();
        }
        lastRemoved = Long.MIN_VALUE;
    }

    /**
     * Whether the window could not reach further back: nothing was dropped before it, or the
     * last dropped hit is more than {@code spanMillis} before the window's last hit.
     */
    boolean leftMaximal(long spanMillis) {
        return lastRemoved == Long.MIN_VALUE || hits.peekLast().time().toEpochMilli() - lastRemoved > spanMillis;
    }

    boolean isEmpty() {
        return hits.isEmpty();
    }

    int size() {
        return hits.size();
    }

    int distinctValues() {
        return valueCounts.size();
    }

    int distinctInputs() {
        return distinctInputs;
    }

    double sum() {
        return sum;
    }

    double average() {
        return numeric == 0 ? Double.NaN : sum / numeric;
    }

    Map<String, Integer> valueCounts() {
        return valueCounts;
    }

    static double number(String s) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
