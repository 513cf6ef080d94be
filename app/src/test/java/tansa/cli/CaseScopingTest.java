package tansa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tansa.casefile.CaseArtifacts;
import tansa.casefile.CaseStore;
import tansa.casefile.LocalPostgres;
import tansa.traffic.SyntheticZeek;

/**
 * The scoping commands (timeline, logons, graph, traffic, scope) on a case (issue 12 item 1): for the
 * EVTX corpus with the SigmaHQ rules, the shared Zeek sample and a Zeek conn/dns log with planted
 * beacons, each command's whole output from {@code --case} equals its output from the evidence, in
 * each format; {@code --store} keeps the result in the case; a wrong mix of evidence and case is one
 * line and exit 2.
 *
 * <p>The evidence is given as absolute, normalised paths: ingest stores each event's source file that
 * way, so a run over relative paths names the same files differently (the only field that differs).
 */
class CaseScopingTest {
    private static final Path SHARED = Path.of(System.getProperty("tansa.shared", "../../shared")).toAbsolutePath().normalize();
    private static final String RULES = SHARED.resolve("sigma/rules").toString();

    @TempDir
    static Path tmp;
    private static String caseDir;
    private static String[] evidence;

    @BeforeAll
    static void ingest() throws Exception {
        Path net = Files.createDirectories(tmp.resolve("net"));
        SyntheticZeek.conn(net.resolve("conn.log"), true, 42);
        SyntheticZeek.dns(net.resolve("dns.log"), true, 42);
        evidence = new String[] {SHARED.resolve("corpus/evtx").toString(), SHARED.resolve("corpus/zeek").toString(), net.toString()};
        caseDir = tmp.resolve("case").toString();
        assertEquals(0, tansa("case", "init", caseDir, "-q").code());
        List<String> args = new ArrayList<>(List.of("ingest", "--case", caseDir, "-q", "-r", RULES));
        args.addAll(List.of(evidence));
        InvestigateCommandTest.Run r = tansa(args.toArray(new String[0]));
        assertTrue(r.code() == 0 || r.code() == 1, r.err());
    }

    static InvestigateCommandTest.Run tansa(String... args) {
        return InvestigateCommandTest.tansa(args);
    }

    /** The command over the evidence, then over the case: the same exit code and the same output. */
    private static String same(List<String> command, List<String> evidenceOnly) {
        List<String> ev = new ArrayList<>(command);
        ev.addAll(evidenceOnly);
        ev.addAll(List.of(evidence));
        InvestigateCommandTest.Run fromEvidence = tansa(ev.toArray(new String[0]));
        List<String> cs = new ArrayList<>(command);
        cs.addAll(List.of("--case", caseDir));
        InvestigateCommandTest.Run fromCase = tansa(cs.toArray(new String[0]));
        assertEquals(fromEvidence.code(), fromCase.code(), fromCase.err());
        assertEquals(fromEvidence.out(), fromCase.out(), String.join(" ", command));
        return fromCase.out();
    }

    @Test
    void timelineFromTheCaseEqualsTheTimelineFromTheEvidenceWithTheSameRules() {
        // from the evidence the rules run again; from the case, the detections ingest stored stand in
        String jsonl = same(List.of("timeline", "-q", "-f", "jsonl"), List.of("-r", RULES));
        assertTrue(jsonl.lines().count() > 10_000, "key events and detections");
        assertTrue(jsonl.lines().filter(l -> l.contains("\"kind\":\"detection\"")).count() > 5_000, "the stored detections are in it");
        same(List.of("timeline", "-q", "-f", "csv"), List.of("-r", RULES));
    }

    @Test
    void timelineOnACaseWithRulesHuntsTheStoredEvents() {
        InvestigateCommandTest.Run stored = tansa("timeline", "-q", "-f", "jsonl", "--case", caseDir);
        InvestigateCommandTest.Run hunted = tansa("timeline", "-q", "-f", "jsonl", "--case", caseDir, "-r", RULES);
        assertEquals(0, hunted.code(), hunted.err());
        assertEquals(stored.out(), hunted.out());
    }

    @Test
    void logonsFromTheCaseEqualTheLogonsFromTheEvidence() {
        assertTrue(same(List.of("logons", "-q", "-f", "jsonl"), List.of()).lines().count() > 100);
        same(List.of("logons", "-q", "-f", "csv"), List.of());
        same(List.of("logons", "-q", "-f", "table", "--from", "2019-01-01"), List.of());
    }

    @Test
    void graphFromTheCaseEqualsTheGraphFromTheEvidence() {
        String json = same(List.of("graph", "-q", "-f", "json"), List.of());
        assertTrue(json.contains("\"kind\":\"psexec\"") || json.length() > 50_000, "a graph with movements");
        same(List.of("graph", "-q", "-f", "graphml"), List.of());
    }

    @Test
    void trafficFromTheCaseEqualsTheTrafficFromTheEvidence() {
        String jsonl = same(List.of("traffic", "-q", "-f", "jsonl"), List.of());
        assertTrue(jsonl.contains(SyntheticZeek.BEACON_DST) && jsonl.contains(SyntheticZeek.TUNNEL_DOMAIN), jsonl);
        same(List.of("traffic", "-q", "-f", "table"), List.of());
    }

    @Test
    void scopeFromTheCaseEqualsTheScopeFromTheEvidenceWithTheSameRules() throws Exception {
        Path ev = tmp.resolve("ev.nft");
        Path cs = tmp.resolve("case.nft");
        List<String> evArgs = new ArrayList<>(List.of("scope", "-q", "-f", "json", "-r", RULES, "--nftables", ev.toString()));
        evArgs.addAll(List.of(evidence));
        InvestigateCommandTest.Run fromEvidence = tansa(evArgs.toArray(new String[0]));
        InvestigateCommandTest.Run fromCase = tansa("scope", "-q", "-f", "json", "--case", caseDir, "--nftables", cs.toString());
        assertEquals(fromEvidence.code(), fromCase.code(), fromCase.err());
        assertEquals(fromEvidence.out(), fromCase.out());
        assertTrue(fromCase.out().contains(SyntheticZeek.BEACON_DST), "the planted beacon's destination is to be blocked");
        assertTrue(fromCase.out().contains("\"accounts\""), fromCase.out().substring(0, 500));
        // the plan's header names where it came from: the evidence paths, or the case
        assertEquals(withoutHeader(Files.readString(ev)), withoutHeader(Files.readString(cs)));
        same(List.of("scope", "-q", "-f", "md"), List.of("-r", RULES));
    }

    private static String withoutHeader(String nft) {
        return nft.replaceAll("generated by tansa scope from [^\n]*", "generated by tansa scope");
    }

    @Test
    void storeKeepsEachResultInTheCaseUnderTheCommandsName() throws Exception {
        Path c = tmp.resolve("stored");
        assertEquals(0, tansa("case", "init", c.toString(), "-q").code());
        Path zeek = tmp.resolve("net");
        assertEquals(0, tansa("ingest", "--case", c.toString(), "-q", zeek.toString()).code());
        InvestigateCommandTest.Run scope = tansa("scope", "--case", c.toString(), "--store", "-q", "-f", "json",
                "--graph", tmp.resolve("stored-graph.json").toString());
        assertEquals(0, scope.code(), scope.err());
        InvestigateCommandTest.Run traffic = tansa("traffic", "--case", c.toString(), "--store", "-q", "-f", "table");
        assertEquals(0, traffic.code(), traffic.err());
        InvestigateCommandTest.Run logons = tansa("logons", "--case", c.toString(), "--store", "-q");
        InvestigateCommandTest.Run timeline = tansa("timeline", "--case", c.toString(), "--store", "-q", "-f", "jsonl");
        InvestigateCommandTest.Run graph = tansa("graph", "--case", c.toString(), "--store", "-q", "-f", "html");
        assertEquals(0, logons.code() + timeline.code() + graph.code(), logons.err() + timeline.err() + graph.err());
        try (CaseStore store = CaseStore.open(c)) {
            CaseArtifacts a = new CaseArtifacts(store);
            assertEquals(scope.out(), a.get("scope"), "the scope as -f json prints it");
            assertEquals(Files.readString(tmp.resolve("stored-graph.json")), a.get("graph"), "the graph as JSON, whatever -f printed");
            assertEquals(timeline.out(), a.get("timeline"));
            assertEquals(tansa("traffic", "--case", c.toString(), "-q", "-f", "jsonl").out(), a.get("traffic"), "signs as JSONL");
            assertEquals(tansa("logons", "--case", c.toString(), "-q", "-f", "jsonl").out(), a.get("logons"), "rows as JSONL");
            assertTrue(a.get("traffic").contains(SyntheticZeek.EXFIL_DST));
        }
        InvestigateCommandTest.Run audit = tansa("audit", "verify", "--case", c.toString());
        assertEquals(0, audit.code(), audit.err() + audit.out());
    }

    @Test
    void aWrongMixOfEvidenceAndCaseIsOneLineAndExitTwo() {
        String missing = tmp.resolve("no-such-case").toString();
        String ev = evidence[2];
        for (String command : List.of("timeline", "logons", "graph", "traffic", "scope")) {
            InvestigateCommandTest.Run both = tansa(command, ev, "--case", caseDir);
            assertEquals(2, both.code(), both.err());
            assertEquals("tansa: " + command + ": give the evidence or a case (--case DIR, --db URL), not both: a case's events are "
                    + "its evidence, ingested; see 'tansa " + command + " --help'", both.err().strip());
            InvestigateCommandTest.Run none = tansa(command, "-q");
            assertEquals(2, none.code(), none.err());
            assertEquals(1, none.err().strip().lines().count(), none.err());
            assertTrue(none.err().contains("give the evidence (files or directories) or a case"), none.err());
            InvestigateCommandTest.Run absent = tansa(command, "--case", missing);
            assertEquals(2, absent.code(), absent.err());
            assertEquals("tansa: " + command + ": " + missing + " is not a case (no case.duckdb): create it with 'tansa case init DIR' "
                    + "and 'tansa ingest --case DIR EVIDENCE'; see 'tansa " + command + " --help'", absent.err().strip());
            InvestigateCommandTest.Run store = tansa(command, ev, "--store");
            assertEquals(2, store.code(), store.err());
            assertEquals(1, store.err().strip().lines().count(), store.err());
            assertTrue(store.err().contains("--store stores the result in a case"), store.err());
        }
    }

    @Test
    void scopeOnACaseInPostgresqlEqualsTheScopeFromTheEvidence() throws Exception {
        String db = LocalPostgres.shared().newDatabase();
        assertEquals(0, tansa("case", "init", "--db", db, "--name", "pg", "-q").code());
        String deepBlue = SHARED.resolve("corpus/evtx/DeepBlueCLI").toString();
        String net = evidence[2];
        InvestigateCommandTest.Run ingest = tansa("ingest", "--db", db, "-q", "-r", RULES, deepBlue, net);
        assertTrue(ingest.code() == 0 || ingest.code() == 1, ingest.err());
        InvestigateCommandTest.Run fromEvidence = tansa("scope", "-q", "-f", "json", "-r", RULES, deepBlue, net);
        InvestigateCommandTest.Run fromCase = tansa("scope", "-q", "-f", "json", "--db", db, "--store");
        assertEquals(fromEvidence.code(), fromCase.code(), fromCase.err());
        assertEquals(fromEvidence.out(), fromCase.out());
        assertTrue(fromCase.out().contains("\"hosts\""), fromCase.out());
        InvestigateCommandTest.Run timeline = tansa("timeline", "-q", "-f", "jsonl", "-r", RULES, deepBlue, net);
        assertEquals(timeline.out(), tansa("timeline", "-q", "-f", "jsonl", "--db", db, "--case-id", "pg").out());
    }
}
