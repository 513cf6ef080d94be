package tansa.console;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** The simple sink: one row per entry in the case's {@code console_audit} table. */
public final class TableAuditSink implements AuditSink {
    @Override
    public void record(Connection c, Entry e) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO console_audit VALUES (nextval('console_audit_ids'), ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, e.at().toString());
            p.setString(2, e.actor());
            p.setString(3, e.action());
            p.setString(4, e.target());
            p.setString(5, e.before());
            p.setString(6, e.after());
            p.executeUpdate();
        }
    }
}
