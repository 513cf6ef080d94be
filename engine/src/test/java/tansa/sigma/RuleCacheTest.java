package tansa.sigma;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tansa.event.Event;
import tansa.sigma.logsource.LogSourceMapping;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The compiled rule-set cache: a warm load gives exactly what a cold one gives, and an entry is
 * never used for other rules, another mapping or another build, nor when it is damaged.
 */
class RuleCacheTest {
    @TempDir
    Path dir;

    private final List<String> notes = Collections.synchronizedList(new ArrayList<>());
    /** The same events for every hunt of a test (record numbers come from a global counter). */
    private final List<Event> events = events();

    private static final String RULE_A = """
            title: whoami
            id: 7c1a0000-0000-4000-8000-00000000000a
            level: high
            logsource: {category: process_creation, product: windows}
            detection:
                selection: {Image|endswith: '\\\\whoami.exe'}
                condition: selection
            """;
    /** Fails to compile: the condition names no search. */
    private static final String RULE_BAD = """
            title: broken
            id: 7c1a0000-0000-4000-8000-00000000000b
            logsource: {category: process_creation, product: windows}
            detection:
                selection: {Image|endswith: '\\\\x.exe'}
                condition: selection and nothing
            """;
    /** Inactive with the default mapping: the placeholder has no values. */
    private static final String RULE_PLACEHOLDER = """
            title: admins
            id: 7c1a0000-0000-4000-8000-00000000000c
            logsource: {category: process_creation, product: windows}
            detection:
                selection: {User|expand: '%Admins%'}
                condition: selection
            """;
    /** A correlation over rule A plus a global filter that names it. */
    private static final String RULE_CORRELATION = """
            title: many whoami
            id: 7c1a0000-0000-4000-8000-00000000000d
            level: critical
            correlation:
                type: event_count
                rules: [7c1a0000-0000-4000-8000-00000000000a]
                group-by: [Computer]
                timespan: 1h
                condition: {gte: 2}
            ---
            title: not the scanner
            id: 7c1a0000-0000-4000-8000-00000000000e
            logsource: {category: process_creation, product: windows}
            filter:
                rules: [7c1a0000-0000-4000-8000-00000000000a]
                selection: {CommandLine|contains: 'scanner'}
                condition: selection
            """;

    private Path rules() throws IOException {
        Path r = dir.resolve("rules");
        Files.createDirectories(r.resolve("sub"));
        Files.writeString(r.resolve("a.yml"), RULE_A);
        Files.writeString(r.resolve("b.yml"), RULE_BAD);
        Files.writeString(r.resolve("sub/c.yaml"), RULE_PLACEHOLDER);
        Files.writeString(r.resolve("sub/d.yml"), RULE_CORRELATION);
        Files.writeString(r.resolve("e.yml"), "title: [unclosed\n");
        return r;
    }

    private RuleCache cache(String version) {
        return new RuleCache(dir.resolve("cache"), version, notes::add);
    }

    private static List<Event> events() {
        return List.of(
                Events.win("Microsoft-Windows-Sysmon/Operational", 1, "2024-01-01T00:00:00Z",
                        Map.of("Image", "C:\\Windows\\System32\\whoami.exe", "CommandLine", "whoami /all")),
                Events.win("Microsoft-Windows-Sysmon/Operational", 1, "2024-01-01T00:01:00Z",
                        Map.of("Image", "C:\\Windows\\System32\\whoami.exe", "CommandLine", "whoami")),
                Events.win("Microsoft-Windows-Sysmon/Operational", 1, "2024-01-01T00:02:00Z",
                        Map.of("Image", "C:\\Windows\\System32\\whoami.exe", "CommandLine", "scanner whoami")),
                Events.win("Security", 4688, "2024-01-01T00:03:00Z",
                        Map.of("NewProcessName", "C:\\Windows\\System32\\whoami.exe", "CommandLine", "x")));
    }

    /** What a hunt reports, as text: rule, time, record and fields of each detection. */
    private List<String> hunt(RuleSet set) {
        List<String> out = new ArrayList<>();
        for (Detection d : SigmaTestSupport.huntEvents(set, events)) {
            out.add(d.rule().key() + " " + d.timestamp() + " " + d.recordId() + " " + d.fields() + " " + d.correlation());
        }
        return out;
    }

    private List<Path> entries() throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("cache"))) {
            return s.filter(p -> !p.getFileName().toString().startsWith("stat-")).sorted().toList(); // not the stat index
        }
    }

    @Test
    void warmLoadGivesTheColdLoadsReportAndDetections() throws IOException {
        Path r = rules();
        RuleSet cold = RuleSet.load(List.of(r), LogSourceMapping.defaults(), null);
        RuleCache c = cache("1");
        RuleSet miss = RuleSet.load(List.of(r), LogSourceMapping.defaults(), null, c, null);
        assertEquals(RuleCache.Use.MISS, c.lastUse());
        RuleSet hit = RuleSet.load(List.of(r), LogSourceMapping.defaults(), null, c, null);
        assertEquals(RuleCache.Use.HIT, c.lastUse());

        assertEquals(2, cold.report().failed().size(), cold.report().toString()); // broken rule, bad YAML
        assertEquals(1, cold.report().inactive().size());
        assertEquals(cold.report(), miss.report());
        assertEquals(cold.report(), hit.report());
        assertEquals(cold.report(), RuleSet.report(List.of(r), LogSourceMapping.defaults(), c, null));
        assertEquals(RuleCache.Use.HIT, c.lastUse());
        List<String> expected = hunt(cold);
        // rule A only feeds the correlation; the filter keeps the scanner's run out of its count
        assertEquals(1, expected.size(), expected.toString());
        assertTrue(expected.get(0).contains("count=2"), expected.get(0));
        assertEquals(expected, hunt(miss));
        assertEquals(expected, hunt(hit));
        assertEquals(List.of(), notes);
    }

    @Test
    void selectionDoesNotChangeTheEntry() throws IOException {
        Path r = rules();
        RuleCache c = cache("1");
        RuleSet.load(List.of(r), LogSourceMapping.defaults(), i -> false, c, null);
        RuleSet hit = RuleSet.load(List.of(r), LogSourceMapping.defaults(), null, c, null);
        assertEquals(RuleCache.Use.HIT, c.lastUse());
        assertEquals(hunt(RuleSet.load(List.of(r), LogSourceMapping.defaults(), null)), hunt(hit));
    }

    @Test
    void aWarmLoadOfUnchangedFilesTrustsTheStatIndexAndAnyChangeMissesIt() throws IOException {
        Path r = rules();
        RuleCache c = cache("1");
        c.racyNanos = 0; // the test's files are seconds old; the trust window is tested below
        RuleSet.load(List.of(r), LogSourceMapping.defaults(), null, c, null);
        assertEquals(RuleCache.Use.MISS, c.lastUse());
        RuleSet warm = RuleSet.load(List.of(r), LogSourceMapping.defaults(), null, c, null);
        assertEquals(RuleCache.Use.HIT, c.lastUse());
        assertTrue(c.statTrusted(), "unchanged files are not read again");
        assertEquals(hunt(RuleSet.load(List.of(r), LogSourceMapping.defaults(), null)), hunt(warm));
        assertEquals(warm.report(), RuleSet.report(List.of(r), LogSourceMapping.defaults(), c, null));
        assertEquals(RuleCache.Use.HIT, c.lastUse());
        assertTrue(c.statTrusted(), "rules check reads the report through the index too");

        // The same size and the old modification time put back, as an editor or a copy that keeps
        // times could: the status-change time still differs, so the content is read and hashed.
        Path a = r.resolve("a.yml");
        java.nio.file.attribute.FileTime modified = Files.getLastModifiedTime(a);
        String edited = RULE_A.replace("whoami.exe", "whoamx.exe");
        assertEquals(RULE_A.length(), edited.length());
        Files.writeString(a, edited);
        Files.setLastModifiedTime(a, modified);
        RuleSet after = RuleSet.load(List.of(r), LogSourceMapping.defaults(), null, c, null);
        assertEquals(RuleCache.Use.MISS, c.lastUse());
        assertEquals(List.of(), hunt(after));
    }

    @Test
    void filesAsNewAsTheStatIndexAreReadAndHashedAgain() throws IOException {
        Path r = rules();
        RuleCache c = cache("1"); // the default window: the files were written just now
        RuleSet.load(List.of(r), LogSourceMapping.defaults(), null, c, null);
        RuleSet.load(List.of(r), LogSourceMapping.defaults(), null, c, null);
        assertEquals(RuleCache.Use.HIT, c.lastUse());
        assertTrue(!c.statTrusted(), "a file written in the index's clock tick could change unseen");
        // a damaged index is never trusted either
        c.racyNanos = 0;
        try (Stream<Path> s = Files.list(dir.resolve("cache"))) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith("stat-")).toList()) {
                byte[] b = Files.readAllBytes(p);
                b[b.length - 20] ^= 1; // inside the content key
                Files.write(p, b);
            }
        }
        RuleSet.load(List.of(r), LogSourceMapping.defaults(), null, c, null);
        assertEquals(RuleCache.Use.HIT, c.lastUse());
        assertTrue(!c.statTrusted());
        assertEquals(List.of(), notes);
    }

    @Test
    void anEditedRuleIsNotServedFromTheCache() throws IOException {
        Path r = rules();
        RuleCache c = cache("1");
        RuleSet.load(List.of(r), LogSourceMapping.defaults(), null, c, null);
        // one byte's difference: the rule now looks for another program
        Files.writeString(r.resolve("a.yml"), RULE_A.replace("whoami.exe", "whoamx.exe"));
        RuleSet edited = RuleSet.load(List.of(r), LogSourceMapping.defaults(), null, c, null);
        assertEquals(RuleCache.Use.MISS, c.lastUse());
        assertEquals(List.of(), hunt(edited));
        assertEquals(2, entries().size());
        // fixed: the broken rule loads
        Files.writeString(r.resolve("b.yml"), RULE_BAD.replace("selection and nothing", "selection"));
        RuleSet fixed = RuleSet.load(List.of(r), LogSourceMapping.defaults(), null, c, null);
        assertEquals(RuleCache.Use.MISS, c.lastUse());
        assertEquals(1, fixed.report().failed().size());
    }

    @Test
    void aRenamedOrAddedRuleFileIsNotServedFromTheCache() throws IOException {
        Path r = rules();
        RuleCache c = cache("1");
        RuleSet.load(List.of(r), LogSourceMapping.defaults(), null, c, null);
        Files.move(r.resolve("b.yml"), r.resolve("b2.yml"));
        RuleSet renamed = RuleSet.load(List.of(r), LogSourceMapping.defaults(), null, c, null);
        assertEquals(RuleCache.Use.MISS, c.lastUse());
        assertTrue(renamed.report().failed().stream().anyMatch(p -> p.file().endsWith("b2.yml")), renamed.report().toString());
        Files.writeString(r.resolve("z.yml"), RULE_A.replace("0000000a", "0000000f"));
        RuleSet added = RuleSet.load(List.of(r), LogSourceMapping.defaults(), null, c, null);
        assertEquals(RuleCache.Use.MISS, c.lastUse());
        assertEquals(renamed.report().loaded() + 1, added.report().loaded());
    }

    @Test
    void anEditedMappingIsNotServedFromTheCache() throws IOException {
        Path r = rules();
        Path mapping = dir.resolve("mapping.yml");
        String text = new String(LogSourceMapping.class.getResourceAsStream(LogSourceMapping.DEFAULT_RESOURCE).readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        Files.writeString(mapping, text);
        RuleCache c = cache("1");
        RuleSet before = RuleSet.load(List.of(r), LogSourceMapping.load(mapping), null, c, null);
        assertEquals(RuleCache.Use.MISS, c.lastUse());
        RuleSet.load(List.of(r), LogSourceMapping.load(mapping), null, c, null);
        assertEquals(RuleCache.Use.HIT, c.lastUse());
        assertEquals(1, before.report().inactive().size());
        // the same mapping with values for the placeholder: the rule is no longer inactive
        Files.writeString(mapping, text.replaceFirst("(?m)^placeholders:.*$", "placeholders:\n  Admins: ['root']"));
        RuleSet after = RuleSet.load(List.of(r), LogSourceMapping.load(mapping), null, c, null);
        assertEquals(RuleCache.Use.MISS, c.lastUse());
        assertEquals(0, after.report().inactive().size(), after.report().toString());
        // and the built-in mapping is yet another key, though its text is the same as the file's first version
        RuleSet.load(List.of(r), LogSourceMapping.defaults(), null, c, null);
        assertEquals(RuleCache.Use.MISS, c.lastUse());
    }

    @Test
    void anotherVersionIsNotServedFromTheCache() throws IOException {
        Path r = rules();
        RuleSet.load(List.of(r), LogSourceMapping.defaults(), null, cache("tansa 0.1.0 1234@5678"), null);
        RuleCache next = cache("tansa 0.1.0 1240@9999");
        RuleSet.load(List.of(r), LogSourceMapping.defaults(), null, next, null);
        assertEquals(RuleCache.Use.MISS, next.lastUse());
        assertEquals(2, entries().size());
    }

    @Test
    void aTruncatedCacheFileIsRebuiltWithOneNote() throws IOException {
        Path r = rules();
        RuleCache c = cache("1");
        RuleSet cold = RuleSet.load(List.of(r), LogSourceMapping.defaults(), null, c, null);
        Path entry = entries().get(0);
        byte[] whole = Files.readAllBytes(entry);
        for (int cut : new int[] {0, 7, 60, whole.length / 2, whole.length - 1}) {
            Files.write(entry, java.util.Arrays.copyOf(whole, cut));
            notes.clear();
            RuleSet rebuilt = RuleSet.load(List.of(r), LogSourceMapping.defaults(), null, c, null);
            assertEquals(RuleCache.Use.REBUILT, c.lastUse(), "cut at " + cut);
            assertEquals(1, notes.size(), notes.toString());
            assertTrue(notes.get(0).contains("damaged") && notes.get(0).contains(entry.toString()), notes.get(0));
            assertEquals(cold.report(), rebuilt.report());
            assertEquals(hunt(cold), hunt(rebuilt));
            assertTrue(java.util.Arrays.equals(whole, Files.readAllBytes(entry)), "the entry is written again whole");
        }
        RuleSet.load(List.of(r), LogSourceMapping.defaults(), null, c, null);
        assertEquals(RuleCache.Use.HIT, c.lastUse());
        // the report alone (rules check) checks the whole entry too
        Files.write(entry, java.util.Arrays.copyOf(whole, whole.length - 1));
        notes.clear();
        assertEquals(cold.report(), RuleSet.report(List.of(r), LogSourceMapping.defaults(), c, null));
        assertEquals(RuleCache.Use.REBUILT, c.lastUse());
        assertEquals(1, notes.size(), notes.toString());
        assertTrue(java.util.Arrays.equals(whole, Files.readAllBytes(entry)));
    }

    @Test
    void aCorruptByteAnywhereIsCaughtAndRebuilt() throws IOException {
        Path r = rules();
        RuleCache c = cache("1");
        RuleSet cold = RuleSet.load(List.of(r), LogSourceMapping.defaults(), null, c, null);
        Path entry = entries().get(0);
        byte[] whole = Files.readAllBytes(entry);
        java.util.Random random = new java.util.Random(14);
        for (int i = 0; i < 40; i++) {
            byte[] bad = whole.clone();
            int at = i < 8 ? i * 7 : random.nextInt(bad.length);
            bad[at] ^= (byte) (1 + random.nextInt(255));
            Files.write(entry, bad);
            RuleSet rebuilt = RuleSet.load(List.of(r), LogSourceMapping.defaults(), null, c, null);
            assertEquals(RuleCache.Use.REBUILT, c.lastUse(), "byte " + at);
            assertEquals(cold.report(), rebuilt.report());
        }
        // an entry of other rules copied under this key's name: the key inside it differs
        Path other = dir.resolve("other");
        Files.createDirectories(other);
        Files.writeString(other.resolve("a.yml"), RULE_A);
        RuleSet.load(List.of(other), LogSourceMapping.defaults(), null, c, null);
        Path otherEntry = entries().stream().filter(p -> !p.equals(entry)).findFirst().orElseThrow();
        Files.copy(otherEntry, entry, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        notes.clear();
        RuleSet.load(List.of(r), LogSourceMapping.defaults(), null, c, null);
        assertEquals(RuleCache.Use.REBUILT, c.lastUse());
        assertTrue(notes.get(0).contains("made for other rules"), notes.get(0));
    }

    @Test
    void concurrentLoadsLeaveOneWholeEntry() throws Exception {
        Path r = rules();
        RuleSet cold = RuleSet.load(List.of(r), LogSourceMapping.defaults(), null);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<LoadReport>> runs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                runs.add(pool.submit(() -> RuleSet.load(List.of(r), LogSourceMapping.defaults(), null, cache("1"), null).report()));
            }
            for (Future<LoadReport> f : runs) {
                assertEquals(cold.report(), f.get());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(1, entries().size(), entries().toString()); // no temporary file left behind
        RuleCache c = cache("1");
        RuleSet.load(List.of(r), LogSourceMapping.defaults(), null, c, null);
        assertEquals(RuleCache.Use.HIT, c.lastUse());
        assertEquals(List.of(), notes);
    }

    @Test
    void anUnwritableCacheIsANoteAndTheRulesStillLoad() throws IOException {
        Path r = rules();
        Files.writeString(dir.resolve("cache"), "a file where the directory should be");
        RuleCache c = cache("1");
        RuleSet set = RuleSet.load(List.of(r), LogSourceMapping.defaults(), null, c, null);
        assertEquals(1, notes.size(), notes.toString());
        assertTrue(notes.get(0).startsWith("cannot write the rule cache"), notes.get(0));
        assertEquals(RuleSet.load(List.of(r), LogSourceMapping.defaults(), null).report(), set.report());
    }

    @Test
    void oldEntriesArePrunedBeyondTheLimit() throws IOException {
        Path r = rules();
        for (int v = 0; v < RuleCache.KEEP + 3; v++) {
            RuleSet.load(List.of(r), LogSourceMapping.defaults(), null, cache("v" + v), null);
        }
        assertEquals(RuleCache.KEEP, entries().size());
        RuleCache newest = cache("v" + (RuleCache.KEEP + 2));
        RuleSet.load(List.of(r), LogSourceMapping.defaults(), null, newest, null);
        assertEquals(RuleCache.Use.HIT, newest.lastUse());
    }

    @Test
    void defaultDirIsTansaCacheDirThenXdgCacheHomeThenHome() {
        assertEquals(Path.of("/c/t"), RuleCache.defaultDir(Map.of("TANSA_CACHE_DIR", "/c/t", "XDG_CACHE_HOME", "/x"), "/h"));
        assertEquals(Path.of("/x/tansa"), RuleCache.defaultDir(Map.of("XDG_CACHE_HOME", "/x"), "/h"));
        // the XDG specification ignores a relative path
        assertEquals(Path.of("/h/.cache/tansa"), RuleCache.defaultDir(Map.of("XDG_CACHE_HOME", "rel"), "/h"));
        assertEquals(Path.of("/h/.cache/tansa"), RuleCache.defaultDir(Map.of(), "/h"));
    }

    /** Every SigmaHQ rule document survives the codec unchanged, and a warm load reports what a cold one does. */
    @Test
    void sigmaHqRulesRoundTripThroughTheCache() {
        List<RuleLoader.Source> sources = RuleLoader.read(RuleLoader.list(SigmaTestSupport.ruleDirs()));
        RuleLoader loaded = RuleLoader.parse(sources, () -> { });
        LogSourceMapping.Parsed mapping = LogSourceMapping.defaults().parsed();
        CachedLoad load = new CachedLoad(SigmaTestSupport.fullRuleSet().report(), mapping, loaded.files(), loaded.documents(), loaded.problems(), List.of());
        byte[] key = new byte[32];
        CachedLoad back = RuleCache.decode(RuleCache.encode(load, key), key);
        assertTrue(back.documents().size() >= 3700, "documents: " + back.documents().size());
        assertEquals(load.documents(), back.documents());
        assertEquals(load.problems(), back.problems());
        assertEquals(load.files(), back.files());
        assertEquals(mapping, back.mapping());
        assertEquals(load.report(), back.report());

        RuleCache c = cache("1");
        LoadReport cold = SigmaTestSupport.fullRuleSet().report();
        RuleSet.load(SigmaTestSupport.ruleDirs(), LogSourceMapping.defaults(), null, c, null);
        assertEquals(RuleCache.Use.MISS, c.lastUse());
        LogSourceMapping unparsed = LogSourceMapping.defaults();
        RuleSet warm = RuleSet.load(SigmaTestSupport.ruleDirs(), unparsed, null, c, null);
        assertEquals(RuleCache.Use.HIT, c.lastUse());
        assertEquals(LogSourceMapping.defaults().parsed(), unparsed.parsed(), "the cache's copy of the mapping is the parsed one");
        assertEquals(cold, warm.report());
        assertNotEquals(0, warm.detectionRules());
        assertEquals(SigmaTestSupport.fullRuleSet().detectionRules(), warm.detectionRules());
        assertEquals(SigmaTestSupport.fullRuleSet().correlationRules(), warm.correlationRules());
        assertEquals(cold, RuleSet.report(SigmaTestSupport.ruleDirs(), LogSourceMapping.defaults(), c, null));
        assertEquals(RuleCache.Use.HIT, c.lastUse());
    }
}
