package tansa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tansa.traffic.SyntheticZeek;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code tansa traffic} on synthetic Zeek logs with planted signs, and on the same day without them. */
class TrafficCommandTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    static List<JsonNode> lines(String out) throws IOException {
        List<JsonNode> l = new ArrayList<>();
        for (String s : out.split("\n")) {
            if (!s.isBlank()) {
                l.add(MAPPER.readTree(s));
            }
        }
        return l;
    }

    @Test
    void findsExactlyThePlantedBeaconUploadAndTunnel() throws IOException {
        Path logs = dir.resolve("zeek");
        Files.createDirectories(logs);
        SyntheticZeek.conn(logs.resolve("conn.log"), true, 42);
        SyntheticZeek.dns(logs.resolve("dns.log"), true, 42);
        RulesCheckCommandTest.Run r = RulesCheckCommandTest.tansa("traffic", logs.toString(), "-f", "jsonl");
        assertEquals(0, r.code(), r.err());
        List<JsonNode> signs = lines(r.out());
        assertEquals(3, signs.size(), r.out());
        assertEquals("dns_tunnel evil-tunnel.net 10.1.0.31", signs.get(0).get("kind").asText() + " "
                + signs.get(0).get("domain").asText() + " " + signs.get(0).get("src").asText());
        assertEquals("beacon 10.1.0.23 185.220.101.45", signs.get(1).get("kind").asText() + " " + signs.get(1).get("src").asText()
                + " " + signs.get(1).get("dst").asText());
        assertEquals(1440, signs.get(1).at("/figures/connections").asInt());
        assertEquals("exfil 10.1.0.37 45.77.12.200", signs.get(2).get("kind").asText() + " " + signs.get(2).get("src").asText()
                + " " + signs.get(2).get("dst").asText());
        assertEquals("2026-03-02T02:13:00Z", signs.get(2).get("first").asText());
        assertEquals(2147483648L, signs.get(2).at("/figures/top_destinations/0/bytes_out").asLong());
        assertTrue(r.err().contains("3 signs from"), r.err());

        RulesCheckCommandTest.Run table = RulesCheckCommandTest.tansa("traffic", logs.toString(), "-q");
        assertEquals(4, table.out().lines().count(), table.out());
        assertTrue(table.out().contains("1440 connections, every 60.0 s"), table.out());
        assertTrue(table.out().contains("2.0 GiB sent"), table.out());
        assertEquals("", table.err());
    }

    @Test
    void theCleanDayRaisesNothingAndDeclaredRangesAreInternal() throws IOException {
        Path conn = dir.resolve("conn.log");
        SyntheticZeek.conn(conn, false, 3);
        Path dns = dir.resolve("dns.log");
        SyntheticZeek.dns(dns, false, 3);
        RulesCheckCommandTest.Run r = RulesCheckCommandTest.tansa("traffic", conn.toString(), dns.toString(), "-f", "jsonl");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.out());

        Path planted = dir.resolve("planted.log");
        SyntheticZeek.conn(planted, true, 42);
        RulesCheckCommandTest.Run in = RulesCheckCommandTest.tansa("traffic", planted.toString(), "-f", "jsonl",
                "--internal", "185.220.101.0/24", "--internal", "45.77.12.200");
        assertEquals(0, in.code(), in.err());
        assertEquals("", in.out());
    }

    @Test
    void aTruncatedLogCostsOneLineAndTheRestIsRead() throws IOException {
        Path conn = dir.resolve("conn.log");
        SyntheticZeek.conn(conn, true, 42);
        byte[] all = Files.readAllBytes(conn);
        int lastLine = new String(all, java.nio.charset.StandardCharsets.ISO_8859_1).lastIndexOf('\n', all.length - 2) + 1;
        Files.write(conn, java.util.Arrays.copyOf(all, lastLine + 30)); // the last line cut inside its fourth field
        RulesCheckCommandTest.Run r = RulesCheckCommandTest.tansa("traffic", conn.toString(), "-f", "jsonl");
        assertEquals(1, r.code(), r.err());
        assertEquals(2, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("conn.log"), r.err());
        assertEquals(2, lines(r.out()).size(), r.out());
    }

    @Test
    void aBadRangeOrScoreIsAUsageError() {
        RulesCheckCommandTest.Run r = RulesCheckCommandTest.tansa("traffic", "x", "--internal", "10.0.0.0/33");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--internal '10.0.0.0/33' is not an address range"), r.err());
        assertEquals(2, RulesCheckCommandTest.tansa("traffic", "x", "--min-score", "2").code());
    }
}
