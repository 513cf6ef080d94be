package tansa.casefile;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * JSON results stored in a case by name ({@code scope}, {@code graph}): what the scoping
 * commands computed from its evidence, for the report and the console. Storing one replaces the
 * previous and is recorded in the audit log with the new document's SHA-256. Not thread-safe.
 */
public final class CaseArtifacts {
    private final CaseStore store;

    public CaseArtifacts(CaseStore store) {
        this.store = store;
    }

    /** The stored document, or null. */
    public String get(String name) {
        try (PreparedStatement p = store.connection().prepareStatement("SELECT data FROM case_artifact WHERE name = ?")) {
            p.setString(1, name);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new CaseException("cannot read " + name + " of " + store.label() + ": " + CaseStore.firstLine(e.getMessage()), e);
        }
    }

    public void put(String name, String json, String user, Instant now) {
        Connection c = store.connection();
        try {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                try (PreparedStatement del = c.prepareStatement("DELETE FROM case_artifact WHERE name = ?")) {
                    del.setString(1, name);
                    del.executeUpdate();
                }
                try (PreparedStatement ins = c.prepareStatement(
                        "INSERT INTO case_artifact (name, data, created_by, created_at) VALUES (?, ?, ?, ?)")) {
                    ins.setString(1, name);
                    ins.setString(2, json);
                    ins.setString(3, user);
                    ins.setString(4, now.toString());
                    ins.executeUpdate();
                }
                new Audit(store).record(user, "artifact.store", name, null,
                        "{\"sha256\":\"" + Migrations.sha256(json) + "\"}");
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new CaseException("cannot store " + name + " in " + store.label() + ": " + CaseStore.firstLine(e.getMessage()), e);
        }
    }
}
