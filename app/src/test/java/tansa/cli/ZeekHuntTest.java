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

/** SigmaHQ's Zeek rules run on Zeek logs, each on the log its logsource names (by _path). */
class ZeekHuntTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path SHARED = Path.of(System.getProperty("tansa.shared", "../../shared"));
    private static final Path RDP_RULE = SHARED.resolve("sigma/rules/network/zeek/zeek_rdp_public_listener.yml");

    @TempDir
    Path dir;

    private static List<JsonNode> detections(String out) throws IOException {
        List<JsonNode> l = new ArrayList<>();
        for (String s : out.split("\n")) {
            if (!s.isBlank()) {
                l.add(MAPPER.readTree(s));
            }
        }
        return l;
    }

    private static String tsv(String path, String fields, String types, String... rows) {
        StringBuilder sb = new StringBuilder("#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\t")
                .append(path).append("\n#fields\t").append(fields).append("\n#types\t").append(types).append('\n');
        for (String r : rows) {
            sb.append(r).append('\n');
        }
        return sb.toString();
    }

    @Test
    void aZeekRuleRunsOnlyOnTheLogItsLogsourceNames() throws IOException {
        // An RDP connection from a public address, and the same address in conn and ssh logs,
        // which lack nothing the rule reads but are not RDP.
        Files.writeString(dir.resolve("rdp.log"), tsv("rdp", "ts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p",
                "time\tstring\taddr\tport\taddr\tport",
                "1521911720.609736\tC1\t203.0.113.7\t50000\t10.164.94.120\t3389",
                "1521911721.609736\tC2\t10.164.94.5\t50001\t10.164.94.120\t3389"), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("conn.log"), tsv("conn", "ts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p",
                "time\tstring\taddr\tport\taddr\tport",
                "1521911722.609736\tC3\t203.0.113.7\t50002\t10.164.94.120\t3389"), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("x509.log"), tsv("x509", "ts\tid\tcertificate.subject", "time\tstring\tstring",
                "1521911723.609736\tF1\tCN=example"), StandardCharsets.UTF_8);
        RulesCheckCommandTest.Run r = RulesCheckCommandTest.tansa("hunt", dir.toString(), "--rules", RDP_RULE.toString(),
                "-f", "jsonl", "-q", "--no-cache");
        assertEquals(0, r.code(), r.err());
        List<JsonNode> ds = detections(r.out());
        assertEquals(1, ds.size(), "only the public RDP client, not the conn record nor the x509 record: " + r.out());
        assertEquals("2018-03-24T17:15:20.609736Z", ds.get(0).get("timestamp").asText());
        assertTrue(ds.get(0).get("source").asText().endsWith("rdp.log"), ds.get(0).toString());
    }

    @Test
    void theSharedZeekSamplesRaiseNoPublicRdpListener() throws IOException {
        // Every RDP client in the sample is a private address; before the mapping the rule fired
        // thousands of times on other logs that have no id.orig_h at all.
        RulesCheckCommandTest.Run r = RulesCheckCommandTest.tansa("hunt", SHARED.resolve("corpus/zeek").toString(), "--rules",
                RDP_RULE.toString(), "-f", "jsonl", "-q", "--no-cache");
        assertEquals(0, r.code(), r.err());
        assertEquals(0, detections(r.out()).size(), r.out().lines().limit(3).toList().toString());
    }

    @Test
    void aMappingEntryWithoutChannelMustSayWhichEventsItSelects() throws IOException {
        Path mapping = dir.resolve("m.yml");
        Files.writeString(mapping, "sources:\n  - logsource: {product: zeek, service: dns}\n");
        RulesCheckCommandTest.Run r = RulesCheckCommandTest.tansa("rules", "check", RDP_RULE.toString(), "--mapping",
                mapping.toString(), "--no-cache");
        assertTrue(r.code() != 0, r.err());
        assertTrue(r.err().contains("'channel' is required") && r.err().contains("'conditions'"), r.err());
    }
}
