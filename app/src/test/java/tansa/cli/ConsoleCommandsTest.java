package tansa.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** user add, token create, serve's refusals and the console's writes in the audit chain, through the real CLI. */
class ConsoleCommandsTest {
    @TempDir
    Path dir;

    private static CaseWorkspaceTest.Run withStdin(String stdin, String... args) {
        UserAddCommand.stdin = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        try {
            return CaseWorkspaceTest.tansa(args);
        } finally {
            UserAddCommand.stdin = System.in;
        }
    }

    @Test
    void userAddStoresAnArgon2idHashAndTokenCreateStoresOnlyTheTokensHash() throws Exception {
        Path c = dir.resolve("acme");
        assertEquals(0, CaseWorkspaceTest.tansa("case", "init", c.toString(), "-q").code());
        CaseWorkspaceTest.Run add = withStdin("s3cret passphrase\n", "user", "add", "--case", c.toString(), "--name", "aiko", "--role",
                "analyst", "--password-stdin");
        assertEquals(0, add.code(), add.err());
        assertEquals("user 'aiko' is analyst in case " + c + "\n", add.out());
        CaseWorkspaceTest.Run tok = CaseWorkspaceTest.tansa("token", "create", "--case", c.toString(), "--user", "aiko");
        assertEquals(0, tok.code(), tok.err());
        String token = tok.out().strip();
        assertTrue(token.matches("tansa_[A-Za-z0-9_-]{43}"), token);
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + c.resolve("case.duckdb"));
             Statement s = db.createStatement();
             ResultSet r = s.executeQuery("SELECT (SELECT password_hash FROM console_user), (SELECT token_sha256 FROM console_token)")) {
            r.next();
            assertTrue(r.getString(1).startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), r.getString(1));
            assertFalse(r.getString(1).contains("s3cret"));
            assertEquals(64, r.getString(2).length());
            assertFalse(r.getString(2).contains(token));
        }
        CaseWorkspaceTest.Run nobody = CaseWorkspaceTest.tansa("token", "create", "--case", c.toString(), "--user", "nobody");
        assertEquals(1, nobody.code());
        assertEquals(1, nobody.err().lines().count(), nobody.err());
        assertTrue(nobody.err().contains("no user 'nobody'"), nobody.err());
    }

    @Test
    void badRolesShortPasswordsAndMissingCasesAreOneLine() throws Exception {
        Path c = dir.resolve("acme");
        assertEquals(0, CaseWorkspaceTest.tansa("case", "init", c.toString(), "-q").code());
        CaseWorkspaceTest.Run role = withStdin("long enough pw\n", "user", "add", "--case", c.toString(), "--name", "x", "--role", "root",
                "--password-stdin");
        assertEquals(2, role.code());
        assertTrue(role.err().contains("--role must be admin, lead, analyst or viewer"), role.err());
        CaseWorkspaceTest.Run shortPw = withStdin("short\n", "user", "add", "--case", c.toString(), "--name", "x", "--role", "viewer",
                "--password-stdin");
        assertEquals(1, shortPw.code());
        assertEquals("tansa: the password must have at least 8 characters\n", shortPw.err());
        CaseWorkspaceTest.Run badName = withStdin("long enough pw\n", "user", "add", "--case", c.toString(), "--name", "<b>", "--role",
                "viewer", "--password-stdin");
        assertEquals(1, badName.code());
        CaseWorkspaceTest.Run missing = CaseWorkspaceTest.tansa("serve", "--case", dir.resolve("none").toString(), "--port", "0");
        assertEquals(1, missing.code());
        assertEquals(1, missing.err().lines().count(), missing.err());
        assertTrue(missing.err().contains("is not a case"), missing.err());
        CaseWorkspaceTest.Run half = CaseWorkspaceTest.tansa("serve", "--case", c.toString(), "--port", "0", "--oidc-issuer",
                "https://sso.example.jp/realms/ir");
        assertEquals(2, half.code());
        assertTrue(half.err().contains("OIDC sign-in needs --oidc-issuer, --oidc-client-id and --oidc-client-secret-file together"),
                half.err());
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "s3cret\n");
        CaseWorkspaceTest.Run gone = CaseWorkspaceTest.tansa("serve", "--case", c.toString(), "--port", "0", "--oidc-issuer",
                "http://127.0.0.1:9/realms/none", "--oidc-client-id", "tansa", "--oidc-client-secret-file", secret.toString());
        assertEquals(1, gone.code());
        assertEquals(1, gone.err().lines().count(), gone.err());
        assertTrue(gone.err().startsWith("tansa: cannot read the OIDC issuer's metadata at http://127.0.0.1:9/realms/none/"), gone.err());
        assertFalse(gone.err().contains("s3cret"), gone.err());
        CaseWorkspaceTest.Run port = CaseWorkspaceTest.tansa("serve", "--case", c.toString(), "--port", "70000");
        assertEquals(2, port.code());
        assertTrue(Files.exists(c.resolve("case.duckdb")));
    }

    @Test
    void consoleWritesGoToTheHashChainAndAuditVerifyNamesAnEditedOrDeletedOne() throws Exception {
        Path c = dir.resolve("acme");
        assertEquals(0, CaseWorkspaceTest.tansa("case", "init", c.toString(), "-q").code());
        assertEquals(0, withStdin("s3cret passphrase\n", "user", "add", "--case", c.toString(), "--name", "lee", "--role", "lead",
                "--password-stdin").code());
        String token = CaseWorkspaceTest.tansa("token", "create", "--case", c.toString(), "--user", "lee").out().strip();
        try (tansa.console.ConsoleServer server = tansa.console.ConsoleServer.start(List.of(tansa.console.CaseDatabase.open(c, 2)),
                new tansa.console.ConsoleServer.Options("127.0.0.1", 0, false), new tansa.console.ChainAuditSink(), Clock.systemUTC(),
                System.err::println)) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.port() + "/api/cases/" + server.caseIds().get(0);
            for (String[] w : new String[][] {{"/notes", "{\"text\": \"first note\"}"}, {"/tasks", "{\"title\": \"image DC01\"}"},
                    {"/state", "{\"status\": \"contained\", \"severity\": \"high\"}"}, {"/notes", "{\"text\": \"second note\"}"}}) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + w[0])).header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(w[1])).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertTrue(r.statusCode() == 201 || r.statusCode() == 200, w[0] + ": " + r.body());
            }
        }
        CaseWorkspaceTest.Run ok = CaseWorkspaceTest.tansa("audit", "verify", "--case", c.toString());
        assertEquals(0, ok.code(), ok.out() + ok.err());
        long note1;
        long state;
        String stateAfter;
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + c.resolve("case.duckdb")); Statement s = db.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT seq, actor, before_json, after_json FROM audit_log WHERE action = 'case.state'")) {
                assertTrue(r.next(), "the console's status change is in the chain");
                state = r.getLong(1);
                assertEquals("lee", r.getString(2));
                assertEquals("{\"severity\":\"unknown\",\"status\":\"open\"}", r.getString(3));
                stateAfter = r.getString(4);
                assertEquals("{\"severity\":\"high\",\"status\":\"contained\"}", stateAfter);
            }
            try (ResultSet r = s.executeQuery("SELECT min(seq), count(*) FROM audit_log WHERE action IN ('note.add', 'task.add')")) {
                r.next();
                note1 = r.getLong(1);
                assertEquals(3, r.getLong(2));
            }
            // someone with write access to the file makes the change look milder
            assertEquals(1, s.executeUpdate("UPDATE audit_log SET after_json = '{\"severity\":\"low\",\"status\":\"contained\"}' "
                    + "WHERE seq = " + state));
        }
        CaseWorkspaceTest.Run edited = CaseWorkspaceTest.tansa("audit", "verify", "--case", c.toString());
        assertEquals(1, edited.code(), edited.out());
        assertTrue(edited.out().contains("entry " + state + "  edited"), edited.out());
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + c.resolve("case.duckdb")); Statement s = db.createStatement()) {
            s.executeUpdate("UPDATE audit_log SET after_json = '" + stateAfter + "' WHERE seq = " + state);
            assertEquals(1, s.executeUpdate("DELETE FROM audit_log WHERE seq = " + note1));
        }
        CaseWorkspaceTest.Run deleted = CaseWorkspaceTest.tansa("audit", "verify", "--case", c.toString(), "-f", "jsonl", "-q");
        assertEquals(1, deleted.code(), deleted.out());
        assertEquals("{\"entry\": " + note1 + ", \"problem\": \"deleted\", \"detail\": \"entry " + note1 + " is missing\"}\n",
                deleted.out());
    }
}
