package tansa.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rule cache as a user meets it: {@code hunt} and {@code rules check} print the same bytes
 * with a cold cache, a warm one and {@code --no-cache}, share one entry, and a damaged entry
 * costs one note.
 */
class RuleCacheCommandTest {
    private static final Path SHARED = Path.of(System.getProperty("tansa.shared", "../../shared"));

    @TempDir
    Path dir;
    private String saved;

    @BeforeEach
    void isolateTheCache() {
        saved = System.getProperty("tansa.cache.dir");
        System.setProperty("tansa.cache.dir", dir.resolve("cache").toString());
    }

    @AfterEach
    void restore() {
        if (saved == null) {
            System.clearProperty("tansa.cache.dir");
        } else {
            System.setProperty("tansa.cache.dir", saved);
        }
    }

    private static List<String> ruleArgs(String option) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(SHARED.resolve("sigma"))) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith("rules")).sorted().toList()) {
                if (option != null) {
                    out.add(option);
                }
                out.add(p.toString());
            }
        }
        return out;
    }

    private static RulesCheckCommandTest.Run tansa(List<String> args) {
        return RulesCheckCommandTest.tansa(args.toArray(new String[0]));
    }

    private List<Path> entries() throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("cache"))) {
            return s.filter(p -> !p.getFileName().toString().startsWith("stat-")).toList(); // not the stat index
        }
    }

    @Test
    void huntOfTheEvtxCorpusWithEveryRuleIsByteIdenticalWithAndWithoutTheCache() throws IOException {
        List<String> args = new ArrayList<>(List.of("hunt", SHARED.resolve("corpus/evtx").toString(), "-q", "--no-summary",
                "--format", "jsonl"));
        args.addAll(ruleArgs("--rules"));
        List<String> noCache = new ArrayList<>(args);
        noCache.add("--no-cache");
        RulesCheckCommandTest.Run cold = tansa(noCache);
        assertFalse(Files.exists(dir.resolve("cache")), "--no-cache writes no entry");
        RulesCheckCommandTest.Run miss = tansa(args);
        assertEquals(1, entries().size());
        RulesCheckCommandTest.Run hit = tansa(args);
        assertEquals(cold.code(), hit.code());
        assertTrue(cold.out().length() > 100_000, "the corpus has thousands of detections: " + cold.out().length());
        assertEquals(cold.out(), miss.out());
        assertEquals(cold.out(), hit.out());
        assertEquals(cold.err(), hit.err());

        // rules check shares the entry hunt wrote and reports what a cold load does
        List<String> check = new ArrayList<>(List.of("rules", "check", "--format", "json"));
        check.addAll(ruleArgs(null));
        RulesCheckCommandTest.Run warmCheck = tansa(check);
        assertEquals(1, entries().size(), "one entry for hunt and rules check");
        check.add("--no-cache");
        RulesCheckCommandTest.Run coldCheck = tansa(check);
        assertEquals(coldCheck.out(), warmCheck.out());
        assertEquals(coldCheck.code(), warmCheck.code());
        assertEquals("", warmCheck.err());
    }

    @Test
    void rulesCheckTextIsIdenticalAndADamagedEntryCostsOneNote() throws IOException {
        Path rules = dir.resolve("rules");
        Files.createDirectories(rules);
        RulesCheckCommandTest.badRules(rules);
        List<String> check = List.of("rules", "check", rules.toString());
        RulesCheckCommandTest.Run cold = tansa(List.of("rules", "check", "--no-cache", rules.toString()));
        RulesCheckCommandTest.Run miss = tansa(check);
        RulesCheckCommandTest.Run hit = tansa(check);
        assertEquals(1, cold.code());
        for (RulesCheckCommandTest.Run r : List.of(miss, hit)) {
            assertEquals(cold.out(), r.out());
            assertEquals(cold.code(), r.code());
            assertEquals("", r.err());
        }
        Path entry = entries().get(0);
        byte[] whole = Files.readAllBytes(entry);
        Files.write(entry, java.util.Arrays.copyOf(whole, whole.length - 9));
        RulesCheckCommandTest.Run damaged = tansa(check);
        assertEquals(cold.out(), damaged.out());
        assertEquals(cold.code(), damaged.code());
        String[] lines = damaged.err().split("\n");
        assertEquals(1, lines.length, damaged.err());
        assertTrue(lines[0].startsWith("tansa: note: rule cache ") && lines[0].contains("damaged"), lines[0]);
        assertEquals("", tansa(check).err(), "rebuilt: the next run uses it silently");
    }
}
