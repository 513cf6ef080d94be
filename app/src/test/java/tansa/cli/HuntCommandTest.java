package tansa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code tansa hunt} as a user runs it, on SigmaHQ regression evidence. */
class HuntCommandTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path SHARED = Path.of(System.getProperty("tansa.shared", "../../shared"));
    private static final Path CASE = SHARED.resolve(
            "sigma/regression_data/rules/windows/process_creation/proc_creation_win_certutil_decode");
    private static final Path EVTX = CASE.resolve("cc9cbe82-7bc0-4ef5-bc23-bbfb83947be7.evtx");
    private static final Path RULE = SHARED.resolve("sigma/rules/windows/process_creation/proc_creation_win_certutil_decode.yml");

    @TempDir
    Path dir;

    private static List<JsonNode> lines(String out) throws IOException {
        List<JsonNode> l = new ArrayList<>();
        for (String s : out.split("\n")) {
            if (!s.isBlank()) {
                l.add(MAPPER.readTree(s));
            }
        }
        return l;
    }

    @Test
    void jsonlDetectionCarriesRuleEventAndMatchedFields() throws IOException {
        RulesCheckCommandTest.Run r = RulesCheckCommandTest.tansa("hunt", EVTX.toString(), "--rules", RULE.toString(),
                "--format", "jsonl");
        assertEquals(0, r.code(), r.err());
        List<JsonNode> ds = lines(r.out());
        assertEquals(1, ds.size(), r.out());
        JsonNode d = ds.get(0);
        assertEquals("cc9cbe82-7bc0-4ef5-bc23-bbfb83947be7", d.get("rule_id").asText());
        for (String k : List.of("rule_title", "level", "status", "tags", "timestamp", "computer", "channel", "event_id",
                "record_id", "source", "fields")) {
            assertTrue(d.has(k), "missing " + k + " in " + d);
        }
        assertTrue(d.get("timestamp").asText().endsWith("Z"));
        assertTrue(d.get("tags").toString().contains("attack."), d.toString());
        assertTrue(d.get("fields").has("CommandLine"), d.toString());
        assertTrue(d.get("source").asText().endsWith(".evtx"));
        assertTrue(r.err().contains("1 detections"), "summary on stderr when stdout is jsonl: " + r.err());
    }

    @Test
    void csvHasHeaderAndOneRowPerDetection() {
        RulesCheckCommandTest.Run r = RulesCheckCommandTest.tansa("hunt", EVTX.toString(), "--rules", RULE.toString(),
                "--format", "csv", "--no-summary");
        assertEquals(0, r.code(), r.err());
        List<String> rows = r.out().lines().toList();
        assertEquals(CsvWriter.HEADER, rows.get(0));
        assertEquals(2, rows.size());
    }

    @Test
    void minLevelAboveTheRuleLeavesNoDetection() throws IOException {
        RulesCheckCommandTest.Run r = RulesCheckCommandTest.tansa("hunt", EVTX.toString(), "--rules", RULE.toString(),
                "--format", "jsonl", "--min-level", "critical");
        assertEquals(0, r.code(), r.err());
        assertEquals(0, lines(r.out()).size());
    }

    @Test
    void excludeIdAndIncludeTagSelectRules() throws IOException {
        RulesCheckCommandTest.Run ex = RulesCheckCommandTest.tansa("hunt", EVTX.toString(), "--rules", RULE.toString(),
                "--format", "jsonl", "--exclude-id", "cc9cbe82-7bc0-4ef5-bc23-bbfb83947be7");
        assertEquals(0, lines(ex.out()).size());
        RulesCheckCommandTest.Run tag = RulesCheckCommandTest.tansa("hunt", EVTX.toString(), "--rules", RULE.toString(),
                "--format", "jsonl", "--include-tag", "no.such.tag");
        assertEquals(0, lines(tag.out()).size());
        RulesCheckCommandTest.Run st = RulesCheckCommandTest.tansa("hunt", EVTX.toString(), "--rules", RULE.toString(),
                "--format", "jsonl", "--exclude-status", "test", "--exclude-status", "stable", "--exclude-status", "experimental");
        assertEquals(0, lines(st.out()).size());
    }

    @Test
    void badRulesAreReportedOnceAndTheOthersStillRun() throws IOException {
        RulesCheckCommandTest.badRules(dir);
        Files.copy(RULE, dir.resolve("certutil.yml"));
        RulesCheckCommandTest.Run r = RulesCheckCommandTest.tansa("hunt", EVTX.toString(), "--rules", dir.toString(),
                "--format", "jsonl");
        assertEquals(0, r.code(), r.err());
        assertEquals(1, lines(r.out()).size());
        long skipped = r.err().lines().filter(l -> l.startsWith("tansa: rule skipped:")).count();
        assertEquals(3, skipped, r.err());
        assertTrue(r.err().contains("bad_modifier.yml: 22222222-2222-2222-2222-222222222222: detection.selection.CommandLine|contians"),
                r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void outputFileGetsTheDetections() throws IOException {
        Path out = dir.resolve("d.jsonl");
        RulesCheckCommandTest.Run r = RulesCheckCommandTest.tansa("hunt", EVTX.toString(), "--rules", RULE.toString(),
                "--format", "jsonl", "--output", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(1, lines(Files.readString(out)).size());
        assertTrue(r.err().contains("1 detections"), "summary on stderr when detections go to a file: " + r.err());
        assertEquals("", r.out());
    }

    @Test
    void userMappingReplacesTheDefaultAndABadOneIsOneLine() throws IOException {
        // A mapping without process_creation: the certutil rule no longer applies to Sysmon 1.
        Path mapping = dir.resolve("mapping.yml");
        Files.writeString(mapping, "sources:\n  - logsource: {product: windows, service: sysmon}\n"
                + "    channel: ['Microsoft-Windows-Sysmon/Operational']\n");
        RulesCheckCommandTest.Run r = RulesCheckCommandTest.tansa("hunt", EVTX.toString(), "--rules", RULE.toString(),
                "--format", "jsonl", "--mapping", mapping.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(0, lines(r.out()).size());
        Files.writeString(mapping, "sources: 3\n");
        RulesCheckCommandTest.Run bad = RulesCheckCommandTest.tansa("hunt", EVTX.toString(), "--rules", RULE.toString(),
                "--mapping", mapping.toString());
        assertEquals(1, bad.code());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
        assertTrue(bad.err().contains("mapping.yml: 'sources' must be a list"), bad.err());
    }

    @Test
    void missingRulesIsAUsageError() {
        RulesCheckCommandTest.Run r = RulesCheckCommandTest.tansa("hunt", EVTX.toString(), "--rules", dir.resolve("none").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no such rule file or directory"), r.err());
    }

    @Test
    void tableIsTimeOrderedAndDeterministic() {
        RulesCheckCommandTest.Run a = RulesCheckCommandTest.tansa("hunt", CASE.getParent().toString(), "--rules",
                SHARED.resolve("sigma/rules/windows/process_creation").toString(), "--no-summary");
        RulesCheckCommandTest.Run b = RulesCheckCommandTest.tansa("hunt", CASE.getParent().toString(), "--rules",
                SHARED.resolve("sigma/rules/windows/process_creation").toString(), "--no-summary", "--threads", "1");
        assertEquals(0, a.code(), a.err());
        assertEquals(a.out(), b.out());
        List<String> times = a.out().lines().skip(1).map(l -> l.substring(0, 19)).toList();
        assertTrue(times.size() > 100, "expected many detections over the process_creation regression cases");
        List<String> sorted = new ArrayList<>(times);
        java.util.Collections.sort(sorted);
        assertEquals(sorted, times);
    }
}
