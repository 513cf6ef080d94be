package tansa.casefile;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Read-only queries over a case for the report and the console: the evidence registry and the
 * detections with the event each was raised on, streamed in time order so a reader aggregates
 * without holding them. Every query is a constant here, so a figure can name the query behind it.
 */
public final class CaseView {
    /**
     * The detections, in no particular order (readers aggregate them), with the columns ingest wrote
     * for aggregates (account, tags; schema version 6): streamed, no sort and no JSON, so a case of
     * millions is read in bounded memory.
     */
    public static final String DETECTIONS_QUERY = "SELECT ts, level, computer, rule_id, rule_title, tags, account FROM detection";
    public static final String EVIDENCE_QUERY = "SELECT path, sha256, size, format, events, detections, problems, "
            + "ingested_by, ingested_at FROM evidence ORDER BY path";
    public static final String EVENT_SPAN_QUERY = "SELECT min(ts), max(ts) FROM event";
    /** The summary record of each attached scan ('tansa scan -f jsonl'), in attachment order. */
    public static final String SCAN_SUMMARY_QUERY = "SELECT data FROM scan_summary ORDER BY attachment_id, seq";
    /** The claim, sample and summary records of each attached leak-claim check, in attachment order. */
    public static final String CLAIMS_QUERY = "SELECT kind, outcome, data FROM claim ORDER BY attachment_id, seq";

    private final CaseStore store;

    public CaseView(CaseStore store) {
        this.store = store;
    }

    /**
     * One detection as stored: its time (may be null), level, host, rule, the rule's tags (space
     * separated, may be null) and the account of the event it was raised on (may be null).
     */
    public record Detection(Instant time, String level, String computer, String ruleId, String ruleTitle,
                            String tags, String account) {
    }

    /** One registered evidence file. */
    public record Evidence(String path, String sha256, long size, String format, long events, long detections,
                           long problems, String ingestedBy, String ingestedAt) {
    }

    /** Receives detections one at a time. */
    public interface DetectionSink {
        void accept(Detection d);
    }

    public void detections(DetectionSink sink) {
        try (PreparedStatement p = store.connection().prepareStatement(DETECTIONS_QUERY)) {
            p.setFetchSize(2048);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    sink.accept(new Detection(utc(r.getObject(1, LocalDateTime.class)), r.getString(2), r.getString(3),
                            r.getString(4), r.getString(5), r.getString(6), r.getString(7)));
                }
            }
        } catch (SQLException e) {
            throw failure("detections", e);
        }
    }

    public List<Evidence> evidence() {
        List<Evidence> out = new ArrayList<>();
        try (PreparedStatement p = store.connection().prepareStatement(EVIDENCE_QUERY);
             ResultSet r = p.executeQuery()) {
            while (r.next()) {
                out.add(new Evidence(r.getString(1), r.getString(2), r.getLong(3), r.getString(4), r.getLong(5),
                        r.getLong(6), r.getLong(7), r.getString(8), r.getString(9)));
            }
        } catch (SQLException e) {
            throw failure("evidence", e);
        }
        return out;
    }

    /** The first and last event time of the case (nulls when it has no timed event). */
    public Instant[] eventSpan() {
        try (PreparedStatement p = store.connection().prepareStatement(EVENT_SPAN_QUERY);
             ResultSet r = p.executeQuery()) {
            r.next();
            return new Instant[] {utc(r.getObject(1, LocalDateTime.class)), utc(r.getObject(2, LocalDateTime.class))};
        } catch (SQLException e) {
            throw failure("events", e);
        }
    }

    /** The JSON summary line of every attached scan. */
    public List<String> scanSummaries() {
        return strings(SCAN_SUMMARY_QUERY, "scan summaries");
    }

    /** One record of an attached leak-claim check: kind (claim, sample, summary), outcome, and its JSON line. */
    public record Claim(String kind, String outcome, String json) {
    }

    public List<Claim> claims() {
        List<Claim> out = new ArrayList<>();
        try (PreparedStatement p = store.connection().prepareStatement(CLAIMS_QUERY);
             ResultSet r = p.executeQuery()) {
            while (r.next()) {
                out.add(new Claim(r.getString(1), r.getString(2), r.getString(3)));
            }
        } catch (SQLException e) {
            throw failure("leak claims", e);
        }
        return out;
    }

    private List<String> strings(String sql, String what) {
        List<String> out = new ArrayList<>();
        try (PreparedStatement p = store.connection().prepareStatement(sql);
             ResultSet r = p.executeQuery()) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
        return out;
    }

    /** A TIMESTAMP column holds UTC wall time; read it as such whatever the JVM's zone. */
    private static Instant utc(LocalDateTime t) {
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }

    private CaseException failure(String what, SQLException e) {
        return new CaseException("cannot read the " + what + " of " + store.label() + ": "
                + CaseStore.firstLine(e.getMessage()), e);
    }
}
