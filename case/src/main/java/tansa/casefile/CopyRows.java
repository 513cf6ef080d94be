package tansa.casefile;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Rows through PostgreSQL's COPY (PgJDBC's CopyManager), text format, into the connection's open
 * transaction. Each table's rows are encoded as UTF-8 into its own reused buffer and sent in 1 MiB
 * pieces; one COPY runs at a time on a connection, so a table's COPY is ended when the other's
 * buffer must go (rare: detections are few beside events). No allocation per row.
 */
final class CopyRows implements RowSink {
    private static final int FLUSH = 1 << 20;
    private static final String EVENT = "COPY event (evidence_id, seq, ts, computer, channel, event_id, record_id, provider, "
            + "source, data) FROM STDIN";
    private static final String DETECTION = "COPY detection (evidence_id, seq, ts, rule_id, rule_title, level, computer, channel, "
            + "event_id, record_id, source, data, account, tags) FROM STDIN";
    /** Years PostgreSQL's TIMESTAMP holds written as four digits; others are stored as NULL (the JSON keeps the time). */
    private static final long MIN_SECONDS = -62135596800L; // 0001-01-01T00:00:00Z
    private static final long MAX_TS_SECONDS = 253402300799L; // 9999-12-31T23:59:59Z

    private final CopyManager copy;
    private final Buffer events = new Buffer(EVENT);
    private final Buffer detections = new Buffer(DETECTION);
    private CopyIn active;
    private Buffer activeFor;

    CopyRows(Connection c) throws SQLException {
        this.copy = c.unwrap(PGConnection.class).getCopyAPI();
    }

    @Override
    public void event(long evidence, long seq, Instant ts, String computer, String channel, int eventId, boolean hasEventId,
                      long recordId, String provider, String source, String json) throws SQLException {
        Buffer b = events;
        b.number(evidence).tab().number(seq).tab().time(ts).tab().text(computer).tab().text(channel).tab();
        if (hasEventId) {
            b.number(eventId);
        } else {
            b.nul();
        }
        b.tab().number(recordId).tab().text(provider).tab().text(source).tab().text(json).end();
        if (b.n >= FLUSH) {
            send(b);
        }
    }

    @Override
    public void detection(long evidence, long seq, Instant ts, String ruleId, String ruleTitle, String level, String computer,
                          String channel, String eventId, long recordId, String source, String json, String account,
                          String tags) throws SQLException {
        Buffer b = detections;
        b.number(evidence).tab().number(seq).tab().time(ts).tab().text(ruleId).tab().text(ruleTitle).tab().text(level).tab()
                .text(computer).tab().text(channel).tab().text(eventId).tab().number(recordId).tab().text(source).tab()
                .text(json).tab().text(account).tab().text(tags).end();
        if (b.n >= FLUSH) {
            send(b);
        }
    }

    private void send(Buffer b) throws SQLException {
        if (b.n == 0) {
            return;
        }
        if (activeFor != b) {
            endActive();
            active = copy.copyIn(b.sql);
            activeFor = b;
        }
        active.writeToCopy(b.bytes, 0, b.n);
        b.n = 0;
    }

    private void endActive() throws SQLException {
        if (active != null) {
            CopyIn a = active;
            active = null;
            activeFor = null;
            a.endCopy();
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            send(events);
            send(detections);
            endActive();
        } finally {
            if (active != null && active.isActive()) {
                active.cancelCopy();
            }
        }
    }

    /** One table's COPY text, UTF-8, grown as needed and reused. */
    private static final class Buffer {
        final String sql;
        byte[] bytes = new byte[FLUSH + (64 << 10)];
        int n;

        Buffer(String sql) {
            this.sql = sql;
        }

        private void room(int more) {
            if (n + more > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, n + more));
            }
        }

        Buffer tab() {
            room(1);
            bytes[n++] = '\t';
            return this;
        }

        void end() {
            room(1);
            bytes[n++] = '\n';
        }

        Buffer nul() {
            room(2);
            bytes[n++] = '\\';
            bytes[n++] = 'N';
            return this;
        }

        Buffer number(long v) {
            room(20);
            if (v == Long.MIN_VALUE) {
                for (char ch : "-9223372036854775808".toCharArray()) {
                    bytes[n++] = (byte) ch;
                }
                return this;
            }
            if (v < 0) {
                bytes[n++] = '-';
                v = -v;
            }
            int start = n;
            do {
                bytes[n++] = (byte) ('0' + v % 10);
                v /= 10;
            } while (v != 0);
            for (int i = start, j = n - 1; i < j; i++, j--) {
                byte t = bytes[i];
                bytes[i] = bytes[j];
                bytes[j] = t;
            }
            return this;
        }

        private void digits(long v, int width) {
            for (int i = width - 1; i >= 0; i--) {
                bytes[n + i] = (byte) ('0' + v % 10);
                v /= 10;
            }
            n += width;
        }

        /** {@code YYYY-MM-DD HH:MM:SS.ffffff} in UTC (days to civil date: H. Hinnant's algorithm). */
        Buffer time(Instant t) {
            if (t == null || t.getEpochSecond() < MIN_SECONDS || t.getEpochSecond() > MAX_TS_SECONDS) {
                return nul();
            }
            long secs = t.getEpochSecond();
            long days = Math.floorDiv(secs, 86400L);
            long sod = Math.floorMod(secs, 86400L);
            long z = days + 719468;
            long era = Math.floorDiv(z, 146097);
            long doe = z - era * 146097;
            long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
            long y = yoe + era * 400;
            long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
            long mp = (5 * doy + 2) / 153;
            long d = doy - (153 * mp + 2) / 5 + 1;
            long m = mp < 10 ? mp + 3 : mp - 9;
            if (m <= 2) {
                y++;
            }
            room(26);
            digits(y, 4);
            bytes[n++] = '-';
            digits(m, 2);
            bytes[n++] = '-';
            digits(d, 2);
            bytes[n++] = ' ';
            digits(sod / 3600, 2);
            bytes[n++] = ':';
            digits(sod / 60 % 60, 2);
            bytes[n++] = ':';
            digits(sod % 60, 2);
            bytes[n++] = '.';
            digits(t.getNano() / 1000, 6);
            return this;
        }

        /** COPY text escaping (backslash, tab, newline, carriage return); NUL, which PostgreSQL text cannot hold, becomes U+FFFD. */
        Buffer text(String s) {
            if (s == null) {
                return nul();
            }
            int len = s.length();
            room(len * 3 + 2);
            for (int i = 0; i < len; i++) {
                char ch = s.charAt(i);
                if (ch < 0x80) {
                    switch (ch) {
                        case '\\' -> {
                            bytes[n++] = '\\';
                            bytes[n++] = '\\';
                        }
                        case '\t' -> {
                            bytes[n++] = '\\';
                            bytes[n++] = 't';
                        }
                        case '\n' -> {
                            bytes[n++] = '\\';
                            bytes[n++] = 'n';
                        }
                        case '\r' -> {
                            bytes[n++] = '\\';
                            bytes[n++] = 'r';
                        }
                        case 0 -> replacement();
                        default -> bytes[n++] = (byte) ch;
                    }
                } else if (ch < 0x800) {
                    bytes[n++] = (byte) (0xC0 | ch >> 6);
                    bytes[n++] = (byte) (0x80 | ch & 0x3F);
                } else if (Character.isHighSurrogate(ch) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(ch, s.charAt(++i));
                    room(len * 3 + 4);
                    bytes[n++] = (byte) (0xF0 | cp >> 18);
                    bytes[n++] = (byte) (0x80 | cp >> 12 & 0x3F);
                    bytes[n++] = (byte) (0x80 | cp >> 6 & 0x3F);
                    bytes[n++] = (byte) (0x80 | cp & 0x3F);
                } else if (Character.isSurrogate(ch)) {
                    replacement(); // a lone surrogate is not text UTF-8 can carry
                } else {
                    bytes[n++] = (byte) (0xE0 | ch >> 12);
                    bytes[n++] = (byte) (0x80 | ch >> 6 & 0x3F);
                    bytes[n++] = (byte) (0x80 | ch & 0x3F);
                }
            }
            return this;
        }

        private void replacement() {
            bytes[n++] = (byte) 0xEF;
            bytes[n++] = (byte) 0xBF;
            bytes[n++] = (byte) 0xBD;
        }
    }
}
