package tansa.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** user add, token create and serve's refusals through the real CLI. */
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
        CaseWorkspaceTest.Run port = CaseWorkspaceTest.tansa("serve", "--case", c.toString(), "--port", "70000");
        assertEquals(2, port.code());
        assertTrue(Files.exists(c.resolve("case.duckdb")));
    }
}
