package tansa.casefile;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The settings of a case (status, severity, discovery time, breach facts, regimes): text values by
 * key, each with who set it and when. The keys and their meaning belong to the readers (the report,
 * the console); this class only stores them. Not thread-safe, like its store.
 */
public final class CaseSettings {
    private final CaseStore store;

    public CaseSettings(CaseStore store) {
        this.store = store;
    }

    /** Every setting, by key in sorted order. */
    public Map<String, String> all() {
        Map<String, String> out = new TreeMap<>();
        try (PreparedStatement p = store.connection().prepareStatement("SELECT key, value FROM case_setting");
             ResultSet r = p.executeQuery()) {
            while (r.next()) {
                out.put(r.getString(1), r.getString(2));
            }
        } catch (SQLException e) {
            throw new CaseException("cannot read the settings of " + store.label() + ": "
                    + CaseStore.firstLine(e.getMessage()), e);
        }
        return out;
    }

    /**
     * Sets (or with a null value removes) one setting and records the change in the audit log, in
     * one transaction; returns the value it had, or null.
     */
    public String set(String key, String value, String user, Instant now) {
        String before = all().get(key);
        java.sql.Connection c = store.connection();
        try {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                try (PreparedStatement del = c.prepareStatement("DELETE FROM case_setting WHERE key = ?")) {
                    del.setString(1, key);
                    del.executeUpdate();
                }
                if (value != null) {
                    try (PreparedStatement ins = c.prepareStatement(
                            "INSERT INTO case_setting (key, value, set_by, set_at) VALUES (?, ?, ?, ?)")) {
                        ins.setString(1, key);
                        ins.setString(2, value);
                        ins.setString(3, user);
                        ins.setString(4, now.toString());
                        ins.executeUpdate();
                    }
                }
                new Audit(store).record(user, "case.set", key, json(before), json(value));
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new CaseException("cannot set " + key + " in " + store.label() + ": "
                    + CaseStore.firstLine(e.getMessage()), e);
        }
        return before;
    }

    private static String json(String v) {
        return v == null ? null : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.textNode(v).toString();
    }
}
