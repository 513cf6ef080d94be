package tansa.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the team writes in a case: notes, tasks, the case's status and severity. Each write is one
 * transaction with its audit entry. Values are checked here (lengths, allowed states); a bad one
 * is a {@link DetectionFilter.BadRequest}.
 */
final class CaseWork {
    static final int MAX_NOTE = 65_536;
    static final int MAX_TITLE = 500;
    static final Set<String> TASK_STATES = Set.of("open", "in_progress", "done");
    static final List<String> CASE_STATES = List.of("open", "contained", "eradicated", "recovered", "closed");
    static final List<String> SEVERITIES = List.of("unknown", "low", "medium", "high", "critical");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final CaseDatabase db;
    private final AuditSink audit;
    private final Clock clock;

    CaseWork(CaseDatabase db, AuditSink audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    record Note(long id, String author, String createdAt, String text) {
    }

    record Task(long id, String title, String status, String owner, String createdBy, String createdAt, String updatedAt) {
    }

    List<Note> notes() {
        return db.read(c -> {
            List<Note> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT id, author, created_at, text FROM note ORDER BY id DESC LIMIT 500");
                 ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new Note(r.getLong(1), r.getString(2), r.getString(3), r.getString(4)));
                }
            }
            return out;
        });
    }

    Note addNote(String author, String text) {
        if (text == null || text.isBlank()) {
            throw new DetectionFilter.BadRequest("text is empty");
        }
        if (text.length() > MAX_NOTE) {
            throw new DetectionFilter.BadRequest("text is longer than " + MAX_NOTE + " characters");
        }
        Instant now = clock.instant();
        return db.write(c -> {
            long id = next(c, "note_ids");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO note VALUES (?, ?, ?, ?)")) {
                p.setLong(1, id);
                p.setString(2, author);
                p.setString(3, now.toString());
                p.setString(4, text);
                p.executeUpdate();
            }
            audit.record(c, new AuditSink.Entry(now, author, "note.add", "note/" + id, null, json("text", text)));
            return new Note(id, author, now.toString(), text);
        });
    }

    List<Task> tasks() {
        return db.read(c -> {
            List<Task> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT id, title, status, owner, created_by, created_at, updated_at "
                    + "FROM task ORDER BY CASE status WHEN 'done' THEN 1 ELSE 0 END, id LIMIT 1000"); ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new Task(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6),
                            r.getString(7)));
                }
            }
            return out;
        });
    }

    Task addTask(String actor, String title, String owner) {
        if (title == null || title.isBlank()) {
            throw new DetectionFilter.BadRequest("title is empty");
        }
        if (title.length() > MAX_TITLE || (owner != null && owner.length() > 64)) {
            throw new DetectionFilter.BadRequest("title (at most " + MAX_TITLE + " characters) or owner (64) is too long");
        }
        String o = owner == null || owner.isBlank() ? null : owner.strip();
        Instant now = clock.instant();
        return db.write(c -> {
            long id = next(c, "task_ids");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO task VALUES (?, ?, 'open', ?, ?, ?, ?)")) {
                p.setLong(1, id);
                p.setString(2, title.strip());
                p.setString(3, o);
                p.setString(4, actor);
                p.setString(5, now.toString());
                p.setString(6, now.toString());
                p.executeUpdate();
            }
            audit.record(c, new AuditSink.Entry(now, actor, "task.add", "task/" + id, null, json("title", title.strip())));
            return new Task(id, title.strip(), "open", o, actor, now.toString(), now.toString());
        });
    }

    /** Sets a task's status; false when there is no such task. */
    boolean setTaskStatus(String actor, long id, String status) {
        if (!TASK_STATES.contains(status)) {
            throw new DetectionFilter.BadRequest("status must be one of open, in_progress, done");
        }
        Instant now = clock.instant();
        return db.write(c -> {
            String before;
            try (PreparedStatement p = c.prepareStatement("SELECT status FROM task WHERE id = ?")) {
                p.setLong(1, id);
                try (ResultSet r = p.executeQuery()) {
                    if (!r.next()) {
                        return false;
                    }
                    before = r.getString(1);
                }
            }
            try (PreparedStatement p = c.prepareStatement("UPDATE task SET status = ?, updated_at = ? WHERE id = ?")) {
                p.setString(1, status);
                p.setString(2, now.toString());
                p.setLong(3, id);
                p.executeUpdate();
            }
            audit.record(c, new AuditSink.Entry(now, actor, "task.status", "task/" + id, json("status", before), json("status", status)));
            return true;
        });
    }

    void setState(String actor, String status, String severity) {
        if (!CASE_STATES.contains(status) || !SEVERITIES.contains(severity)) {
            throw new DetectionFilter.BadRequest("status must be one of " + CASE_STATES + " and severity one of " + SEVERITIES);
        }
        Instant now = clock.instant();
        db.write(c -> {
            CaseQueries.State before = new CaseQueries(db).stateOn(c);
            try (PreparedStatement d = c.prepareStatement("DELETE FROM case_state")) {
                d.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO case_state VALUES (?, ?, ?, ?)")) {
                p.setString(1, status);
                p.setString(2, severity);
                p.setString(3, actor);
                p.setString(4, now.toString());
                p.executeUpdate();
            }
            audit.record(c, new AuditSink.Entry(now, actor, "case.state", "case",
                    json2("status", before.status(), "severity", before.severity()), json2("status", status, "severity", severity)));
            return null;
        });
    }

    private static long next(Connection c, String sequence) throws SQLException {
        String sql = switch (sequence) {
            case "note_ids" -> "SELECT nextval('note_ids')";
            case "task_ids" -> "SELECT nextval('task_ids')";
            default -> throw new IllegalArgumentException(sequence);
        };
        try (PreparedStatement p = c.prepareStatement(sql); ResultSet r = p.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    /** {@code {"k": v}} as JSON, v escaped (audit entries' before and after). */
    static String json(String k, String v) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put(k, v);
        return o.toString();
    }

    private static String json2(String k1, String v1, String k2, String v2) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put(k1, v1);
        o.put(k2, v2);
        return o.toString();
    }
}
