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

    /**
     * Indicators of one observation and of several ({@code [a] AND [b]}, reported at the end of the
     * input: the first 1,000 events in evidence order, an unmet conjunction not at all) as hunt
     * reports them; with {@code --db}, the case holds the printed detections, each once.
     */
    @Test
    void indicatorsMatchAsHuntMatchesThemAndTheCaseHoldsTheDetections(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path iocs = dir.resolve("iocs.txt");
        Files.writeString(iocs, "# addresses seen in the DeepBlueCLI samples\n172.16.144.128\nevil.example.com\n");
        Path stix = dir.resolve("both.json");
        Files.writeString(stix, String.join("\n",
                "{\"type\": \"bundle\", \"id\": \"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d\", \"objects\": [",
                indicator("0b3a5c52-6f8e-4b5a-9d7c-1a2b3c4d5e6f", "Both hosts of the lateral movement",
                        "[ipv4-addr:value = '172.16.144.128'] AND [ipv4-addr:value = '192.168.198.149']") + ",",
                indicator("1c4b6d63-7f9f-4c6b-8e8d-2b3c4d5e6f70", "A host and a domain never seen",
                        "[ipv4-addr:value = '172.16.144.128'] AND [domain-name:value = 'never.example.com']"),
                "]}"));
        String db = tansa.casefile.LocalPostgres.shared().newDatabase();
        assertEquals(0, RulesCheckCommandTest.tansa("case", "init", "--db", db, "--name", "stream").code());
        String evidence = SHARED.resolve("corpus/evtx/DeepBlueCLI").toString();
        RulesCheckCommandTest.Run hunt = RulesCheckCommandTest.tansa("hunt", evidence, "--ioc", iocs.toString(), "--ioc",
                stix.toString(), "-f", "jsonl", "-q");
        RulesCheckCommandTest.Run stream = RulesCheckCommandTest.tansa("stream", "--embedded", evidence, "--ioc", iocs.toString(),
                "--ioc", stix.toString(), "--parallelism", "2", "--db", db, "--case-id", "stream", "-f", "jsonl", "-q");
        assertEquals(0, hunt.code(), hunt.err());
        assertEquals(0, stream.code(), stream.err());
        assertTrue(hunt.out().lines().count() > 1100, "hunt --ioc found " + hunt.out().lines().count());
        assertEquals(1000, hunt.out().lines().filter(l -> l.contains("indicator--0b3a5c52")).count());
        assertEquals(0, hunt.out().lines().filter(l -> l.contains("indicator--1c4b6d63")).count());
        assertEquals(hunt.out(), stream.out());
        List<String> printed = new ArrayList<>(stream.out().lines().toList());
        List<String> stored = new ArrayList<>();
        long accounts = 0;
        try (tansa.casefile.CaseStore store = tansa.casefile.CaseStore.open(db, "stream");
             var st = store.connection().createStatement();
             var r = st.executeQuery("SELECT data, account FROM detection")) {
            while (r.next()) {
                stored.add(r.getString(1));
                accounts += r.getString(2) == null ? 0 : 1;
            }
        }
        assertTrue(accounts > 0, "the events' accounts are stored with their detections");
        java.util.Collections.sort(printed);
        java.util.Collections.sort(stored);
        assertEquals(printed, stored);
    }

    private static String indicator(String uuid, String name, String pattern) {
        return "{\"type\": \"indicator\", \"spec_version\": \"2.1\", \"id\": \"indicator--" + uuid + "\", "
                + "\"created\": \"2026-12-01T00:00:00.000Z\", \"modified\": \"2026-12-01T00:00:00.000Z\", \"name\": \"" + name
                + "\", \"pattern\": \"" + pattern + "\", \"pattern_type\": \"stix\", \"valid_from\": \"2026-12-01T00:00:00Z\"}";
    }

    @Test
    void streamWithoutEmbeddedIsAUsageError() {
        RulesCheckCommandTest.Run r = RulesCheckCommandTest.tansa("stream", "x", "-r", "y");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("give --embedded"), r.err());
    }
}
