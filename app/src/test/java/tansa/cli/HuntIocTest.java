package tansa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code hunt --ioc}: indicator hits as detections, over Windows and Zeek events, with or without rules. */
class HuntIocTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The engine's IOC fixtures (STIX, MISP, CSV, text, planted EVTX-shaped JSON). */
    static final Path FIXTURES = Path.of("../engine/src/test/resources/tansa/ioc");
    private static final Path SHARED = Path.of(System.getProperty("tansa.shared", "../../shared"));

    @TempDir
    Path dir;

    private static List<JsonNode> jsonl(String out) throws IOException {
        List<JsonNode> l = new ArrayList<>();
        for (String s : out.split("\n")) {
            if (!s.isBlank()) {
                l.add(MAPPER.readTree(s));
            }
        }
        return l;
    }

    private Path zeek() throws IOException {
        Path z = dir.resolve("zeek");
        Files.createDirectories(z);
        String head = "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n";
        Files.writeString(z.resolve("conn.log"), head + "#path\tconn\n#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\n"
                + "#types\ttime\tstring\taddr\tport\taddr\tport\n"
                + "1796117400.000000\tCa1\t10.1.1.5\t50000\t198.18.0.99\t443\n"
                + "1796117401.000000\tCa2\t10.1.1.5\t50001\t198.18.1.99\t443\n", StandardCharsets.UTF_8);
        Files.writeString(z.resolve("http.log"), head + "#path\thttp\n#fields\tts\tuid\tid.orig_h\tid.resp_h\thost\turi\n"
                + "#types\ttime\tstring\taddr\taddr\tstring\tstring\n"
                + "1796117402.000000\tCb1\t10.1.1.5\t203.0.113.200\tfiles.example.org\t/dl/stage2.ps1\n"
                + "1796117403.000000\tCb2\t10.1.1.5\t203.0.113.201\tfiles.example.org\t/dl/other.ps1\n", StandardCharsets.UTF_8);
        Files.writeString(z.resolve("dns.log"), head + "#path\tdns\n#fields\tts\tuid\tid.orig_h\tquery\n"
                + "#types\ttime\tstring\taddr\tstring\n"
                + "1796117404.000000\tCc1\t10.1.1.5\tx1.panel.example.biz\n"
                + "1796117405.000000\tCc2\t10.1.1.5\tpanel.example.biz.example.net\n", StandardCharsets.UTF_8);
        return z;
    }

    @Test
    void indicatorHitsAreDetectionsInTimeOrderOverWindowsAndZeekEvents() throws IOException {
        Path zeek = zeek();
        RulesCheckCommandTest.Run r = RulesCheckCommandTest.tansa("hunt", FIXTURES.resolve("planted.jsonl").toString(), zeek.toString(),
                "--ioc", FIXTURES.resolve("stix-bundle.json").toString(), "--ioc", FIXTURES.resolve("misp-feed").toString(),
                "-f", "jsonl", "-q");
        assertEquals(0, r.code(), r.err());
        List<String> got = new ArrayList<>();
        for (JsonNode d : jsonl(r.out())) {
            String src = Path.of(d.get("source").asText()).getFileName().toString();
            got.add(src + "#" + d.get("record_id").asLong() + " " + d.get("rule_id").asText() + " " + d.get("level").asText());
        }
        assertEquals(List.of(
                "planted.jsonl#1001 indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f high",
                "planted.jsonl#1002 indicator--0b8d0c3e-7b4a-4bc4-9a7e-6f0f54d0a1a2 medium",
                "planted.jsonl#1003 indicator--0b8d0c3e-7b4a-4bc4-9a7e-6f0f54d0a1a2 medium",
                "planted.jsonl#1004 indicator--c4a6f5b2-9d1e-4f7a-8b3c-2e5d6f7a8b9c high",
                "planted.jsonl#1005 indicator--1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b high",
                "planted.jsonl#1006 indicator--a3b4c5d6-e7f8-4a9b-8c0d-1e2f3a4b5c6d high",
                "planted.jsonl#1007 indicator--d7e8f9a0-b1c2-4d3e-9f4a-5b6c7d8e9f0a high",
                "planted.jsonl#1008 indicator--e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5c high",
                "planted.jsonl#1009 indicator--e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5c high",
                "conn.log#-1 9d2e3f4a-3333-4c2d-8e3f-000000000001 high",
                "http.log#-1 indicator--1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b high",
                "dns.log#-1 9d2e3f4a-3333-4c2d-8e3f-000000000002 high"), got);
        JsonNode conn = jsonl(r.out()).get(9);
        assertEquals("IOC: 198.18.0.99|443", conn.get("rule_title").asText());
        assertEquals("198.18.0.99", conn.get("fields").get("id.resp_h").asText());
        assertTrue(conn.get("tags").toString().contains("\"ioc.ip\""), conn.toString());
        assertEquals("2026-12-01T09:30:00Z", conn.get("timestamp").asText());
    }

    @Test
    void aBadStixPatternIsOneLineAndTheRestRunsWithTheRules() throws IOException {
        Path rule = SHARED.resolve("sigma/rules/windows/process_creation/proc_creation_win_hktl_mimikatz_command_line.yml");
        RulesCheckCommandTest.Run r = RulesCheckCommandTest.tansa("hunt", FIXTURES.resolve("planted.jsonl").toString(),
                "--ioc", FIXTURES.resolve("stix-bundle.json").toString(), "-r", rule.toString(), "-f", "csv", "--no-summary",
                "--min-level", "high");
        assertEquals(0, r.code(), r.err());
        List<String> err = r.err().lines().toList();
        assertEquals(1, err.stream().filter(l -> l.contains("indicator--0badbad0-0000-4000-8000-000000000001")).count(), r.err());
        assertTrue(err.contains("tansa: ioc skipped: " + FIXTURES.resolve("stix-bundle.json")
                + ": indicator--0badbad0-0000-4000-8000-000000000001: pattern: unterminated string starting at offset 19; skipped"), r.err());
        assertTrue(err.contains("tansa: 3 indicators or lines could not be used and were skipped; 7 loaded"), r.err());
        List<String> rows = r.out().lines().toList();
        assertEquals(CsvWriter.HEADER, rows.get(0));
        // --min-level high leaves out the two medium hits; the mimikatz rule (high) fires on record 1006 beside the IOC.
        assertEquals(7 + 1 + 1, rows.size(), r.out());
        assertTrue(rows.stream().anyMatch(l -> l.contains(",indicator--a3b4c5d6-e7f8-4a9b-8c0d-1e2f3a4b5c6d,Credential dumper,")), r.out());
        assertTrue(rows.stream().anyMatch(l -> l.contains("Mimikatz") && l.contains(",1006,")), r.out());
    }

    @Test
    void withoutIocOrRulesItIsAUsageError() {
        RulesCheckCommandTest.Run r = RulesCheckCommandTest.tansa("hunt", FIXTURES.resolve("planted.jsonl").toString(), "--ioc", "no-such.json");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("tansa: hunt: no such --ioc file or directory: no-such.json"), r.err());
    }
}
