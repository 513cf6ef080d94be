package tansa.casefile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import tansa.event.Event;
import tansa.reader.EvidenceFile;
import tansa.reader.EvidenceReader;
import tansa.reader.Problems;
import tansa.reader.ReadSummary;
import tansa.sigma.Detection;
import tansa.sigma.DetectionJson;
import tansa.sigma.Hunter;
import tansa.sigma.RuleSet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.HashSet;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads evidence into a case: each file's events (and, with rules, its detections) in one
 * transaction that also writes the file's registry row (SHA-256, size, path, source hosts, who,
 * when). The row is committed with the events or not at all, so a run killed at any moment leaves
 * every file either whole in the case or absent; the next run skips the files the case holds
 * (same path, same SHA-256) and reads the rest again. A registered file whose bytes changed is
 * reported and left alone: the case keeps what was ingested, and 'evidence verify' shows it.
 *
 * <p>Events are streamed: decoded and serialised on the reader's threads, appended on the calling
 * thread through DuckDB's appender, which writes full vectors into the open transaction. Sigma
 * correlations are evaluated within each file (a file's hunt is one unit of work).
 *
 * <p>Not thread-safe; one run at a time on a store.
 */
public final class Ingest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Seconds from the epoch whose microseconds fit a long with room to spare (about 146,000 years either way). */
    private static final long MAX_SECONDS = Long.MAX_VALUE / 1_000_000L / 2;

    private final CaseStore store;
    private final RuleSet rules;
    private final int threads;
    private final Problems problems;
    private final String user;
    private final Clock clock;
    private final AtomicLong reported = new AtomicLong();

    /** {@code rules} null: events only. {@code user}: who ingests (the registry's custody field). */
    public Ingest(CaseStore store, RuleSet rules, int threads, Problems problems, String user, Clock clock) {
        this.store = store;
        this.rules = rules;
        this.threads = threads;
        this.problems = problems;
        this.user = user;
        this.clock = clock;
    }

    /** Reads every file and directory (recursively, sorted) into the case. */
    public IngestSummary run(List<Path> evidence) {
        Problems counting = new Problems() {
            @Override
            public void report(String resource, long offset, String message) {
                reported.incrementAndGet();
                problems.report(resource, offset, message);
            }

            @Override
            public void note(String resource, long offset, String message) {
                problems.note(resource, offset, message);
            }
        };
        Connection c = store.connection();
        Totals totals = new Totals();
        try {
            c.setAutoCommit(false);
            for (Path given : evidence) {
                Path root = given.toAbsolutePath().normalize();
                boolean dir = Files.isDirectory(root);
                if (dir) {
                    registerRoot(c, root);
                }
                int found = 0;
                for (Path file : new EvidenceReader(threads, counting).list(root)) {
                    if (file(c, file, root, dir, counting, totals)) {
                        found++;
                    }
                }
                if (dir && found == 0) {
                    counting.report(root.toString(), -1, "no evidence found in this directory (looked for EVTX and JSON, plain or gzip)");
                }
            }
            c.setAutoCommit(true);
        } catch (SQLException e) {
            throw new CaseException("cannot write case " + store.dir() + ": " + CaseStore.firstLine(e.getMessage()), e);
        }
        return new IngestSummary(totals.files, totals.skipped, totals.events, totals.detections, reported.get());
    }

    private static final class Totals {
        int files;
        int skipped;
        long events;
        long detections;
    }

    private void registerRoot(Connection c, Path root) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO evidence_root VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            p.setString(1, root.toString());
            p.setString(2, clock.instant().toString());
            p.executeUpdate();
        }
        c.commit();
    }

    /** One file in one transaction; true when it is evidence (now or already in the case). */
    private boolean file(Connection c, Path file, Path root, boolean inDirectory, Problems counting, Totals totals)
            throws SQLException {
        String path = file.toString();
        Sha256 hash;
        try {
            hash = Sha256.of(file);
        } catch (NoSuchFileException e) {
            counting.report(path, -1, "no such file");
            return false;
        } catch (AccessDeniedException e) {
            counting.report(path, -1, "permission denied: cannot open for reading");
            return false;
        } catch (IOException e) {
            counting.report(path, -1, "cannot read: " + e.getMessage());
            return false;
        }
        try (PreparedStatement p = c.prepareStatement("SELECT sha256, format FROM evidence WHERE path = ?")) {
            p.setString(1, path);
            try (ResultSet r = p.executeQuery()) {
                if (r.next()) {
                    if (r.getString(1).equals(hash.hex())) {
                        totals.skipped++;
                        return !"UNKNOWN".equals(r.getString(2));
                    }
                    counting.report(path, -1, "changed since it was ingested (SHA-256 " + r.getString(1) + ", now "
                            + hash.hex() + "); not added again: see 'tansa evidence verify'");
                    return false;
                }
            }
        }
        c.commit(); // end the reads' transaction: the file's own starts with its registry row
        FileWriter w = new FileWriter(c, nextId(c));
        try {
            boolean evidence = w.write(file, root, inDirectory, hash, counting);
            if (w.committed) {
                totals.files++;
                totals.events += w.events;
                totals.detections += w.detections;
            }
            return evidence;
        } catch (StoreFailure e) {
            c.rollback();
            throw (SQLException) e.getCause();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        }
    }

    private static long nextId(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT nextval('evidence_ids')"); ResultSet r = p.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    /** A store error inside the reader's sink, carried out of it. */
    private static final class StoreFailure extends RuntimeException {
        StoreFailure(SQLException cause) {
            super(cause);
        }
    }

    /** What the decode threads computed for one event: the columns, its JSON and the hunter's matches. */
    private record Row(Object hunted, String computer, String channel, String provider, int eventId, boolean hasEventId,
                       String json) {
    }

    /** Writes one file: registry row first (so the appenders join its transaction), then events and detections. */
    private final class FileWriter {
        private final Connection c;
        private final long id;
        private DuckDBAppender events$;
        private DuckDBAppender detections$;
        private long events;
        private long detections;
        private final HashSet<String> hosts = new HashSet<>();
        private boolean committed;

        FileWriter(Connection c, long id) {
            this.c = c;
            this.id = id;
        }

        boolean write(Path file, Path root, boolean inDirectory, Sha256 hash, Problems counting) throws SQLException {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO evidence (id, path, root, sha256, size, format, events, "
                    + "detections, problems, ingested_by, ingested_at) VALUES (?, ?, ?, ?, ?, 'UNKNOWN', 0, 0, 0, ?, ?)")) {
                p.setLong(1, id);
                p.setString(2, file.toString());
                p.setString(3, root.toString());
                p.setString(4, hash.hex());
                p.setLong(5, hash.size());
                p.setString(6, user);
                p.setString(7, clock.instant().toString());
                p.executeUpdate();
            }
            DuckDBConnection duck = c.unwrap(DuckDBConnection.class);
            EvidenceFile[] read = new EvidenceFile[1];
            ReadSummary summary;
            try (DuckDBAppender ev = duck.createAppender("main", "event");
                 DuckDBAppender det = duck.createAppender("main", "detection")) {
                events$ = ev;
                detections$ = det;
                Hunter hunter = rules == null ? null : new Hunter(rules, this::detection);
                EvidenceReader reader = new EvidenceReader(threads, counting).hashing(true).onFile(f -> read[0] = f)
                        .prepare(e -> prepare(e, hunter));
                summary = reader.readListed(file, inDirectory, e -> event(e, hunter));
                if (hunter != null) {
                    hunter.finish();
                }
            } catch (StoreFailure e) {
                throw (SQLException) e.getCause();
            }
            if (read[0] == null && summary.problems() == 0) {
                // found beside the evidence and not evidence (a note, not an error): registered as received
                read[0] = new EvidenceFile(file.toString(), EvidenceFile.Format.UNKNOWN, hash.hex(), hash.size(), 0);
            } else if (read[0] == null) {
                c.rollback(); // unreadable: reported by the reader, not registered
                return false;
            }
            if (!hash.hex().equals(read[0].sha256())) {
                c.rollback();
                counting.report(file.toString(), -1, "changed while it was being read (SHA-256 " + hash.hex() + " before, "
                        + read[0].sha256() + " after); not added: run ingest again once it is stable");
                return false;
            }
            try (PreparedStatement p = c.prepareStatement(
                    "UPDATE evidence SET format = ?, events = ?, detections = ?, problems = ?, ingested_at = ? WHERE id = ?")) {
                p.setString(1, read[0].format().name());
                p.setLong(2, events);
                p.setLong(3, detections);
                p.setLong(4, summary.problems());
                p.setString(5, clock.instant().toString());
                p.setLong(6, id);
                p.executeUpdate();
            }
            if (!hosts.isEmpty()) {
                try (PreparedStatement p = c.prepareStatement("INSERT INTO evidence_host VALUES (?, ?)")) {
                    for (String h : new TreeSet<>(hosts)) {
                        p.setLong(1, id);
                        p.setString(2, h);
                        p.addBatch();
                    }
                    p.executeBatch();
                }
            }
            c.commit();
            committed = true;
            return read[0].format() != EvidenceFile.Format.UNKNOWN;
        }

        /** On a decode thread: match, serialise, pick the columns. */
        private void prepare(Event e, Hunter hunter) {
            Object hunted = null;
            if (hunter != null) {
                hunter.prepare(e);
                hunted = e.attachment();
            }
            String json;
            try {
                json = MAPPER.writeValueAsString(e.tree());
            } catch (com.fasterxml.jackson.core.JsonProcessingException x) {
                throw new UncheckedIOException(x);
            }
            // the columns from the System block of the reference shape (every reader writes it), not the
            // Sigma field index: without rules that index is never built, and building it costs more than the row
            JsonNode system = e.tree().path("Event").path("System");
            JsonNode id = system.get("EventID");
            if (id != null && id.isObject()) {
                id = id.get("#text");
            }
            int eventId = 0;
            boolean hasId = false;
            if (id != null && id.isIntegralNumber() && id.canConvertToInt()) {
                eventId = id.intValue();
                hasId = true;
            } else if (id != null && id.isTextual() && isDigits(id.textValue())) {
                eventId = Integer.parseInt(id.textValue());
                hasId = true;
            }
            e.attach(new Row(hunted, text(system.get("Computer")), text(system.get("Channel")),
                    text(system.path("Provider").path("#attributes").get("Name")), eventId, hasId, json));
        }

        /** On the calling thread, in evidence order. */
        private void event(Event e, Hunter hunter) {
            Row r = (Row) e.attachment();
            if (hunter != null) {
                e.attach(r.hunted());
                hunter.accept(e);
            }
            try {
                DuckDBAppender a = events$;
                a.beginRow().append(id).append(events);
                time(a, e.timestamp());
                text(a, r.computer());
                text(a, r.channel());
                if (r.hasEventId()) {
                    a.append(r.eventId());
                } else {
                    a.appendNull();
                }
                a.append(e.recordId());
                text(a, r.provider());
                a.append(e.source());
                a.append(r.json());
                a.endRow();
            } catch (SQLException x) {
                throw new StoreFailure(x);
            }
            events++;
            String computer = r.computer();
            if (computer != null && !hosts.contains(computer)) {
                hosts.add(computer);
            }
        }

        private void detection(Detection d) {
            try {
                DuckDBAppender a = detections$;
                a.beginRow().append(id).append(detections);
                time(a, d.timestamp());
                text(a, d.rule().id());
                text(a, d.rule().title());
                text(a, d.rule().level());
                text(a, d.computer());
                text(a, d.channel());
                text(a, d.eventId());
                a.append(d.recordId());
                text(a, d.source());
                a.append(DetectionJson.of(MAPPER, d).toString());
                a.endRow();
            } catch (SQLException x) {
                throw new StoreFailure(x);
            }
            detections++;
        }
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() || n.isContainerNode() ? null : n.asText();
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty() || s.length() > 9) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static void time(DuckDBAppender a, Instant t) throws SQLException {
        if (t == null) {
            a.appendNull();
        } else {
            long s = t.getEpochSecond();
            if (s > MAX_SECONDS || s < -MAX_SECONDS) {
                a.appendNull(); // beyond what a TIMESTAMP holds: the time stays in the event's JSON
            } else {
                a.appendEpochMicros(s * 1_000_000L + t.getNano() / 1000);
            }
        }
    }

    private static void text(DuckDBAppender a, String s) throws SQLException {
        if (s == null) {
            a.appendNull();
        } else {
            a.append(s);
        }
    }
}
