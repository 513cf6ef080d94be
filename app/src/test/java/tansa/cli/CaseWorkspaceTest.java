package tansa.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The case workspace through the real CLI on the shared corpus and the SigmaHQ Windows rules:
 * counts against dump and hunt, re-runs, SIGKILL in the middle of an ingest run in its own JVM,
 * a case in use, and evidence verify.
 */
class CaseWorkspaceTest {
    private static final Path SHARED = Path.of(System.getProperty("tansa.shared", "../../shared"));
    private static final Path CORPUS = SHARED.resolve("corpus/evtx");
    private static final Path RULES = SHARED.resolve("sigma/rules/windows");

    @TempDir
    static Path tmp;

    /** The corpus ingested once, cleanly, with the rules: what every other run must equal. */
    private static Path clean;
    private static long wallMillis;

    record Run(int code, String out, String err) {
    }

    static Run tansa(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(out, err, args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void ingestTheCorpusOnce() {
        clean = tmp.resolve("clean");
        assertEquals(0, tansa("case", "init", clean.toString(), "-q").code());
        long t0 = System.nanoTime();
        Run r = tansa("ingest", "--case", clean.toString(), "-q", "-r", RULES.toString(), CORPUS.toString(), "-f", "json");
        wallMillis = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void ingestStoresEveryEventDumpCountsAndEveryDetectionHuntFinds() {
        Run dump = tansa("dump", "--count", CORPUS.toString());
        String[] last = dump.out().strip().split("\n");
        long dumped = Long.parseLong(last[last.length - 1].split("\t")[0]);
        Run hunt = tansa("hunt", "-q", "-f", "jsonl", "-r", RULES.toString(), CORPUS.toString());
        long hunted = hunt.out().lines().count();
        Run stats = tansa("case", "stats", "--case", clean.toString(), "-f", "json");
        assertEquals(0, stats.code(), stats.err());
        assertTrue(stats.out().startsWith("{\"evidence\": "), stats.out());
        assertTrue(stats.out().contains("\"events\": " + dumped + ","), stats.out() + " vs dump " + dumped);
        assertTrue(stats.out().contains("\"detections\": " + hunted + ","), stats.out() + " vs hunt " + hunted);
        System.out.printf("ingest of %s with %s: %d events, %d detections in %d ms (%.0f events/s end to end)%n",
                CORPUS, RULES, dumped, hunted, wallMillis, dumped * 1000.0 / wallMillis);
    }

    @Test
    void runningTheSameIngestAgainAddsNothing() throws Exception {
        String before = digest(clean);
        Run again = tansa("ingest", "--case", clean.toString(), "-r", RULES.toString(), CORPUS.toString(), "-f", "json");
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().startsWith("{\"files\": 0, "), again.out());
        assertEquals(before, digest(clean));
    }

    @Test
    void ingestKilledMidRunIsCompletedByTheSameCommandAndEqualsACleanIngest() throws Exception {
        Path killed = tmp.resolve("killed");
        assertEquals(0, tansa("case", "init", killed.toString(), "-q").code());
        long seed = System.nanoTime();
        System.out.println("CaseWorkspaceTest kill seed: " + seed);
        Random random = new Random(seed);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path")));
        if (System.getProperty("tansa.cache.dir") != null) {
            cmd.add("-Dtansa.cache.dir=" + System.getProperty("tansa.cache.dir"));
        }
        // One decoding thread: the run lasts past its first group commit (5 s) on a fast machine too.
        cmd.addAll(List.of("tansa.cli.Main", "ingest", "--case", killed.toString(), "-q", "--threads", "1", "-r",
                RULES.toString(), CORPUS.toString()));
        Path log = tmp.resolve("killed.log");
        // Kill at a random moment after the first group commit (the WAL appears), within a share of
        // what the warm clean ingest took. On a fast machine the run can end first: then try again on
        // a fresh case with half the delay, down to killing as soon as the WAL appears.
        boolean killedMidRun = false;
        for (int attempt = 0; attempt < 6 && !killedMidRun; attempt++) {
            if (attempt > 0) {
                try (var files = Files.walk(killed)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
                assertEquals(0, tansa("case", "init", killed.toString(), "-q").code());
            }
            Process child = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                Path wal = killed.resolve("case.duckdb.wal");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (!Files.exists(wal) && child.isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                if (!child.isAlive()) {
                    continue;
                }
                if (attempt == 0) {
                    // while it writes, a second process is refused with one line and the case is untouched
                    Run inUse = tansa("case", "stats", "--case", killed.toString());
                    assertEquals(1, inUse.code(), inUse.err());
                    assertEquals("tansa: case " + killed + " is in use by another tansa process", inUse.err().strip());
                    Run ingestInUse = tansa("ingest", "--case", killed.toString(), CORPUS.toString());
                    assertEquals(1, ingestInUse.code(), ingestInUse.err());
                    assertEquals("tansa: case " + killed + " is in use by another tansa process\n", ingestInUse.err());
                }
                int cap = attempt == 5 ? 0 : (int) Math.max(0, (wallMillis / 4) >> attempt);
                Thread.sleep(cap == 0 ? 0 : random.nextInt(cap));
                killedMidRun = child.isAlive();
            } finally {
                child.destroyForcibly(); // SIGKILL
                child.waitFor(60, TimeUnit.SECONDS);
            }
        }
        assertTrue(killedMidRun, "the ingest ended before it could be killed, six times: " + Files.readString(log));
        long partial;
        long total;
        try (Connection c = connect(killed); Statement s = c.createStatement()) {
            // every file marked done holds exactly its events; no event outside a done file
            try (ResultSet r = s.executeQuery("SELECT count(*) FROM evidence v WHERE v.events <> "
                    + "(SELECT count(*) FROM event e WHERE e.evidence_id = v.id) OR v.detections <> "
                    + "(SELECT count(*) FROM detection d WHERE d.evidence_id = v.id)")) {
                r.next();
                assertEquals(0, r.getLong(1));
            }
            try (ResultSet r = s.executeQuery("SELECT count(*) FROM event e WHERE NOT EXISTS "
                    + "(SELECT 1 FROM evidence v WHERE v.id = e.evidence_id)")) {
                r.next();
                assertEquals(0, r.getLong(1));
            }
            try (ResultSet r = s.executeQuery("SELECT count(*) FROM evidence")) {
                r.next();
                partial = r.getLong(1);
            }
        }
        try (Connection c = connect(clean); Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM evidence")) {
            r.next();
            total = r.getLong(1);
        }
        // Usually part of the files; all of them when the kill fell after the last group commit.
        assertTrue(partial <= total, "killed after " + partial + " of " + total + " files");
        System.out.println("CaseWorkspaceTest: killed after " + partial + " of " + total + " files");

        Run second = tansa("ingest", "--case", killed.toString(), "-q", "-r", RULES.toString(), CORPUS.toString(), "-f", "json");
        assertEquals(0, second.code(), second.err());
        assertEquals(digest(clean), digest(killed));
        Run third = tansa("ingest", "--case", killed.toString(), "-q", "-r", RULES.toString(), CORPUS.toString(), "-f", "json");
        assertEquals(0, third.code(), third.err());
        assertTrue(third.out().startsWith("{\"files\": 0, \"skipped\": " + total + ", \"events\": 0, \"detections\": 0"), third.out());
        assertEquals(digest(clean), digest(killed));
        // one audit entry per file stored, whichever run stored it, and the chain intact
        Run audit = tansa("audit", "verify", "--case", killed.toString());
        assertEquals(0, audit.code(), audit.out() + audit.err());
        assertTrue(audit.out().startsWith("audit log of case " + killed + ": " + (total + 1) + " entries, intact; newest hash "),
                audit.out());
    }

    @Test
    void evidenceVerifyReportsAModifiedAMissingAndANewFile() throws Exception {
        Path ev = tmp.resolve("evidence");
        Files.createDirectories(ev);
        List<Path> picked = new ArrayList<>();
        try (var files = Files.walk(CORPUS.resolve("DeepBlueCLI"))) {
            files.filter(p -> p.toString().endsWith(".evtx")).sorted().limit(3).forEach(picked::add);
        }
        for (Path p : picked) {
            Files.copy(p, ev.resolve(p.getFileName()));
        }
        Path c = tmp.resolve("verify-case");
        assertEquals(0, tansa("case", "init", c.toString(), "-q").code());
        assertEquals(0, tansa("ingest", "--case", c.toString(), "-q", ev.toString()).code());
        Run intact = tansa("evidence", "verify", "--case", c.toString());
        assertEquals(0, intact.code(), intact.out() + intact.err());
        assertEquals("3 files checked: 0 changed, 0 missing, 0 new", intact.out().strip());

        Path changed = ev.resolve(picked.get(0).getFileName()).toAbsolutePath();
        byte[] b = Files.readAllBytes(changed);
        b[b.length - 1] ^= 0x20;
        Files.write(changed, b);
        Path missing = ev.resolve(picked.get(1).getFileName()).toAbsolutePath();
        Files.delete(missing);
        Path added = ev.resolve("zz-new.evtx").toAbsolutePath();
        Files.copy(picked.get(1), added);
        Run r = tansa("evidence", "verify", "--case", c.toString(), "-f", "jsonl");
        assertEquals(1, r.code(), r.out() + r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(3, lines.size(), r.out());
        assertTrue(lines.get(0).startsWith("{\"status\":\"changed\",\"path\":" + json(changed)), lines.get(0));
        assertTrue(lines.get(1).startsWith("{\"status\":\"missing\",\"path\":" + json(missing)), lines.get(1));
        assertTrue(lines.get(2).startsWith("{\"status\":\"new\",\"path\":" + json(added)), lines.get(2));
        assertEquals("3 files checked: 1 changed, 1 missing, 1 new", r.err().strip());
    }

    @Test
    void initRefusesAnExistingCaseAndCommandsRefuseADirectoryThatIsNotACase() {
        Run again = tansa("case", "init", clean.toString());
        assertEquals(1, again.code());
        assertEquals("tansa: case " + clean + " already exists (" + clean.resolve("case.duckdb") + "); choose another directory",
                again.err().strip());
        Path none = tmp.resolve("no-case");
        Run stats = tansa("case", "stats", "--case", none.toString());
        assertEquals(1, stats.code());
        assertEquals("tansa: " + none + " is not a case (no case.duckdb); create one with 'tansa case init " + none + "'",
                stats.err().strip());
        assertTrue(!Files.exists(none));
        Run usage = tansa("ingest", CORPUS.toString());
        assertEquals(2, usage.code());
    }

    private static String json(Path p) {
        return new com.fasterxml.jackson.databind.ObjectMapper().getNodeFactory().textNode(p.toString()).toString();
    }

    private static Connection connect(Path dir) throws Exception {
        return DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("case.duckdb").toAbsolutePath());
    }

    /** Every event and detection, keyed by source file and position, hashed in order: equal digests, equal cases. */
    private static String digest(Path dir) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        long rows = 0;
        try (Connection c = connect(dir); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT source, seq, ts, computer, channel, event_id, record_id, provider, data "
                    + "FROM event ORDER BY source, seq")) {
                while (r.next()) {
                    for (int i = 1; i <= 9; i++) {
                        md.update(String.valueOf(r.getString(i)).getBytes(StandardCharsets.UTF_8));
                        md.update((byte) 0);
                    }
                    rows++;
                }
            }
            try (ResultSet r = s.executeQuery("SELECT v.path, d.seq, d.ts, d.rule_id, d.level, d.data FROM detection d "
                    + "JOIN evidence v ON v.id = d.evidence_id ORDER BY v.path, d.seq")) {
                while (r.next()) {
                    for (int i = 1; i <= 6; i++) {
                        md.update(String.valueOf(r.getString(i)).getBytes(StandardCharsets.UTF_8));
                        md.update((byte) 0);
                    }
                    rows++;
                }
            }
            try (ResultSet r = s.executeQuery("SELECT v.path, v.sha256, v.size, v.format, v.events, v.detections, "
                    + "(SELECT string_agg(computer, ',' ORDER BY computer) FROM evidence_host h WHERE h.evidence_id = v.id) "
                    + "FROM evidence v ORDER BY v.path")) {
                while (r.next()) {
                    for (int i = 1; i <= 7; i++) {
                        md.update(String.valueOf(r.getString(i)).getBytes(StandardCharsets.UTF_8));
                        md.update((byte) 0);
                    }
                }
            }
        }
        return rows + ":" + HexFormat.of().formatHex(md.digest());
    }
}
