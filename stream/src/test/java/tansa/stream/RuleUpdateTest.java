package tansa.stream;

import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tansa.reader.Problems;
import tansa.sigma.RuleSet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rules published to the rules topic while the job runs: a rule published mid-stream fires on the
 * events shipped after it (exactly as hunt finds them there) and not on those before; a rule that
 * fails to load is reported and skipped, and the job goes on.
 */
class RuleUpdateTest {
    static final String LOGON_ID = "6a000000-0000-0000-0000-000000000001";
    static final String LOGON = """
            title: Logon (published)
            id: 6a000000-0000-0000-0000-000000000001
            logsource:
                product: windows
                service: security
            detection:
                selection:
                    EventID: 4624
                condition: selection
            level: low
            """;
    static final String BAD = """
            title: Bad modifier (published)
            id: 6a000000-0000-0000-0000-000000000002
            logsource:
                product: windows
                service: security
            detection:
                selection:
                    CommandLine|contians: x
                condition: selection
            """;

    @Test
    void aRulePublishedMidStreamFiresOnLaterEventsOnly(@TempDir Path dir) throws Exception {
        Path base = dir.resolve("base.yml");
        try (var in = RuleUpdateTest.class.getResourceAsStream("correlations.yml")) {
            Files.copy(in, base);
        }
        Path logon = dir.resolve("logon.yml");
        Files.writeString(logon, LOGON);
        Path before = PipelineSupport.SHARED.resolve("corpus/evtx/EVTX-to-MITRE-Attack");
        Path after = PipelineSupport.SHARED.resolve("corpus/evtx/YamatoSecurity");
        List<String> huntBefore = PipelineSupport.hunt(List.of(logon), List.of(before));
        List<String> huntAfter = PipelineSupport.hunt(List.of(logon), List.of(after));
        assertFalse(huntBefore.isEmpty(), "the rule would fire on the earlier events");
        assertFalse(huntAfter.isEmpty(), "the rule fires on the later events");
        RuleSet set = PipelineSupport.rules(List.of(base));
        UpdatableMatcher.APPLIED.set(0);
        UpdatableMatcher.REJECTED.set(0);
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            String run = UUID.randomUUID().toString();
            String events = "events-" + run;
            String detections = "detections-" + run;
            String rules = "rules-" + run;
            Embedded.createTopics(kafka.bootstrap(), Map.of(events, 2, detections, 1, rules, 1));
            RuleSpec spec = RuleSpec.of("update-" + run, set);
            DetectionJob.Options o = new DetectionJob.Options(kafka.bootstrap(), events, detections, "group-" + run, spec, null,
                    false, Duration.ofMillis(500), "tx-" + run, 2, rules);
            JobClient job = Embedded.environment(FaultToleranceTest.conf(dir), 2, o, set).executeAsync("updates");
            long n1 = Shipper.ship(kafka.bootstrap(), events, List.of(before), 2, Problems.IGNORE, null).events();
            FaultToleranceTest.waitFor(() -> FaultToleranceTest.committed(kafka.bootstrap(), "group-" + run, events) >= n1, 120);
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(rules, "bad.yml", BAD));
                producer.send(new ProducerRecord<>(rules, "logon.yml", LOGON)).get();
            }
            // every matcher subtask took both: the bad one rejected, the good one applied
            FaultToleranceTest.waitFor(() -> UpdatableMatcher.APPLIED.get() >= 2 && UpdatableMatcher.REJECTED.get() >= 2, 60);
            long n2 = Shipper.ship(kafka.bootstrap(), events, List.of(after), 2, Problems.IGNORE, null).events();
            FaultToleranceTest.waitFor(() -> FaultToleranceTest.committed(kafka.bootstrap(), "group-" + run, events) >= n1 + n2, 120);
            FaultToleranceTest.stopWithSavepoint(job, dir, true);
            RuleSpec.forget(spec);
            List<String> all = PipelineSupport.stream(new Embedded.Result(SinkReader.read(kafka.bootstrap(), detections),
                    null, 0, 0));
            List<String> published = all.stream().filter(l -> l.contains(LOGON_ID)).toList();
            assertEquals(huntAfter, published);
            assertTrue(all.size() > published.size(), "the base rules ran throughout");
        }
    }
}
