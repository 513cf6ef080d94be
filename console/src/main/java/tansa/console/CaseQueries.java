package tansa.console;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the console reads from a case. Every value reaches SQL as a bound parameter; the only text
 * joined into a statement is this class's own (column lists, the WHERE clause that
 * {@link DetectionFilter#where} builds of fixed fragments).
 */
final class CaseQueries {
    static final List<String> TACTICS = List.of("reconnaissance", "resource_development", "initial_access", "execution",
            "persistence", "privilege_escalation", "defense_evasion", "credential_access", "discovery", "lateral_movement",
            "collection", "command_and_control", "exfiltration", "impact");

    private final CaseDatabase db;
    /**
     * Totals of recent detection filters (the index build and the filter's values). Sound because
     * an index build is of one state of the detection table (on DuckDB the server holds the file,
     * so no ingest can write to it; on PostgreSQL a new state means a new build), and the console
     * never writes detections. Paging through one filter then counts once. Bounded; guarded by itself.
     */
    private final java.util.LinkedHashMap<List<Object>, Long> totals = new java.util.LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<Object>, Long> eldest) {
            return size() > 1024;
        }
    };

    /**
     * Recently shown rows of the index {@code rowCacheOf} (its row number to the stored row): the
     * pages people page through again cost no read. At most {@value #ROW_CACHE} rows (about 1 KB each);
     * guarded by itself.
     */
    private static final int ROW_CACHE = 20_000;
    private final java.util.LinkedHashMap<Integer, DetectionRow> rowCache = new java.util.LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, DetectionRow> eldest) {
            return size() > ROW_CACHE;
        }
    };
    private DetectionIndex rowCacheOf;

    /** Recent needles with their rows (41 KB at 331,440 detections); bounded, guarded by itself. */
    private final java.util.LinkedHashMap<List<Object>, long[]> searches = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<Object>, long[]> eldest) {
            return size() > 64;
        }
    };
    /**
     * Built on a thread of its own when the server starts (see {@link DetectionIndex}); on
     * PostgreSQL, where an ingest may commit while the case is served, built again when the store's
     * {@link CaseDatabase#version} changes. Guarded by {@code indexLock}.
     */
    private java.util.concurrent.FutureTask<DetectionIndex> index;
    private long indexVersion;
    private final Object indexLock = new Object();

    CaseQueries(CaseDatabase db) {
        this.db = db;
        synchronized (indexLock) {
            indexVersion = db.read(db::version);
            index = build();
        }
    }

    private java.util.concurrent.FutureTask<DetectionIndex> build() {
        java.util.concurrent.FutureTask<DetectionIndex> task = new java.util.concurrent.FutureTask<>(() -> db.read(DetectionIndex::load));
        Thread t = new Thread(task, "tansa-index");
        t.setDaemon(true);
        t.start();
        return task;
    }

    record Count(String key, long n) {
    }

    record Bucket(Instant start, long n) {
    }

    record Overview(String name, long evidence, long events, long detections, String status, String severity,
                    List<Count> levels, List<Count> hosts, List<Count> rules, List<Count> tactics, String unit,
                    List<Bucket> timeline) {
    }

    /** One detection row: its key in the case (evidence id, seq) and its hunt-jsonl record. */
    record DetectionRow(long evidence, long seq, Instant ts, String level, String ruleTitle, String computer,
                        String eventId, String data) {
        String id() {
            return evidence + "-" + seq;
        }
    }

    /** A page: the total, how many matches come before it, its rows, and the next page's {@code after} (null at the end). */
    record Page(long total, long before, List<DetectionRow> items, String next) {
    }

    record EventRow(long evidence, long seq, Instant ts, String computer, String channel, Integer eventId, long recordId,
                    String source, String data) {
    }

    record Host(String computer, long events, long detections, Instant first, Instant last) {
    }

    record Account(String name, long detections, long hosts) {
    }

    record Logon(String source, String target, String account, long count, Instant first, Instant last) {
    }

    record State(String status, String severity, String updatedBy, String updatedAt) {
    }

    Overview overview() {
        return db.read(c -> {
            String name;
            long evidence;
            long events;
            long detections;
            try (PreparedStatement p = c.prepareStatement("SELECT (SELECT name FROM case_info LIMIT 1), "
                    + "(SELECT count(*) FROM evidence WHERE format <> 'UNKNOWN'), (SELECT count(*) FROM event), "
                    + "(SELECT count(*) FROM detection)"); ResultSet r = p.executeQuery()) {
                r.next();
                name = r.getString(1);
                evidence = r.getLong(2);
                events = r.getLong(3);
                detections = r.getLong(4);
            }
            State s = state(c);
            List<Count> levels = counts(c, "SELECT coalesce(level, '-'), count(*) FROM detection GROUP BY 1 ORDER BY 2 DESC, 1", 10);
            List<Count> hosts = counts(c, "SELECT coalesce(computer, '-'), count(*) FROM detection GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10", 10);
            List<Count> rules = counts(c, "SELECT coalesce(rule_title, '-'), count(*) FROM detection GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10", 10);
            Map<String, Long> byTactic = new LinkedHashMap<>();
            // detection.tags (schema version 6): the rule's tags, space-separated, written at ingest
            try (PreparedStatement p = c.prepareStatement("SELECT tags, count(*) FROM detection WHERE tags LIKE '%attack.%' GROUP BY tags");
                 ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    for (String tag : r.getString(1).split(" ")) {
                        if (tag.startsWith("attack.")) {
                            byTactic.merge(tag.substring(7).replace('-', '_'), r.getLong(2), Long::sum);
                        }
                    }
                }
            }
            List<Count> tactics = new ArrayList<>();
            for (String t : TACTICS) {
                Long n = byTactic.get(t);
                if (n != null) {
                    tactics.add(new Count(t, n));
                }
            }
            String unit = "day";
            try (PreparedStatement p = c.prepareStatement("SELECT min(ts), max(ts) FROM detection"); ResultSet r = p.executeQuery()) {
                r.next();
                Timestamp a = r.getTimestamp(1);
                Timestamp b = r.getTimestamp(2);
                if (a != null && b != null) {
                    long days = (b.getTime() - a.getTime()) / 86_400_000L;
                    unit = days > 400 ? "month" : days < 3 ? "hour" : "day";
                }
            }
            String sql = switch (unit) {
                case "month" -> "SELECT date_trunc('month', ts), count(*) FROM detection WHERE ts IS NOT NULL GROUP BY 1 ORDER BY 1";
                case "hour" -> "SELECT date_trunc('hour', ts), count(*) FROM detection WHERE ts IS NOT NULL GROUP BY 1 ORDER BY 1";
                default -> "SELECT date_trunc('day', ts), count(*) FROM detection WHERE ts IS NOT NULL GROUP BY 1 ORDER BY 1";
            };
            List<Bucket> timeline = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(sql); ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    timeline.add(new Bucket(instant(r, 1), r.getLong(2)));
                }
            }
            return new Overview(name, evidence, events, detections, s.status(), s.severity(), levels, hosts, rules, tactics, unit,
                    timeline);
        });
    }

    private static List<Count> counts(Connection c, String sql, int max) throws SQLException {
        List<Count> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(sql); ResultSet r = p.executeQuery()) {
            while (r.next() && out.size() < max) {
                out.add(new Count(r.getString(1), r.getLong(2)));
            }
        }
        return out;
    }

    static Instant instant(ResultSet r, int col) throws SQLException {
        Object o = r.getObject(col);
        if (o == null) {
            return null;
        }
        if (o instanceof java.time.LocalDateTime t) {
            return t.toInstant(ZoneOffset.UTC);
        }
        Timestamp t = r.getTimestamp(col);
        return t.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }

    /**
     * A page of detections: filtered, counted and paged in the in-memory {@link DetectionIndex} (built
     * once, on a thread of its own from the server's start), then the page's rows read by key.
     */
    Page detections(DetectionFilter f) {
        DetectionIndex ix = index();
        long[] search = f.q() == null ? null : search(ix, DetectionFilter.jsonText(f.q()));
        DetectionIndex.Query query = ix.new Query(f, search);
        int afterRow = -1;
        long[] after = f.afterKey();
        if (after != null) {
            afterRow = ix.row(after[0], after[1]);
            if (afterRow < 0) {
                throw new DetectionFilter.BadRequest("after names no detection of this case");
            }
        }
        List<Object> key = new ArrayList<>(f.totalKey());
        key.add(0, ix); // totals of one build of the index (by identity)
        Long cached;
        synchronized (totals) {
            cached = totals.get(key);
        }
        DetectionIndex.Hits hits = ix.run(query, f.limit(), f.offset(), afterRow, cached == null ? -1 : cached);
        if (cached == null) {
            synchronized (totals) {
                totals.put(key, hits.total());
            }
        }
        List<DetectionRow> items = rows(ix, hits.rows());
        int[] r = hits.rows();
        String next = r.length > 0 && hits.before() + r.length < hits.total()
                ? ix.evidence[r[r.length - 1]] + "-" + ix.seq[r[r.length - 1]] : null;
        return new Page(hits.total(), hits.before(), items, next);
    }

    /** The index, waiting for its build when a request comes before it is done. */
    private DetectionIndex index() {
        java.util.concurrent.FutureTask<DetectionIndex> task;
        if (db.dialect() == tansa.casefile.Dialect.POSTGRESQL) {
            long v = db.read(db::version);
            synchronized (indexLock) {
                if (v != indexVersion) {
                    indexVersion = v;
                    index = build();
                }
                task = index;
            }
        } else {
            task = index; // DuckDB: the server holds the file, the detections cannot change
        }
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new tansa.casefile.CaseException("interrupted while the detections were being indexed", e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new tansa.casefile.CaseException("cannot index the detections: " + cause, cause);
        }
    }

    /**
     * The rows whose record holds {@code needle} (as the record's JSON writes it), case-insensitively:
     * from the token index when the needle is one run of letters and digits, else by the database's
     * ILIKE over every record, kept for the next request with the same needle.
     */
    private long[] search(DetectionIndex ix, String needle) {
        List<Object> key = List.of(ix, needle);
        synchronized (searches) {
            long[] kept = searches.get(key);
            if (kept != null) {
                return kept;
            }
        }
        String token = DetectionIndex.token(needle);
        long[] bits = token != null ? ix.rowsWithToken(token) : db.read(c -> ix.rowsLike(c, needle));
        synchronized (searches) {
            searches.put(key, bits);
        }
        return bits;
    }

    /**
     * The stored rows of the index's rows {@code rows}, in that order: from the row cache, else read
     * in one statement, on DuckDB by rowid (one {@code rowid BETWEEN} branch a row: each prunes to
     * its row group, where a list of keys made DuckDB scan every record), on PostgreSQL by key
     * (its {@code detection_key} index).
     */
    private List<DetectionRow> rows(DetectionIndex ix, int[] rows) {
        if (rows.length == 0) {
            return List.of();
        }
        DetectionRow[] out = new DetectionRow[rows.length];
        List<Integer> missing = new ArrayList<>();
        synchronized (rowCache) {
            if (rowCacheOf != ix) {
                rowCache.clear();
                rowCacheOf = ix;
            }
            for (int i = 0; i < rows.length; i++) {
                out[i] = rowCache.get(rows[i]);
                if (out[i] == null) {
                    missing.add(i);
                }
            }
        }
        if (!missing.isEmpty()) {
            Map<Long, DetectionRow> found = db.read(c -> {
                Map<Long, DetectionRow> got = new java.util.HashMap<>();
                StringBuilder sql = new StringBuilder();
                List<Long> args = new ArrayList<>();
                String columns = "SELECT evidence_id, seq, ts, level, rule_title, computer, event_id, data FROM detection WHERE ";
                if (ix.rowid != null) {
                    for (int i : missing) {
                        sql.append(sql.length() == 0 ? "" : " UNION ALL ").append(columns).append("rowid BETWEEN ? AND ?");
                        args.add(ix.rowid[rows[i]]);
                        args.add(ix.rowid[rows[i]]);
                    }
                } else {
                    sql.append(columns).append("(evidence_id, seq) IN (");
                    for (int k = 0; k < missing.size(); k++) {
                        sql.append(k == 0 ? "(?, ?)" : ", (?, ?)");
                        args.add(ix.evidence[rows[missing.get(k)]]);
                        args.add(ix.seq[rows[missing.get(k)]]);
                    }
                    sql.append(')');
                }
                try (PreparedStatement p = c.prepareStatement(sql.toString())) {
                    for (int i = 0; i < args.size(); i++) {
                        p.setLong(i + 1, args.get(i));
                    }
                    try (ResultSet r = p.executeQuery()) {
                        while (r.next()) {
                            DetectionRow d = new DetectionRow(r.getLong(1), r.getLong(2), instant(r, 3), r.getString(4), r.getString(5),
                                    r.getString(6), r.getString(7), r.getString(8));
                            got.put(DetectionIndex.key(d.evidence(), d.seq()), d);
                        }
                    }
                }
                return got;
            });
            synchronized (rowCache) {
                for (int i : missing) {
                    // matched by key: a row the store no longer holds is left out of the page
                    out[i] = found.get(DetectionIndex.key(ix.evidence[rows[i]], ix.seq[rows[i]]));
                    if (out[i] != null && rowCacheOf == ix) {
                        rowCache.put(rows[i], out[i]);
                    }
                }
            }
        }
        List<DetectionRow> items = new ArrayList<>(rows.length);
        for (DetectionRow d : out) {
            if (d != null) {
                items.add(d);
            }
        }
        return items;
    }

    private static int bind(PreparedStatement p, List<Object> args, int from) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            p.setObject(from + i + 1, args.get(i));
        }
        return from + args.size();
    }

    DetectionRow detection(long evidence, long seq) {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT evidence_id, seq, ts, level, rule_title, computer, event_id, data "
                    + "FROM detection WHERE evidence_id = ? AND seq = ?")) {
                p.setLong(1, evidence);
                p.setLong(2, seq);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? new DetectionRow(r.getLong(1), r.getLong(2), instant(r, 3), r.getString(4), r.getString(5),
                            r.getString(6), r.getString(7), r.getString(8)) : null;
                }
            }
        });
    }

    /** The events of one evidence file with this record id (one for EVTX). */
    List<EventRow> eventsByRecord(long evidence, long recordId) {
        return events("evidence_id = ? AND record_id = ?", evidence, recordId);
    }

    EventRow event(long evidence, long seq) {
        List<EventRow> e = events("evidence_id = ? AND seq = ?", evidence, seq);
        return e.isEmpty() ? null : e.get(0);
    }

    private List<EventRow> events(String where, long a, long b) {
        return db.read(c -> {
            List<EventRow> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT evidence_id, seq, ts, computer, channel, event_id, record_id, "
                    + "source, data FROM event WHERE " + where + " ORDER BY seq LIMIT 10")) {
                p.setLong(1, a);
                p.setLong(2, b);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        int id = r.getInt(6);
                        out.add(new EventRow(r.getLong(1), r.getLong(2), instant(r, 3), r.getString(4), r.getString(5),
                                r.wasNull() ? null : id, r.getLong(7), r.getString(8), r.getString(9)));
                    }
                }
            }
            return out;
        });
    }

    List<Host> hosts() {
        return db.read(c -> {
            List<Host> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT e.computer, e.n, coalesce(d.n, 0), e.first, e.last FROM "
                    + "(SELECT computer, count(*) AS n, min(ts) AS first, max(ts) AS last FROM event WHERE computer IS NOT NULL "
                    + "GROUP BY computer) e LEFT JOIN (SELECT computer, count(*) AS n FROM detection GROUP BY computer) d "
                    + "ON d.computer = e.computer ORDER BY 3 DESC, 2 DESC, 1 LIMIT 1000"); ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new Host(r.getString(1), r.getLong(2), r.getLong(3), instant(r, 4), instant(r, 5)));
                }
            }
            return out;
        });
    }

    /** Accounts named by the detections' user-name fields, with how many detections and hosts. */
    List<Account> accounts() {
        return db.read(c -> {
            List<Account> out = new ArrayList<>();
            StringBuilder sql = new StringBuilder("SELECT account, count(*), count(DISTINCT computer) FROM (");
            for (int i = 0; i < DetectionFilter.ACCOUNT_FIELDS.size(); i++) {
                sql.append(i == 0 ? "" : " UNION ALL ").append("SELECT ")
                        .append(db.json("data", "fields", DetectionFilter.ACCOUNT_FIELDS.get(i))).append(" AS account, computer "
                                + "FROM detection WHERE data LIKE ?");
            }
            sql.append(") a WHERE account IS NOT NULL AND account NOT IN ('-', '') GROUP BY account ORDER BY 2 DESC, 1 LIMIT 1000");
            try (PreparedStatement p = c.prepareStatement(sql.toString())) {
                int n = 1;
                for (String f : DetectionFilter.ACCOUNT_FIELDS) {
                    p.setString(n++, "%\"" + f + "\":%");
                }
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add(new Account(r.getString(1), r.getLong(2), r.getLong(3)));
                    }
                }
            }
            return out;
        });
    }

    /**
     * Network and remote-interactive logons (Security 4624, logon type 3 or 10) from a source
     * address or workstation to the computer that logged them: the host-to-host table shown until
     * 'tansa graph' lands in the console.
     */
    List<Logon> logons() {
        return db.read(c -> {
            List<Logon> out = new ArrayList<>();
            String sql = "SELECT src, computer, account, count(*), min(ts), max(ts) FROM ("
                    + "SELECT coalesce(nullif(nullif(" + db.json("data", "Event", "EventData", "IpAddress") + ", '-'), ''), "
                    + db.json("data", "Event", "EventData", "WorkstationName") + ") AS src, computer, "
                    + db.json("data", "Event", "EventData", "TargetUserName") + " AS account, ts "
                    + "FROM event WHERE event_id = 4624 AND channel = 'Security' "
                    + "AND " + db.json("data", "Event", "EventData", "LogonType") + " IN ('3', '10')) l "
                    + "WHERE src IS NOT NULL AND src NOT IN ('-', '', '127.0.0.1', '::1') "
                    + "GROUP BY 1, 2, 3 ORDER BY 4 DESC, 1, 2, 3 LIMIT 500";
            try (PreparedStatement p = c.prepareStatement(sql); ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new Logon(r.getString(1), r.getString(2), r.getString(3), r.getLong(4), instant(r, 5), instant(r, 6)));
                }
            }
            return out;
        });
    }

    State state() {
        return db.read(CaseQueries::state);
    }

    State stateOn(Connection c) throws SQLException {
        return state(c);
    }

    private static State state(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT status, severity, updated_by, updated_at FROM case_state LIMIT 1");
             ResultSet r = p.executeQuery()) {
            return r.next() ? new State(r.getString(1), r.getString(2), r.getString(3), r.getString(4))
                    : new State("open", "unknown", null, null);
        }
    }
}
