package tansa.stream;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import tansa.reader.EvidenceFile;
import tansa.reader.Problems;
import tansa.sigma.RuleSet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * The whole pipeline in this JVM ({@code tansa stream --embedded}): an {@link EmbeddedKafka}
 * broker, the evidence shipped into an event topic with one partition per worker, the
 * {@link DetectionJob} on a Flink MiniCluster reading it to its end, and the detections read
 * back from the sink topic. Broker, cluster and their temporary files are gone when it returns.
 */
public final class Embedded {
    private Embedded() {
    }

    /** What a run found and how long its parts took. */
    public record Result(List<SinkReader.Read> detections, Shipper.Shipped shipped, long shipMillis, long jobMillis) {
    }

    public static Result run(RuleSet rules, List<Path> evidence, int parallelism, Duration outOfOrder, int threads,
                             Problems problems, Consumer<EvidenceFile> onFile) {
        return run(rules, null, evidence, parallelism, outOfOrder, threads, problems, onFile);
    }

    /** {@link #run} with indicators ({@code iocs} may be null). */
    public static Result run(RuleSet rules, tansa.ioc.IocMatcher iocs, List<Path> evidence, int parallelism, Duration outOfOrder,
                             int threads, Problems problems, Consumer<EvidenceFile> onFile) {
        return run(rules, iocs, evidence, parallelism, outOfOrder, threads, problems, onFile, null, null);
    }

    /**
     * {@link #run} with indicators ({@code iocs} may be null), the detections also written into
     * the case {@code caseRef} of the PostgreSQL database {@code caseDb} (null: no case).
     */
    public static Result run(RuleSet rules, tansa.ioc.IocMatcher iocs, List<Path> evidence, int parallelism, Duration outOfOrder,
                             int threads, Problems problems, Consumer<EvidenceFile> onFile, String caseDb, String caseRef) {
        IocSpec ioc = iocs == null ? null : IocSpec.of("embedded-" + UUID.randomUUID(), iocs);
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            return run(kafka, rules, ioc, evidence, parallelism, outOfOrder, threads, problems, onFile, caseDb, caseRef);
        } finally {
            IocSpec.forget(ioc);
        }
    }

    static Result run(EmbeddedKafka kafka, RuleSet rules, List<Path> evidence, int parallelism, Duration outOfOrder,
                      int threads, Problems problems, Consumer<EvidenceFile> onFile) {
        return run(kafka, rules, null, evidence, parallelism, outOfOrder, threads, problems, onFile, null, null);
    }

    /** {@link #run} on a broker already running (tests share one), with topics of their own. */
    static Result run(EmbeddedKafka kafka, RuleSet rules, IocSpec iocs, List<Path> evidence, int parallelism,
                      Duration outOfOrder, int threads, Problems problems, Consumer<EvidenceFile> onFile, String caseDb,
                      String caseRef) {
        String run = UUID.randomUUID().toString();
        String events = "events-" + run;
        String detections = "detections-" + run;
        createTopics(kafka.bootstrap(), Map.of(events, parallelism, detections, 1));
        long t0 = System.nanoTime();
        Shipper.Shipped shipped = Shipper.ship(kafka.bootstrap(), events, evidence, threads, problems, onFile);
        long t1 = System.nanoTime();
        runJob(kafka.bootstrap(), events, detections, rules, iocs, parallelism, outOfOrder, new Configuration(), caseDb, caseRef);
        long t2 = System.nanoTime();
        List<SinkReader.Read> found = SinkReader.read(kafka.bootstrap(), detections);
        return new Result(found, shipped, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
    }

    /** Runs the job over the topic to its current end on a MiniCluster of {@code parallelism} slots. */
    static void runJob(String bootstrap, String input, String output, RuleSet rules, int parallelism, Duration outOfOrder,
                       Configuration conf) {
        runJob(bootstrap, input, output, rules, null, parallelism, outOfOrder, conf, null, null);
    }

    static void runJob(String bootstrap, String input, String output, RuleSet rules, IocSpec iocs, int parallelism,
                       Duration outOfOrder, Configuration conf, String caseDb, String caseRef) {
        RuleSpec spec = RuleSpec.of("embedded-" + UUID.randomUUID(), rules);
        Path tmp = null;
        try {
            tmp = java.nio.file.Files.createTempDirectory("tansa-flink-");
            // the REST endpoint's upload directory (default: a shared /tmp/flink-web-upload, left behind);
            // Flink removes its own spill directories
            conf.setString("web.upload.dir", tmp.resolve("upload").toString());
            environment(conf, parallelism, new DetectionJob.Options(bootstrap, input, output, "tansa-" + input, spec, outOfOrder,
                    true, Duration.ofSeconds(2), "tansa-" + output, parallelism, null, iocs).withCase(caseDb, caseRef), rules)
                    .execute("tansa stream --embedded");
        } catch (Exception e) {
            throw new IllegalStateException("the detection job failed: " + rootMessage(e), e);
        } finally {
            RuleSpec.forget(spec);
            if (tmp != null) {
                settle(tmp);
            }
        }
    }

    /**
     * A local environment (a MiniCluster per job) with the job built in it: restarts from the
     * last checkpoint on a failure (3 attempts, 200 ms apart).
     */
    static StreamExecutionEnvironment environment(Configuration conf, int parallelism, DetectionJob.Options o, RuleSet rules) {
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
        DetectionJob.build(env, o, rules);
        return env;
    }

    /**
     * Deletes {@code dir} once the MiniCluster, which shuts down asynchronously after the job,
     * stopped writing to it: deleted again until it stays away (at most about 5 s).
     */
    private static void settle(Path dir) {
        for (int i = 0; i < 10; i++) {
            EmbeddedKafka.delete(dir);
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (!java.nio.file.Files.exists(dir)) {
                return;
            }
        }
    }

    static void createTopics(String bootstrap, Map<String, Integer> topics) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(topics.entrySet().stream()
                    .map(t -> new NewTopic(t.getKey(), t.getValue(), (short) 1)
                            .configs(Map.of("retention.ms", "-1", "max.message.bytes", Integer.toString(16 << 20))))
                    .toList()).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create topics " + topics.keySet() + ": " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
