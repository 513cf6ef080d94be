package tansa.casefile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tansa.reader.Problems;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The store and ingest on real DuckDB files, with evidence generated here (reference-shaped JSON). */
class CaseStoreTest {
    @TempDir
    Path tmp;

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T00:00:00Z"), ZoneOffset.UTC);

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

    private static IngestSummary ingest(CaseStore store, List<String> problems, Path... evidence) {
        Problems reports = new Problems() {
            @Override
            public void report(String resource, long offset, String message) {
                problems.add(resource + ": " + message);
            }

            @Override
            public void note(String resource, long offset, String message) {
                // worked around or not evidence: not a problem
            }
        };
        return new Ingest(store, null, 2, reports, "tester", CLOCK).run(List.of(evidence));
    }

    @Test
    void createRefusesAnExistingCase() {
        Path dir = tmp.resolve("c");
        CaseStore.create(dir, "c", "tester", Instant.EPOCH).close();
        CaseException e = assertThrows(CaseException.class, () -> CaseStore.create(dir, "c", "tester", Instant.EPOCH));
        assertEquals("case " + dir + " already exists (" + dir.resolve(CaseStore.FILE) + "); choose another directory", e.getMessage());
    }

    @Test
    void openRefusesADirectoryThatIsNotACaseAndCreatesNothing() {
        Path dir = tmp.resolve("empty");
        CaseException e = assertThrows(CaseException.class, () -> CaseStore.open(dir));
        assertTrue(e.getMessage().startsWith(dir + " is not a case"), e.getMessage());
        assertTrue(!Files.exists(dir.resolve(CaseStore.FILE)));
    }

    @Test
    void ingestRegistersEachFileWithItsHashHostsAndCustody() throws Exception {
        Path ev = tmp.resolve("ev");
        jsonEvidence(ev.resolve("a.json"), "HOST-A", 30);
        jsonEvidence(ev.resolve("sub/b.json"), "HOST-B", 20);
        Files.writeString(ev.resolve("README.txt"), "collected by the on-site team\n");
        List<String> problems = new ArrayList<>();
        try (CaseStore store = CaseStore.create(tmp.resolve("c"), "c", "tester", Instant.EPOCH)) {
            IngestSummary s = ingest(store, problems, ev);
            assertEquals(List.of(), problems);
            assertEquals(new IngestSummary(3, 0, 50, 0, 0), s);
            assertEquals(new CaseStats("c", 2, 50, 0), store.stats());
            try (Statement st = store.connection().createStatement();
                 ResultSet r = st.executeQuery("SELECT e.path, e.sha256, e.size, e.format, e.events, e.ingested_by, e.ingested_at, "
                         + "string_agg(h.computer, ',') FROM evidence e LEFT JOIN evidence_host h ON h.evidence_id = e.id "
                         + "GROUP BY ALL ORDER BY e.path")) {
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
                r.next();
                assertEquals("HOST-B", r.getString(8));
            }
            try (Statement st = store.connection().createStatement();
                 ResultSet r = st.executeQuery("SELECT ts, computer, channel, event_id, record_id, provider FROM event "
                         + "WHERE record_id = 7 AND computer = 'HOST-A'")) {
                r.next();
                assertEquals("2026-01-01 00:00:07.0", r.getString(1));
                assertEquals("Security", r.getString(3));
                assertEquals(4624, r.getInt(4));
                assertEquals("Microsoft-Windows-Security-Auditing", r.getString(6));
            }
            // the same command again adds nothing
            assertEquals(new IngestSummary(0, 3, 0, 0, 0), ingest(store, problems, ev));
            assertEquals(new CaseStats("c", 2, 50, 0), store.stats());
        }
    }

    @Test
    void aRegisteredFileThatChangedIsReportedNotAddedAgain() throws Exception {
        Path a = jsonEvidence(tmp.resolve("ev/a.json"), "HOST-A", 5);
        List<String> problems = new ArrayList<>();
        try (CaseStore store = CaseStore.create(tmp.resolve("c"), "c", "tester", Instant.EPOCH)) {
            ingest(store, problems, a);
            Files.writeString(a, "{\"Event\":{\"System\":{\"EventID\":1}}}\n", StandardOpenOption.APPEND);
            IngestSummary s = ingest(store, problems, a);
            assertEquals(1, s.problems());
            assertTrue(problems.get(0).contains("changed since it was ingested"), problems.toString());
            assertEquals(5, store.stats().events());
        }
    }

    @Test
    void verifyFindsChangedMissingAndNewFiles() throws Exception {
        Path ev = tmp.resolve("ev");
        Path a = jsonEvidence(ev.resolve("a.json"), "HOST-A", 5);
        Path b = jsonEvidence(ev.resolve("b.json"), "HOST-B", 5);
        jsonEvidence(ev.resolve("c.json"), "HOST-C", 5);
        try (CaseStore store = CaseStore.create(tmp.resolve("c"), "c", "tester", Instant.EPOCH)) {
            ingest(store, new ArrayList<>(), ev);
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
        // A store failure in the middle of a file (the event table dropped under the writer) rolls the whole file back.
        Path ev = tmp.resolve("ev");
        jsonEvidence(ev.resolve("a.json"), "HOST-A", 10);
        jsonEvidence(ev.resolve("b.json"), "HOST-B", 10);
        try (CaseStore store = CaseStore.create(tmp.resolve("c"), "c", "tester", Instant.EPOCH)) {
            ingest(store, new ArrayList<>(), ev.resolve("a.json"));
            try (Statement st = store.connection().createStatement()) {
                st.execute("ALTER TABLE detection RENAME TO detection_away");
            }
            assertThrows(Exception.class, () -> ingest(store, new ArrayList<>(), ev));
            try (Statement st = store.connection().createStatement()) {
                st.execute("ALTER TABLE detection_away RENAME TO detection");
            }
            assertEquals(new CaseStats("c", 1, 10, 0), store.stats());
            assertEquals(new IngestSummary(1, 1, 10, 0, 0), ingest(store, new ArrayList<>(), ev));
            assertEquals(new CaseStats("c", 2, 20, 0), store.stats());
        }
    }
}
