package tansa.scope;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tansa.event.Event;
import tansa.reader.EvidenceReader;
import tansa.reader.ReadSummary;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The movement graph on a PsExec chain across three hosts, on clean background, and on Zeek logs. */
class MovementGraphTest {
    @TempDir
    Path dir;

    private List<Event> read(ScopeFixtures... parts) throws IOException {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            files.add(parts[i].write(dir.resolve("part" + i + ".json")));
        }
        List<Event> events = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        ReadSummary s = new EvidenceReader(2, (r, o, m) -> problems.add(m)).read(files, events::add);
        assertEquals(List.of(), problems);
        assertEquals(files.size(), s.files());
        return events;
    }

    private static Graph graph(List<Event> events) {
        MovementGraph g = new MovementGraph();
        events.forEach(g::accept);
        return g.build();
    }

    private static TreeSet<String> edges(Graph g) {
        TreeSet<String> out = new TreeSet<>();
        for (GraphEdge e : g.edges()) {
            out.add(e.source() + " -> " + e.target() + " " + e.kind() + " x" + e.count() + " " + e.accounts());
        }
        return out;
    }

    @Test
    void findsThePsexecChainAcrossThreeHostsExactly() throws IOException {
        Graph g = graph(read(ScopeFixtures.psexecChain()));
        TreeSet<String> expected = new TreeSet<>(List.of(
                "host:ws01 -> host:fs01 logon x1 [alice]",
                "host:ws01 -> host:fs01 admin_share x2 [alice]",
                "host:ws01 -> host:fs01 psexec x4 [alice]", // 5145 PSEXESVC.exe, its pipe, 4697, 7045
                "host:ws01 -> host:fs01 service_install x2 [alice]",
                "host:ws01 -> host:fs01 connection x1 [alice]",
                "host:fs01 -> host:dc01 logon x1 [alice]",
                "host:fs01 -> host:dc01 admin_share x2 [alice]",
                "host:fs01 -> host:dc01 psexec x4 [alice]",
                "host:fs01 -> host:dc01 service_install x2 [alice]",
                "host:fs01 -> host:dc01 connection x2 [alice]", // FS01 saw it leave, DC01 saw it arrive
                "account:alice -> host:fs01 account x9 [alice]",
                "account:alice -> host:dc01 account x9 [alice]"));
        // the PsExec service's child process (4688 under PSEXESVC.exe) is one more psexec event on each hop
        expected.remove("host:ws01 -> host:fs01 psexec x4 [alice]");
        expected.remove("host:fs01 -> host:dc01 psexec x4 [alice]");
        expected.remove("account:alice -> host:fs01 account x9 [alice]");
        expected.remove("account:alice -> host:dc01 account x9 [alice]");
        expected.add("host:ws01 -> host:fs01 psexec x5 [alice]");
        expected.add("host:fs01 -> host:dc01 psexec x5 [alice]");
        expected.add("account:alice -> host:fs01 account x10 [alice]");
        expected.add("account:alice -> host:dc01 account x10 [alice]");
        assertEquals(expected, edges(g));

        GraphNode fs01 = g.nodes().stream().filter(n -> n.id().equals("host:fs01")).findFirst().orElseThrow();
        assertEquals("FS01.corp.local", fs01.label());
        assertEquals(List.of("10.0.1.20"), fs01.addresses(), "FS01's own Sysmon 3 shows 10.0.1.20 as its own");
        assertEquals(List.of("account:alice", "host:dc01", "host:fs01", "host:ws01"), g.nodes().stream().map(GraphNode::id).toList());
        GraphEdge psexec = g.edges().stream().filter(e -> e.kind().equals("psexec") && e.target().equals("host:dc01")).findFirst().orElseThrow();
        assertEquals("2024-03-01T10:02:00Z", psexec.first().toString());
        assertTrue(psexec.evidence().stream().anyMatch(ev -> ev.event().equals("Security 4697")), psexec.evidence().toString());
        assertTrue(psexec.evidence().stream().anyMatch(ev -> ev.event().equals("System 7045")), psexec.evidence().toString());
    }

    @Test
    void cleanBackgroundRaisesNothing() throws IOException {
        Graph g = graph(read(ScopeFixtures.background()));
        assertEquals(List.of(), g.edges());
        assertEquals(List.of(), g.nodes());
    }

    @Test
    void theChainInBackgroundIsStillExactlyTheChain() throws IOException {
        Graph alone = graph(read(ScopeFixtures.psexecChain()));
        Graph mixed = graph(read(ScopeFixtures.background(), ScopeFixtures.psexecChain()));
        assertEquals(edges(alone), edges(mixed), "the local driver install an hour later is not attributed to alice");
    }

    @Test
    void theSameGraphWhateverTheOrderOfEvents() throws IOException {
        List<Event> events = read(ScopeFixtures.background(), ScopeFixtures.psexecChain());
        String expected = json(graph(events));
        long seed = new Random().nextLong();
        List<Event> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, new Random(seed));
        assertEquals(expected, json(graph(shuffled)), "seed " + seed);
        Collections.reverse(shuffled);
        assertEquals(expected, json(graph(shuffled)), "seed " + seed + ", reversed");
    }

    private static String json(Graph g) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GraphWriter.json(g, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void zeekNtlmJoinsAddressesToTheNamesTheHostsAnnounce() throws IOException {
        ScopeFixtures z = new ScopeFixtures()
                .zeek("ntlm", 1709287200.5, Map.of("id.orig_h", "10.0.2.5", "id.orig_p", 50000, "id.resp_h", "10.0.2.9", "id.resp_p", 445,
                        "username", "carol", "hostname", "WS05", "domainname", "CORP", "server_nb_computer_name", "FS09", "success", true))
                .zeek("rdp", 1709287300.0, Map.of("id.orig_h", "10.0.2.5", "id.orig_p", 50001, "id.resp_h", "10.0.2.9", "id.resp_p", 3389,
                        "cookie", "carol", "result", "Success"))
                .zeek("conn", 1709287400.0, Map.of("id.orig_h", "10.0.2.5", "id.orig_p", 50002, "id.resp_h", "10.0.2.9", "id.resp_p", 5985,
                        "proto", "tcp"))
                .zeek("conn", 1709287500.0, Map.of("id.orig_h", "10.0.2.5", "id.orig_p", 50003, "id.resp_h", "93.184.216.34",
                        "id.resp_p", 443, "proto", "tcp"));
        Graph g = graph(read(z));
        assertEquals(new TreeSet<>(List.of("host:ws05 -> host:fs09 logon x1 [carol]", "host:ws05 -> host:fs09 rdp x1 [carol]",
                "host:ws05 -> host:fs09 connection x1 []", "account:carol -> host:fs09 account x2 [carol]")), edges(g),
                "the connection to the internet is not a lateral movement");
        assertEquals(List.of("5985"), g.edges().stream().filter(e -> e.kind().equals("connection")).findFirst().orElseThrow().ports());
    }

    @Test
    void graphmlAndHtmlCarryTheGraphAndNoRawMarkupFromEvidence() throws IOException {
        ScopeFixtures f = ScopeFixtures.psexecChain();
        f.event("Security", 4624, "FS01.corp.local", "2024-03-01T10:05:00.000000Z", "TargetUserName", "</script><b>x</b>",
                "TargetLogonId", "0x99", "LogonType", 3, "IpAddress", "10.0.1.10", "WorkstationName", "-");
        Graph g = graph(read(f));
        StringWriter ml = new StringWriter();
        GraphWriter.graphml(g, ml);
        assertTrue(ml.toString().contains("<edge id=\"e0\" source=\"account:&lt;/script&gt;&lt;b&gt;x&lt;/b&gt;\""), ml.toString());
        ByteArrayOutputStream html = new ByteArrayOutputStream();
        GraphWriter.html(g, html);
        String page = html.toString(StandardCharsets.UTF_8);
        assertFalse(page.contains("</script><b>"), "evidence text cannot close the data script");
        assertTrue(page.contains("\\u003c/script>\\u003cb>x\\u003c/b>"), "it is there, escaped");
        assertFalse(page.contains("http://") && page.contains("src=\"http"), "no external resource");
    }
}
