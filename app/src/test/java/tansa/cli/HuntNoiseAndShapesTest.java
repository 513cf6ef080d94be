package tansa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hunt features Hayabusa users rely on: level tuning and exclusion files, --from/--to, the line
 * that says why nothing was found; and detections on every JSON shape shippers write carrying
 * time, computer, record number and channel.
 */
class HuntNoiseAndShapesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path SHARED = Path.of(System.getProperty("tansa.shared", "../../shared"));
    private static final Path CASE = SHARED.resolve(
            "sigma/regression_data/rules/windows/process_creation/proc_creation_win_certutil_decode");
    private static final Path EVTX = CASE.resolve("cc9cbe82-7bc0-4ef5-bc23-bbfb83947be7.evtx");
    private static final Path RULE = SHARED.resolve("sigma/rules/windows/process_creation/proc_creation_win_certutil_decode.yml");
    private static final String RULE_ID = "cc9cbe82-7bc0-4ef5-bc23-bbfb83947be7";
    private static final Path SHAPES = Path.of("../engine/src/test/resources/tansa/reader/shapes");

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

    private static RulesCheckCommandTest.Run hunt(String... extra) {
        List<String> args = new ArrayList<>(List.of("hunt", EVTX.toString(), "--rules", RULE.toString(), "-f", "jsonl"));
        args.addAll(List.of(extra));
        return RulesCheckCommandTest.tansa(args.toArray(new String[0]));
    }

    @Test
    void levelTuningYamlChangesTheReportedLevelAndWhatMinLevelKeeps() throws IOException {
        Path yaml = Files.writeString(dir.resolve("tuning.yml"), "# site tuning\nrules:\n  " + RULE_ID + ": low\n");
        RulesCheckCommandTest.Run low = hunt("--level-tuning", yaml.toString());
        assertEquals(0, low.code(), low.err());
        assertEquals("low", lines(low.out()).get(0).get("level").asText());
        RulesCheckCommandTest.Run gone = hunt("--level-tuning", yaml.toString(), "--min-level", "medium");
        assertEquals(0, lines(gone.out()).size(), gone.out());
        RulesCheckCommandTest.Run untuned = hunt("--min-level", "medium");
        assertEquals("high", lines(untuned.out()).get(0).get("level").asText());
    }

    @Test
    void levelTuningAcceptsHayabusaCsv() throws IOException {
        Path csv = Files.writeString(dir.resolve("level_tuning.txt"),
                "id,new_level\n" + RULE_ID + ",critical # certutil decode matters here\n"
                        + "570ae5ec-33dc-427c-b815-db86228ad43e,info\n");
        RulesCheckCommandTest.Run r = hunt("--level-tuning", csv.toString(), "--min-level", "critical");
        assertEquals(0, r.code(), r.err());
        assertEquals("critical", lines(r.out()).get(0).get("level").asText());
        Path bad = Files.writeString(dir.resolve("bad.txt"), "id,new_level\n" + RULE_ID + ",urgent\n");
        RulesCheckCommandTest.Run b = hunt("--level-tuning", bad.toString());
        assertEquals(2, b.code());
        assertTrue(b.err().startsWith("tansa: hunt: --level-tuning " + bad + ": line 2: level must be"), b.err());
    }

    @Test
    void excludeRulesFileDropsTheRule() throws IOException {
        Path ex = Files.writeString(dir.resolve("exclude_rules.txt"), "# noisy here\n\n" + RULE_ID + "   # certutil\n");
        RulesCheckCommandTest.Run r = hunt("--exclude-rules", ex.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(0, lines(r.out()).size());
        assertEquals(1, lines(hunt().out()).size());
    }

    @Test
    void minLevelHelpStatesItsDefault() {
        RulesCheckCommandTest.Run r = RulesCheckCommandTest.tansa("hunt", "--help");
        String help = r.out().replaceAll("\\s+", " ");
        assertTrue(help.contains("Default: informational (every rule)"), r.out());
        assertTrue(help.contains("--level-tuning=FILE") && help.contains("--exclude-rules=FILE") && help.contains("--from=TIME"),
                r.out());
    }

    @Test
    void nothingFoundSaysWhyInOneLine() throws IOException {
        Path linux = SHARED.resolve("sigma/rules/linux/builtin");
        Path rule;
        try (var s = Files.list(linux)) {
            rule = s.filter(p -> p.toString().endsWith(".yml")).sorted().findFirst().orElseThrow();
        }
        RulesCheckCommandTest.Run none = RulesCheckCommandTest.tansa("hunt", EVTX.toString(), "--rules", rule.toString(),
                "-f", "jsonl");
        assertEquals(0, none.code(), none.err());
        List<String> why = none.err().lines().filter(l -> l.startsWith("tansa: no detections: ")).toList();
        assertEquals(1, why.size(), none.err());
        assertTrue(why.get(0).matches("tansa: no detections: no event matched any rule's log source \\(\\d+ events\\); "
                + "channels seen: Microsoft-Windows-Sysmon/Operational \\(\\d+\\).*"), why.get(0));

        Path encode = SHARED.resolve("sigma/rules/windows/process_creation/proc_creation_win_certutil_encode.yml");
        RulesCheckCommandTest.Run covered = RulesCheckCommandTest.tansa("hunt", EVTX.toString(), "--rules", encode.toString(),
                "-f", "jsonl");
        assertTrue(covered.err().contains("tansa: no detections: 1 events read, some under the rules' log sources, "
                + "but none matched a rule; channels seen: Microsoft-Windows-Sysmon/Operational (1)"), covered.err());

        RulesCheckCommandTest.Run filtered = hunt("--min-level", "critical");
        assertTrue(filtered.err().contains("tansa: no detections: no rule to run: every rule failed to load or was left out "
                + "by --min-level critical"), filtered.err());

        RulesCheckCommandTest.Run window = hunt("--from", "2099-01-01");
        assertTrue(window.err().contains("tansa: no detections: no event in the --from/--to window"), window.err());

        RulesCheckCommandTest.Run found = hunt();
        assertTrue(!found.err().contains("no detections"), found.err());
    }

    @Test
    void fromToKeepsOnlyDetectionsInTheWindow() throws IOException {
        Path rules = SHARED.resolve("sigma/rules/windows/powershell/powershell_script");
        Path corpus = SHARED.resolve("corpus/evtx/DeepBlueCLI");
        List<JsonNode> all = lines(RulesCheckCommandTest.tansa("hunt", corpus.toString(), "--rules", rules.toString(),
                "-f", "jsonl", "--no-summary").out());
        assertTrue(all.size() > 10, "detections: " + all.size());
        Instant from = Instant.parse(all.get(all.size() / 3).get("timestamp").asText());
        Instant to = Instant.parse(all.get(2 * all.size() / 3).get("timestamp").asText());
        RulesCheckCommandTest.Run r = RulesCheckCommandTest.tansa("hunt", corpus.toString(), "--rules", rules.toString(),
                "-f", "jsonl", "--no-summary", "--from", from.toString(), "--to", to.toString());
        assertEquals(0, r.code(), r.err());
        List<String> expected = all.stream().filter(d -> {
            Instant t = Instant.parse(d.get("timestamp").asText());
            return !t.isBefore(from) && t.isBefore(to);
        }).map(JsonNode::toString).toList();
        assertTrue(expected.size() > 0 && expected.size() < all.size());
        assertEquals(expected, lines(r.out()).stream().map(JsonNode::toString).toList());
    }

    /** The certutil regression event exported from Splunk as XmlWinEventLog: the same detection as on the EVTX. */
    @Test
    void splunkXmlExportGivesTheEvtxDetection() throws IOException {
        JsonNode fromEvtx = lines(hunt("--no-summary").out()).get(0);
        RulesCheckCommandTest.Run r = RulesCheckCommandTest.tansa("hunt", SHAPES.resolve("splunk-xml.json").toString(),
                "--rules", RULE.toString(), "-f", "jsonl", "--no-summary");
        assertEquals(0, r.code(), r.err());
        List<JsonNode> ds = lines(r.out());
        assertEquals(1, ds.size(), r.out());
        for (String k : List.of("rule_id", "level", "timestamp", "computer", "channel", "event_id", "record_id", "fields")) {
            assertEquals(fromEvtx.get(k), ds.get(0).get(k), k);
        }
    }

    /** Each shape's events, hunted with one rule over their EventIDs: the detections carry what the shape maps. */
    @Test
    void detectionsOnEveryShipperShapeCarryTimeComputerRecordAndChannel() throws IOException {
        Path rule = Files.writeString(dir.resolve("ids.yml"), """
                title: shipper shapes
                id: 22222222-2222-2222-2222-222222222222
                status: test
                level: medium
                logsource: {product: windows}
                detection:
                    selection:
                        EventID: [4656, 4769, 1102, 4688, 11, 4634, 10, 4104, 4673, 4722]
                    condition: selection
                """, StandardCharsets.UTF_8);
        String[][] expected = {
                // file, time, computer, record, channel
                {"nxlog.json", "2017-12-19T17:45:02Z", "fake-hostname", "7613465324", "Security"},
                {"nxlog.json", "2021-03-31T09:03:33.169332Z", "hostname4", "166405411", "Security"},
                {"helk.json", "2020-09-21T16:53:25.542Z", "WORKSTATION5.theshire.local", "191525", "Microsoft-Windows-Sysmon/Operational"},
                {"logstash.json", "2020-10-19T03:30:41.104Z", "WORKSTATION5", "-1", "Security"},
                {"logstash.json", "2020-10-29T12:16:09.914Z", "WORKSTATION5", "-1", "Security"},
                {"winlogbeat8.json", "2022-11-25T20:10:35.544Z", "regina.vmware.fekt.cz", "6170175", "Security"},
                {"velociraptor.json", "2025-04-09T21:18:05.077898Z", "WIN-HFOU106TD7K", "564617", "Microsoft-Windows-Sysmon/Operational"},
                {"velociraptor-columns.json", "2021-06-02T14:07:11Z", "DESKTOP-3KT9LOA", "8842", "Microsoft-Windows-PowerShell/Operational"},
                {"splunk.json", "2018-05-01T00:13:59Z", "fvjbvfjbvf.test.com", "6623591495", "Security"},
        };
        for (String[] e : expected) {
            RulesCheckCommandTest.Run r = RulesCheckCommandTest.tansa("hunt", SHAPES.resolve(e[0]).toString(), "--rules",
                    rule.toString(), "-f", "jsonl", "--no-summary", "-q");
            assertEquals(0, r.code(), e[0] + ": " + r.err());
            List<JsonNode> ds = lines(r.out());
            JsonNode d = ds.stream().filter(x -> x.get("timestamp").asText().equals(Instant.parse(e[1]).toString()))
                    .findFirst().orElseThrow(() -> new AssertionError(e[0] + " " + e[1] + " not among " + ds));
            assertEquals(e[2], d.get("computer").asText(), e[0]);
            assertEquals(Long.parseLong(e[3]), d.get("record_id").asLong(), e[0]);
            assertEquals(e[4], d.get("channel").asText(), e[0]);
        }
    }
}
