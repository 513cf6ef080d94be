package tansa.console;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Incidents: detections grouped under a title, status, severity, owner and notes (Markdown). Made
 * from detections picked on the detections page or from every detection a filter selects (at most
 * {@link #MAX_DETECTIONS}); each change is one transaction with its audit entry (before and after).
 * Thread-safe (the database serialises writes).
 */
final class Incidents {
    static final List<String> STATES = List.of("open", "investigating", "contained", "closed");
    static final int MAX_DETECTIONS = 10_000;
    static final int MAX_NOTES = 65_536;

    private final CaseDatabase db;
    private final AuditSink audit;
    private final Clock clock;

    Incidents(CaseDatabase db, AuditSink audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    record Incident(long id, String title, String status, String severity, String owner, String notes, String createdBy,
                    String createdAt, String updatedAt, long detections) {
    }

    /** What a create or an update sets; null fields are left as they are (create: defaults). */
    record Fields(String title, String status, String severity, String owner, String notes) {
    }

    List<Incident> list() {
        return db.read(c -> {
            List<Incident> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT i.id, i.title, i.status, i.severity, i.owner, i.notes, i.created_by, "
                    + "i.created_at, i.updated_at, (SELECT count(*) FROM incident_detection d WHERE d.incident_id = i.id) "
                    + "FROM incident i ORDER BY CASE i.status WHEN 'closed' THEN 1 ELSE 0 END, i.id DESC LIMIT 1000");
                 ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(row(r));
                }
            }
            return out;
        });
    }

    Incident get(long id) {
        return db.read(c -> get(c, id));
    }

    private static Incident get(Connection c, long id) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT i.id, i.title, i.status, i.severity, i.owner, i.notes, i.created_by, "
                + "i.created_at, i.updated_at, (SELECT count(*) FROM incident_detection d WHERE d.incident_id = i.id) "
                + "FROM incident i WHERE i.id = ?")) {
            p.setLong(1, id);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? row(r) : null;
            }
        }
    }

    private static Incident row(ResultSet r) throws SQLException {
        return new Incident(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6),
                r.getString(7), r.getString(8), r.getString(9), r.getLong(10));
    }

    /** The incident's detections in time order (at most {@code limit}). */
    List<CaseQueries.DetectionRow> detections(long id, int limit) {
        return db.read(c -> {
            List<CaseQueries.DetectionRow> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT d.evidence_id, d.seq, d.ts, d.level, d.rule_title, d.computer, "
                    + "d.event_id, d.data FROM incident_detection i JOIN detection d ON d.evidence_id = i.evidence_id AND d.seq = i.seq "
                    + "WHERE i.incident_id = ? ORDER BY d.ts NULLS LAST, d.evidence_id, d.seq LIMIT ?")) {
                p.setLong(1, id);
                p.setInt(2, limit);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        java.sql.Timestamp t = r.getTimestamp(3);
                        out.add(new CaseQueries.DetectionRow(r.getLong(1), r.getLong(2),
                                t == null ? null : t.toLocalDateTime().toInstant(java.time.ZoneOffset.UTC), r.getString(4),
                                r.getString(5), r.getString(6), r.getString(7), r.getString(8)));
                    }
                }
            }
            return out;
        });
    }

    /**
     * Creates an incident holding the detections {@code keys} (EVIDENCE-SEQ) and, when
     * {@code filter} is not null, every detection it selects; unknown keys are a bad request.
     */
    Incident create(String actor, Fields f, List<String> keys, DetectionFilter filter) {
        String title = required(f.title());
        String status = f.status() == null ? "open" : checkStatus(f.status());
        String severity = f.severity() == null ? "unknown" : checkSeverity(f.severity());
        String owner = owner(f.owner());
        String notes = notes(f.notes());
        List<long[]> picked = parseKeys(keys);
        if (picked.isEmpty() && filter == null) {
            throw new DetectionFilter.BadRequest("pick at least one detection, or make the incident from a filter");
        }
        Instant now = clock.instant();
        return db.write(c -> {
            long id;
            try (PreparedStatement p = c.prepareStatement("SELECT nextval('incident_ids')"); ResultSet r = p.executeQuery()) {
                r.next();
                id = r.getLong(1);
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO incident VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                p.setLong(1, id);
                p.setString(2, title);
                p.setString(3, status);
                p.setString(4, severity);
                p.setString(5, owner);
                p.setString(6, notes);
                p.setString(7, actor);
                p.setString(8, now.toString());
                p.setString(9, now.toString());
                p.executeUpdate();
            }
            addPicked(c, id, picked);
            if (filter != null) {
                List<Object> args = new ArrayList<>();
                String where = filter.where(args);
                try (PreparedStatement p = c.prepareStatement("INSERT INTO incident_detection SELECT DISTINCT ?, evidence_id, seq "
                        + "FROM (SELECT evidence_id, seq FROM detection" + where + " ORDER BY ts NULLS LAST, evidence_id, seq LIMIT ?) s "
                        + "WHERE NOT EXISTS (SELECT 1 FROM incident_detection x WHERE x.incident_id = ? AND x.evidence_id = s.evidence_id "
                        + "AND x.seq = s.seq)")) {
                    p.setLong(1, id);
                    for (int i = 0; i < args.size(); i++) {
                        p.setObject(i + 2, args.get(i));
                    }
                    p.setInt(args.size() + 2, MAX_DETECTIONS);
                    p.setLong(args.size() + 3, id);
                    p.executeUpdate();
                }
            }
            Incident made = get(c, id);
            ObjectNode after = state(made);
            if (filter != null) {
                after.put("filter", Pages.query(filter.page(0)));
            }
            audit.record(c, new AuditSink.Entry(now, actor, "incident.create", "incident/" + id, null, after.toString()));
            return made;
        });
    }

    /** Changes the fields given; null when there is no such incident. */
    Incident update(String actor, long id, Fields f) {
        String title = f.title() == null ? null : required(f.title());
        String status = f.status() == null ? null : checkStatus(f.status());
        String severity = f.severity() == null ? null : checkSeverity(f.severity());
        String owner = f.owner() == null ? null : owner(f.owner());
        String notes = f.notes() == null ? null : notes(f.notes());
        Instant now = clock.instant();
        return db.write(c -> {
            Incident before = get(c, id);
            if (before == null) {
                return null;
            }
            try (PreparedStatement p = c.prepareStatement("UPDATE incident SET title = ?, status = ?, severity = ?, owner = ?, notes = ?, "
                    + "updated_at = ? WHERE id = ?")) {
                p.setString(1, title == null ? before.title() : title);
                p.setString(2, status == null ? before.status() : status);
                p.setString(3, severity == null ? before.severity() : severity);
                p.setString(4, f.owner() == null ? before.owner() : owner);
                p.setString(5, f.notes() == null ? before.notes() : notes);
                p.setString(6, now.toString());
                p.setLong(7, id);
                p.executeUpdate();
            }
            Incident after = get(c, id);
            audit.record(c, new AuditSink.Entry(now, actor, "incident.update", "incident/" + id, state(before).toString(),
                    state(after).toString()));
            return after;
        });
    }

    /** Adds detections to an incident; null when there is no such incident. */
    Incident addDetections(String actor, long id, List<String> keys) {
        List<long[]> picked = parseKeys(keys);
        if (picked.isEmpty()) {
            throw new DetectionFilter.BadRequest("pick at least one detection");
        }
        Instant now = clock.instant();
        return db.write(c -> {
            Incident before = get(c, id);
            if (before == null) {
                return null;
            }
            addPicked(c, id, picked);
            try (PreparedStatement p = c.prepareStatement("UPDATE incident SET updated_at = ? WHERE id = ?")) {
                p.setString(1, now.toString());
                p.setLong(2, id);
                p.executeUpdate();
            }
            Incident after = get(c, id);
            ObjectNode added = Json.MAPPER.createObjectNode();
            added.put("detections", after.detections());
            com.fasterxml.jackson.databind.node.ArrayNode a = added.putArray("added");
            for (long[] k : picked) {
                a.add(k[0] + "-" + k[1]);
            }
            audit.record(c, new AuditSink.Entry(now, actor, "incident.detections", "incident/" + id,
                    Json.MAPPER.createObjectNode().put("detections", before.detections()).toString(), added.toString()));
            return after;
        });
    }

    private static void addPicked(Connection c, long id, List<long[]> picked) throws SQLException {
        for (long[] k : picked) {
            try (PreparedStatement p = c.prepareStatement("SELECT count(*) FROM detection WHERE evidence_id = ? AND seq = ?")) {
                p.setLong(1, k[0]);
                p.setLong(2, k[1]);
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    if (r.getLong(1) == 0) {
                        throw new DetectionFilter.BadRequest("no detection " + k[0] + "-" + k[1] + " in this case");
                    }
                }
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO incident_detection SELECT ?, ?, ? WHERE NOT EXISTS "
                    + "(SELECT 1 FROM incident_detection WHERE incident_id = ? AND evidence_id = ? AND seq = ?)")) {
                p.setLong(1, id);
                p.setLong(2, k[0]);
                p.setLong(3, k[1]);
                p.setLong(4, id);
                p.setLong(5, k[0]);
                p.setLong(6, k[1]);
                p.executeUpdate();
            }
        }
    }

    private static ObjectNode state(Incident i) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("title", i.title());
        o.put("status", i.status());
        o.put("severity", i.severity());
        o.put("owner", i.owner());
        o.put("notes", i.notes());
        o.put("detections", i.detections());
        return o;
    }

    /** EVIDENCE-SEQ keys, distinct, in order; a malformed one is a bad request. */
    static List<long[]> parseKeys(List<String> keys) {
        Set<String> seen = new LinkedHashSet<>();
        List<long[]> out = new ArrayList<>();
        if (keys == null) {
            return out;
        }
        if (keys.size() > MAX_DETECTIONS) {
            throw new DetectionFilter.BadRequest("at most " + MAX_DETECTIONS + " detections at once");
        }
        for (String k : keys) {
            String s = k == null ? "" : k.strip();
            int dash = s.indexOf('-');
            try {
                if (dash > 0 && s.length() < 40) {
                    long[] v = {Long.parseLong(s.substring(0, dash)), Long.parseLong(s.substring(dash + 1))};
                    if (seen.add(v[0] + "-" + v[1])) {
                        out.add(v);
                    }
                    continue;
                }
            } catch (NumberFormatException e) {
                // falls through
            }
            throw new DetectionFilter.BadRequest("a detection is named EVIDENCE-SEQ (two numbers), not '"
                    + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "'");
        }
        return out;
    }

    private static String required(String title) {
        if (title == null || title.isBlank()) {
            throw new DetectionFilter.BadRequest("title is empty");
        }
        if (title.length() > CaseWork.MAX_TITLE) {
            throw new DetectionFilter.BadRequest("title is longer than " + CaseWork.MAX_TITLE + " characters");
        }
        return title.strip();
    }

    static String checkStatus(String s) {
        if (!STATES.contains(s)) {
            throw new DetectionFilter.BadRequest("status must be one of " + STATES);
        }
        return s;
    }

    static String checkSeverity(String s) {
        if (!CaseWork.SEVERITIES.contains(s)) {
            throw new DetectionFilter.BadRequest("severity must be one of " + CaseWork.SEVERITIES);
        }
        return s;
    }

    static String owner(String o) {
        if (o != null && o.length() > 64) {
            throw new DetectionFilter.BadRequest("owner is longer than 64 characters");
        }
        return o == null || o.isBlank() ? null : o.strip();
    }

    private static String notes(String n) {
        if (n != null && n.length() > MAX_NOTES) {
            throw new DetectionFilter.BadRequest("notes are longer than " + MAX_NOTES + " characters");
        }
        return n == null || n.isBlank() ? null : n;
    }
}
