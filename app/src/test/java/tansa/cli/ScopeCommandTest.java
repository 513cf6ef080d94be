package tansa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tansa.traffic.SyntheticZeek;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code tansa scope}: entities, movements and the containment plan, and firewall files that nft accepts. */
class ScopeCommandTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private static String security(int id, String computer, int record, String time, String data) {
        return "{\"Event\":{\"System\":{\"Provider\":{\"#attributes\":{\"Name\":\"Microsoft-Windows-Security-Auditing\"}},\"EventID\":" + id
                + ",\"Channel\":\"Security\",\"Computer\":\"" + computer + "\",\"EventRecordID\":" + record
                + ",\"TimeCreated\":{\"#attributes\":{\"SystemTime\":\"" + time + "\"}}},\"EventData\":{" + data + "}}}\n";
    }

    private Path rules() throws IOException {
        Path r = dir.resolve("rules");
        Files.createDirectories(r);
        Files.writeString(r.resolve("logon.yml"), "title: Test Network Logon\nid: 00000000-0000-4000-8000-000000000001\nlevel: high\n"
                + "logsource: {product: windows, service: security}\n"
                + "detection:\n  sel:\n    EventID: 4624\n    LogonType: 3\n  condition: sel\n");
        Files.writeString(r.resolve("ticket.yml"), "title: Test Forged Ticket\nid: 00000000-0000-4000-8000-000000000002\nlevel: critical\n"
                + "tags: [attack.credential_access, attack.t1558.001]\nlogsource: {product: windows, service: security}\n"
                + "detection:\n  sel:\n    EventID: 4769\n    TicketEncryptionType: '0x17'\n  condition: sel\n");
        Files.writeString(r.resolve("created.yml"), "title: Test User Created\nid: 00000000-0000-4000-8000-000000000003\nlevel: medium\n"
                + "logsource: {product: windows, service: security}\n"
                + "detection:\n  sel:\n    EventID: 4720\n  condition: sel\n");
        return r;
    }

    /** A chain WS01 → WS02 → SRV01 by network logons of alice, a forged ticket and a backdoor account on DC01. */
    private Path events() throws IOException {
        Path ev = dir.resolve("events.json");
        Files.writeString(ev,
                security(4624, "WS02.corp.example", 1, "2026-03-02T09:00:00.000000Z", "\"LogonType\":3,\"TargetUserName\":\"alice\","
                        + "\"TargetDomainName\":\"CORP\",\"IpAddress\":\"10.1.0.21\",\"WorkstationName\":\"WS01\"")
                        + security(4624, "SRV01.corp.example", 2, "2026-03-02T09:10:00.000000Z", "\"LogonType\":3,\"TargetUserName\":"
                        + "\"alice\",\"TargetDomainName\":\"CORP\",\"IpAddress\":\"10.1.0.22\",\"WorkstationName\":\"WS02\"")
                        + security(4624, "SRV01.corp.example", 3, "2026-03-02T09:11:00.000000Z", "\"LogonType\":2,\"TargetUserName\":"
                        + "\"bob\",\"IpAddress\":\"-\"")
                        + security(4769, "DC01.corp.example", 4, "2026-03-02T09:20:00.000000Z", "\"TargetUserName\":\"alice@CORP\","
                        + "\"ServiceName\":\"krbtgt\",\"TicketEncryptionType\":\"0x17\",\"IpAddress\":\"::ffff:10.1.0.22\"")
                        + security(4720, "DC01.corp.example", 5, "2026-03-02T09:30:00.000000Z", "\"TargetUserName\":\"backdoor\","
                        + "\"TargetDomainName\":\"CORP\",\"SubjectUserName\":\"alice\",\"SubjectDomainName\":\"CORP\""),
                StandardCharsets.UTF_8);
        return ev;
    }

    private static List<String> targets(JsonNode actions, String action) {
        List<String> out = new ArrayList<>();
        for (JsonNode a : actions) {
            if (a.get("action").asText().equals(action)) {
                out.add(a.get("target").asText());
            }
        }
        return out;
    }

    @Test
    void scopesTheChainAndCallsOutTheKrbtgtReset() throws IOException {
        RulesCheckCommandTest.Run r = RulesCheckCommandTest.tansa("scope", events().toString(), "-r", rules().toString(), "-f", "json",
                "--no-cache");
        assertEquals(0, r.code(), r.err());
        JsonNode s = MAPPER.readTree(r.out());
        List<String> hosts = new ArrayList<>();
        s.get("hosts").forEach(h -> hosts.add(h.get("name").asText()));
        assertEquals(List.of("DC01.corp.example", "SRV01.corp.example", "WS02.corp.example"), hosts);
        JsonNode ws02 = s.get("hosts").get(2);
        assertEquals("[\"10.1.0.22\"]", ws02.get("addresses").toString(), "joined by the WorkstationName of the logon it made");
        assertEquals("2026-03-02T09:00:00Z", ws02.get("first").asText());
        List<String> moves = new ArrayList<>();
        s.get("movements").forEach(m -> moves.add(m.get("from").asText() + ">" + m.get("to").asText() + " " + m.get("accounts")));
        assertEquals(List.of("10.1.0.21>WS02.corp.example [\"alice\"]", "10.1.0.22>SRV01.corp.example [\"alice\"]",
                "10.1.0.22>DC01.corp.example [\"alice\"]"), moves);
        JsonNode plan = s.get("plan");
        assertEquals(List.of("krbtgt"), targets(plan.get("accounts"), "reset_krbtgt"));
        assertTrue(plan.get("accounts").get(0).get("why").get(0).asText().startsWith("Test Forged Ticket [critical] on DC01"),
                plan.get("accounts").toString());
        assertEquals(List.of("CORP\\backdoor"), targets(plan.get("accounts"), "disable_account"));
        assertEquals(List.of("CORP\\alice"), targets(plan.get("accounts"), "reset_account"));
        assertEquals(List.of("DC01.corp.example", "SRV01.corp.example", "WS02.corp.example", "10.1.0.21"),
                targets(plan.get("isolate"), "isolate_host"));
        assertFalse(r.out().contains("bob"), "an interactive logon matches no rule: bob is not in scope");
    }

    @Test
    void trafficSignsAndIndicatorsBecomeFirewallRulesThatNftAccepts() throws IOException, InterruptedException {
        Path conn = dir.resolve("conn.log");
        SyntheticZeek.conn(conn, true, 42);
        Path dns = dir.resolve("dns.log");
        SyntheticZeek.dns(dns, true, 42);
        Path segments = dir.resolve("segments.yml");
        Files.writeString(segments, "segments:\n  - name: office\n    cidrs: [10.1.0.0/24]\n    criticality: medium\n"
                + "  - name: servers\n    cidr: 10.2.0.0/24\n    criticality: critical\n");
        Path ioc = dir.resolve("ioc.txt");
        Files.writeString(ioc, "# from the CERT\n45.77.12.200\nbad[.]example.org\n2001:db8:bad::/48\nd41d8cd98f00b204e9800998ecf8427e\n");
        Path nft = dir.resolve("plan.nft");
        Path rules = dir.resolve("plan.rules");
        RulesCheckCommandTest.Run r = RulesCheckCommandTest.tansa("scope", conn.toString(), dns.toString(), "--segments",
                segments.toString(), "--ioc", ioc.toString(), "--nftables", nft.toString(), "--suricata", rules.toString(), "-f", "json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("ioc.txt: 1 of 4 indicators name no address or domain (hashes, URLs, file names)"), r.err());
        JsonNode plan = MAPPER.readTree(r.out()).get("plan");
        assertEquals(List.of("office"), targets(plan.get("isolate"), "isolate_segment"));
        assertEquals(List.of(SyntheticZeek.BEACON_SRC, SyntheticZeek.TUNNEL_SRC, SyntheticZeek.EXFIL_SRC),
                targets(plan.get("isolate"), "isolate_host"));
        assertEquals(List.of("2001:db8:bad::/48", "bad.example.org", SyntheticZeek.TUNNEL_DOMAIN, SyntheticZeek.BEACON_DST,
                SyntheticZeek.EXFIL_DST), targets(plan.get("block"), "block"));

        String script = Files.readString(nft);
        assertTrue(script.contains("185.220.101.45") && script.contains("2001:db8:bad::/48") && script.contains("10.1.0.0/24"), script);
        assertEquals("", nftCheck(nft), script);

        String suricata = Files.readString(rules);
        assertTrue(suricata.contains("drop dns any any -> any any (msg:\"tansa containment: dns evil-tunnel.net"), suricata);
        assertTrue(suricata.contains("dns.query; dotprefix; content:\".evil-tunnel.net\"; endswith; nocase; sid:"), suricata);
        assertTrue(suricata.contains("drop ip any any -> 45.77.12.200 any ("), suricata);
        assertEquals(suricata.lines().filter(l -> l.startsWith("drop ")).count(),
                suricata.lines().filter(l -> l.startsWith("drop ")).map(l -> l.replaceAll(".*sid:(\\d+);.*", "$1")).distinct().count());
    }

    @Test
    void hostileNamesCannotBreakTheFirewallFilesOrTheReport() throws IOException, InterruptedException {
        Path ev = dir.resolve("events.json");
        Files.writeString(ev, security(4624, "EVIL\\\"; flush ruleset; #|`x`\\n## Owned", 1, "2026-03-02T09:00:00.000000Z",
                "\"LogonType\":3,\"TargetUserName\":\"a|b`c\",\"IpAddress\":\"10.9.9.9\""), StandardCharsets.UTF_8);
        Path nft = dir.resolve("plan.nft");
        RulesCheckCommandTest.Run r = RulesCheckCommandTest.tansa("scope", ev.toString(), "-r", rules().toString(), "--no-cache",
                "--nftables", nft.toString());
        assertEquals(0, r.code(), r.err());
        assertFalse(r.out().contains("\n## Owned"), r.out());
        String script = Files.readString(nft);
        assertFalse(script.contains("flush ruleset;"), script);
        assertEquals("", nftCheck(nft), script);
    }

    /**
     * Runs Debian's {@code nft --check -f FILE} (parses and validates the whole transaction in the
     * kernel without committing it); "" when it passes, else its output. It needs CAP_NET_ADMIN:
     * as root directly, otherwise inside a user and network namespace of its own ({@code unshare -rn}).
     */
    static String nftCheck(Path file) throws IOException, InterruptedException {
        String out = run("nft", "--check", "-f", file.toString());
        if (out != null && out.contains("Operation not permitted")) {
            out = run("unshare", "-rn", "nft", "--check", "-f", file.toString());
        }
        return out == null ? "" : out;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return p.waitFor() == 0 ? null : "exit " + p.exitValue() + ": " + out;
    }

    @Test
    void aStixBundlesAddressesRangesAndDomainsAreBlockedAndItsBadPatternsReported() throws IOException {
        Path conn = dir.resolve("conn.log");
        SyntheticZeek.conn(conn, false, 7);
        Path stix = Path.of("../engine/src/test/resources/tansa/ioc/stix-bundle.json");
        RulesCheckCommandTest.Run r = RulesCheckCommandTest.tansa("scope", conn.toString(), "--ioc", stix.toString(), "-f", "json");
        JsonNode plan = MAPPER.readTree(r.out()).get("plan");
        List<String> blocked = targets(plan.get("block"), "block");
        for (String v : List.of("198.51.100.23", "203.0.113.0/25", "2001:db8:bad::/48", "staging-cdn.example.net",
                "update-check.example.com")) {
            assertTrue(blocked.contains(v), v + " in " + blocked);
        }
        assertTrue(r.err().contains("stix-bundle.json"), "the bundle's unparseable patterns are reported: " + r.err());
    }

    @Test
    void aBadSegmentsFileIsAUsageErrorNamingIt() throws IOException {
        Path segments = dir.resolve("segments.yml");
        Files.writeString(segments, "segments:\n  - name: office\n    cidrs: [10.1.0.0/33]\n");
        RulesCheckCommandTest.Run r = RulesCheckCommandTest.tansa("scope", dir.toString(), "--segments", segments.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("segments.yml: segments[0] (office): '10.1.0.0/33' is not an address range"), r.err());
    }
}
