package tansa.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tansa.casefile.LocalPostgres;

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
        // a second user add (a role change) and the token are in the audit chain, without secrets
        assertEquals(0, withStdin("an0ther passphrase\n", "user", "add", "--case", c.toString(), "--name", "aiko", "--role", "viewer",
                "--password-stdin", "-q").code());
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + c.resolve("case.duckdb"));
             Statement s = db.createStatement();
             ResultSet r = s.executeQuery("SELECT action, target, coalesce(before_json, ''), after_json FROM audit_log "
                     + "WHERE action IN ('user.put', 'token.create') ORDER BY seq")) {
            List<String> rows = new java.util.ArrayList<>();
            while (r.next()) {
                rows.add(r.getString(1) + " " + r.getString(2) + " " + r.getString(3) + " " + r.getString(4));
            }
            assertEquals(3, rows.size(), rows.toString());
            assertEquals("user.put user/aiko  {\"role\":\"analyst\"}", rows.get(0));
            assertTrue(rows.get(1).startsWith("token.create user/aiko  {\"token_sha256\":\""), rows.get(1));
            assertEquals("user.put user/aiko {\"role\":\"analyst\"} {\"role\":\"viewer\"}", rows.get(2));
            assertFalse(rows.toString().contains("passphrase") || rows.toString().contains(token) || rows.toString().contains("argon2"));
        }
        assertEquals(0, CaseWorkspaceTest.tansa("audit", "verify", "--case", c.toString(), "-q").code());
        CaseWorkspaceTest.Run nobody = CaseWorkspaceTest.tansa("token", "create", "--case", c.toString(), "--user", "nobody");
        assertEquals(1, nobody.code());
        assertEquals(1, nobody.err().lines().count(), nobody.err());
        assertTrue(nobody.err().contains("no user 'nobody'"), nobody.err());
    }

    @Test
    void usersAndTokensMadeByTheCliActWithTheirRoleInServeOnAnEmbeddedCase() throws Exception {
        Path c = dir.resolve("acme");
        assertEquals(0, CaseWorkspaceTest.tansa("case", "init", c.toString(), "-q").code());
        List<String> where = List.of("--case", c.toString());
        usersAndTokensActWithTheirRole(where, where, "case " + c, List.of());
    }

    /**
     * Issue 12 items 5 and 6 on a case of a PostgreSQL database: 'user add' and 'token create' take
     * --db URL --case-id like the other case commands, and 'serve --db' signs the token in with the
     * user's role in that case and in no other case of the database (membership is per case).
     */
    @Test
    void usersAndTokensMadeByTheCliActWithTheirRoleInServeOnACaseInPostgresql() throws Exception {
        String db = LocalPostgres.shared().newDatabase();
        assertEquals(0, CaseWorkspaceTest.tansa("case", "init", "--db", db, "--name", "acme", "-q").code());
        assertEquals(0, CaseWorkspaceTest.tansa("case", "init", "--db", db, "--name", "beta", "-q").code());
        CaseWorkspaceTest.Run pick = withStdin("s3cret passphrase\n", "user", "add", "--db", db, "--name", "lee", "--role", "lead",
                "--password-stdin");
        assertEquals(1, pick.code());
        assertTrue(pick.err().strip().endsWith("holds 2 cases; pick one with --case-id ID|NAME ('tansa case list --db URL')"), pick.err());
        CaseWorkspaceTest.Run both = CaseWorkspaceTest.tansa("token", "create", "--db", db, "--case", dir.toString(), "--user", "lee");
        assertEquals(2, both.code());
        assertTrue(both.err().startsWith("tansa: token create: give either --case DIR or --db URL, not both"), both.err());
        usersAndTokensActWithTheirRole(List.of("--db", db, "--case-id", "acme"),
                List.of("--db", db, "--case-id", "acme", "--case-id", "beta"), "case 'acme' (id 1) in " + db, List.of("beta"));
    }

    /**
     * Adds an analyst and a viewer and a token for each through the CLI on the case {@code where}
     * names, then runs {@code tansa serve} on {@code served} in its own JVM, as a user would, and
     * checks what each token may do there; {@code others} are served cases the users are not members of.
     */
    private void usersAndTokensActWithTheirRole(List<String> where, List<String> served, String label, List<String> others)
            throws Exception {
        for (String[] u : new String[][] {{"ana", "analyst"}, {"vic", "viewer"}}) {
            List<String> args = new java.util.ArrayList<>(List.of("user", "add"));
            args.addAll(where);
            args.addAll(List.of("--name", u[0], "--role", u[1], "--password-stdin"));
            CaseWorkspaceTest.Run add = withStdin("s3cret passphrase\n", args.toArray(String[]::new));
            assertEquals(0, add.code(), add.err());
            assertEquals("user '" + u[0] + "' is " + u[1] + " in " + label + "\n", add.out());
        }
        List<String> tokenArgs = new java.util.ArrayList<>(List.of("token", "create"));
        tokenArgs.addAll(where);
        tokenArgs.addAll(List.of("--user", "ana"));
        String analyst = CaseWorkspaceTest.tansa(tokenArgs.toArray(String[]::new)).out().strip();
        Path viewerFile = dir.resolve("vic.token");
        tokenArgs.set(tokenArgs.size() - 1, "vic");
        tokenArgs.addAll(List.of("-o", viewerFile.toString()));
        CaseWorkspaceTest.Run toFile = CaseWorkspaceTest.tansa(tokenArgs.toArray(String[]::new));
        assertEquals(0, toFile.code(), toFile.err());
        assertEquals("", toFile.out());
        String viewer = Files.readString(viewerFile).strip();
        assertTrue(analyst.matches("tansa_[A-Za-z0-9_-]{43}") && viewer.matches("tansa_[A-Za-z0-9_-]{43}"), analyst + " " + viewer);

        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve"));
        cmd.addAll(served);
        cmd.addAll(List.of("--port", "0"));
        Path log = dir.resolve("serve.err");
        Process serve = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        try {
            java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(serve.getInputStream(),
                    StandardCharsets.UTF_8));
            String first = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).get(120, java.util.concurrent.TimeUnit.SECONDS);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("at http://127\\.0\\.0\\.1:(\\d+)/").matcher(String.valueOf(first));
            assertTrue(m.find(), first + " / " + Files.readString(log));
            String base = "http://127.0.0.1:" + m.group(1) + "/api/cases";
            HttpClient http = HttpClient.newHttpClient();
            java.util.function.BiFunction<String, String, HttpResponse<String>> get = (token, path) -> send(http, token, base + path, null);
            java.util.function.BiFunction<String, String, HttpResponse<String>> note = (token, path) -> send(http, token, base + path + "/notes",
                    "{\"text\": \"seen by " + path + "\"}");

            assertEquals(401, get.apply(null, "/acme/detections").statusCode());
            assertEquals(401, get.apply("tansa_" + "x".repeat(43), "/acme/detections").statusCode());
            HttpResponse<String> cases = get.apply(viewer, "");
            assertEquals(200, cases.statusCode(), cases.body());
            assertTrue(cases.body().contains("\"id\":\"acme\"") && cases.body().contains("\"role\":\"viewer\""), cases.body());
            assertEquals(200, get.apply(viewer, "/acme/detections").statusCode());
            HttpResponse<String> refused = note.apply(viewer, "/acme");
            assertEquals(403, refused.statusCode(), refused.body());
            HttpResponse<String> added = note.apply(analyst, "/acme");
            assertEquals(201, added.statusCode(), added.body());
            // a member added while serve runs: on PostgreSQL they sign in at once; an embedded case is held by serve
            List<String> late = new java.util.ArrayList<>(List.of("user", "add"));
            late.addAll(where);
            late.addAll(List.of("--name", "late", "--role", "analyst", "--password-stdin"));
            CaseWorkspaceTest.Run lateAdd = withStdin("s3cret passphrase\n", late.toArray(String[]::new));
            if (where.get(0).equals("--case")) {
                assertEquals(1, lateAdd.code());
                assertEquals("tansa: " + label + " is in use by another tansa process\n", lateAdd.err());
            } else {
                assertEquals(0, lateAdd.code(), lateAdd.err());
                tokenArgs = new java.util.ArrayList<>(List.of("token", "create"));
                tokenArgs.addAll(where);
                tokenArgs.addAll(List.of("--user", "late"));
                assertEquals(201, note.apply(CaseWorkspaceTest.tansa(tokenArgs.toArray(String[]::new)).out().strip(), "/acme").statusCode());
            }
            for (String other : others) {
                assertFalse(cases.body().contains("\"id\":\"" + other + "\""), cases.body());
                assertEquals(403, get.apply(analyst, "/" + other + "/detections").statusCode());
                assertEquals(403, note.apply(analyst, "/" + other).statusCode());
            }
        } finally {
            serve.destroy(); // SIGTERM: serve's shutdown hook closes the case
            assertTrue(serve.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "serve did not stop");
        }
        // the analyst's note went to the case 'serve' held, in its audit chain
        List<String> verify = new java.util.ArrayList<>(List.of("audit", "verify"));
        verify.addAll(where);
        CaseWorkspaceTest.Run audit = CaseWorkspaceTest.tansa(verify.toArray(String[]::new));
        assertEquals(0, audit.code(), audit.out() + audit.err());
    }

    private static HttpResponse<String> send(HttpClient http, String token, String url, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError(url + ": " + e, e);
        }
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
