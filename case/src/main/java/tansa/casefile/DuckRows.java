package tansa.casefile;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/** Rows through DuckDB's appender: full vectors written into the connection's open transaction. */
final class DuckRows implements RowSink {
    private final DuckDBAppender events;
    private final DuckDBAppender detections;

    DuckRows(Connection c) throws SQLException {
        DuckDBConnection duck = c.unwrap(DuckDBConnection.class);
        events = duck.createAppender("main", "event");
        try {
            detections = duck.createAppender("main", "detection");
        } catch (SQLException e) {
            events.close();
            throw e;
        }
    }

    @Override
    public void event(long evidence, long seq, Instant ts, String computer, String channel, int eventId, boolean hasEventId,
                      long recordId, String provider, String source, String json) throws SQLException {
        DuckDBAppender a = events;
        a.beginRow().append(evidence).append(seq);
        time(a, ts);
        text(a, computer);
        text(a, channel);
        if (hasEventId) {
            a.append(eventId);
        } else {
            a.appendNull();
        }
        a.append(recordId);
        text(a, provider);
        a.append(source);
        a.append(json);
        a.endRow();
    }

    @Override
    public void detection(long evidence, long seq, Instant ts, String ruleId, String ruleTitle, String level, String computer,
                          String channel, String eventId, long recordId, String source, String json, String account,
                          String tags) throws SQLException {
        DuckDBAppender a = detections;
        a.beginRow().append(evidence).append(seq);
        time(a, ts);
        text(a, ruleId);
        text(a, ruleTitle);
        text(a, level);
        text(a, computer);
        text(a, channel);
        text(a, eventId);
        a.append(recordId);
        text(a, source);
        a.append(json);
        text(a, account);
        text(a, tags);
        a.endRow();
    }

    @Override
    public void close() throws SQLException {
        try {
            events.close();
        } finally {
            detections.close();
        }
    }

    private static void time(DuckDBAppender a, Instant t) throws SQLException {
        if (RowSink.storable(t)) {
            a.appendEpochMicros(t.getEpochSecond() * 1_000_000L + t.getNano() / 1000);
        } else {
            a.appendNull();
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
