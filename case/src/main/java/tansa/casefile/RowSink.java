package tansa.casefile;

import java.sql.SQLException;
import java.time.Instant;

/**
 * Where ingest's event and detection rows go inside the open transaction: DuckDB's appender
 * ({@link DuckRows}) or PostgreSQL's COPY ({@link CopyRows}). Strings may be null except
 * {@code source} and {@code json}. Not thread-safe; called on the ingest thread in evidence order.
 */
interface RowSink extends AutoCloseable {
    /** Seconds from the epoch whose microseconds fit a long with room to spare (about 146,000 years either way). */
    long MAX_SECONDS = Long.MAX_VALUE / 1_000_000L / 2;

    void event(long evidence, long seq, Instant ts, String computer, String channel, int eventId, boolean hasEventId,
               long recordId, String provider, String source, String json) throws SQLException;

    void detection(long evidence, long seq, Instant ts, String ruleId, String ruleTitle, String level, String computer,
                   String channel, String eventId, long recordId, String source, String json, String account, String tags)
            throws SQLException;

    /** Writes what is buffered; the rows are then in the connection's open transaction. */
    @Override
    void close() throws SQLException;

    /** A time a TIMESTAMP column holds (null for none or beyond its range: the time stays in the JSON). */
    static boolean storable(Instant t) {
        return t != null && t.getEpochSecond() <= MAX_SECONDS && t.getEpochSecond() >= -MAX_SECONDS;
    }
}
