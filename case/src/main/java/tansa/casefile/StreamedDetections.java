package tansa.casefile;

import com.fasterxml.jackson.databind.ObjectMapper;
import tansa.sigma.Detection;
import tansa.sigma.DetectionJson;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Detections that arrive from outside an ingest (the streaming job's case sink) written into a
 * PostgreSQL case's {@code detection} table, idempotently: a detection whose line ({@code hunt
 * --format jsonl}'s JSON) the case already holds for the same source is skipped, so the same
 * batch written twice (a job restored from a checkpoint replays what it wrote after it) leaves one
 * row each. A source the case does not hold as evidence is registered in {@code evidence} with
 * format {@value #FORMAT}, no hash and no events (tansa never read its bytes; {@code evidence
 * verify} reports it missing or changed); a source ingested before takes its detections, numbered
 * after the ones it holds.
 *
 * <p>Each {@link #write} is one transaction under a transaction-level advisory lock of the case,
 * so writers in several processes neither interleave nor number two rows alike. Rows go through
 * ingest's COPY writer ({@link CopyRows}). Not thread-safe.
 */
public final class StreamedDetections {
    /** The format of sources registered by this writer. */
    public static final String FORMAT = "STREAM";
    private static final long LOCK_BASE = 0x74616e7364L << 24; // "tansd": this writer's advisory lock keys
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final CaseStore store;
    private final String root;
    private final String user;
    private final Clock clock;
    private final String host = Host.name();

    /**
     * One detection as it travelled: its JSON line, the rule key that stands in for a missing rule
     * id, and the account of the event it was raised on ({@link Accounts#of}; null for none).
     */
    public record Line(String json, String ruleKey, String account) {
    }

    /**
     * A writer into {@code store} (a PostgreSQL case); {@code root} names where sources it
     * registers came from (e.g. {@code kafka:TOPIC}), {@code user} who writes.
     */
    public StreamedDetections(CaseStore store, String root, String user, Clock clock) {
        if (store.dialect() != Dialect.POSTGRESQL) {
            throw new CaseException(store.label() + ": detections from a stream go into a PostgreSQL case (--db postgresql://...)");
        }
        this.store = store;
        this.root = root;
        this.user = user;
        this.clock = clock;
    }

    /** Writes {@code lines} in one transaction; returns how many were new to the case (the rest it held already). */
    public int write(List<Line> lines) {
        if (lines.isEmpty()) {
            return 0;
        }
        Connection c = store.connection();
        try {
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                p.setLong(1, LOCK_BASE + store.caseId());
                p.executeQuery().close();
            }
            Map<String, Long> evidence = new HashMap<>();
            Map<Long, Long> next = new HashMap<>();
            Map<Long, Long> added = new LinkedHashMap<>();
            Set<String> seen = new HashSet<>();
            // every query first, then the rows in one COPY (a COPY in progress admits no other statement)
            List<Pending> pending = new ArrayList<>();
            try (PreparedStatement held = c.prepareStatement("SELECT 1 FROM detection WHERE evidence_id = ? AND data = ? LIMIT 1")) {
                for (Line l : lines) {
                    Detection d = DetectionJson.parse(MAPPER.readTree(l.json()), l.ruleKey());
                    String source = d.source() == null ? root : d.source();
                    Long id = evidence.get(source);
                    if (id == null) {
                        id = evidence(c, source);
                        evidence.put(source, id);
                    }
                    if (!seen.add(id + "\u0000" + l.json()) || holds(held, id, l.json())) {
                        continue;
                    }
                    Long seq = next.get(id);
                    if (seq == null) {
                        seq = nextSeq(c, id);
                    }
                    next.put(id, seq + 1);
                    pending.add(new Pending(id, seq, d, l.json(), l.account()));
                    added.merge(id, 1L, Long::sum);
                }
            }
            try (CopyRows rows = new CopyRows(c)) {
                for (Pending r : pending) {
                    Detection d = r.d();
                    rows.detection(r.evidence(), r.seq(), d.timestamp(), d.rule().id(), d.rule().title(), d.rule().level(),
                            d.computer(), d.channel(), d.eventId(), d.recordId(), d.source(), r.json(), r.account(),
                            Accounts.tags(d.rule().tags()));
                }
            }
            int written = pending.size();
            try (PreparedStatement p = c.prepareStatement("UPDATE evidence SET detections = detections + ? WHERE id = ?")) {
                for (Map.Entry<Long, Long> e : added.entrySet()) {
                    p.setLong(1, e.getValue());
                    p.setLong(2, e.getKey());
                    p.addBatch();
                }
                p.executeBatch();
            }
            if (written > 0) {
                Audit.append(c, clock.instant(), user, "detection.stream", root, null,
                        "{\"detections\":" + written + ",\"sources\":" + added.size() + ",\"host\":" + Json.quote(host) + "}");
            }
            c.commit();
            c.setAutoCommit(true);
            return written;
        } catch (SQLException | IOException | RuntimeException e) {
            try {
                c.rollback();
                c.setAutoCommit(true);
            } catch (SQLException again) {
                // the connection is gone: the first failure is what is reported
            }
            if (e instanceof CaseException ce) {
                throw ce;
            }
            throw new CaseException("cannot write detections into " + store.label() + ": " + CaseStore.firstLine(e.getMessage()), e);
        }
    }

    private record Pending(long evidence, long seq, Detection d, String json, String account) {
    }

    /** The evidence id of {@code source}: the case's row for that path, else a new {@value #FORMAT} row. */
    private long evidence(Connection c, String source) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT id FROM evidence WHERE path = ?")) {
            p.setString(1, source);
            try (ResultSet r = p.executeQuery()) {
                if (r.next()) {
                    return r.getLong(1);
                }
            }
        }
        long id;
        try (PreparedStatement p = c.prepareStatement("SELECT nextval('evidence_ids')"); ResultSet r = p.executeQuery()) {
            r.next();
            id = r.getLong(1);
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO evidence (id, path, root, sha256, size, format, events, "
                + "detections, problems, ingested_by, ingested_at, ingest_host) VALUES (?, ?, ?, '', -1, ?, 0, 0, 0, ?, ?, ?)")) {
            p.setLong(1, id);
            p.setString(2, source);
            p.setString(3, root);
            p.setString(4, FORMAT);
            p.setString(5, user);
            p.setString(6, clock.instant().toString());
            p.setString(7, host);
            p.executeUpdate();
        }
        return id;
    }

    private static boolean holds(PreparedStatement held, long id, String json) throws SQLException {
        held.setLong(1, id);
        held.setString(2, json);
        try (ResultSet r = held.executeQuery()) {
            return r.next();
        }
    }

    private static long nextSeq(Connection c, long id) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT coalesce(max(seq) + 1, 0) FROM detection WHERE evidence_id = ?")) {
            p.setLong(1, id);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
