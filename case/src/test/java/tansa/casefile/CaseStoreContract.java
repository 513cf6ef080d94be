package tansa.casefile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tansa.reader.Problems;
import tansa.sigma.RuleSet;
import tansa.sigma.logsource.LogSourceMapping;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The storage suite: the store, ingest, custody, verification, attached exposure results and the
 * audit log, run on both backends by its subclasses ({@link DuckDbCaseStoreTest} on DuckDB files,
 * {@link PostgresCaseStoreTest} on a local PostgreSQL server). Evidence is generated here
 * (reference-shaped JSON), SQL in assertions is plain SQL both run.
 */
abstract class CaseStoreContract {
    @TempDir
    Path tmp;

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T00:00:00Z"), ZoneOffset.UTC);

    /** A new, empty case named {@code name}. */
    abstract CaseStore create(String name);

    /** The case {@code store} opened again (after close). */
    abstract CaseStore reopen(CaseStore store);

    /** A JSON evidence file of {@code n} events from {@code host}. */
    static Path jsonEvidence(Path file, String host, int n) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            sb.append(String.format(Locale.ROOT, "{\"Event\":{\"System\":{\"Provider\":{\"#attributes\":{\"Name\":\"Microsoft-Windows-Security-Auditing\"}},"
                    + "\"EventID\":4624,\"EventRecordID\":%d,\"Channel\":\"Security\",\"Computer\":\"%s\","
                    + "\"TimeCreated\":{\"#attributes\":{\"SystemTime\":\"2026-01-01T00:00:%02d.000000Z\"}}},"
                    + "\"EventData\":{\"TargetUserName\":\"user%d\",\"LogonType\":3}}}\n", i, host, i % 60, i));
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, sb.toString());
        return file;
    }

    static Problems collecting(List<String> problems) {
        return new Problems() {
            @Override
            public void report(String resource, long offset, String message) {
                problems.add(resource + ": " + message);
            }

            @Override
            public void note(String resource, long offset, String message) {
                // worked around or not evidence: not a problem
            }
        };
    }

    static IngestSummary ingest(CaseStore store, List<String> problems, Path... evidence) {
        return new Ingest(store, null, 2, collecting(problems), "tester", CLOCK).run(List.of(evidence));
    }

    private static long count(CaseStore store, String sql) throws Exception {
        try (Statement st = store.connection().createStatement(); ResultSet r = st.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static CaseStats stats(String name, long evidence, long events, long detections, CaseStore store) {
        CaseStats s = store.stats();
        return new CaseStats(name, evidence, events, detections, s.attachments(), s.scanFiles(), s.scanFindings(), s.claims(),
                s.auditEntries());
    }

    @Test
    void ingestRegistersEachFileWithItsHashHostsAndCustody() throws Exception {
        Path ev = tmp.resolve("ev");
        jsonEvidence(ev.resolve("a.json"), "HOST-A", 30);
        jsonEvidence(ev.resolve("sub/b.json"), "HOST-B", 20);
        Files.writeString(ev.resolve("README.txt"), "collected by the on-site team\n");
        List<String> problems = new ArrayList<>();
        try (CaseStore store = create("c")) {
            IngestSummary s = ingest(store, problems, ev);
            assertEquals(List.of(), problems);
            assertEquals(new IngestSummary(3, 0, 50, 0, 0), s);
            assertEquals(stats("c", 2, 50, 0, store), store.stats());
            try (Statement st = store.connection().createStatement();
                 ResultSet r = st.executeQuery("SELECT e.path, e.sha256, e.size, e.format, e.events, e.ingested_by, e.ingested_at, "
                         + "string_agg(h.computer, ','), e.ingest_host FROM evidence e LEFT JOIN evidence_host h ON h.evidence_id = e.id "
                         + "GROUP BY e.path, e.sha256, e.size, e.format, e.events, e.ingested_by, e.ingested_at, e.ingest_host "
                         + "ORDER BY e.path")) {
                r.next();
                assertEquals(ev.resolve("README.txt").toAbsolutePath().toString(), r.getString(1));
                assertEquals("UNKNOWN", r.getString(4));
                r.next();
                Path a = ev.resolve("a.json").toAbsolutePath();
                assertEquals(a.toString(), r.getString(1));
                assertEquals(Sha256.of(a).hex(), r.getString(2));
                assertEquals(Files.size(a), r.getLong(3));
                assertEquals("JSON", r.getString(4));
                assertEquals(30, r.getLong(5));
                assertEquals("tester", r.getString(6));
                assertEquals("2026-12-07T00:00:00Z", r.getString(7));
                assertEquals("HOST-A", r.getString(8));
                assertEquals(Host.name(), r.getString(9));
                r.next();
                assertEquals("HOST-B", r.getString(8));
            }
            try (Statement st = store.connection().createStatement();
                 ResultSet r = st.executeQuery("SELECT ts, computer, channel, event_id, record_id, provider FROM event "
                         + "WHERE record_id = 7 AND computer = 'HOST-A'")) {
                r.next();
                assertEquals(LocalDateTime.parse("2026-01-01T00:00:07"), r.getObject(1, LocalDateTime.class));
                assertEquals("Security", r.getString(3));
                assertEquals(4624, r.getInt(4));
                assertEquals("Microsoft-Windows-Security-Auditing", r.getString(6));
            }
            // every stored file has its audit entry
            assertEquals(3, count(store, "SELECT count(*) FROM audit_log WHERE action = 'evidence.ingest'"));
            // the same command again adds nothing
            assertEquals(new IngestSummary(0, 3, 0, 0, 0), ingest(store, problems, ev));
            assertEquals(stats("c", 2, 50, 0, store), store.stats());
        }
    }

    @Test
    void valuesThatNeedEscapingAreStoredExactly() throws Exception {
        // tab, newline, carriage return, backslash, NUL, an emoji (a surrogate pair), Japanese, ESC:
        // COPY's text format and the appender must both keep the event's JSON exact
        String host = "H\tO\\S\nT\r\u0000-日本-\uD83D\uDE00-\u001b[2J";
        String json = "{\"Event\":{\"System\":{\"EventID\":1,\"EventRecordID\":1,\"Channel\":\"C\\\\x\","
                + "\"Computer\":" + Json.quote(host) + ",\"TimeCreated\":{\"#attributes\":{\"SystemTime\":\"1601-01-01T00:00:00Z\"}}},"
                + "\"EventData\":{\"CommandLine\":\"a\\tb \\\\\\\\srv\\\\c$ \\u0000 end\"}}}\n";
        Path f = tmp.resolve("ev/hostile.json");
        Files.createDirectories(f.getParent());
        Files.writeString(f, json);
        List<String> problems = new ArrayList<>();
        try (CaseStore store = create("c")) {
            assertEquals(1, ingest(store, problems, f).events(), problems.toString());
            try (Statement st = store.connection().createStatement();
                 ResultSet r = st.executeQuery("SELECT computer, channel, data FROM event")) {
                r.next();
                String stored = r.getString(1);
                // PostgreSQL text cannot hold NUL: it becomes U+FFFD in the column; the JSON keeps \u0000 escaped
                assertEquals(host.replace('\u0000', store.dialect() == Dialect.POSTGRESQL ? '\uFFFD' : '\u0000'), stored);
                assertEquals("C\\x", r.getString(2));
                String data = r.getString(3);
                assertTrue(data.contains("a\\tb \\\\\\\\srv\\\\c$ \\u0000 end"), data);
                assertTrue(data.contains(Json.quote(host).substring(1, 10)), data);
            }
        }
    }

    @Test
    void detectionsAreStoredWithTheirEvents() throws Exception {
        Path rule = tmp.resolve("rules/logon.yml");
        Files.createDirectories(rule.getParent());
        Files.writeString(rule, "title: Network logon\nid: 6a4b1b8e-3c44-4b3a-9a63-7f0d0e4b1a11\nstatus: test\nlevel: high\n"
                + "logsource:\n  product: windows\n  service: security\ndetection:\n  sel:\n    EventID: 4624\n"
                + "    LogonType: 3\n    TargetUserName|endswith: '7'\n  condition: sel\n");
        RuleSet rules = RuleSet.load(List.of(rule), LogSourceMapping.defaults(), null);
        Path ev = tmp.resolve("ev");
        jsonEvidence(ev.resolve("a.json"), "HOST-A", 30);
        List<String> problems = new ArrayList<>();
        try (CaseStore store = create("c")) {
            IngestSummary s = new Ingest(store, rules, 2, collecting(problems), "tester", CLOCK).run(List.of(ev));
            assertEquals(List.of(), problems);
            assertEquals(3, s.detections()); // user7, user17, user27
            assertEquals(3, store.stats().detections());
            try (Statement st = store.connection().createStatement();
                 ResultSet r = st.executeQuery("SELECT rule_title, level, computer, record_id, data FROM detection ORDER BY seq")) {
                r.next();
                assertEquals("Network logon", r.getString(1));
                assertEquals("high", r.getString(2));
                assertEquals("HOST-A", r.getString(3));
                assertEquals(7, r.getLong(4));
                assertTrue(r.getString(5).startsWith("{\"timestamp\":\"2026-01-01T00:00:07Z\",\"rule_id\":\"6a4b1b8e-"), r.getString(5));
            }
        }
    }

    private static RuleSet logonRule(Path dir) throws IOException {
        Path rule = dir.resolve("rules/logon.yml");
        Files.createDirectories(rule.getParent());
        Files.writeString(rule, "title: Network logon\nid: 6a4b1b8e-3c44-4b3a-9a63-7f0d0e4b1a11\nstatus: test\nlevel: high\n"
                + "tags:\n  - attack.lateral_movement\n  - attack.t1021\n"
                + "logsource:\n  product: windows\n  service: security\ndetection:\n  sel:\n    EventID: 4624\n"
                + "    LogonType: 3\n    TargetUserName|endswith: '7'\n  condition: sel\n");
        return RuleSet.load(List.of(rule), LogSourceMapping.defaults(), null);
    }

    private static List<String> accountsAndTags(CaseStore store) throws Exception {
        List<String> out = new ArrayList<>();
        try (Statement st = store.connection().createStatement();
             ResultSet r = st.executeQuery("SELECT account, tags FROM detection ORDER BY evidence_id, seq")) {
            while (r.next()) {
                out.add(r.getString(1) + " | " + r.getString(2));
            }
        }
        return out;
    }

    @Test
    void detectionsCarryTheirEventsAccountAndTheirRulesTagsAsColumns() throws Exception {
        RuleSet rules = logonRule(tmp);
        jsonEvidence(tmp.resolve("ev/a.json"), "HOST-A", 30);
        try (CaseStore store = create("c")) {
            new Ingest(store, rules, 2, collecting(new ArrayList<>()), "tester", CLOCK).run(List.of(tmp.resolve("ev")));
            assertEquals(List.of("user7 | attack.lateral_movement attack.t1021", "user17 | attack.lateral_movement attack.t1021",
                    "user27 | attack.lateral_movement attack.t1021"), accountsAndTags(store));
        }
    }

    @Test
    void aCaseStoredBeforeTheQueryColumnsGetsThemFilledWhenOpened() throws Exception {
        RuleSet rules = logonRule(tmp);
        jsonEvidence(tmp.resolve("ev/a.json"), "HOST-A", 30);
        CaseStore store = create("c");
        List<String> atIngest;
        try {
            new Ingest(store, rules, 2, collecting(new ArrayList<>()), "tester", CLOCK).run(List.of(tmp.resolve("ev")));
            atIngest = accountsAndTags(store);
            // back to schema version 5: the columns (and PostgreSQL's indexes) gone, versions 6 and later not recorded
            try (Statement st = store.connection().createStatement()) {
                for (String t : List.of("incident_detection", "incident", "containment_action")) { // version 7
                    st.execute("DROP TABLE " + t);
                }
                st.execute("DROP SEQUENCE incident_ids");
                st.execute("DELETE FROM schema_version WHERE version = 7");
                if (store.dialect() == Dialect.POSTGRESQL) {
                    st.execute("DROP INDEX detection_key");
                    st.execute("DROP INDEX detection_order");
                }
                st.execute("ALTER TABLE detection DROP COLUMN account");
                st.execute("ALTER TABLE detection DROP COLUMN tags");
                st.execute("DELETE FROM schema_version WHERE version = 6");
            }
        } finally {
            store.close();
        }
        try (CaseStore again = reopen(store)) {
            assertEquals(atIngest, accountsAndTags(again));
            assertEquals(3, atIngest.size());
        }
    }

    @Test
    void aRegisteredFileThatChangedIsReportedNotAddedAgain() throws Exception {
        Path a = jsonEvidence(tmp.resolve("ev/a.json"), "HOST-A", 5);
        List<String> problems = new ArrayList<>();
        try (CaseStore store = create("c")) {
            ingest(store, problems, a);
            Files.writeString(a, "{\"Event\":{\"System\":{\"EventID\":1}}}\n", StandardOpenOption.APPEND);
            IngestSummary s = ingest(store, problems, a);
            assertEquals(1, s.problems());
            assertTrue(problems.get(0).contains("changed since it was ingested"), problems.toString());
            assertEquals(5, store.stats().events());
        }
    }

    @Test
    void anUnreadableFileInABatchLeavesTheOtherFilesWholeAndItselfAbsent() throws Exception {
        Path ev = tmp.resolve("ev");
        jsonEvidence(ev.resolve("a.json"), "HOST-A", 10);
        // gzip's magic, then not a gzip stream: the reader reports it and gives no file
        Files.write(ev.resolve("b.json.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        jsonEvidence(ev.resolve("c.json"), "HOST-C", 10);
        List<String> problems = new ArrayList<>();
        try (CaseStore store = create("c")) {
            IngestSummary s = ingest(store, problems, ev);
            assertFalse(problems.isEmpty());
            assertTrue(problems.get(0).startsWith(ev.resolve("b.json.gz").toAbsolutePath().toString()), problems.toString());
            assertEquals(20, s.events());
            assertEquals(stats("c", 2, 20, 0, store), store.stats());
            assertEquals(0, count(store, "SELECT count(*) FROM evidence WHERE path LIKE '%b.json.gz'"));
        }
    }

    @Test
    void verifyFindsChangedMissingAndNewFiles() throws Exception {
        Path ev = tmp.resolve("ev");
        Path a = jsonEvidence(ev.resolve("a.json"), "HOST-A", 5);
        Path b = jsonEvidence(ev.resolve("b.json"), "HOST-B", 5);
        jsonEvidence(ev.resolve("c.json"), "HOST-C", 5);
        CaseStore created = create("c");
        ingest(created, new ArrayList<>(), ev);
        created.close();
        try (CaseStore store = reopen(created)) {
            assertEquals(List.of(), new EvidenceVerifier(store).verify().findings());
            byte[] bytes = Files.readAllBytes(a);
            bytes[10] ^= 1; // one bit, same size
            Files.write(a, bytes);
            Files.delete(b);
            Path d = jsonEvidence(ev.resolve("new/d.json"), "HOST-D", 1);
            EvidenceVerifier.Result r = new EvidenceVerifier(store).verify();
            assertEquals(3, r.checked());
            assertEquals(3, r.findings().size(), r.findings().toString());
            assertEquals(EvidenceCheck.Status.CHANGED, r.findings().get(0).status());
            assertEquals(a.toAbsolutePath().toString(), r.findings().get(0).path());
            assertEquals(Sha256.of(a).hex(), r.findings().get(0).actualSha256());
            assertEquals(EvidenceCheck.Status.MISSING, r.findings().get(1).status());
            assertEquals(b.toAbsolutePath().toString(), r.findings().get(1).path());
            assertEquals(EvidenceCheck.Status.NEW, r.findings().get(2).status());
            assertEquals(d.toAbsolutePath().toString(), r.findings().get(2).path());
        }
    }

    @Test
    void aFailedFileLeavesNothingBehindAndTheNextRunStoresIt() throws Exception {
        // A store failure in the middle of a run (the event table renamed under the writer) rolls the batch back.
        Path ev = tmp.resolve("ev");
        jsonEvidence(ev.resolve("a.json"), "HOST-A", 10);
        jsonEvidence(ev.resolve("b.json"), "HOST-B", 10);
        try (CaseStore store = create("c")) {
            ingest(store, new ArrayList<>(), ev.resolve("a.json"));
            try (Statement st = store.connection().createStatement()) {
                st.execute("ALTER TABLE event RENAME TO event_away");
            }
            assertThrows(Exception.class, () -> ingest(store, new ArrayList<>(), ev));
            try (Statement st = store.connection().createStatement()) {
                st.execute("ALTER TABLE event_away RENAME TO event");
            }
            assertEquals(stats("c", 1, 10, 0, store), store.stats());
            assertEquals(new IngestSummary(1, 1, 10, 0, 0), ingest(store, new ArrayList<>(), ev));
            assertEquals(stats("c", 2, 20, 0, store), store.stats());
        }
    }

    static Path scanJsonl(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n",
                "{\"kind\":\"file\",\"path\":\"share/a.xlsx\",\"size\":1200,\"sha256\":\"" + "ab".repeat(32) + "\",\"mime\":\"application/x\"}",
                "{\"kind\":\"finding\",\"path\":\"share/a.xlsx\",\"category\":\"personal\",\"type\":\"my_number\",\"label\":null}",
                "{\"kind\":\"finding\",\"path\":\"share/a.xlsx\",\"category\":\"personal\",\"type\":\"email\",\"label\":null}",
                "{\"kind\":\"file\",\"path\":\"share/b.txt\",\"size\":10,\"sha256\":null}",
                "{\"kind\":\"summary\",\"files\":2}") + "\n");
        return file;
    }

    static Path claimsJsonl(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n",
                "{\"kind\":\"claim\",\"line\":1,\"claimed_path\":\"a.xlsx\",\"outcome\":\"confirmed\",\"matched_path\":\"share/a.xlsx\"}",
                "{\"kind\":\"claim\",\"line\":2,\"claimed_path\":\"z.pdf\",\"outcome\":\"not_found\",\"matched_path\":null}",
                "{\"kind\":\"summary\",\"claimed\":2}") + "\n");
        return file;
    }

    @Test
    void scanAndClaimsResultsAreAttachedOnceAndCounted() throws Exception {
        Path scan = scanJsonl(tmp.resolve("exp/scan.jsonl"));
        Path claims = claimsJsonl(tmp.resolve("exp/claims.jsonl"));
        List<String> problems = new ArrayList<>();
        try (CaseStore store = create("c")) {
            ExposureAttach attach = new ExposureAttach(store, collecting(problems), "tester", CLOCK);
            ExposureAttach.Result s = attach.attach(scan, ExposureAttach.Kind.SCAN);
            assertTrue(s.attached());
            assertEquals(5, s.records());
            assertTrue(attach.attach(claims, ExposureAttach.Kind.CLAIMS).attached());
            CaseStats st = store.stats();
            assertEquals(2, st.attachments());
            assertEquals(2, st.scanFiles());
            assertEquals(2, st.scanFindings());
            assertEquals(2, st.claims());
            // idempotent: the same contents again add nothing
            ExposureAttach.Result again = attach.attach(scan, ExposureAttach.Kind.SCAN);
            assertFalse(again.attached());
            assertTrue(again.already());
            assertEquals(st, store.stats());
            assertEquals(1, count(store, "SELECT count(*) FROM scan_finding WHERE finding_type = 'my_number' AND path = 'share/a.xlsx'"));
            assertEquals(1, count(store, "SELECT count(*) FROM claim WHERE outcome = 'not_found' AND claimed_path = 'z.pdf'"));
            assertEquals(List.of(), problems);
        }
    }

    @Test
    void aClaimsFileGivenAsAScanIsRefusedWithOneLineAndNothingAttached() throws Exception {
        Path claims = claimsJsonl(tmp.resolve("exp/claims.jsonl"));
        List<String> problems = new ArrayList<>();
        try (CaseStore store = create("c")) {
            ExposureAttach.Result r = new ExposureAttach(store, collecting(problems), "tester", CLOCK).attach(claims, ExposureAttach.Kind.SCAN);
            assertFalse(r.attached());
            assertEquals(1, problems.size());
            assertTrue(problems.get(0).endsWith("line 1: record kind 'claim' is not a scan record (expected the JSONL of "
                    + "'tansa scan -f jsonl'; is this a claims file? use --claims); not attached"), problems.get(0));
            assertEquals(0, store.stats().attachments());
            assertEquals(0, store.stats().claims());
        }
    }

    /** A case with five audit entries: its creation and four recorded actions. */
    private CaseStore audited() {
        CaseStore store = create("c");
        Audit audit = new Audit(store, CLOCK);
        audit.record("alice", "note.add", "note/1", null, "{\"text\":\"first\"}");
        audit.record("bob", "note.edit", "note/1", "{\"text\":\"first\"}", "{\"text\":\"second\",\"a\":[1,2]}");
        audit.record("carol", "task.assign", "task/7", "{\"owner\":null}", "{\"owner\":\"carol\"}");
        audit.record("alice", "note.delete", "note/1", "{\"text\":\"second\"}", null);
        return store;
    }

    @Test
    void anUntouchedAuditLogVerifies() {
        try (CaseStore store = audited()) {
            Audit.Verification v = new Audit(store).verify();
            assertEquals(List.of(), v.problems());
            assertEquals(5, v.entries());
            List<Audit.Entry> e = new Audit(store).entries();
            assertEquals("case.create", e.get(0).action());
            assertEquals(Audit.GENESIS, e.get(0).prevHash());
            assertEquals(e.get(0).hash(), e.get(1).prevHash());
            assertEquals("{\"a\":[1,2],\"text\":\"second\"}", e.get(2).after()); // canonical: keys sorted
            assertEquals(e.get(4).hash(), v.head());
        }
    }

    @Test
    void anEditedAuditEntryIsNamed() throws Exception {
        try (CaseStore store = audited()) {
            try (Statement st = store.connection().createStatement()) {
                assertEquals(1, st.executeUpdate("UPDATE audit_log SET actor = 'mallory' WHERE seq = 3"));
            }
            assertEquals(List.of(new Audit.Problem(3, "edited", "its contents do not give its hash (changed after it was written)")),
                    new Audit(store).verify().problems());
        }
    }

    @Test
    void anEditedAndRehashedAuditEntryIsFoundAtTheNextEntry() throws Exception {
        try (CaseStore store = audited()) {
            Audit.Entry e = new Audit(store).entries().get(2);
            String forged = Audit.hash(e.prevHash(), Audit.canonical(e.at(), "mallory", e.action(), e.target(), e.before(), e.after()));
            try (Statement st = store.connection().createStatement()) {
                st.executeUpdate("UPDATE audit_log SET actor = 'mallory', hash = '" + forged + "' WHERE seq = 3");
            }
            List<Audit.Problem> p = new Audit(store).verify().problems();
            assertEquals(1, p.size(), p.toString());
            assertEquals(4, p.get(0).seq());
            assertEquals("broken", p.get(0).kind());
            assertTrue(p.get(0).detail().contains("look at entry 3"), p.get(0).detail());
        }
    }

    @Test
    void aDeletedAuditEntryIsNamed() throws Exception {
        try (CaseStore store = audited()) {
            try (Statement st = store.connection().createStatement()) {
                assertEquals(1, st.executeUpdate("DELETE FROM audit_log WHERE seq = 2"));
            }
            assertEquals(List.of(new Audit.Problem(2, "deleted", "entry 2 is missing")), new Audit(store).verify().problems());
        }
    }

    @Test
    void theDeletedNewestAuditEntryIsNamed() throws Exception {
        try (CaseStore store = audited()) {
            try (Statement st = store.connection().createStatement()) {
                assertEquals(1, st.executeUpdate("DELETE FROM audit_log WHERE seq = 5"));
            }
            assertEquals(List.of(new Audit.Problem(5, "deleted", "entry 5 (the newest) is missing")), new Audit(store).verify().problems());
        }
    }

    @Test
    void theNewestAuditEntryEditedAndRehashedIsNamedByTheHead() throws Exception {
        try (CaseStore store = audited()) {
            Audit.Entry e = new Audit(store).entries().get(4);
            String forged = Audit.hash(e.prevHash(), Audit.canonical(e.at(), "mallory", e.action(), e.target(), e.before(), e.after()));
            try (Statement st = store.connection().createStatement()) {
                st.executeUpdate("UPDATE audit_log SET actor = 'mallory', hash = '" + forged + "' WHERE seq = 5");
            }
            assertEquals(List.of(new Audit.Problem(5, "edited", "the log's head records another hash for this newest entry "
                    + "(edited and re-hashed)")), new Audit(store).verify().problems());
        }
    }

    @Test
    void twoSwappedAuditEntriesAreNamed() throws Exception {
        try (CaseStore store = audited()) {
            try (Statement st = store.connection().createStatement()) {
                assertEquals(2, st.executeUpdate("UPDATE audit_log SET seq = CASE WHEN seq = 2 THEN 3 ELSE 2 END WHERE seq IN (2, 3)"));
            }
            List<Audit.Problem> p = new Audit(store).verify().problems();
            assertEquals(List.of(new Audit.Problem(2, "reordered", "it was written after the entry now numbered 3"),
                    new Audit.Problem(3, "reordered", "it was written right after the entry now numbered 1, not after entry 2")), p);
        }
    }
}
