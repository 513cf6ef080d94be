package tansa.console;

import tansa.casefile.Audit;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The console's writes in the case's one audit log: each entry appended to the hash chain
 * ({@link Audit#append}) inside the write's own transaction, so {@code tansa audit verify} checks
 * the console's actions with the ingests' and names any edited, reordered or deleted one.
 * Stateless; thread-safe as long as writes to one case are serialised ({@link CaseDatabase#write}
 * does).
 */
public final class ChainAuditSink implements AuditSink {
    @Override
    public void record(Connection c, Entry e) throws SQLException {
        Audit.append(c, e.at(), e.actor(), e.action(), e.target(), e.before(), e.after());
    }
}
