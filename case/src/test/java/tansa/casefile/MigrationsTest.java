package tansa.casefile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MigrationsTest {
    @TempDir
    Path tmp;

    @Test
    void splitsScriptsAtLineEndSemicolonsAndDropsComments() {
        assertEquals(List.of("CREATE TABLE a (x INT)", "CREATE TABLE b (\n    y VARCHAR\n)"),
                Migrations.statements("-- header\nCREATE TABLE a (x INT);\n\nCREATE TABLE b (\n    y VARCHAR\n);\n"));
        assertThrows(IllegalStateException.class, () -> Migrations.statements("CREATE TABLE a (x INT)\n"));
    }

    @Test
    void appliesEachScriptOnceAndRecordsIt() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + tmp.resolve("m.duckdb"))) {
            assertEquals(Migrations.latest(), Migrations.migrate(c, "test"));
            assertEquals(0, Migrations.migrate(c, "test"));
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*), max(version) FROM schema_version")) {
                r.next();
                assertEquals(Migrations.latest(), r.getInt(1));
                assertEquals(Migrations.latest(), r.getInt(2));
            }
        }
    }

    @Test
    void refusesACaseWrittenByANewerTansa() throws Exception {
        Path dir = tmp.resolve("case");
        CaseStore.create(dir, "t", "tester", Instant.EPOCH).close();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve(CaseStore.FILE));
             Statement s = c.createStatement()) {
            s.execute("INSERT INTO schema_version VALUES (" + (Migrations.latest() + 1) + ", 'V9__future.sql', 'x', 'now')");
        }
        CaseException e = assertThrows(CaseException.class, () -> CaseStore.open(dir));
        assertTrue(e.getMessage().contains("use a newer tansa"), e.getMessage());
    }

    @Test
    void refusesACaseWhoseAppliedScriptDiffersFromOurs() throws Exception {
        Path dir = tmp.resolve("case");
        CaseStore.create(dir, "t", "tester", Instant.EPOCH).close();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve(CaseStore.FILE));
             Statement s = c.createStatement()) {
            s.execute("UPDATE schema_version SET sha256 = 'edited' WHERE version = 1");
        }
        CaseException e = assertThrows(CaseException.class, () -> CaseStore.open(dir));
        assertTrue(e.getMessage().contains("other contents"), e.getMessage());
    }
}
