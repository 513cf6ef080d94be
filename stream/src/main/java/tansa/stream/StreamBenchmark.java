package tansa.stream;

import org.apache.flink.configuration.Configuration;
import tansa.reader.EvidenceReader;
import tansa.reader.Problems;
import tansa.sigma.Hunter;
import tansa.sigma.RuleCache;
import tansa.sigma.RuleSet;
import tansa.sigma.logsource.LogSourceMapping;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bench/stream.sh}: events/s of the detection job at parallelism 1 and 2 and of hunt's
 * pass over the same evidence, in one JVM. The evidence is shipped {@code copies} times into an
 * event topic per parallelism (as many partitions); a job over an empty topic measures the
 * fixed cost (MiniCluster start, job submission, the final checkpoint), which is subtracted, after
 * a warm-up job (the first start in a JVM costs 2-3x the others). Hunt
 * is measured as {@code tansa hunt --benchmark} does: warm, median of rounds, two decode threads.
 */
public final class StreamBenchmark {
    private StreamBenchmark() {
    }

    /** CPU time (user + system) of this JVM, all threads: broker, source, operators, sink. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    public static void main(String[] args) throws Exception {
        int copies = Integer.parseInt(args[0]);
        Path evidence = Path.of(args[1]);
        List<Path> rules = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            rules.add(Path.of(args[i]));
        }
        RuleSet set = RuleSet.load(rules, LogSourceMapping.defaults(), null,
                new RuleCache(RuleCache.defaultDir(System.getenv(), System.getProperty("user.home")), "bench", n -> { }), null);
        long huntEvents = 0;
        List<Long> rounds = new ArrayList<>();
        for (int r = 0; r < 6; r++) {
            Hunter h = new Hunter(set, d -> { });
            EvidenceReader reader = new EvidenceReader(2, Problems.IGNORE).prepare(h::prepare);
            long t0 = System.nanoTime();
            reader.read(List.of(evidence), h::accept);
            h.finish();
            long t = System.nanoTime() - t0;
            if (r >= 2) {
                rounds.add(t);
            }
            huntEvents = h.events();
        }
        rounds.sort(null);
        double huntSeconds = rounds.get(rounds.size() / 2) / 1e9;
        double huntRate = huntEvents / huntSeconds;
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            double[] rate = new double[3];
            // the JVM's first MiniCluster start loads and compiles Flink's and Kafka's classes: a warm-up job, not
            // measured (measured, it made parallelism 1's fixed cost 2-3x parallelism 2's and understated the scaling)
            Embedded.createTopics(kafka.bootstrap(), Map.of("warm-up", 1, "out-warm-up", 1));
            Embedded.runJob(kafka.bootstrap(), "warm-up", "out-warm-up", set, 1, null, new Configuration());
            for (int p = 1; p <= 2; p++) {
                Embedded.createTopics(kafka.bootstrap(), Map.of("empty-" + p, p, "events-" + p, p, "out-empty-" + p, 1,
                        "out-" + p, 1));
                long events = 0;
                for (int c = 0; c < copies; c++) {
                    events += Shipper.ship(kafka.bootstrap(), "events-" + p, List.of(evidence), 2, Problems.IGNORE, null).events();
                }
                long c0 = cpuNanos();
                long e0 = System.nanoTime();
                Embedded.runJob(kafka.bootstrap(), "empty-" + p, "out-empty-" + p, set, p, null, new Configuration());
                double fixed = (System.nanoTime() - e0) / 1e9;
                double fixedCpu = (cpuNanos() - c0) / 1e9;
                long c1 = cpuNanos();
                long j0 = System.nanoTime();
                Embedded.runJob(kafka.bootstrap(), "events-" + p, "out-" + p, set, p, null, new Configuration());
                double job = (System.nanoTime() - j0) / 1e9;
                double jobCpu = (cpuNanos() - c1) / 1e9;
                rate[p] = events / Math.max(0.001, job - fixed);
                System.out.printf(Locale.ROOT, "parallelism %d: %,d events, job %.2f s, fixed cost (empty topic) %.2f s, "
                        + "%,.0f events/s; process CPU beyond the fixed cost %.2f s = %.2f cores busy (of %d)%n", p, events, job,
                        fixed, rate[p], jobCpu - fixedCpu, (jobCpu - fixedCpu) / Math.max(0.001, job - fixed),
                        Runtime.getRuntime().availableProcessors());
            }
            System.out.printf(Locale.ROOT, "scaling p2/p1: %.2f (target >= 1.6)%n", rate[2] / rate[1]);
            System.out.printf(Locale.ROOT, "hunt (in-process, warm, median of 4 rounds, 2 decode threads): %,d events in %.3f s, "
                    + "%,.0f events/s%n", huntEvents, huntSeconds, huntRate);
            System.out.printf(Locale.ROOT, "job p2 / hunt: %.2f (target >= 0.5)%n", rate[2] / huntRate);
        }
    }
}
