package tansa.cli;

import tansa.reader.EvidenceReader;
import tansa.reader.Problems;
import tansa.reader.ReadSummary;
import tansa.sigma.Hunter;
import tansa.sigma.RuleSet;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code tansa hunt --benchmark N}: in one process, after loading the rules, alternates a
 * decode-only pass over the evidence (events read and indexed, nothing matched) and a full hunt
 * pass: first N rounds to warm the JIT up (not counted: the first rounds run interpreted and
 * twice as slow), then N measured rounds; prints the median of each, their ratio and events per
 * second. Detections are counted, not printed.
 */
final class HuntBenchmark {
    private HuntBenchmark() {
    }

    static void run(PrintWriter err, RuleSet set, List<Path> evidence, int threads, int rounds, long loadMillis) {
        double[] decode = new double[rounds];
        double[] hunt = new double[rounds];
        double[] decodeCpu = new double[rounds];
        double[] huntCpu = new double[rounds];
        long events = 0;
        long detections = 0;
        for (int i = -rounds; i < rounds; i++) { // the first rounds only warm the JIT up
            long c0 = processCpu();
            long t0 = System.nanoTime();
            ReadSummary s = new EvidenceReader(threads, Problems.IGNORE).prepare(e -> e.fields()).read(evidence, e -> { });
            long t1 = System.nanoTime();
            long c1 = processCpu();
            long[] n = new long[1];
            Hunter h = new Hunter(set, d -> n[0]++);
            long t2 = System.nanoTime();
            new EvidenceReader(threads, Problems.IGNORE).prepare(h::prepare).read(evidence, h::accept);
            h.finish();
            long t3 = System.nanoTime();
            long c3 = processCpu();
            if (i >= 0) {
                decode[i] = (t1 - t0) / 1e9;
                hunt[i] = (t3 - t2) / 1e9;
                decodeCpu[i] = (c1 - c0) / 1e9;
                huntCpu[i] = (c3 - c1) / 1e9;
                events = s.events();
                detections = n[0];
                err.printf(Locale.ROOT, "round %d: decode %.3f s, hunt %.3f s%n", i + 1, decode[i], hunt[i]);
            }
        }
        double d = median(decode);
        double h = median(hunt);
        err.printf(Locale.ROOT, "rules: %d detection + %d correlation rules loaded in %.2f s%n", set.detectionRules(),
                set.correlationRules(), loadMillis / 1000.0);
        err.printf(Locale.ROOT, "events: %d, detections: %d, threads: %d%n", events, detections, threads);
        err.printf(Locale.ROOT, "decode only: %.3f s (median of %d rounds after %d warm-up rounds)%n", d, rounds, rounds);
        err.printf(Locale.ROOT, "hunt:        %.3f s (median of %d rounds after %d warm-up rounds)%n", h, rounds, rounds);
        err.printf(Locale.ROOT, "ratio hunt/decode: %.2f (medians); %.2f (fastest rounds: decode %.3f s, hunt %.3f s)%n",
                h / d, min(hunt) / min(decode), min(decode), min(hunt));
        if (processCpu() >= 0) {
            // means, not medians: the clock counts in ticks (10 ms on Linux), which a sum smooths
            double dc = mean(decodeCpu);
            double hc = mean(huntCpu);
            err.printf(Locale.ROOT, "process CPU time (all threads: decoding, matching, GC, JIT): decode %.3f s, hunt %.3f s (means), "
                    + "ratio %.2f%n", dc, hc, hc / dc);
        }
        err.printf(Locale.ROOT, "hunt events/s: %.0f%n", events / h);
        err.flush();
    }

    /**
     * The CPU time of the whole process so far (every thread, GC and JIT included), or -1 where
     * the platform does not tell: steadier than wall time on a machine that other work shares.
     */
    private static long processCpu() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean
                ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() : -1;
    }

    private static double mean(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        return sum / v.length;
    }

    private static double min(double[] v) {
        double m = Double.MAX_VALUE;
        for (double x : v) {
            m = Math.min(m, x);
        }
        return m;
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
    }
}
