package tansa.stream;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tansa.casefile.CaseStore;
import tansa.casefile.LocalPostgres;
import tansa.reader.Problems;
import tansa.sigma.RuleSet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No detection lost or duplicated across failures: a task fails mid-run (the job restarts from
 * its last checkpoint), then the job is stopped with a savepoint and a new job restored from it
 * runs to the end of the input; the sink topic (read committed) holds exactly hunt's detections,
 * correlations (keyed state) included, and the case database (a real PostgreSQL) holds the same
 * detections, each once. The source is unbounded with a stop condition (the
 * consumer group's committed offsets reach the topic's end, then stop with drain), since a
 * bounded KafkaSource does not finish after a restore (FLINK-31006).
 */
class FaultToleranceTest {
    @Test
    void aTaskFailureAndASavepointRestoreEndWithExactlyHuntsDetections(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("correlations.yml");
        try (var in = FaultToleranceTest.class.getResourceAsStream("correlations.yml")) {
            Files.copy(in, rules);
        }
        List<Path> evidence = List.of(PipelineSupport.SHARED.resolve("corpus/evtx"));
        List<String> expected = PipelineSupport.hunt(List.of(rules), evidence);
        RuleSet set = PipelineSupport.rules(List.of(rules));
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            String run = UUID.randomUUID().toString();
            String events = "events-" + run;
            String detections = "detections-" + run;
            Embedded.createTopics(kafka.bootstrap(), Map.of(events, 2, detections, 1));
            long shipped = Shipper.ship(kafka.bootstrap(), events, evidence, 2, Problems.IGNORE, null).events();
            RuleSpec spec = RuleSpec.of("fault-" + run, set);
            String db = LocalPostgres.shared().newDatabase();
            CaseStore.create(db, "fault", "tester", Instant.parse("2026-01-01T00:00:00Z")).close();
            DetectionJob.Options o = new DetectionJob.Options(kafka.bootstrap(), events, detections, "group-" + run, spec, null,
                    false, Duration.ofMillis(500), "tx-" + run, 2).withCase(db, "fault");
            Matcher.failAt = shipped / 3;
            Matcher.FAILED.set(false);
            JobClient first = Embedded.environment(conf(dir), 2, o, set).executeAsync("first");
            // the failure happens and the job recovers: it commits offsets past the failing event
            waitFor(() -> Matcher.FAILED.get() && committed(kafka.bootstrap(), "group-" + run, events) > shipped / 2, 120);
            String savepoint = stopWithSavepoint(first, dir, false);
            Configuration restore = conf(dir);
            restore.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
            JobClient second = Embedded.environment(restore, 2, o, set).executeAsync("second");
            waitFor(() -> committed(kafka.bootstrap(), "group-" + run, events) >= shipped, 180);
            stopWithSavepoint(second, dir, true);
            RuleSpec.forget(spec);
            Matcher.failAt = -1;
            List<String> actual = PipelineSupport.stream(new Embedded.Result(SinkReader.read(kafka.bootstrap(), detections),
                    null, 0, 0));
            assertTrue(Matcher.FAILED.get(), "the failure was injected");
            assertEquals(expected.size(), actual.size());
            assertEquals(expected, actual);
            // the case holds the sink topic's detections, each once, though the failed attempt wrote some twice
            List<String> topic = new ArrayList<>(actual);
            Collections.sort(topic);
            assertEquals(topic, caseLines(db, "fault"));
        }
    }

    /** The JSON lines of the case's detections, sorted; asserts that each source's rows are numbered 0, 1, ... */
    static List<String> caseLines(String db, String ref) throws Exception {
        List<String> out = new ArrayList<>();
        try (CaseStore store = CaseStore.open(db, ref);
             var s = store.connection().createStatement();
             var r = s.executeQuery("SELECT d.data, d.seq, e.detections, (SELECT count(*) FROM detection x "
                     + "WHERE x.evidence_id = d.evidence_id) FROM detection d JOIN evidence e ON e.id = d.evidence_id")) {
            while (r.next()) {
                out.add(r.getString(1));
                assertTrue(r.getLong(2) < r.getLong(4), "seq within the source's count");
                assertEquals(r.getLong(4), r.getLong(3), "evidence.detections counts the rows");
            }
        }
        Collections.sort(out);
        return out;
    }

    /** Stops with a savepoint, again while the job is still restarting (no savepoint then: not all tasks run). */
    static String stopWithSavepoint(JobClient job, Path dir, boolean drain) throws Exception {
        for (int attempt = 0; ; attempt++) {
            try {
                return job.stopWithSavepoint(drain, dir.resolve("savepoints").toUri().toString(), SavepointFormatType.CANONICAL)
                        .get(2, TimeUnit.MINUTES);
            } catch (java.util.concurrent.ExecutionException e) {
                if (attempt >= 30 || !String.valueOf(e.getMessage()).contains("not being executed")) {
                    throw e;
                }
                Thread.sleep(1000);
            }
        }
    }

    /** Flink's REST upload directory inside the test's directory (the default is shared under /tmp). */
    static Configuration conf(Path dir) {
        Configuration c = new Configuration();
        c.setString("web.upload.dir", dir.resolve("upload").toString());
        return c;
    }

    interface Check {
        boolean done() throws Exception;
    }

    static void waitFor(Check c, int seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (!c.done()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not done within " + seconds + " s");
            }
            Thread.sleep(200);
        }
    }

    /** Events the group has committed as consumed (over all partitions). */
    static long committed(String bootstrap, String group, String topic) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin a = Admin.create(p)) {
            Map<TopicPartition, OffsetAndMetadata> offsets = a.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            long n = 0;
            Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
            for (Map.Entry<TopicPartition, OffsetAndMetadata> e : offsets.entrySet()) {
                if (e.getKey().topic().equals(topic) && e.getValue() != null) {
                    n += e.getValue().offset();
                    ask.put(e.getKey(), OffsetSpec.earliest());
                }
            }
            return n;
        }
    }
}
