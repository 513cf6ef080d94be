package tansa.exposure.detect;

import java.util.Arrays;

/**
 * The hits found in the current window of a {@link TextScanner}, kept as positions until the
 * window is handed on: recording one is a few array stores, so the detectors stay small. Not
 * thread-safe; owned by one scanner.
 */
final class PendingHits {
    /**
     * Room for the hits of a dense window from the start: growing is rare, and code C2 compiled
     * before the first growth was thrown away at it (an uncommon trap in every detector).
     */
    private static final int CAPACITY = 1024;
    FindingType[] types = new FindingType[CAPACITY];
    String[] labels = new String[CAPACITY];
    String[] terms = new String[CAPACITY];
    String[] normalized = new String[CAPACITY];
    /** The value when it is not the text at [start, end): decoded text (see EncodedText); else null. */
    String[] values = new String[CAPACITY];
    int[] starts = new int[CAPACITY];
    int[] ends = new int[CAPACITY];
    long[] lines = new long[CAPACITY];
    double[] confidences = new double[CAPACITY];
    int size;

    void add(FindingType type, String label, String term, int start, int end, String norm, double confidence, long line) {
        if (size == starts.length) {
            grow();
        }
        types[size] = type;
        labels[size] = label;
        terms[size] = term;
        normalized[size] = norm;
        starts[size] = start;
        ends[size] = end;
        lines[size] = line;
        confidences[size] = confidence;
        size++;
    }

    /** Whether a hit of this type starting at start is pending. */
    boolean has(FindingType type, int start) {
        for (int k = size - 1; k >= 0; k--) {
            if (starts[k] == start && types[k] == type) {
                return true;
            }
        }
        return false;
    }

    /** Sets the value of the last hit added. */
    void valueOfLast(String value) {
        values[size - 1] = value;
    }

    private void grow() {
        int n = size * 2;
        types = Arrays.copyOf(types, n);
        labels = Arrays.copyOf(labels, n);
        terms = Arrays.copyOf(terms, n);
        normalized = Arrays.copyOf(normalized, n);
        values = Arrays.copyOf(values, n);
        starts = Arrays.copyOf(starts, n);
        ends = Arrays.copyOf(ends, n);
        lines = Arrays.copyOf(lines, n);
        confidences = Arrays.copyOf(confidences, n);
    }

    void clear() {
        Arrays.fill(labels, 0, size, null);
        Arrays.fill(terms, 0, size, null);
        Arrays.fill(normalized, 0, size, null);
        Arrays.fill(values, 0, size, null);
        size = 0;
    }
}
