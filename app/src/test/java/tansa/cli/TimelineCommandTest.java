package tansa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code tansa timeline} on the shared EVTX corpus and on the planted IOC evidence. */
class TimelineCommandTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path SHARED = Path.of(System.getProperty("tansa.shared", "../../shared"));

    /** RFC 4180 fields of one line (no line breaks inside fields in these rows). */
    private static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        boolean q = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (q) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    sb.append('"');
                    i++;
                } else if (c == '"') {
                    q = false;
                } else {
                    sb.append(c);
                }
            } else if (c == '"') {
                q = true;
            } else if (c == ',') {
                out.add(sb.toString());
                sb.setLength(0);
            } else {
                sb.append(c);
            }
        }
        out.add(sb.toString());
        return out;
    }

    @Test
    void theCorpusTimelineHoldsKnownEventsInOrderWithTimesketchColumns() {
        Path corpus = SHARED.resolve("corpus/evtx");
        RulesCheckCommandTest.Run r = RulesCheckCommandTest.tansa("timeline", corpus.toString(), "-f", "csv", "-q", "--threads", "2");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("message,datetime,timestamp_desc,timestamp,kind,level,computer,channel,event_id,record_id,source,rule_id,user,address,fields",
                lines.get(0));
        List<List<String>> rows = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            rows.add(fields(l));
        }
        // Pinned by hand (dump of each file): source, record id, time, kind, EventID, message.
        pinned(rows, "DeepBlueCLI/smb-password-guessing-security.evtx", "2455", "2016-09-19T16:50:06.477878+00:00", "logon_failed", "4625",
                "Failed logon type 3 (network): .\\JcDfcZTc from 192.168.198.149 (6hgtmVlrrFuWtO65): 0xc0000064 (no such user)");
        pinned(rows, "DeepBlueCLI/metasploit-psexec-powershell-target-security.evtx", "13276", "2016-09-20T16:33:53.404296+00:00",
                "log_cleared", "1102", "Security log cleared by IE10WIN7\\IEUser");
        pinned(rows, "DeepBlueCLI/metasploit-psexec-powershell-target-system.evtx", "8423", "2016-09-20T16:34:04.272460+00:00",
                "log_cleared", "104", "Log System cleared by IE10WIN7\\IEUser");
        pinned(rows, "DeepBlueCLI/metasploit-psexec-powershell-target-system.evtx", "8424", "2016-09-20T16:35:46.590820+00:00",
                "service_install", "7045", "Service installed: UWdKhYTIQWWJxHfx: %COMSPEC% /b /c start /b /min powershell.exe -nop -w hidden");
        pinned(rows, "DeepBlueCLI/new-user-security.evtx", "112", "2013-10-23T16:22:39.973500+00:00", "account_change", "4720",
                "Account created: IE8Win7\\IEUser by WORKGROUP\\WIN-QALA5Q3KJ43$");
        pinned(rows, "EVTX-to-MITRE-Attack/TA0007-Discovery/T1087-Account discovery/ID1-SPN discovery (SYSMON process).evtx", "60574",
                "2021-02-01T11:13:11.195955+00:00", "process", "1",
                "Process start: setspn  -T offsec -Q */* (C:\\Windows\\System32\\setspn.exe, parent C:\\Windows\\System32\\cmd.exe, user OFFSEC\\admmig)");
        pinned(rows, "EVTX-to-MITRE-Attack/TA0001-Initial access/T1078-Valid accounts/ID1149-RDP success logins to multiple hosts.evtx",
                "99456", "2021-12-16T10:25:30.415637+00:00", "rdp", "1149", "RDP authentication succeeded: admmig from 10.23.123.11");
        // Deterministic order: time, then source, then record id.
        for (int i = 1; i < rows.size(); i++) {
            List<String> a = rows.get(i - 1);
            List<String> b = rows.get(i);
            int c = Long.compare(Long.parseLong(a.get(3)), Long.parseLong(b.get(3)));
            if (c == 0) {
                c = a.get(10).compareTo(b.get(10));
            }
            if (c == 0) {
                c = Long.compare(Long.parseLong(a.get(9)), Long.parseLong(b.get(9)));
            }
            assertTrue(c <= 0, "out of order: " + a + " before " + b);
            assertEquals("Event Recorded", b.get(2));
        }
        assertTrue(rows.size() > 5000, "key events of the corpus: " + rows.size());
    }

    private static void pinned(List<List<String>> rows, String source, String record, String datetime, String kind, String eventId,
                               String messageStart) {
        List<List<String>> hits = rows.stream().filter(r -> r.get(10).endsWith(source) && r.get(9).equals(record)).toList();
        assertEquals(1, hits.size(), source + "#" + record + ": " + hits);
        List<String> r = hits.get(0);
        assertEquals(datetime, r.get(1), source + "#" + record);
        assertEquals(kind, r.get(4), source + "#" + record);
        assertEquals(eventId, r.get(8), source + "#" + record);
        assertTrue(r.get(0).startsWith(messageStart), r.get(0));
    }

    @Test
    void detectionsAndIocHitsJoinTheKeyEventsOfTheSameRecord() throws IOException {
        Path rule = SHARED.resolve("sigma/rules/windows/process_creation/proc_creation_win_hktl_mimikatz_command_line.yml");
        RulesCheckCommandTest.Run r = RulesCheckCommandTest.tansa("timeline", HuntIocTest.FIXTURES.resolve("planted.jsonl").toString(),
                "-r", rule.toString(), "--ioc", HuntIocTest.FIXTURES.resolve("stix-bundle.json").toString(), "-f", "jsonl", "-q",
                "--from", "2026-12-01T09:00:06", "--to", "2026-12-01T09:00:07");
        assertEquals(0, r.code(), r.err());
        List<String> got = new ArrayList<>();
        for (String line : r.out().lines().toList()) {
            JsonNode o = MAPPER.readTree(line);
            assertEquals("2026-12-01T09:00:06.000000+00:00", o.get("datetime").asText());
            assertEquals(1796115606000000L, o.get("timestamp").asLong());
            assertEquals("Event Recorded", o.get("timestamp_desc").asText());
            got.add(o.get("record_id").asLong() + " " + o.get("kind").asText() + " " + o.get("level").asText() + " "
                    + o.get("message").asText().substring(0, 17));
        }
        assertEquals(List.of("1006 process null Process start: m.",
                "1006 detection high Sigma detection: ",
                "1006 ioc high IOC match: Creden"), got);
    }
}
