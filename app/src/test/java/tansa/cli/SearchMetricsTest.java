package tansa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code tansa search} and {@code tansa metrics} on the DeepBlueCLI samples of the shared corpus,
 * checked against counts this test computes itself from {@code tansa dump}'s JSON lines, parsed
 * with Jackson and walked without tansa's field index.
 */
class SearchMetricsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path SHARED = Path.of(System.getProperty("tansa.shared", "../../shared"));
    private static final Path CORPUS = SHARED.resolve("corpus/evtx/DeepBlueCLI");

    /** Every dumped line with its parsed record and source file, in dump order. */
    private static final List<String> LINES = new ArrayList<>();
    private static final List<JsonNode> RECORDS = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void dumpTheCorpus() throws IOException {
        RulesCheckCommandTest.Run r = RulesCheckCommandTest.tansa("dump", CORPUS.toString());
        assertEquals(0, r.code(), r.err());
        for (String l : r.out().split("\n")) {
            if (!l.isEmpty()) {
                LINES.add(l);
                RECORDS.add(MAPPER.readTree(l));
            }
        }
        assertTrue(RECORDS.size() > 6000, "the corpus dumps " + RECORDS.size() + " records");
    }

    private static JsonNode system(JsonNode rec) {
        return rec.path("Event").path("System");
    }

    private static String eventId(JsonNode rec) {
        JsonNode id = system(rec).get("EventID");
        return id.isObject() ? id.get("#text").asText() : id.asText();
    }

    private static Instant time(JsonNode rec) {
        return Instant.parse(system(rec).path("TimeCreated").path("#attributes").path("SystemTime").asText());
    }

    /** Whether some leaf value of the record (attributes of System elements and EventData included) satisfies the test. */
    private static boolean anyLeaf(JsonNode node, Predicate<String> test) {
        if (node.isObject()) {
            var it = node.fields();
            while (it.hasNext()) {
                var e = it.next();
                if (e.getKey().equals("xmlns")) {
                    continue;
                }
                if (anyLeaf(e.getValue(), test)) {
                    return true;
                }
            }
            return false;
        }
        if (node.isArray()) {
            for (JsonNode n : node) {
                if (anyLeaf(n, test)) {
                    return true;
                }
            }
            return false;
        }
        return !node.isNull() && test.test(node.asText());
    }

    private static List<String> jsonl(String out) {
        List<String> l = new ArrayList<>();
        for (String s : out.split("\n")) {
            if (!s.isEmpty()) {
                l.add(s);
            }
        }
        return l;
    }

    private static List<String> expectedLines(Predicate<JsonNode> keep) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < RECORDS.size(); i++) {
            if (keep.test(RECORDS.get(i))) {
                out.add(LINES.get(i));
            }
        }
        return out;
    }

    @Test
    void keywordIsACaseInsensitiveSubstringOfAnyValueAndPrintsEventsAsDumpDoes() {
        RulesCheckCommandTest.Run r = RulesCheckCommandTest.tansa("search", CORPUS.toString(), "-k", "MimiKatz", "-f", "jsonl");
        assertEquals(0, r.code(), r.err());
        List<String> expected = expectedLines(rec -> anyLeaf(rec.path("Event"),
                v -> v.toLowerCase(Locale.ROOT).contains("mimikatz")));
        assertTrue(expected.size() > 5, "the corpus has mimikatz events: " + expected.size());
        assertEquals(expected, jsonl(r.out()));
        assertTrue(r.err().contains("tansa: " + expected.size() + " matching events of " + RECORDS.size() + " read from 19 files"),
                r.err());
    }

    @Test
    void keywordsAfterDoubleDashAreAnyOfAndWithAllEachMustOccur() {
        RulesCheckCommandTest.Run any = RulesCheckCommandTest.tansa("search", CORPUS.toString(), "-f", "jsonl", "--",
                "mimikatz", "net user");
        List<String> expected = expectedLines(rec -> anyLeaf(rec.path("Event"), v -> {
            String l = v.toLowerCase(Locale.ROOT);
            return l.contains("mimikatz") || l.contains("net user");
        }));
        assertEquals(expected, jsonl(any.out()), any.err());
        RulesCheckCommandTest.Run both = RulesCheckCommandTest.tansa("search", CORPUS.toString(), "-f", "jsonl", "--all",
                "-k", "invoke-mimikatz", "-k", "dumpcreds");
        List<String> expectedBoth = expectedLines(rec -> anyLeaf(rec.path("Event"), v -> v.toLowerCase(Locale.ROOT).contains("invoke-mimikatz"))
                && anyLeaf(rec.path("Event"), v -> v.toLowerCase(Locale.ROOT).contains("dumpcreds")));
        assertEquals(expectedBoth, jsonl(both.out()), both.err());
    }

    @Test
    void whereAndRegexAndTimeWindowCombine() {
        Instant from = Instant.parse("2017-08-30T18:00:00Z");
        Instant to = Instant.parse("2017-09-01T00:00:00Z");
        Pattern re = Pattern.compile("invoke-(webrequest|expression)|iex\\b", Pattern.CASE_INSENSITIVE);
        RulesCheckCommandTest.Run r = RulesCheckCommandTest.tansa("search", CORPUS.toString(), "-f", "jsonl",
                "--where", "EventID=4104", "--where", "Channel~powershell", "-e", "invoke-(webrequest|expression)|iex\\b",
                "--from", "2017-08-30T18:00", "--to", "2017-09-01");
        assertEquals(0, r.code(), r.err());
        List<String> expected = expectedLines(rec -> eventId(rec).equals("4104")
                && system(rec).path("Channel").asText().toLowerCase(Locale.ROOT).contains("powershell")
                && !time(rec).isBefore(from) && time(rec).isBefore(to)
                && anyLeaf(rec.path("Event"), v -> re.matcher(v).find()));
        assertTrue(expected.size() > 0);
        assertEquals(expected, jsonl(r.out()));
    }

    @Test
    void tableRowsNameTheMatchingFieldAndEscapeControlCharacters() {
        RulesCheckCommandTest.Run r = RulesCheckCommandTest.tansa("search", CORPUS.toString(), "-k", "Invoke-Obfuscation");
        assertEquals(0, r.code(), r.err());
        List<String> rows = r.out().lines().toList();
        assertTrue(rows.get(0).startsWith("time"), rows.get(0));
        assertTrue(rows.stream().skip(1).allMatch(l -> l.contains("ScriptBlockText=") || l.contains("Path=")), r.out());
        assertTrue(rows.stream().skip(1).allMatch(l -> l.indexOf("  SEC511 ") == 19), "fixed-width time column, to the second");
        assertTrue(r.out().chars().noneMatch(c -> c < 0x20 && c != '\n'), "no raw control characters in the table");
    }

    @Test
    void usageErrorsAreOneLineAndExitTwo() {
        RulesCheckCommandTest.Run bad = RulesCheckCommandTest.tansa("search", CORPUS.toString(), "-e", "(?<=x)y");
        assertEquals(2, bad.code());
        assertTrue(bad.err().startsWith("tansa: search: --regex '(?<=x)y'"), bad.err());
        RulesCheckCommandTest.Run where = RulesCheckCommandTest.tansa("search", CORPUS.toString(), "--where", "EventID");
        assertEquals(2, where.code());
        assertTrue(where.err().contains("expected FIELD=VALUE or FIELD~TEXT"), where.err());
        RulesCheckCommandTest.Run time = RulesCheckCommandTest.tansa("search", CORPUS.toString(), "--from", "yesterday");
        assertEquals(2, time.code());
        assertTrue(time.err().contains("--from must be an ISO-8601 date or date-time"), time.err());
        RulesCheckCommandTest.Run backwards = RulesCheckCommandTest.tansa("metrics", CORPUS.toString(), "--from", "2020-10-20",
                "--to", "2020-10-19");
        assertEquals(2, backwards.code());
        assertTrue(backwards.err().startsWith("tansa: metrics: --from (2020-10-20T00:00:00Z) must be before --to (2020-10-19T00:00:00Z)"),
                backwards.err());
    }

    @Test
    void metricsCountsMatchTheDump() throws IOException {
        Path json = dir.resolve("m.json");
        RulesCheckCommandTest.Run r = RulesCheckCommandTest.tansa("metrics", CORPUS.toString(), "-f", "json", "-o", json.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode m = MAPPER.readTree(Files.readString(json, StandardCharsets.UTF_8));
        Map<String, Long> channels = new HashMap<>();
        Map<String, Long> computers = new HashMap<>();
        Map<String, Long> providers = new HashMap<>();
        Map<String, Long> ids = new HashMap<>();
        Map<String, Long> days = new TreeMap<>();
        for (JsonNode rec : RECORDS) {
            JsonNode s = system(rec);
            channels.merge(s.path("Channel").asText(), 1L, Long::sum);
            computers.merge(s.path("Computer").asText(), 1L, Long::sum);
            providers.merge(s.path("Provider").path("#attributes").path("Name").asText(), 1L, Long::sum);
            ids.merge(s.path("Channel").asText() + "/" + eventId(rec), 1L, Long::sum);
            days.merge(LocalDate.ofInstant(time(rec), ZoneOffset.UTC).toString(), 1L, Long::sum);
        }
        assertEquals(RECORDS.size(), m.get("events").asLong());
        assertEquals(channels, counts(m.get("channels"), "channel"));
        assertEquals(computers, counts(m.get("computers"), "computer"));
        assertEquals(providers, counts(m.get("providers"), "provider"));
        assertEquals(days, new TreeMap<>(counts(m.get("days"), "day")));
        Map<String, Long> gotIds = new HashMap<>();
        for (JsonNode c : m.get("event_ids")) {
            gotIds.put(c.get("channel").asText() + "/" + c.get("event_id").asText(), c.get("count").asLong());
            if (c.get("channel").asText().equals("Security") && c.get("event_id").asText().equals("4625")) {
                assertEquals("An account failed to log on", c.get("description").asText());
            }
        }
        assertEquals(ids, gotIds);
        assertEquals(19, m.get("files").size());
        // One file's span against the dump of that file alone.
        JsonNode f = m.get("files").get(0);
        RulesCheckCommandTest.Run one = RulesCheckCommandTest.tansa("dump", f.get("path").asText());
        Instant first = null;
        Instant last = null;
        long n = 0;
        for (String l : jsonl(one.out())) {
            Instant t = time(MAPPER.readTree(l));
            first = first == null || t.isBefore(first) ? t : first;
            last = last == null || t.isAfter(last) ? t : last;
            n++;
        }
        assertEquals(n, f.get("events").asLong());
        assertEquals(first.toString(), f.get("first").asText());
        assertEquals(last.toString(), f.get("last").asText());
        assertTrue(r.err().contains("metrics written to " + json), r.err());
    }

    @Test
    void metricsTableNamesCommonEventIds() {
        RulesCheckCommandTest.Run r = RulesCheckCommandTest.tansa("metrics", CORPUS.toString(), "--top", "3");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Events by EventID"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.contains("Security") && l.contains("4625")
                && l.endsWith("An account failed to log on")), r.out());
        assertTrue(r.out().contains("Events by day (UTC)"), r.out());
        assertTrue(r.out().lines().noneMatch(l -> l.endsWith(" ")), "no trailing spaces");
    }

    @Test
    void dumpFromToKeepsTheWindowInclusiveFromExclusiveTo() {
        Instant from = time(RECORDS.get(100));
        Instant to = time(RECORDS.get(200));
        RulesCheckCommandTest.Run r = RulesCheckCommandTest.tansa("dump", CORPUS.toString(), "--from", from.toString(),
                "--to", to.toString());
        assertEquals(0, r.code(), r.err());
        List<String> expected = expectedLines(rec -> !time(rec).isBefore(from) && time(rec).isBefore(to));
        assertTrue(expected.contains(LINES.get(100)), "from is inclusive");
        assertEquals(expected, jsonl(r.out()));
        RulesCheckCommandTest.Run count = RulesCheckCommandTest.tansa("dump", "--count", CORPUS.toString(), "--from",
                from.toString(), "--to", to.toString());
        assertTrue(count.out().endsWith(expected.size() + "\ttotal\n"), count.out());
        RulesCheckCommandTest.Run day = RulesCheckCommandTest.tansa("dump", "--count", CORPUS.toString(), "--from", "2016-09-20",
                "--to", "2016-09-21");
        long sameDay = RECORDS.stream().filter(rec -> LocalDate.ofInstant(time(rec), ZoneOffset.UTC)
                .equals(LocalDate.parse("2016-09-20"))).count();
        assertTrue(day.out().endsWith(sameDay + "\ttotal\n"), day.out());
        RulesCheckCommandTest.Run tokyo = RulesCheckCommandTest.tansa("dump", "--count", CORPUS.toString(), "--from",
                "2016-09-20T09:00+09:00", "--to", "2016-09-21 09:00:00+09:00");
        assertTrue(tokyo.out().endsWith(sameDay + "\ttotal\n"), "an offset is honoured: " + tokyo.out());
    }

    /** SigmaHQ's regression data holds each case as .evtx and as the Rust evtx crate's JSON: both must give the same answers. */
    @Test
    void searchAndMetricsAnswerTheSameOnEvtxAndOnItsJsonTwin() throws IOException {
        Path windows = SHARED.resolve("sigma/regression_data/rules/windows");
        List<String> evtx;
        List<String> json;
        try (var s = Files.walk(windows)) {
            List<String> all = s.map(Path::toString).sorted().toList();
            evtx = all.stream().filter(p -> p.endsWith(".evtx")).toList();
            json = all.stream().filter(p -> p.endsWith(".json")).toList();
        }
        assertEquals(evtx.size(), json.size());
        List<String> ids = new ArrayList<>();
        for (List<String> files : List.of(evtx, json)) {
            List<String> args = new ArrayList<>(List.of("search", "-k", "powershell", "--where", "Channel~windows", "-f", "jsonl"));
            args.addAll(files);
            RulesCheckCommandTest.Run r = RulesCheckCommandTest.tansa(args.toArray(new String[0]));
            assertEquals(0, r.code(), r.err());
            StringBuilder sb = new StringBuilder();
            for (String l : jsonl(r.out())) {
                JsonNode sys = system(MAPPER.readTree(l));
                sb.append(sys.get("Channel").asText()).append('/').append(sys.get("EventRecordID").asText()).append('\n');
            }
            ids.add(sb.toString());
        }
        assertTrue(ids.get(0).length() > 0);
        assertEquals(ids.get(0), ids.get(1));
        List<JsonNode> metrics = new ArrayList<>();
        for (List<String> files : List.of(evtx, json)) {
            List<String> args = new ArrayList<>(List.of("metrics", "-f", "json"));
            args.addAll(files);
            JsonNode m = MAPPER.readTree(RulesCheckCommandTest.tansa(args.toArray(new String[0])).out());
            ((com.fasterxml.jackson.databind.node.ObjectNode) m).remove("files");
            metrics.add(m);
        }
        assertEquals(metrics.get(0), metrics.get(1));
    }

    private static Map<String, Long> counts(JsonNode arr, String key) {
        Map<String, Long> out = new HashMap<>();
        for (JsonNode c : arr) {
            out.put(c.get(key).asText(), c.get("count").asLong());
        }
        return out;
    }
}
