package tansa.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tansa.casefile.LocalPostgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The case commands as a user runs them, on an embedded case and on a case in a real PostgreSQL
 * (Debian's server, started by the case module's LocalPostgres): --db and --case-id on every
 * case command, --scan/--claims attachments and their counts, and 'audit verify' naming the
 * entries someone edited, deleted or swapped.
 */
class CaseBackendsCommandTest {
    private static final Path SHARED = Path.of(System.getProperty("tansa.shared", "../../shared"));
    private static final Path DEEPBLUE = SHARED.resolve("corpus/evtx/DeepBlueCLI");

    @TempDir
    Path tmp;

    private static CaseWorkspaceTest.Run tansa(String... args) {
        return CaseWorkspaceTest.tansa(args);
    }

    private Path scanFile() throws Exception {
        Path f = tmp.resolve("scan.jsonl");
        Files.writeString(f, String.join("\n",
                "{\"kind\":\"file\",\"path\":\"share/a.xlsx\",\"size\":1200,\"sha256\":\"" + "ab".repeat(32) + "\"}",
                "{\"kind\":\"finding\",\"path\":\"share/a.xlsx\",\"category\":\"personal\",\"type\":\"my_number\"}",
                "{\"kind\":\"summary\",\"files\":1}") + "\n");
        return f;
    }

    private Path claimsFile() throws Exception {
        Path f = tmp.resolve("claims.jsonl");
        Files.writeString(f, String.join("\n",
                "{\"kind\":\"claim\",\"line\":1,\"claimed_path\":\"a.xlsx\",\"outcome\":\"confirmed\",\"matched_path\":\"share/a.xlsx\"}",
                "{\"kind\":\"summary\",\"claimed\":1}") + "\n");
        return f;
    }

    @Test
    void scanAndClaimsResultsAreAttachedOnceAndShownByStats() throws Exception {
        Path c = tmp.resolve("case");
        assertEquals(0, tansa("case", "init", c.toString(), "-q").code());
        CaseWorkspaceTest.Run r = tansa("ingest", "--case", c.toString(), "--scan", scanFile().toString(), "--claims",
                claimsFile().toString(), "-f", "json");
        assertEquals(0, r.code(), r.err());
        assertEquals("{\"files\": 0, \"skipped\": 0, \"events\": 0, \"detections\": 0, \"problems\": 0, \"attached\": 2, "
                + "\"already_attached\": 0, \"records\": 5}", r.out().strip());
        CaseWorkspaceTest.Run again = tansa("ingest", "--case", c.toString(), "--scan", scanFile().toString(), "-f", "json");
        assertTrue(again.out().contains("\"attached\": 0, \"already_attached\": 1, \"records\": 0"), again.out());
        CaseWorkspaceTest.Run stats = tansa("case", "stats", "--case", c.toString(), "-f", "json");
        assertTrue(stats.out().contains("\"attachments\": 2, \"scan_files\": 1, \"scan_findings\": 1, \"claims\": 1, "
                + "\"audit_entries\": 3}"), stats.out());
        CaseWorkspaceTest.Run wrong = tansa("ingest", "--case", c.toString(), "--scan", claimsFile().toString());
        assertEquals(1, wrong.code());
        assertEquals(1, wrong.err().lines().filter(l -> l.contains("is not a scan record")).count(), wrong.err());
    }

    @Test
    void auditVerifyNamesAnEditedEntryOnAnEmbeddedCase() throws Exception {
        Path c = tmp.resolve("case");
        assertEquals(0, tansa("case", "init", c.toString(), "-q", "--analyst", "alice").code());
        assertEquals(0, tansa("ingest", "--case", c.toString(), "-q", "--analyst", "bob", DEEPBLUE.toString()).code());
        CaseWorkspaceTest.Run ok = tansa("audit", "verify", "--case", c.toString());
        assertEquals(0, ok.code(), ok.out() + ok.err());
        assertTrue(ok.out().contains(" entries, intact; newest hash "), ok.out());
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + c.resolve("case.duckdb").toAbsolutePath());
             Statement s = db.createStatement()) {
            assertEquals(1, s.executeUpdate("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2 AND actor = 'bob'"));
            assertEquals(1, s.executeUpdate("DELETE FROM audit_log WHERE seq = 4"));
        }
        CaseWorkspaceTest.Run bad = tansa("audit", "verify", "--case", c.toString(), "-f", "jsonl", "-q");
        assertEquals(1, bad.code());
        assertEquals(List.of("{\"entry\": 2, \"problem\": \"edited\", \"detail\": \"its contents do not give its hash (changed after it was written)\"}",
                "{\"entry\": 4, \"problem\": \"deleted\", \"detail\": \"entry 4 is missing\"}"), bad.out().lines().toList());
    }

    @Test
    void everyCaseCommandWorksOnACaseInPostgresql() throws Exception {
        String db = LocalPostgres.shared().newDatabase();
        CaseWorkspaceTest.Run init = tansa("case", "init", "--db", db, "--name", "acme");
        assertEquals(0, init.code(), init.err());
        assertTrue(init.out().startsWith("created case 'acme' (id 1) in " + db + "; pick it with --db URL --case-id 1"), init.out());
        assertEquals(0, tansa("case", "init", "--db", "jdbc:" + db, "--name", "beta", "-q").code());
        CaseWorkspaceTest.Run dup = tansa("case", "init", "--db", db, "--name", "acme");
        assertEquals(1, dup.code());
        assertEquals("tansa: case 'acme' already exists in " + db + " (id 1); choose another name", dup.err().strip());
        CaseWorkspaceTest.Run list = tansa("case", "list", "--db", db, "-f", "jsonl");
        assertEquals(2, list.out().lines().count(), list.out());

        Path ev = tmp.resolve("ev");
        Files.createDirectories(ev);
        try (var files = Files.list(DEEPBLUE)) {
            for (Path p : files.filter(p -> p.toString().endsWith(".evtx")).sorted().limit(4).toList()) {
                Files.copy(p, ev.resolve(p.getFileName()));
            }
        }
        CaseWorkspaceTest.Run ingest = tansa("ingest", "--db", db, "--case-id", "acme", ev.toString(), "--scan",
                scanFile().toString(), "-f", "json");
        assertEquals(0, ingest.code(), ingest.err());
        assertTrue(ingest.out().startsWith("{\"files\": 4, \"skipped\": 0, \"events\": "), ingest.out());
        CaseWorkspaceTest.Run dump = tansa("dump", "--count", ev.toString());
        String[] last = dump.out().strip().split("\n");
        String events = last[last.length - 1].split("\t")[0];
        CaseWorkspaceTest.Run stats = tansa("case", "stats", "--db", db, "--case-id", "1", "-f", "json");
        assertTrue(stats.out().startsWith("{\"evidence\": 4, \"events\": " + events + ", \"detections\": 0, \"name\": \"acme\", "
                + "\"attachments\": 1,"), stats.out());
        CaseWorkspaceTest.Run other = tansa("case", "stats", "--db", db, "--case-id", "beta", "-f", "json");
        assertTrue(other.out().startsWith("{\"evidence\": 0, \"events\": 0,"), other.out());
        CaseWorkspaceTest.Run pick = tansa("case", "stats", "--db", db);
        assertEquals(1, pick.code());
        assertTrue(pick.err().strip().endsWith("holds 2 cases; pick one with --case-id ID|NAME ('tansa case list --db URL')"), pick.err());

        assertEquals(0, tansa("evidence", "verify", "--db", db, "--case-id", "acme").code());
        Files.delete(ev.resolve(Files.list(ev).sorted().findFirst().orElseThrow().getFileName()));
        CaseWorkspaceTest.Run verify = tansa("evidence", "verify", "--db", db, "--case-id", "acme");
        assertEquals(1, verify.code());
        assertTrue(verify.out().contains("4 files checked: 0 changed, 1 missing, 0 new"), verify.out());

        assertEquals(0, tansa("audit", "verify", "--db", db, "--case-id", "acme").code());
        try (Connection c = DriverManager.getConnection(LocalPostgres.shared().jdbcUrl(db.substring(db.lastIndexOf('/') + 1)));
             Statement s = c.createStatement()) {
            assertEquals(2, s.executeUpdate("UPDATE tansa_case_1.audit_log SET seq = CASE WHEN seq = 2 THEN 3 ELSE 2 END "
                    + "WHERE seq IN (2, 3)"));
        }
        CaseWorkspaceTest.Run swapped = tansa("audit", "verify", "--db", db, "--case-id", "acme");
        assertEquals(1, swapped.code());
        List<String> lines = swapped.out().lines().toList();
        assertEquals("entry 2  reordered  it was written after the entry now numbered 3", lines.get(0));
        assertEquals("entry 3  reordered  it was written right after the entry now numbered 1, not after entry 2", lines.get(1));
        assertTrue(lines.get(2).startsWith("audit log of case 'acme' (id 1) in " + db + ": 6 entries, 2 problems"), lines.get(2));
        assertEquals(0, tansa("audit", "verify", "--db", db, "--case-id", "beta").code());
    }

    @Test
    void aCaseIsNamedOneWayAndUsageErrorsSayHow() {
        CaseWorkspaceTest.Run both = tansa("case", "stats", "--case", tmp.toString(), "--db", "postgresql://u@h/db");
        assertEquals(2, both.code());
        assertTrue(both.err().startsWith("tansa: case stats: give either --case DIR or --db URL, not both"), both.err());
        CaseWorkspaceTest.Run none = tansa("audit", "verify");
        assertEquals(2, none.code());
        assertTrue(none.err().startsWith("tansa: audit verify: give the case: --case DIR or --db URL"), none.err());
        CaseWorkspaceTest.Run bad = tansa("case", "stats", "--db", "mysql://h/db");
        assertEquals(1, bad.code());
        assertEquals("tansa: --db must be a PostgreSQL address (postgresql://user@host:port/database), not 'mysql://h/db'",
                bad.err().strip());
    }
}
