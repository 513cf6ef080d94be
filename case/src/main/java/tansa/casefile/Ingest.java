package tansa.casefile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads evidence into a case: each file's events (and, with rules, its detections) together with
 * the file's registry row (SHA-256, size, path, source hosts, who, where, when) and its audit
 * entry, in one transaction. A file is never split across transactions, so a run killed at any
 * moment leaves every file either whole in the case or absent; the next run skips the files the
 * case holds (same path, same SHA-256) and reads the rest again. A registered file whose bytes
 * changed is reported and left alone: the case keeps what was ingested, and 'evidence verify'
 * shows it.
 *
 * <p>Small files share a transaction (group commit: up to {@link #BATCH_EVENTS} events,
 * {@link #BATCH_FILES} files or {@link #BATCH_NANOS} between commits), because a commit (an fsync)
 * per 50-event file cost more than storing the events. A file dropped inside a batch (unreadable,
 * changed while read) has its rows deleted in that transaction; a store error rolls the batch back
 * and stops the run, and a re-run completes it.
 *
 * <p>Events are streamed: decoded and serialised on the reader's threads, matched on the calling
 * thread, and written by the {@link StoreLane}'s thread through DuckDB's appender or PostgreSQL's
 * COPY ({@link RowSink}) together with every statement of the run (registry rows, audit entries,
 * commits), so the calling thread reads the next file while the last one is stored. Sigma
 * correlations are evaluated within each file (a file's hunt is one unit of work).
 *
 * <p>Not thread-safe; one run at a time on a store (on PostgreSQL an advisory lock refuses a
 * second ingest of the same case).
 */
public final class Ingest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final long BATCH_EVENTS = 200_000;
    static final int BATCH_FILES = 500;
    static final long BATCH_NANOS = 5_000_000_000L;

    private final CaseStore store;
    private final RuleSet rules;
    private final int threads;
    private final Problems problems;
    private final String user;
    private final Clock clock;
    private final AtomicLong reported = new AtomicLong();
    private final String host = Host.name();
    private LongConsumer onFile = bytes -> { };
    private StoreLane lane;
    /** One reader a run: its decode and hashing threads serve every file (threads per file cost more than small files). */
    private EvidenceReader reader;
    /** Statements prepared once a run (preparing cost more than running them on small files); the lane's thread only. */
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    /** The audit entries of the files in the open transaction, appended at its commit; the lane's thread only. */
    private final List<Audit.Action> audits = new ArrayList<>();
    /** The case's files by path (SHA-256, format), read once a run and kept up to date as files are stored. */
    private final Map<String, String[]> known = new HashMap<>();
    private long batchEvents;
    private int batchFiles;
    private long batchStart;

    /** {@code rules} null: events only. {@code user}: who ingests (the registry's custody field: OS user or analyst). */
    public Ingest(CaseStore store, RuleSet rules, int threads, Problems problems, String user, Clock clock) {
        this.store = store;
        this.rules = rules;
        this.threads = threads;
        this.problems = problems;
        this.user = user;
        this.clock = clock;
    }

    /** Told the size of each file when it is done (stored, skipped or dropped): for a progress bar. */
    public Ingest onFile(LongConsumer listener) {
        this.onFile = listener;
        return this;
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
        store.lockForIngest();
        Connection c = store.connection();
        lane = new StoreLane(() -> store.dialect() == Dialect.POSTGRESQL ? new CopyRows(c) : new DuckRows(c));
        reader = new EvidenceReader(threads, counting).hashing(true).keepThreads();
        Totals totals = new Totals();
        Totals pending = new Totals();
        try {
            c.setAutoCommit(false);
            readKnown(c);
            batchStart = System.nanoTime();
            for (Path given : evidence) {
                Path root = given.toAbsolutePath().normalize();
                boolean dir = Files.isDirectory(root);
                if (dir) {
                    String added = clock.instant().toString();
                    lane.run(() -> registerRoot(c, root, added));
                }
                int found = 0;
                for (Path file : new EvidenceReader(threads, counting).list(root)) {
                    if (file(c, file, root, dir, counting, pending)) {
                        found++;
                    }
                    if (batchEvents >= BATCH_EVENTS || batchFiles >= BATCH_FILES || System.nanoTime() - batchStart >= BATCH_NANOS) {
                        commit(c, pending, totals);
                    }
                }
                if (dir && found == 0) {
                    counting.report(root.toString(), -1, "no evidence found in this directory (looked for EVTX and JSON, plain or gzip)");
                }
            }
            commit(c, pending, totals);
            c.setAutoCommit(true);
        } catch (StoreFailure e) {
            lane.discard();
            rollbackQuietly(c);
            SQLException cause = (SQLException) e.getCause();
            throw new CaseException("cannot write " + store.label() + ": " + CaseStore.firstLine(cause.getMessage()), cause);
        } catch (SQLException e) {
            lane.discard();
            rollbackQuietly(c);
            throw new CaseException("cannot write " + store.label() + ": " + CaseStore.firstLine(e.getMessage()), e);
        } catch (RuntimeException e) {
            lane.discard();
            rollbackQuietly(c);
            throw e;
        } finally {
            reader.close();
            lane.close();
            audits.clear();
            closeStatements();
        }
        return new IngestSummary(totals.files, totals.skipped, totals.events, totals.detections, reported.get());
    }

    /** The files the case holds, by path (one query a run, not one per file). */
    private void readKnown(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT path, sha256, format FROM evidence");
             ResultSet r = p.executeQuery()) {
            while (r.next()) {
                known.put(r.getString(1), new String[] {r.getString(2), r.getString(3)});
            }
        }
    }

    private PreparedStatement statement(Connection c, String sql) throws SQLException {
        PreparedStatement p = statements.get(sql);
        if (p == null) {
            p = c.prepareStatement(sql);
            statements.put(sql, p);
        }
        return p;
    }

    private void closeStatements() {
        for (PreparedStatement p : statements.values()) {
            try {
                p.close();
            } catch (SQLException e) {
                // closing after the run: nothing left to lose
            }
        }
        statements.clear();
    }

    /** Commits the open transaction on the lane and waits for it (and for everything before it). */
    private void commit(Connection c, Totals pending, Totals totals) throws SQLException {
        lane.run(() -> {
            lane.closeSink();
            Audit.appendAll(c, audits);
            audits.clear();
            c.commit();
        });
        lane.drain();
        totals.files += pending.files;
        totals.skipped += pending.skipped;
        totals.events += pending.events;
        totals.detections += pending.detections;
        pending.files = 0;
        pending.skipped = 0;
        pending.events = 0;
        pending.detections = 0;
        batchEvents = 0;
        batchFiles = 0;
        batchStart = System.nanoTime();
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
            c.setAutoCommit(true);
        } catch (SQLException e) {
            // the error that brought us here is what is reported
        }
    }

    private static final class Totals {
        int files;
        int skipped;
        long events;
        long detections;
    }

    /** On the lane. */
    private void registerRoot(Connection c, Path root, String added) throws SQLException {
        if (store.dialect() == Dialect.POSTGRESQL) {
            lane.closeSink(); // COPY holds the connection until it ends
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO evidence_root VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            p.setString(1, root.toString());
            p.setString(2, added);
            p.executeUpdate();
        }
    }

    /** One file, whole in the open transaction or not at all; true when it is evidence (now or already in the case). */
    private boolean file(Connection c, Path file, Path root, boolean inDirectory, Problems counting, Totals totals)
            throws SQLException {
        String path = file.toString();
        String[] known = this.known.get(path);
        long size = 0;
        try {
            if (known != null) {
                // registered: hashed now, to skip it when unchanged (a file new to the case is hashed once, as it is read)
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
                size = hash.size();
                if (known[0].equals(hash.hex())) {
                    totals.skipped++;
                    return !"UNKNOWN".equals(known[1]);
                }
                counting.report(path, -1, "changed since it was ingested (SHA-256 " + known[0] + ", now "
                        + hash.hex() + "); not added again: see 'tansa evidence verify'");
                return false;
            }
            try {
                size = Files.size(file);
            } catch (NoSuchFileException e) {
                counting.report(path, -1, "no such file");
                return false;
            } catch (IOException e) {
                counting.report(path, -1, "cannot read: " + e.getMessage());
                return false;
            }
            FileWriter w = new FileWriter(c);
            try {
                boolean evidence = w.write(file, root, inDirectory, size, counting);
                if (w.stored) {
                    totals.files++;
                    totals.events += w.events;
                    totals.detections += w.detections;
                    batchEvents += w.events + w.detections;
                    batchFiles++;
                }
                return evidence;
            } catch (StoreFailure e) {
                throw (SQLException) e.getCause();
            }
        } finally {
            onFile.accept(size);
        }
    }

    /** On the lane. */
    private long nextId(Connection c) throws SQLException {
        try (ResultSet r = statement(c, "SELECT nextval('evidence_ids')").executeQuery()) {
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
                       String json, Instant ts, long recordId, String source) {
    }

    /** A detection with its place in the file, on its way to the store lane. */
    private record DetectionRow(long seq, Detection d, String account) {
    }

    /**
     * Writes one file: its events and detections, then its registry row and audit entry. The
     * reading thread reads and matches; the lane takes the evidence id, writes the rows and, once
     * the file is read whole and unchanged, its registry row ({@link #finish}); a file dropped
     * after some of its rows were written has them deleted on the lane ({@link #drop}).
     */
    private final class FileWriter {
        private final Connection c;
        /** The evidence id, taken on the lane's thread when the file begins; used only there. */
        private long id;
        private long events;
        private long detections;
        private final HashSet<String> hosts = new HashSet<>();
        /** Rows written so far: the next event's seq, and whether a drop has rows to delete. Touched only on the lane's thread. */
        private long laneEvents;
        private long laneDetections;
        private boolean stored;
        /** The event the hunter is matching (calling thread), so a detection raised on it takes its account. */
        private Event current;
        private Row currentRow;
        private boolean currentAccountKnown;
        private String currentAccount;

        FileWriter(Connection c) {
            this.c = c;
        }

        /**
         * Writes a file new to the case. Its SHA-256 is the reader's, over the bytes it decoded (one
         * pass over the file); the registry row holds it, in the transaction that holds the rows.
         */
        boolean write(Path file, Path root, boolean inDirectory, long size, Problems counting) throws SQLException {
            lane.writer(this::store);
            lane.run(() -> id = nextId(c));
            EvidenceFile[] read = new EvidenceFile[1];
            ReadSummary summary;
            Hunter hunter = rules == null ? null : new Hunter(rules, this::detection);
            reader.onFile(f -> read[0] = f).prepare(e -> prepare(e, hunter));
            summary = reader.readListed(file, inDirectory, e -> event(e, hunter));
            if (hunter != null) {
                hunter.finish();
            }
            if (read[0] == null && summary.problems() == 0) {
                // found beside the evidence and not evidence (a note, not an error): registered as received
                Sha256 received;
                try {
                    received = Sha256.of(file);
                } catch (IOException e) {
                    drop();
                    counting.report(file.toString(), -1, "cannot read: " + e.getMessage());
                    return false;
                }
                read[0] = new EvidenceFile(file.toString(), EvidenceFile.Format.UNKNOWN, received.hex(), received.size(), 0);
            } else if (read[0] == null) {
                drop(); // unreadable: reported by the reader, not registered
                return false;
            }
            long now;
            try {
                now = Files.size(file);
            } catch (IOException e) {
                now = -1;
            }
            if (now != size) {
                // a log still being written: what was read is not the file as it is now
                drop();
                counting.report(file.toString(), -1, "changed while it was being read (" + size + " bytes before, " + now
                        + " after); not added: run ingest again once it is stable");
                return false;
            }
            EvidenceFile f = read[0];
            long problems = summary.problems();
            String ingestedAt = clock.instant().toString();
            Instant auditAt = clock.instant();
            TreeSet<String> sorted = new TreeSet<>(hosts);
            lane.run(() -> finish(file.toString(), root.toString(), f, size, problems, ingestedAt, auditAt, sorted));
            known.put(file.toString(), new String[] {f.sha256(), f.format().name()});
            stored = true;
            return f.format() != EvidenceFile.Format.UNKNOWN;
        }

        /** On the lane: the registry row, the source hosts and the audit entry (appended at the commit). */
        private void finish(String path, String root, EvidenceFile f, long size, long problems, String ingestedAt,
                            Instant auditAt, TreeSet<String> sorted) throws SQLException {
            if (store.dialect() == Dialect.POSTGRESQL) {
                lane.closeSink(); // COPY holds the connection until it ends
            }
            {
                PreparedStatement p = statement(c, "INSERT INTO evidence (id, path, root, sha256, size, format, events, "
                        + "detections, problems, ingested_by, ingested_at, ingest_host) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                p.setLong(1, id);
                p.setString(2, path);
                p.setString(3, root);
                p.setString(4, f.sha256());
                p.setLong(5, size);
                p.setString(6, f.format().name());
                p.setLong(7, laneEvents);
                p.setLong(8, laneDetections);
                p.setLong(9, problems);
                p.setString(10, user);
                p.setString(11, ingestedAt);
                p.setString(12, host);
                p.executeUpdate();
            }
            if (!sorted.isEmpty()) {
                PreparedStatement p = statement(c, "INSERT INTO evidence_host VALUES (?, ?)");
                for (String h : sorted) {
                    p.setLong(1, id);
                    // PostgreSQL text cannot hold NUL (COPY rows get the same replacement)
                    p.setString(2, store.dialect() == Dialect.POSTGRESQL ? h.replace('\u0000', '\uFFFD') : h);
                    p.addBatch();
                }
                p.executeBatch();
            }
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("id", id);
            after.put("path", path);
            after.put("sha256", f.sha256());
            after.put("size", size);
            after.put("format", f.format().name());
            after.put("events", laneEvents);
            after.put("detections", laneDetections);
            after.put("hosts", List.copyOf(sorted));
            after.put("ingest_host", host);
            audits.add(new Audit.Action(auditAt, user, "evidence.ingest", path, null, Json.object(after)));
        }

        /** Takes this file's rows out of the open transaction, on the lane (other files of the batch stay). */
        private void drop() throws SQLException {
            lane.run(() -> {
                if (laneEvents == 0 && laneDetections == 0) {
                    return; // nothing of it was written (its registry row is written only when it is kept)
                }
                lane.closeSink(); // its rows in the transaction, to be deleted
                for (String table : new String[] {"event", "detection"}) {
                    try (PreparedStatement p = c.prepareStatement("DELETE FROM " + table + " WHERE evidence_id = ?")) {
                        p.setLong(1, id);
                        p.executeUpdate();
                    }
                }
            });
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
                    text(system.path("Provider").path("#attributes").get("Name")), eventId, hasId, json, e.timestamp(),
                    e.recordId(), e.source()));
        }

        /** On the calling thread, in evidence order: to the store lane. */
        private void event(Event e, Hunter hunter) {
            Row r = (Row) e.attachment();
            if (hunter != null) {
                e.attach(r.hunted());
                current = e;
                currentRow = r;
                currentAccountKnown = false;
                try {
                    hunter.accept(e);
                } finally {
                    current = null;
                    currentRow = null;
                }
            }
            try {
                lane.add(r);
            } catch (SQLException x) {
                throw new StoreFailure(x);
            }
            events++;
            String computer = r.computer();
            if (computer != null && !hosts.contains(computer)) {
                hosts.add(computer);
            }
        }

        /**
         * A detection raised on the event being matched takes that event's account; one raised later
         * (a correlation closing at the end of the file) has none.
         */
        private void detection(Detection d) {
            String account = null;
            if (current != null && currentRow.recordId() == d.recordId()
                    && java.util.Objects.equals(currentRow.computer(), d.computer())) {
                if (!currentAccountKnown) {
                    currentAccount = Accounts.of(current.tree());
                    currentAccountKnown = true;
                }
                account = currentAccount;
            }
            try {
                lane.add(new DetectionRow(detections, d, account));
            } catch (SQLException x) {
                throw new StoreFailure(x);
            }
            detections++;
        }

        /** On the store lane's thread, in the order given. */
        private void store(RowSink sink, Object row) throws SQLException {
            if (row instanceof Row r) {
                sink.event(id, laneEvents++, r.ts(), r.computer(), r.channel(), r.eventId(), r.hasEventId(), r.recordId(), r.provider(),
                        r.source(), r.json());
            } else {
                DetectionRow dr = (DetectionRow) row;
                Detection d = dr.d();
                laneDetections++;
                sink.detection(id, dr.seq(), d.timestamp(), d.rule().id(), d.rule().title(), d.rule().level(), d.computer(),
                        d.channel(), d.eventId(), d.recordId(), d.source(), DetectionJson.of(MAPPER, d).toString(), dr.account(),
                        Accounts.tags(d.rule().tags()));
            }
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
}
