package tansa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SigmaHQ's Linux builtin, DNS and firewall rules run on syslog, Suricata EVE and Zeek records
 * through the log-source mapping, and only on the records their logsource names.
 */
class LinuxNetworkHuntTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path SHARED = Path.of(System.getProperty("tansa.shared", "../../shared"));
    private static final Path RULES = SHARED.resolve("sigma/rules");

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

    private RulesCheckCommandTest.Run hunt(Path evidence, Path... rules) {
        List<String> args = new ArrayList<>(List.of("hunt", evidence.toString()));
        for (Path r : rules) {
            args.add("--rules");
            args.add(r.toString());
        }
        args.addAll(List.of("-f", "jsonl", "-q", "--no-cache"));
        return RulesCheckCommandTest.tansa(args.toArray(new String[0]));
    }

    @Test
    void theSshdRuleFiresOnTheBadLineOnlyAndTheBuiltinRulesStayQuietOnCleanAuthLines() throws IOException {
        Path log = dir.resolve("auth.log");
        Files.writeString(log, String.join("\n",
                "Mar  1 10:00:00 web1 sshd[1234]: Accepted password for alice from 203.0.113.5 port 51234 ssh2",
                "Mar  1 10:00:05 web1 sshd[1235]: Failed password for invalid user bob from 198.51.100.7 port 40022 ssh2",
                "Mar  1 10:00:07 web1 sshd[1236]: Disconnected from invalid user bob 198.51.100.7 port 40022 [preauth]",
                "Mar  1 10:01:00 web1 sudo:    alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/apt update",
                "Mar  1 10:01:00 web1 sudo: pam_unix(sudo:session): session opened for user root(uid=0) by alice(uid=1000)",
                "Mar  1 10:02:00 web1 systemd-logind[600]: New session 4 of user alice.",
                "Mar  1 10:03:00 web1 sshd[1240]: error: Corrupted MAC on input. [preauth]",
                // the same words from another program: the sshd rule is for sshd's lines
                "Mar  1 10:04:00 web1 myapp[77]: test vector: Corrupted MAC on input",
                ""), StandardCharsets.UTF_8);
        Files.setLastModifiedTime(log, FileTime.from(Instant.parse("2024-06-01T00:00:00Z")));
        RulesCheckCommandTest.Run r = hunt(log, RULES.resolve("linux/builtin/sshd"));
        assertEquals(0, r.code(), r.err());
        List<JsonNode> ds = detections(r.out());
        assertEquals(1, ds.size(), r.out());
        assertEquals("e76b413a-83d0-4b94-8e4c-85db4a5b8bdc", ds.get(0).get("rule_id").asText());
        assertEquals("2024-03-01T10:03:00Z", ds.get(0).get("timestamp").asText().replace(".000000", ""));
        assertEquals("web1", ds.get(0).get("computer").asText());
        assertEquals(7, ds.get(0).get("record_id").asInt());
        // every Linux builtin rule over the clean lines (all but the last two): nothing
        Path clean = dir.resolve("clean.log");
        Files.writeString(clean, String.join("\n", Files.readAllLines(log).subList(0, 6)) + "\n");
        RulesCheckCommandTest.Run all = hunt(clean, RULES.resolve("linux/builtin"));
        assertEquals(0, all.code(), all.err());
        assertEquals(List.of(), detections(all.out()));
    }

    @Test
    void aPrivilegedUserCreationFiresOnTheProductWideRule() throws IOException {
        Path log = dir.resolve("secure");
        Files.writeString(log, "2024-03-01T10:00:00.000000+00:00 db2 useradd[1337]: new user: name=john, UID=0, GID=0, "
                + "home=/home/john, shell=/bin/bash\n2024-03-01T10:00:01.000000+00:00 db2 useradd[1338]: new user: name=mary, "
                + "UID=1001, GID=1001, home=/home/mary, shell=/bin/bash\n", StandardCharsets.UTF_8);
        RulesCheckCommandTest.Run r = hunt(log, RULES.resolve("linux/builtin/lnx_privileged_user_creation.yml"));
        assertEquals(0, r.code(), r.err());
        List<JsonNode> ds = detections(r.out());
        assertEquals(1, ds.size(), r.out());
        assertEquals(1, ds.get(0).get("record_id").asInt());
    }

    @Test
    void dnsRulesFireOnZeekAndSuricataDnsRecordsAndNothingElse() throws IOException {
        Path zeek = dir.resolve("dns.log");
        Files.writeString(zeek, "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tdns\n"
                + "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tquery\tqtype_name\tanswers\n"
                + "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tstring\tvector[string]\n"
                + "1709287200.000000\tC1\t10.0.0.12\t53122\t10.0.0.2\t53\tudp\tapi.telegram.org\tA\t149.154.167.220\n"
                + "1709287201.000000\tC2\t10.0.0.12\t53123\t10.0.0.2\t53\tudp\twww.example.com\tA\t93.184.216.34\n"
                + "1709287202.000000\tC3\t10.0.0.12\t53124\t10.0.0.2\t53\tudp\tcfg.example.org\tTXT\tcmd.exe /c whoami,v=spf1\n",
                StandardCharsets.UTF_8);
        Path eve = dir.resolve("eve.json");
        Files.writeString(eve, "{\"timestamp\":\"2024-03-01T10:00:03.000000+0000\",\"flow_id\":7,\"event_type\":\"dns\","
                + "\"src_ip\":\"10.0.0.12\",\"src_port\":53125,\"dest_ip\":\"10.0.0.2\",\"dest_port\":53,\"proto\":\"UDP\","
                + "\"dns\":{\"type\":\"query\",\"id\":1,\"rrname\":\"api.telegram.org\",\"rrtype\":\"A\",\"tx_id\":0,\"opcode\":0}}\n"
                // an HTTP request for the same name is not a DNS record
                + "{\"timestamp\":\"2024-03-01T10:00:04.000000+0000\",\"flow_id\":8,\"event_type\":\"http\",\"src_ip\":\"10.0.0.12\","
                + "\"src_port\":50000,\"dest_ip\":\"149.154.167.220\",\"dest_port\":80,\"proto\":\"TCP\",\"http\":{\"hostname\":"
                + "\"api.telegram.org\",\"url\":\"/\",\"http_method\":\"GET\",\"protocol\":\"HTTP/1.1\",\"query\":\"api.telegram.org\"}}\n",
                StandardCharsets.UTF_8);
        RulesCheckCommandTest.Run r = hunt(dir, RULES.resolve("network/dns"));
        assertEquals(0, r.code(), r.err());
        List<String> got = new ArrayList<>();
        for (JsonNode d : detections(r.out())) {
            got.add(d.get("timestamp").asText() + " " + d.get("rule_title").asText() + " " + Path.of(d.get("source").asText()).getFileName());
        }
        assertEquals(List.of("2024-03-01T10:00:00Z Telegram Bot API Request dns.log",
                "2024-03-01T10:00:02Z DNS TXT Answer with Possible Execution Strings dns.log",
                "2024-03-01T10:00:03Z Telegram Bot API Request eve.json"), got, r.out());
    }

    @Test
    void theFirewallRuleFiresOnAnAllowedCleartextPortInANetfilterLine() throws IOException {
        Path log = dir.resolve("kern.log");
        Files.writeString(log, String.join("\n",
                "Mar  1 10:00:00 gw kernel: [ 1.000] [UFW ALLOW] IN=eth0 OUT= SRC=203.0.113.9 DST=10.0.0.5 PROTO=TCP SPT=51515 DPT=23 SYN",
                "Mar  1 10:00:01 gw kernel: [ 2.000] [UFW BLOCK] IN=eth0 OUT= SRC=203.0.113.9 DST=10.0.0.5 PROTO=TCP SPT=51516 DPT=23 SYN",
                "Mar  1 10:00:02 gw kernel: [ 3.000] [UFW ALLOW] IN=eth0 OUT= SRC=203.0.113.9 DST=10.0.0.5 PROTO=TCP SPT=51517 DPT=443 SYN",
                ""), StandardCharsets.UTF_8);
        Files.setLastModifiedTime(log, FileTime.from(Instant.parse("2024-06-01T00:00:00Z")));
        RulesCheckCommandTest.Run r = hunt(log, RULES.resolve("network/firewall"));
        assertEquals(0, r.code(), r.err());
        List<JsonNode> ds = detections(r.out());
        assertEquals(1, ds.size(), r.out());
        assertEquals(1, ds.get(0).get("record_id").asInt());
    }

    @Test
    void aHuntWithRulesForOtherLogsSaysNoEventIsUnderTheirLogSources() throws IOException {
        Path log = dir.resolve("auth.log");
        Files.writeString(log, "Mar  1 10:00:00 web1 sshd[1234]: Accepted password for alice from 203.0.113.5 port 51234 ssh2\n",
                StandardCharsets.UTF_8);
        RulesCheckCommandTest.Run zeekRules = RulesCheckCommandTest.tansa("hunt", log.toString(), "--rules",
                RULES.resolve("network/zeek").toString(), "--no-cache", "--year", "2024");
        assertEquals(0, zeekRules.code(), zeekRules.err());
        assertTrue(zeekRules.err().contains("no event matched any rule's log source (1 events)"), zeekRules.err());
        RulesCheckCommandTest.Run sshdRules = RulesCheckCommandTest.tansa("hunt", log.toString(), "--rules",
                RULES.resolve("linux/builtin/sshd").toString(), "--no-cache", "--year", "2024");
        assertTrue(sshdRules.err().contains("1 events read, some under the rules' log sources, but none matched"), sshdRules.err());
    }

    @Test
    void rulesOfOtherProductsDoNotRunOnSuricataRecords() throws IOException {
        // The Cisco AAA rule looks for the keyword 'aaa' anywhere; before the reader knew the
        // product it fired on this Cobalt Strike staging query.
        Path eve = dir.resolve("eve.json");
        Files.writeString(eve, "{\"timestamp\":\"2024-03-01T10:00:00.123456+0000\",\"event_type\":\"dns\",\"src_ip\":\"10.0.0.12\","
                + "\"dest_ip\":\"10.0.0.2\",\"dns\":{\"type\":\"query\",\"rrname\":\"aaa.stage.123456.evil.example\",\"rrtype\":\"A\"}}\n",
                StandardCharsets.UTF_8);
        RulesCheckCommandTest.Run r = hunt(eve, RULES.resolve("network/cisco"), RULES.resolve("network/dns"));
        assertEquals(0, r.code(), r.err());
        List<JsonNode> ds = detections(r.out());
        assertEquals(1, ds.size(), r.out());
        assertTrue(ds.get(0).get("rule_title").asText().contains("Cobalt Strike"), r.out());
    }
}
