package tansa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code tansa graph} and {@code tansa logons} on the shared EVTX corpus: the movements that are
 * in it, checked by hand against the events (record numbers below), pinned.
 */
class GraphCommandTest {
    static final Path CORPUS = Path.of(System.getProperty("tansa.shared", "../../shared")).resolve("corpus/evtx");
    private static JsonNode graph;
    private static String graphText;

    @BeforeAll
    static void run() throws IOException {
        RulesCheckCommandTest.Run r = RulesCheckCommandTest.tansa("graph", "--format", "json", CORPUS.toString());
        assertEquals(0, r.code(), r.err()); // README.md and LICENSE.md beside the logs are notes, not errors
        graphText = r.out();
        graph = new ObjectMapper().readTree(r.out());
    }

    private static JsonNode edge(String source, String target, String kind) {
        for (JsonNode e : graph.get("edges")) {
            if (e.get("source").asText().equals(source) && e.get("target").asText().equals(target) && e.get("kind").asText().equals(kind)) {
                return e;
            }
        }
        throw new AssertionError("no " + kind + " edge " + source + " -> " + target);
    }

    private static List<String> evidence(JsonNode edge) {
        List<String> out = new ArrayList<>();
        for (JsonNode ev : edge.get("evidence")) {
            out.add(ev.get("event").asText() + " #" + ev.get("record_id").asLong());
        }
        return out;
    }

    private static List<String> texts(JsonNode arr) {
        List<String> out = new ArrayList<>();
        arr.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void findsPsexecFromWec01ToSrvdefender01() {
        // ID4688,4697,5140-5145 PSexec remote execution + admin share.evtx: admmig from 10.23.42.22 logs on (349321),
        // writes PSEXESVC.exe to ADMIN$ (349324), installs the PSEXESVC service (4697, 349343), opens its pipes (349347...).
        JsonNode psexec = edge("address:10.23.42.22", "host:srvdefender01", "psexec");
        assertEquals(List.of("admmig"), texts(psexec.get("accounts")));
        assertEquals("2021-04-21T09:40:32.343355Z", psexec.get("first").asText());
        assertTrue(evidence(psexec).containsAll(List.of("Security 5145 #349324", "Security 4697 #349343", "Security 5145 #349347")),
                evidence(psexec).toString());
        JsonNode service = edge("address:10.23.42.22", "host:srvdefender01", "service_install");
        assertEquals(List.of("Security 4697 #349343"), evidence(service));
        JsonNode logon = edge("address:10.23.42.22", "host:srvdefender01", "logon");
        assertEquals(List.of("3"), texts(logon.get("logon_types")));
        assertEquals("Security 4624 #349321", evidence(logon).get(0));
        edge("address:10.23.42.22", "host:srvdefender01", "admin_share");
    }

    @Test
    void findsTheSmbexecServiceOnTheDomainController() {
        // ID47x,...SAM the admin: admmhorvath from 10.23.123.11 installs BTOBTO (%COMSPEC% ... \\127.0.0.1\C$\__output), 4697
        JsonNode psexec = edge("address:10.23.123.11", "host:rootdc1", "psexec");
        assertEquals(List.of("admmhorvath"), texts(psexec.get("accounts")));
        assertTrue(evidence(psexec).stream().allMatch(s -> s.startsWith("Security 4697")), evidence(psexec).toString());
        edge("address:10.23.123.11", "host:rootdc1", "service_install");
    }

    @Test
    void joinsAnAddressToTheHostWhoseOwnSysmonEventsShowIt() {
        // fs03vuln's Sysmon 3 (initiated) has SourceIp 10.23.42.38; FS03's 4624s from 10.23.42.38 (hack1) land there.
        JsonNode fs03vuln = null;
        for (JsonNode n : graph.get("nodes")) {
            if (n.get("id").asText().equals("host:fs03vuln")) {
                fs03vuln = n;
            }
        }
        assertTrue(fs03vuln != null && texts(fs03vuln.get("addresses")).contains("10.23.42.38"), String.valueOf(fs03vuln));
        assertEquals("fs03vuln.offsec.lan", fs03vuln.get("label").asText());
        JsonNode hop = edge("host:fs03vuln", "host:fs03", "logon");
        assertEquals(List.of("hack1"), texts(hop.get("accounts")));
        assertEquals(6, hop.get("count").asInt());
    }

    @Test
    void findsRdpWmiAndPasswordGuessing() {
        assertEquals(List.of("admmig"), texts(edge("address:10.23.123.11", "host:rootdc1", "rdp").get("accounts"))); // 1149
        JsonNode wmi = edge("address:10.23.123.11", "host:srvdefender01", "wmi"); // wmiexec's __<time> files in ADMIN$
        assertTrue(wmi.get("count").asInt() >= 1);
        JsonNode guessing = edge("address:192.168.198.149", "host:desktop-m5sn04r", "logon_failed"); // smb-password-guessing
        assertEquals(3561, guessing.get("count").asInt());
    }

    @Test
    void theOutputIsTheSameOnEveryRunAndInOrder() {
        RulesCheckCommandTest.Run again = RulesCheckCommandTest.tansa("graph", "--threads", "1", "-q", CORPUS.toString());
        assertEquals(graphText, again.out());
        String previous = "";
        for (JsonNode e : graph.get("edges")) {
            String key = e.get("source").asText() + "\u0000" + e.get("target").asText() + "\u0000" + e.get("kind").asText();
            assertTrue(previous.compareTo(key) < 0, key);
            previous = key;
        }
    }

    @Test
    void logonsSummarisesThePasswordGuessingWithReasons() {
        RulesCheckCommandTest.Run r = RulesCheckCommandTest.tansa("logons", "-f", "jsonl", "-q", CORPUS.toString());
        String row = r.out().lines().filter(l -> l.startsWith("{\"account\":\"Administrator\",\"domain\":") && l.contains("\"host\":\"DESKTOP-M5SN04R\""))
                .findFirst().orElseThrow(() -> new AssertionError(r.out()));
        assertTrue(row.contains("\"logon_type\":\"3\",\"logon_type_name\":\"Network\",\"source\":\"192.168.198.149\""), row);
        assertTrue(row.contains("\"failures\":3560"), row);
        assertTrue(row.contains("\"wrong password (0xC000006A)\":3558"), row);
        RulesCheckCommandTest.Run csv = RulesCheckCommandTest.tansa("logons", "-f", "csv", "-q", CORPUS.toString());
        assertEquals(LogonsCommand.CSV_HEADER, csv.out().lines().findFirst().orElseThrow());
        assertEquals(r.out().lines().count() + 1, csv.out().lines().count());
    }

    @Test
    void logonsTableFitsTheTerminalAndEndsWithTotals(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("logons.txt");
        RulesCheckCommandTest.Run r = RulesCheckCommandTest.tansa("logons", "-o", out.toString(), "-q",
                CORPUS.resolve("DeepBlueCLI/smb-password-guessing-security.evtx").toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(out);
        assertTrue(lines.get(0).startsWith("ACCOUNT "), lines.get(0));
        assertTrue(lines.get(lines.size() - 1).matches("\\d+ rows: \\d+ successful and 3561 failed logons, \\d+ accounts, \\d+ hosts"),
                lines.get(lines.size() - 1));
    }

    @Test
    void aMissingOrDamagedFileIsOneLineAndTheRestIsRead(@TempDir Path dir) throws IOException {
        Path damaged = dir.resolve("Security.evtx");
        Files.write(damaged, new byte[4096]); // zeroed: no EVTX header
        String psexec = CORPUS.resolve("EVTX-to-MITRE-Attack/TA0008-Lateral Movement/T1021.002-SMB Windows Admin Shares/"
                + "ID4688,4697,5140-5145 PSexec remote execution + admin share.evtx").toString();
        for (String command : List.of("graph", "logons")) {
            RulesCheckCommandTest.Run r = RulesCheckCommandTest.tansa(command, dir.resolve("missing.evtx").toString(), damaged.toString(),
                    psexec, "-f", command.equals("graph") ? "json" : "jsonl");
            assertEquals(1, r.code(), r.err());
            assertTrue(r.err().contains("missing.evtx: no such file or directory"), r.err());
            assertTrue(r.err().contains("Security.evtx: offset 0: "), r.err());
            assertTrue(r.err().lines().noneMatch(l -> l.contains("Exception") || l.startsWith("\tat ")), r.err());
            assertTrue(r.out().contains("srvdefender01"), "the good file was still read: " + r.out());
        }
    }
}
