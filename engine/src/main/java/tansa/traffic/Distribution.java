package tansa.traffic;

import java.util.Arrays;

/**
 * The robust statistics RITA scores beacons with, over a sample of integers: quartiles, the
 * median absolute deviation (MAD) and Bowley's quartile skew, (Q1 + Q3 - 2 Q2) / (Q3 - Q1), which
 * is 0 for a symmetric sample and ±1 at the extremes. Sorts its input in place.
 */
final class Distribution {
    final double q1;
    final double median;
    final double q3;
    final double mad;
    final double skew;
    final int mode;
    final int modeCount;

    Distribution(int[] values, int n) {
        Arrays.sort(values, 0, n);
        q1 = quantile(values, n, 0.25);
        median = quantile(values, n, 0.5);
        q3 = quantile(values, n, 0.75);
        skew = q3 == q1 ? 0 : (q1 + q3 - 2 * median) / (q3 - q1);
        int m = values[0];
        int best = 0;
        int run = 0;
        for (int i = 0; i < n; i++) {
            run = i > 0 && values[i] == values[i - 1] ? run + 1 : 1;
            if (run > best) {
                best = run;
                m = values[i];
            }
        }
        mode = m;
        modeCount = best;
        double[] dev = new double[n];
        for (int i = 0; i < n; i++) {
            dev[i] = Math.abs(values[i] - median);
        }
        Arrays.sort(dev);
        mad = n % 2 == 1 ? dev[n / 2] : (dev[n / 2 - 1] + dev[n / 2]) / 2;
    }

    /** Linear interpolation between the closest ranks (type 7, the default of R and NumPy). */
    static double quantile(int[] sorted, int n, double p) {
        double h = (n - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(n - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
