package tansa.casefile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Versioned schema migrations: {@code V1__init.sql}, {@code V2__...} under
 * {@code /tansa/casefile/migration/}, each applied once, in order, in its own transaction with its
 * row in {@code schema_version} (version, script, SHA-256 of the script, when).
 *
 * <p>Written here rather than taken from Flyway: Flyway's open-source modules have no DuckDB
 * support (no {@code flyway-database-duckdb} is published), and this needs only the part that
 * matters for a case file: ordered, transactional, recorded, and a refusal to open a case whose
 * applied scripts were edited or that a newer tansa wrote. Scripts are split into statements at a
 * {@code ;} that ends a line, so they must not hold one inside a string.
 *
 * <p>A script may have a PostgreSQL-only companion ({@code V6__query_columns.postgresql.sql}: indexes
 * DuckDB does without), run after it in the same transaction on PostgreSQL; there the recorded
 * SHA-256 covers both. Some versions also fill new columns of rows written before them, in Java
 * ({@link #backfill}), in the same transaction.
 */
final class Migrations {
    /** The scripts in order; the index is the version minus one. */
    static final List<String> SCRIPTS = List.of("V1__init.sql", "V2__custody_exposure_audit.sql", "V3__console.sql",
            "V4__settings.sql", "V5__artifacts.sql", "V6__query_columns.sql", "V7__incidents_containment.sql");
    private static final String DIR = "/tansa/casefile/migration/";

    private Migrations() {
    }

    /** The newest schema version this build knows. */
    static int latest() {
        return SCRIPTS.size();
    }

    /**
     * Brings the store to {@link #latest()}; returns how many scripts ran. Refuses a store whose
     * recorded scripts differ from ours or that is newer than this build.
     */
    static int migrate(Connection c, String where) throws SQLException {
        boolean auto = c.getAutoCommit();
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, script VARCHAR NOT NULL, "
                    + "sha256 VARCHAR NOT NULL, applied_at VARCHAR NOT NULL)");
        }
        boolean postgres = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
        List<String[]> applied = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT version, script, sha256 FROM schema_version ORDER BY version")) {
            while (r.next()) {
                applied.add(new String[] {Integer.toString(r.getInt(1)), r.getString(2), r.getString(3)});
            }
        }
        if (applied.size() > latest()) {
            throw new CaseException(where + " has schema version " + applied.size() + "; this tansa knows up to "
                    + latest() + ": use a newer tansa");
        }
        for (int i = 0; i < applied.size(); i++) {
            String[] a = applied.get(i);
            String script = SCRIPTS.get(i);
            if (Integer.parseInt(a[0]) != i + 1 || !a[1].equals(script) || !a[2].equals(sha256(text(script, postgres)))) {
                throw new CaseException(where + ": schema version " + (i + 1) + " was applied from " + a[1]
                        + " with other contents than this tansa's " + script + "; refusing to touch it");
            }
        }
        int ran = 0;
        c.setAutoCommit(false);
        try {
            for (int v = applied.size() + 1; v <= latest(); v++) {
                String script = SCRIPTS.get(v - 1);
                String sql = text(script, postgres);
                try (Statement s = c.createStatement()) {
                    for (String statement : statements(sql)) {
                        s.execute(statement);
                    }
                }
                backfill(c, v);
                try (PreparedStatement p = c.prepareStatement("INSERT INTO schema_version VALUES (?, ?, ?, ?)")) {
                    p.setInt(1, v);
                    p.setString(2, script);
                    p.setString(3, sha256(sql));
                    p.setString(4, Instant.now().toString());
                    p.executeUpdate();
                }
                c.commit();
                ran++;
            }
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
        return ran;
    }

    /** The statements of a script: split at a ';' that ends a line; '--' comment lines dropped. */
    static List<String> statements(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : sql.split("\n", -1)) {
            String t = line.strip();
            if (t.startsWith("--") || t.isEmpty()) {
                continue;
            }
            cur.append(line).append('\n');
            if (t.endsWith(";")) {
                String s = cur.toString().strip();
                out.add(s.substring(0, s.length() - 1));
                cur.setLength(0);
            }
        }
        if (!cur.toString().isBlank()) {
            throw new IllegalStateException("migration script ends without ';': " + cur.toString().strip());
        }
        return out;
    }

    /** The script's text, with its PostgreSQL companion appended on PostgreSQL when there is one. */
    static String text(String script, boolean postgres) {
        String sql = text(script);
        if (postgres) {
            String companion = script.replace(".sql", ".postgresql.sql");
            if (Migrations.class.getResource(DIR + companion) != null) {
                sql = sql + "\n" + text(companion);
            }
        }
        return sql;
    }

    /** Fills what version {@code v} added to rows stored before it (V6: detection.account and .tags). */
    private static void backfill(Connection c, int v) throws SQLException {
        if (v == 6) {
            QueryColumns.backfill(c);
        }
    }

    static String text(String script) {
        try (InputStream in = Migrations.class.getResourceAsStream(DIR + script)) {
            if (in == null) {
                throw new IllegalStateException("migration " + DIR + script + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration " + script, e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
