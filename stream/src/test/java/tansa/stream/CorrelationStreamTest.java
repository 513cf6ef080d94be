package tansa.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tansa.event.Event;
import tansa.reader.EvidenceReader;
import tansa.reader.Problems;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Correlations in the stream against hunt: every correlation type, a non-monotone condition and
 * a chained correlation, over the EVTX corpus (read out of time order: correlations wait for the
 * end of input) and over the same events in time order with no out-of-order tolerance at all
 * (every hit is evaluated as soon as the watermark passes it, through two chained stages).
 */
class CorrelationStreamTest {
    static EmbeddedKafka kafka;
    static Path rules;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        kafka = EmbeddedKafka.start();
        rules = dir.resolve("correlations.yml");
        try (var in = CorrelationStreamTest.class.getResourceAsStream("correlations.yml")) {
            Files.copy(in, rules);
        }
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    private static void checkEveryCorrelationFires(List<String> lines) {
        List<String> counts = new ArrayList<>();
        boolean all = true;
        for (int i = 11; i <= 20; i++) {
            String id = "5f000000-0000-0000-0000-0000000000" + i;
            long n = lines.stream().filter(l -> l.contains(id)).count();
            counts.add(i + ":" + n);
            all &= n > 0 || i == 19; // 19 only feeds 20
        }
        assertTrue(all, "hunt fires every correlation: " + counts);
    }

    @Test
    void correlationsMatchHuntOnEvidenceOutOfTimeOrder() {
        List<Path> evidence = List.of(PipelineSupport.SHARED.resolve("corpus/evtx"));
        List<String> expected = PipelineSupport.hunt(List.of(rules), evidence);
        checkEveryCorrelationFires(expected);
        Embedded.Result r = Embedded.run(kafka, PipelineSupport.rules(List.of(rules)), evidence, 2, null, 2,
                Problems.IGNORE, null);
        assertEquals(expected, PipelineSupport.stream(r));
    }

    @Test
    void correlationsMatchHuntInEventTimeWithNoTolerance(@TempDir Path dir) throws Exception {
        // the corpus's events sorted by time, as JSON lines in the reference shape
        List<Event> events = new ArrayList<>();
        new EvidenceReader(2, Problems.IGNORE).read(List.of(PipelineSupport.SHARED.resolve("corpus/evtx")), e -> {
            if (e.timestamp() != null) {
                events.add(e);
            }
        });
        events.sort(Comparator.comparing(Event::timestamp));
        Path sorted = dir.resolve("sorted.json");
        ObjectMapper m = new ObjectMapper();
        try (BufferedWriter w = Files.newBufferedWriter(sorted, StandardCharsets.UTF_8)) {
            for (Event e : events) {
                w.write(m.writeValueAsString(e.tree()));
                w.write('\n');
            }
        }
        List<String> expected = PipelineSupport.hunt(List.of(rules), List.of(sorted));
        checkEveryCorrelationFires(expected);
        Embedded.Result r = Embedded.run(kafka, PipelineSupport.rules(List.of(rules)), List.of(sorted), 2,
                Duration.ZERO, 2, Problems.IGNORE, null);
        assertEquals(expected, PipelineSupport.stream(r));
    }
}
