package tansa.casefile;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The case's audit log: every state-changing action (who, what, on what, when, the state before and
 * after as JSON) appended to {@code audit_log}, hash-chained. An entry's hash is SHA-256 over the
 * previous entry's hash (64 zeros for the first), a newline and the entry's canonical JSON
 * ({@link #canonical}: keys sorted, before/after themselves canonical JSON text), so editing,
 * reordering or deleting an entry breaks the chain at that entry; {@link #verify()} names it.
 * {@code audit_head} counts the entries ever written and keeps the newest one's hash, so deleting
 * or rewriting the newest entries shows too.
 *
 * <p>Writers append inside their own transaction ({@link #append}), so the action and its entry
 * commit together; the append first updates {@code audit_head}'s one row, which serialises
 * concurrent writers on PostgreSQL (row lock until commit). The chain shows tampering by whoever
 * can write the tables; it does not stop it (that needs the entries' head hash kept elsewhere,
 * which {@code audit verify} prints).
 *
 * <p>Not thread-safe: one thread per store.
 */
public final class Audit {
    /** The previous hash of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    private final CaseStore store;
    private final Clock clock;

    public Audit(CaseStore store) {
        this(store, Clock.systemUTC());
    }

    public Audit(CaseStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** One entry as stored. {@code before}/{@code after} are canonical JSON text or null. */
    public record Entry(long seq, String at, String actor, String action, String target, String before, String after,
                        String prevHash, String hash) {
    }

    /** What is wrong at entry {@code seq}: {@code edited}, {@code deleted}, {@code reordered}, {@code broken}. */
    public record Problem(long seq, String kind, String detail) {
    }

    /** The verdict: entries read, the newest entry's hash (keep it elsewhere as an anchor), every problem in entry order. */
    public record Verification(long entries, String head, List<Problem> problems) {
        public Verification {
            problems = List.copyOf(problems);
        }

        public boolean intact() {
            return problems.isEmpty();
        }
    }

    /**
     * Records one action in its own transaction (or in the caller's, when the store's connection
     * is not in auto-commit) and returns its entry number. {@code before}/{@code after}: JSON text
     * or null.
     */
    public long record(String actor, String action, String target, String before, String after) {
        Connection c = store.connection();
        try {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                long seq = append(c, clock.instant(), actor, action, target, before, after);
                if (auto) {
                    c.commit();
                }
                return seq;
            } catch (SQLException | RuntimeException e) {
                if (auto) {
                    c.rollback();
                }
                throw e;
            } finally {
                if (auto) {
                    c.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            throw new CaseException("cannot write the audit log of " + store.label() + ": " + CaseStore.firstLine(e.getMessage()), e);
        }
    }

    /** One action to record: who did what to what, when, and the state before and after (JSON text or null). */
    public record Action(Instant at, String actor, String action, String target, String before, String after) {
    }

    /**
     * Appends an entry inside the caller's open transaction on {@code c} (auto-commit off) and
     * returns its entry number; the caller commits it with its change.
     */
    public static long append(Connection c, Instant at, String actor, String action, String target, String before, String after)
            throws SQLException {
        return appendAll(c, List.of(new Action(at, actor, action, target, before, after)));
    }

    /**
     * Appends entries in order inside the caller's open transaction (four statements however many:
     * ingest records a batch of files at its commit) and returns the last entry's number.
     */
    public static long appendAll(Connection c, List<Action> actions) throws SQLException {
        if (actions.isEmpty()) {
            return -1;
        }
        long last;
        String prev;
        try (PreparedStatement p = c.prepareStatement("UPDATE audit_head SET entries = entries + ? WHERE id = 1")) {
            p.setLong(1, actions.size());
            if (p.executeUpdate() != 1) {
                throw new SQLException("audit_head has no row");
            }
        }
        try (PreparedStatement p = c.prepareStatement("SELECT entries, last_hash FROM audit_head WHERE id = 1");
             ResultSet r = p.executeQuery()) {
            r.next();
            last = r.getLong(1);
            prev = r.getString(2);
        }
        long seq = last - actions.size() + 1;
        try (PreparedStatement p = c.prepareStatement("INSERT INTO audit_log (seq, logged_at, actor, action, target, before_json, "
                + "after_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Action a : actions) {
                String b = Json.canonical(a.before());
                String af = Json.canonical(a.after());
                String when = a.at().toString();
                String hash = hash(prev, canonical(when, a.actor(), a.action(), a.target(), b, af));
                p.setLong(1, seq++);
                p.setString(2, when);
                p.setString(3, a.actor());
                p.setString(4, a.action());
                p.setString(5, a.target());
                p.setString(6, b);
                p.setString(7, af);
                p.setString(8, prev);
                p.setString(9, hash);
                p.addBatch();
                prev = hash;
            }
            p.executeBatch();
        }
        try (PreparedStatement p = c.prepareStatement("UPDATE audit_head SET last_hash = ? WHERE id = 1")) {
            p.setString(1, prev);
            p.executeUpdate();
        }
        return last;
    }

    /** The entries in order (for display and export). */
    public List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        try (PreparedStatement p = store.connection().prepareStatement("SELECT seq, logged_at, actor, action, target, before_json, "
                + "after_json, prev_hash, hash FROM audit_log ORDER BY seq, hash"); ResultSet r = p.executeQuery()) {
            while (r.next()) {
                out.add(new Entry(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6),
                        r.getString(7), r.getString(8), r.getString(9)));
            }
        } catch (SQLException e) {
            throw new CaseException("cannot read the audit log of " + store.label() + ": " + CaseStore.firstLine(e.getMessage()), e);
        }
        return out;
    }

    /**
     * Walks the chain in entry order and names every entry that was edited (its contents no longer
     * give its hash), deleted (a gap in the numbers, or fewer entries than the head counts),
     * reordered (it names as its predecessor an entry that now comes after it, or another than the
     * one before it) or whose predecessor was edited and re-hashed.
     */
    public Verification verify() {
        List<Entry> entries = entries();
        long head;
        String headHash;
        try (PreparedStatement p = store.connection().prepareStatement("SELECT entries, last_hash FROM audit_head WHERE id = 1");
             ResultSet r = p.executeQuery()) {
            boolean found = r.next();
            head = found ? r.getLong(1) : -1;
            headHash = found ? r.getString(2) : null;
        } catch (SQLException e) {
            throw new CaseException("cannot read the audit log of " + store.label() + ": " + CaseStore.firstLine(e.getMessage()), e);
        }
        Map<String, Long> byHash = new HashMap<>();
        for (Entry e : entries) {
            byHash.putIfAbsent(e.hash(), e.seq());
        }
        List<Problem> problems = new ArrayList<>();
        java.util.Set<Long> moved = new java.util.HashSet<>();
        String prev = GENESIS;
        long expected = 1;
        for (Entry e : entries) {
            if (e.seq() > expected) {
                problems.add(new Problem(expected, "deleted", e.seq() == expected + 1 ? "entry " + expected + " is missing"
                        : "entries " + expected + " to " + (e.seq() - 1) + " are missing"));
            } else if (e.seq() < expected) {
                problems.add(new Problem(e.seq(), "duplicated", "entry number " + e.seq() + " appears more than once"));
            }
            String recomputed = hash(e.prevHash(), canonical(e.at(), e.actor(), e.action(), e.target(), e.before(), e.after()));
            if (!recomputed.equals(e.hash())) {
                problems.add(new Problem(e.seq(), "edited", "its contents do not give its hash (changed after it was written)"));
            } else if (!e.prevHash().equals(prev)) {
                Long was = byHash.get(e.prevHash());
                if (e.prevHash().equals(GENESIS)) {
                    problems.add(new Problem(e.seq(), "reordered", "it was written as the first entry"));
                } else if (was != null && moved.contains(was)) {
                    // follows an entry that was moved away from before it: named there
                } else if (was != null && was >= e.seq()) {
                    moved.add(e.seq());
                    problems.add(new Problem(e.seq(), "reordered", "it was written after the entry now numbered " + was));
                } else if (was != null && e.seq() > expected) {
                    // the gap is already named as deleted; the link to the survivor before it is what a deletion leaves
                } else if (was != null) {
                    moved.add(e.seq());
                    problems.add(new Problem(e.seq(), "reordered", "it was written right after the entry now numbered " + was
                            + ", not after entry " + (e.seq() - 1)));
                } else if (e.seq() <= expected) {
                    problems.add(new Problem(e.seq(), "broken", "the entry written before it is gone or was edited and re-hashed"
                            + (e.seq() > 1 ? " (look at entry " + (e.seq() - 1) + ")" : "")));
                }
            }
            prev = e.hash();
            expected = Math.max(expected, e.seq() + 1);
        }
        long last = expected - 1;
        if (head >= 0 && head > last) {
            problems.add(new Problem(last + 1, "deleted", head == last + 1 ? "entry " + head + " (the newest) is missing"
                    : "entries " + (last + 1) + " to " + head + " (the newest) are missing"));
        } else if (head >= 0 && head < last) {
            problems.add(new Problem(head + 1, "broken", "the log counts " + head + " entries but holds entries up to " + last));
        } else if (head == last && headHash != null && !headHash.equals(prev)) {
            boolean named = !problems.isEmpty() && problems.get(problems.size() - 1).seq() == last;
            if (!named) {
                problems.add(new Problem(last, "edited", "the log's head records another hash for this newest entry "
                        + "(edited and re-hashed)"));
            }
        }
        problems.sort((x, y) -> Long.compare(x.seq(), y.seq()));
        return new Verification(entries.size(), entries.isEmpty() ? GENESIS : entries.get(entries.size() - 1).hash(), problems);
    }

    /** The canonical JSON of an entry: its fields in sorted order, before/after as the JSON text stored. */
    static String canonical(String at, String actor, String action, String target, String before, String after) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("action", action);
        o.put("actor", actor);
        o.put("after", after);
        o.put("at", at);
        o.put("before", before);
        o.put("target", target);
        return o.toString();
    }

    static String hash(String prev, String canonical) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(prev.getBytes(StandardCharsets.UTF_8));
            md.update((byte) '\n');
            md.update(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
