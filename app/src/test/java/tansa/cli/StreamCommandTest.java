package tansa.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The acceptance test of issue 13: {@code tansa stream --embedded} (an in-process Kafka broker and
 * a Flink MiniCluster, two workers) with every SigmaHQ rule over the EVTX corpus prints exactly
 * what {@code tansa hunt} prints: the whole JSONL output (rule ids, record ids, fields,
 * correlation record ids), and the same table. Needs the stream module built (stream/target), as
 * the reactor build does before the app's tests.
 */
class StreamCommandTest {
    private static final Path SHARED = Path.of(System.getProperty("tansa.shared", "../../shared"));

    private static String[] args(String command, String... more) throws Exception {
        List<String> a = new ArrayList<>(List.of(command, SHARED.resolve("corpus/evtx").toString()));
        try (Stream<Path> s = Files.list(SHARED.resolve("sigma"))) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith("rules")).sorted().toList()) {
                a.add("-r");
                a.add(p.toString());
            }
        }
        a.addAll(List.of(more));
        return a.toArray(new String[0]);
    }

    @Test
    void streamEmbeddedPrintsWhatHuntPrintsOnTheEvtxCorpusWithEverySigmaRule() throws Exception {
        RulesCheckCommandTest.Run hunt = RulesCheckCommandTest.tansa(args("hunt", "-f", "jsonl", "-q"));
        assertEquals(0, hunt.code(), hunt.err());
        long t0 = System.nanoTime();
        RulesCheckCommandTest.Run stream = RulesCheckCommandTest.tansa(args("stream", "--embedded", "--parallelism", "2",
                "-f", "jsonl", "-q"));
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
        assertEquals(0, stream.code(), stream.err());
        assertTrue(hunt.out().lines().count() > 5000, "hunt found " + hunt.out().lines().count());
        assertEquals(hunt.out(), stream.out());
        System.out.println("tansa stream --embedded: " + stream.out().lines().count() + " detections in " + seconds + " s");
    }

    @Test
    void indicatorsMatchAsHuntMatchesThem(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path iocs = dir.resolve("iocs.txt");
        Files.writeString(iocs, "# addresses seen in the DeepBlueCLI samples\n172.16.144.128\nevil.example.com\n");
        String evidence = SHARED.resolve("corpus/evtx/DeepBlueCLI").toString();
        RulesCheckCommandTest.Run hunt = RulesCheckCommandTest.tansa("hunt", evidence, "--ioc", iocs.toString(), "-f", "jsonl", "-q");
        RulesCheckCommandTest.Run stream = RulesCheckCommandTest.tansa("stream", "--embedded", evidence, "--ioc", iocs.toString(),
                "-f", "jsonl", "-q");
        assertEquals(0, hunt.code(), hunt.err());
        assertEquals(0, stream.code(), stream.err());
        assertTrue(hunt.out().lines().count() > 100, "hunt --ioc found " + hunt.out().lines().count());
        assertEquals(hunt.out(), stream.out());
    }

    @Test
    void streamWithoutEmbeddedIsAUsageError() {
        RulesCheckCommandTest.Run r = RulesCheckCommandTest.tansa("stream", "x", "-r", "y");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("give --embedded"), r.err());
    }
}
