package tansa.stream;

import tansa.reader.EvidenceFile;
import tansa.reader.Problems;
import tansa.sigma.Detection;
import tansa.sigma.RuleSet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What {@code tansa ship} and {@code tansa stream} call, in JDK and engine types only: the CLI
 * loads this module in a class loader of its own (so that no other command loads Flink or
 * Kafka) and calls these two methods reflectively. Failures are {@link IllegalStateException}s
 * with a one-line message.
 */
public final class Commands {
    private Commands() {
    }

    /** Ships {@code evidence} into {@code topic}; returns {events, files, problems}. */
    public static long[] ship(String bootstrap, String topic, List<Path> evidence, int threads, Problems problems,
                              Consumer<EvidenceFile> onFile) {
        Shipper.Shipped s = Shipper.ship(bootstrap, topic, evidence, threads, problems, onFile);
        return new long[] {s.events(), s.read().files(), s.read().problems()};
    }

    /**
     * Runs the embedded pipeline ({@code iocs}: compiled indicators, or null); returns the detections in hunt's order for equal sort keys
     * (the caller sorts them with hunt's comparator) and fills {@code counts} with {events,
     * files, problems, ship milliseconds, job milliseconds}. {@code outOfOrder} null: correlations
     * wait for the end of the input.
     */
    public static List<Detection> stream(RuleSet rules, tansa.ioc.IocMatcher iocs, List<Path> evidence, int parallelism,
                                         Duration outOfOrder, int threads, Problems problems, Consumer<EvidenceFile> onFile,
                                         long[] counts) {
        return stream(rules, iocs, evidence, parallelism, outOfOrder, threads, problems, onFile, counts, null, null);
    }

    /** {@link #stream}, the detections also written into the case {@code caseRef} of the PostgreSQL database {@code caseDb}. */
    public static List<Detection> stream(RuleSet rules, tansa.ioc.IocMatcher iocs, List<Path> evidence, int parallelism,
                                         Duration outOfOrder, int threads, Problems problems, Consumer<EvidenceFile> onFile,
                                         long[] counts, String caseDb, String caseRef) {
        Embedded.Result r = Embedded.run(rules, iocs, evidence, parallelism, outOfOrder, threads, problems, onFile, caseDb, caseRef);
        List<Detection> out = new ArrayList<>(r.detections().size());
        for (SinkReader.Read d : r.detections()) {
            out.add(d.detection());
        }
        counts[0] = r.shipped().events();
        counts[1] = r.shipped().read().files();
        counts[2] = r.shipped().read().problems();
        counts[3] = r.shipMillis();
        counts[4] = r.jobMillis();
        return out;
    }
}
