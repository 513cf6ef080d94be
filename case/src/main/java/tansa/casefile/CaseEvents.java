package tansa.casefile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import tansa.event.Event;
import tansa.reader.OrderedPipeline;
import tansa.sigma.Detection;
import tansa.sigma.DetectionJson;
import tansa.suricata.SuricataEve;
import tansa.zeek.ZeekJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * A case's stored events read back as the engine's events, and its stored detections each with
 * the event it was raised on, in the order a read of the evidence gives them (evidence in ingest
 * order, records in file order): what the scoping commands computed from the evidence they compute
 * from the case, without decoding or hunting again (issue 12 item 1).
 *
 * <p>An event is rebuilt from its stored JSON (the {@code tansa dump} shape) with its stored time,
 * record number and source; what a reader knew beyond the record (the product of a Zeek, Suricata or
 * syslog record, which makes Sigma rules apply through the log-source mapping, and the field that
 * names a syslog or Suricata host) is recovered from the evidence's format and the record's shape,
 * as the readers decided it. Records with the Windows shape take their time and record number from
 * their System block, as the EVTX reader does (the stored time has microseconds; FILETIME has 100 ns).
 *
 * <p>A detection is delivered right after the event it was raised on: the first event of its
 * file, at or after the previous detection's, with the same time, record number, computer and
 * tested field values. One found nowhere (a correlation that ended with its file) is delivered with
 * a null event when its file ends.
 *
 * <p>Rows are read per file in slices of {@link #SLICE} records (memory stays bounded whatever a
 * file's size), parsed and prepared on {@code threads} threads, delivered in order on the calling
 * thread. A reader that uses few records says which ({@link #only}: by channel and Zeek log) and the
 * rest are not parsed; reading a stored record back costs about what decoding it did, so what is
 * saved is the hunt and the records nobody reads. Not thread-safe.
 */
public final class CaseEvents {
    /** Records per query: a slice's rows are held at once. */
    static final int SLICE = 16_384;
    /** Records per parse task. */
    private static final int BATCH = 256;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final String EVIDENCE_QUERY = "SELECT id, format, events, problems FROM evidence ORDER BY id";
    /**
     * A slice of one file's events. DuckDB hands the JSON over as bytes ({@code encode}: a BLOB of
     * its UTF-8), which costs the reading thread a third of a VARCHAR's conversion to a String.
     */
    static final String EVENTS_QUERY = "SELECT seq, ts, record_id, source, %s, channel FROM event "
            + "WHERE evidence_id = ? AND seq >= ? AND seq < ? ORDER BY seq";
    static final String DETECTIONS_QUERY = "SELECT data FROM detection WHERE evidence_id = ? ORDER BY seq";

    /** Receives the case's events, and its detections when asked for, in order. */
    public interface Sink {
        void event(Event e);

        /** {@code event}: the one it was raised on, or null when none was found. */
        default void detection(Detection d, Event event) {
        }
    }

    /**
     * Which records a reader can use, asked before a record is parsed: its Windows event log's
     * channel, or for a record with none, its Zeek log's name ({@code _path}; null when it is not a
     * Zeek record). Records of a file with stored detections are all delivered (a detection is
     * handed over with its event).
     */
    public interface Interest {
        boolean wants(String channel, String zeekPath);
    }

    /** What was read: evidence files with events, events, detections, and the problems ingest reported. */
    public record Summary(long files, long events, long detections, long problems) {
    }

    private final CaseStore store;
    private final int threads;
    private Consumer<Event> prepare = e -> { };
    private boolean detections;
    private final java.util.Set<String> skipped = new java.util.HashSet<>();
    private Interest interest;

    public CaseEvents(CaseStore store, int threads) {
        this.store = store;
        this.threads = Math.max(1, threads);
    }

    /** Work done on the parse threads for each event before it is delivered (as {@code EvidenceReader.prepare}). */
    public CaseEvents prepare(Consumer<Event> work) {
        this.prepare = work;
        return this;
    }

    /**
     * Leaves out the files of a format (their events, and their detections). For a reader that a
     * format's records cannot concern: traffic analysis reads no EVTX record.
     */
    public CaseEvents skip(tansa.reader.EvidenceFile.Format format) {
        skipped.add(format.name());
        return this;
    }

    /** Delivers only the records {@code interest} wants (the others are not parsed). */
    public CaseEvents only(Interest interest) {
        this.interest = interest;
        return this;
    }

    /** Whether to deliver the stored detections too. */
    public CaseEvents detections(boolean on) {
        this.detections = on;
        return this;
    }

    private record File(long id, String format, long events, long problems) {
    }

    private record Row(Instant ts, long recordId, String source, byte[] data) {
    }

    public Summary read(Sink sink) {
        List<File> files = new ArrayList<>();
        try (PreparedStatement p = store.connection().prepareStatement(EVIDENCE_QUERY);
             ResultSet r = p.executeQuery()) {
            while (r.next()) {
                files.add(new File(r.getLong(1), r.getString(2), r.getLong(3), r.getLong(4)));
            }
        } catch (SQLException e) {
            throw failure("evidence", e);
        }
        Pairing pairing = new Pairing(sink);
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "tansa-case-read");
            t.setDaemon(true);
            return t;
        }) : null;
        long withEvents = 0;
        long events = 0;
        long found = 0;
        long problems = 0;
        try {
            OrderedPipeline pipeline = new OrderedPipeline(pool, threads, pairing::event);
            for (File f : files) {
                problems += f.problems();
                if (skipped.contains(f.format()) || f.events() == 0 && !detections) {
                    continue;
                }
                ArrayDeque<Detection> stored = detections ? detections(f.id()) : new ArrayDeque<>();
                found += stored.size();
                pipeline.mark(() -> pairing.file(stored));
                if (f.events() > 0) {
                    withEvents++;
                }
                Interest filter = stored.isEmpty() ? interest : null;
                for (long from = 0; from < f.events(); from += SLICE) {
                    events += slice(pipeline, f, from, filter);
                }
                pipeline.mark(pairing::endFile);
            }
            pipeline.drain();
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        return new Summary(withEvents, events, found, problems);
    }

    /** Submits one slice of a file's events (those {@code filter} wants) to the parse threads; returns how many rows it read. */
    private long slice(OrderedPipeline pipeline, File f, long from, Interest filter) {
        long n = 0;
        List<Row> batch = new ArrayList<>(BATCH);
        boolean duck = store.dialect() == Dialect.DUCKDB;
        try (PreparedStatement p = store.connection().prepareStatement(String.format(java.util.Locale.ROOT, EVENTS_QUERY,
                duck ? "encode(data)" : "data"))) {
            p.setLong(1, f.id());
            p.setLong(2, from);
            p.setLong(3, from + SLICE);
            p.setFetchSize(BATCH * 4);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    n++;
                    byte[] data = duck ? r.getBytes(5) : r.getString(5).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    if (filter != null) {
                        String channel = r.getString(6);
                        if (!filter.wants(channel, channel == null ? zeekPath(data) : null)) {
                            continue;
                        }
                    }
                    LocalDateTime t = r.getObject(2, LocalDateTime.class);
                    batch.add(new Row(t == null ? null : t.toInstant(ZoneOffset.UTC), r.getLong(3), r.getString(4), data));
                    if (batch.size() == BATCH) {
                        submit(pipeline, f.format(), batch);
                        batch = new ArrayList<>(BATCH);
                    }
                }
            }
        } catch (SQLException e) {
            throw failure("events", e);
        }
        if (!batch.isEmpty()) {
            submit(pipeline, f.format(), batch);
        }
        return n;
    }

    private void submit(OrderedPipeline pipeline, String format, List<Row> rows) {
        pipeline.submit(() -> {
            List<Event> out = new ArrayList<>(rows.size());
            for (Row r : rows) {
                Event e = rebuild(format, r);
                prepare.accept(e);
                out.add(e);
            }
            return out;
        }, x -> {
            throw x instanceof RuntimeException re ? re : new IllegalStateException("reading the case's events failed", x);
        });
    }

    private ArrayDeque<Detection> detections(long evidence) {
        ArrayDeque<Detection> out = new ArrayDeque<>();
        try (PreparedStatement p = store.connection().prepareStatement(DETECTIONS_QUERY)) {
            p.setLong(1, evidence);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(DetectionJson.read(MAPPER.readTree(r.getString(1))));
                }
            }
        } catch (SQLException e) {
            throw failure("detections", e);
        } catch (IOException e) {
            throw new CaseException("a detection stored in " + store.label() + " is not JSON: " + e.getMessage(), e);
        }
        return out;
    }

    private static final byte[] PATH_KEY = "{\"_path\":\"".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    /**
     * The Zeek log's name of a stored record, read from its first key (both Zeek readers put
     * {@code _path} first); null when the record does not start with it or the name is escaped.
     */
    static String zeekPath(byte[] json) {
        if (json.length <= PATH_KEY.length || !java.util.Arrays.equals(json, 0, PATH_KEY.length, PATH_KEY, 0, PATH_KEY.length)) {
            return null;
        }
        for (int i = PATH_KEY.length; i < json.length && i < PATH_KEY.length + 64; i++) {
            if (json[i] == '"') {
                return new String(json, PATH_KEY.length, i - PATH_KEY.length, java.nio.charset.StandardCharsets.UTF_8);
            }
            if (json[i] == '\\') {
                return null;
            }
        }
        return null;
    }

    /** The event a reader of this format made of this record. */
    static Event rebuild(String format, Row r) {
        ObjectNode tree;
        try {
            tree = (ObjectNode) MAPPER.readTree(r.data());
        } catch (IOException | ClassCastException e) {
            throw new UncheckedIOException(new IOException("an event stored from " + r.source() + " is not a JSON object", e));
        }
        JsonNode windows = tree.get("Event");
        if (windows != null && windows.isObject()) {
            return Event.fromSystem(tree, r.source(), r.recordId(), filetime(r.ts()));
        }
        Event e = new Event(tree, r.source(), r.recordId(), r.ts());
        switch (format) {
            case "ZEEK":
                return e.knownProduct();
            case "SYSLOG":
                return e.hostField("host").knownProduct();
            case "JSON":
                if (SuricataEve.recognises(tree)) {
                    return e.hostField("host").knownProduct();
                }
                return ZeekJson.recognises(tree) ? e.knownProduct() : e;
            default:
                return e;
        }
    }

    private static long filetime(Instant t) {
        if (t == null) {
            return 0;
        }
        // 100 ns intervals since 1601-01-01 (Timestamps.fromFiletime's inverse)
        return (t.getEpochSecond() + 11_644_473_600L) * 10_000_000L + t.getNano() / 100;
    }

    private CaseException failure(String what, SQLException e) {
        return new CaseException("cannot read the " + what + " of " + store.label() + ": " + CaseStore.firstLine(e.getMessage()), e);
    }

    /** Delivers each file's detections after the event each was raised on (on the calling thread). */
    private static final class Pairing {
        private final Sink sink;
        private ArrayDeque<Detection> pending = new ArrayDeque<>();

        Pairing(Sink sink) {
            this.sink = sink;
        }

        void file(ArrayDeque<Detection> detections) {
            pending = detections;
        }

        void event(Event e) {
            sink.event(e);
            while (!pending.isEmpty() && raisedOn(pending.peekFirst(), e)) {
                sink.detection(pending.pollFirst(), e);
            }
        }

        void endFile() {
            while (!pending.isEmpty()) {
                sink.detection(pending.pollFirst(), null);
            }
        }

        private static boolean raisedOn(Detection d, Event e) {
            if (d.recordId() != e.recordId() || !Objects.equals(d.timestamp(), e.timestamp())
                    || !Objects.equals(d.computer(), e.text("Computer")) || !Objects.equals(d.source(), e.source())) {
                return false;
            }
            for (Map.Entry<String, String> f : d.fields().entrySet()) {
                if (!Objects.equals(f.getValue(), e.text(f.getKey()))) {
                    return false;
                }
            }
            return true;
        }
    }
}
