package tansa.console;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Where the console writes each state-changing action (who, what, when, before, after). Called
 * inside the action's own transaction on {@code c}, so an action and its entry commit together.
 *
 * <p>{@code tansa serve} uses {@link ChainAuditSink}: the case's one hash-chained audit log.
 */
public interface AuditSink {
    /** One entry; {@code before} and {@code after} are JSON or null. */
    record Entry(Instant at, String actor, String action, String target, String before, String after) {
    }

    void record(Connection c, Entry entry) throws SQLException;
}
