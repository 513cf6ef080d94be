package tansa.syslog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import tansa.event.Timestamps;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Parses one syslog line into a record: the priority ({@code <PRI>}, when present: facility and
 * severity), the time stamp, host, program (RFC 5424's APP-NAME), process id, RFC 5424's
 * MSGID and structured data, and the message. Three line forms:
 *
 * <ul>
 *   <li>RFC 5424: {@code <PRI>1 TIMESTAMP HOST APP PROCID MSGID [SD] MSG}, {@code -} for a nil value;</li>
 *   <li>RFC 3339 stamps as rsyslog writes files by default on Debian 12
 *       ({@code 2024-03-01T10:00:00.123456+09:00 host sshd[123]: msg}), with or without {@code <PRI>};</li>
 *   <li>RFC 3164 ({@code <PRI>Mmm dd hh:mm:ss host tag[pid]: msg}), and the file form without
 *       {@code <PRI>} ({@code /var/log/auth.log} of older rsyslog defaults): no year and no zone; the
 *       year comes from {@link SyslogYear}, the time is taken as UTC.</li>
 * </ul>
 *
 * Not thread-safe: one instance per file.
 */
final class SyslogHeader {
    static final String[] FACILITIES = {"kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp",
            "cron", "authpriv", "ftp", "ntp", "security", "console", "solaris-cron", "local0", "local1", "local2",
            "local3", "local4", "local5", "local6", "local7"};
    static final String[] SEVERITIES = {"emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"};
    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

    private final SyslogYear year;

    SyslogHeader(SyslogYear year) {
        this.year = year;
    }

    /** Fills {@code out} from {@code line}; returns the time (null when it has none) or {@link #NOT_SYSLOG}. */
    Instant parse(String line, ObjectNode out) {
        int i = 0;
        int pri = -1;
        if (line.startsWith("<")) {
            int close = line.indexOf('>');
            if (close < 2 || close > 4) {
                return NOT_SYSLOG;
            }
            pri = number(line, 1, close);
            if (pri < 0 || pri > 191) {
                return NOT_SYSLOG;
            }
            i = close + 1;
        }
        if (pri >= 0 && line.startsWith("1 ", i)) {
            return rfc5424(line, i + 2, pri, out);
        }
        if (isoAt(line, i)) {
            int sp = line.indexOf(' ', i);
            Instant t = sp < 0 ? null : Timestamps.parseOffsetTime(line.substring(i, sp));
            if (t == null) {
                return NOT_SYSLOG;
            }
            out.put("_log", "syslog");
            out.put("format", "rfc3339");
            out.put("timestamp", Timestamps.formatMicros(t));
            return tail(line, sp + 1, pri, out) ? t : NOT_SYSLOG;
        }
        Instant t = bsdTime(line, i);
        if (t == null) {
            return NOT_SYSLOG;
        }
        out.put("_log", "syslog");
        out.put("format", "rfc3164");
        out.put("timestamp", Timestamps.formatMicros(t));
        return tail(line, bsdEnd, pri, out) ? t : NOT_SYSLOG;
    }

    /** Returned by {@link #parse} for a line in none of the forms. */
    static final Instant NOT_SYSLOG = Instant.MIN;

    /**
     * Whether {@code line} starts with a syslog header (for recognising a file by its first line):
     * a {@code <PRI>}, or a time stamp, host and tag ({@code sshd[1]:}), so that an application's
     * own log that merely starts with a time ({@code 2024-03-01T10:00:00Z INFO started}) is not taken
     * for syslog.
     */
    static boolean looksLikeSyslog(String line) {
        ObjectNode scratch = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        return new SyslogHeader(SyslogYear.startingAt(2000)).parse(line, scratch) != NOT_SYSLOG
                && (scratch.has("facility") || scratch.has("host") && scratch.has("program"));
    }

    /** HOST TAG: MSG after the time stamp; false when there is no host. */
    private boolean tail(String line, int i, int pri, ObjectNode out) {
        int sp = line.indexOf(' ', i);
        if (sp <= i) {
            return false;
        }
        out.put("host", line.substring(i, sp));
        i = sp + 1;
        // TAG: program, optionally [pid], then ':'.
        int k = i;
        while (k < line.length()) {
            char c = line.charAt(k);
            if (c == '[' || c == ':' || c == ' ') {
                break;
            }
            k++;
        }
        String program = null;
        long pid = -1;
        int msg = i;
        if (k > i && k < line.length()) {
            if (line.charAt(k) == ':') {
                program = line.substring(i, k);
                msg = k + 1;
            } else if (line.charAt(k) == '[') {
                int close = line.indexOf(']', k);
                if (close > k && close + 1 < line.length() && line.charAt(close + 1) == ':') {
                    program = line.substring(i, k);
                    pid = number(line, k + 1, close);
                    msg = close + 2;
                }
            }
        }
        if (program != null) {
            out.put("program", program);
            if (pid >= 0) {
                out.put("pid", pid);
            }
        }
        priority(pri, out);
        if (msg < line.length() && line.charAt(msg) == ' ') {
            msg++;
        }
        out.put("message", line.substring(Math.min(msg, line.length())));
        return true;
    }

    private static void priority(int pri, ObjectNode out) {
        if (pri >= 0) {
            out.put("facility", FACILITIES[pri >> 3]);
            out.put("severity", SEVERITIES[pri & 7]);
        }
    }

    private Instant rfc5424(String line, int i, int pri, ObjectNode out) {
        String[] f = new String[5];
        for (int k = 0; k < 5; k++) {
            int sp = line.indexOf(' ', i);
            if (sp < 0) {
                if (k < 4) {
                    return NOT_SYSLOG;
                }
                sp = line.length();
            }
            f[k] = line.substring(i, sp);
            i = Math.min(sp + 1, line.length());
        }
        Instant t = null;
        if (!f[0].equals("-")) {
            t = Timestamps.parseOffsetTime(f[0]);
            if (t == null) {
                return NOT_SYSLOG;
            }
        }
        out.put("_log", "syslog");
        out.put("format", "rfc5424");
        if (t != null) {
            out.put("timestamp", Timestamps.formatMicros(t));
        }
        putUnlessNil(out, "host", f[1]);
        putUnlessNil(out, "program", f[2]);
        if (!f[3].equals("-")) {
            long pid = number(f[3], 0, f[3].length());
            if (pid >= 0) {
                out.put("pid", pid);
            } else {
                out.put("procid", f[3]);
            }
        }
        putUnlessNil(out, "msgid", f[4]);
        priority(pri, out);
        int msg = i;
        if (line.startsWith("-", i)) {
            msg = i + 1;
        } else if (line.startsWith("[", i)) {
            msg = StructuredData.parse(line, i, out.putObject("structured_data"));
            if (msg < 0) {
                return NOT_SYSLOG;
            }
        }
        if (msg < line.length() && line.charAt(msg) == ' ') {
            msg++;
        }
        String text = msg < line.length() ? line.substring(msg) : "";
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        out.put("message", text);
        return t;
    }

    private static void putUnlessNil(ObjectNode out, String name, String v) {
        if (!v.equals("-")) {
            out.put(name, v);
        }
    }

    private static boolean isoAt(String s, int i) {
        return s.length() >= i + 20 && digit(s, i) && digit(s, i + 3) && s.charAt(i + 4) == '-' && s.charAt(i + 10) == 'T';
    }

    private int bsdEnd;

    /** {@code Mmm dd hh:mm:ss} (day space- or zero-padded, an optional fraction) at {@code i}; sets {@link #bsdEnd}. */
    private Instant bsdTime(String s, int i) {
        if (s.length() < i + 16) {
            return null;
        }
        int month = 0;
        for (int k = 0; k < 12; k++) {
            if (s.regionMatches(i, MONTHS, k * 3, 3)) {
                month = k + 1;
                break;
            }
        }
        if (month == 0 || s.charAt(i + 3) != ' ') {
            return null;
        }
        int day = s.charAt(i + 4) == ' ' ? number(s, i + 5, i + 6) : number(s, i + 4, i + 6);
        if (day < 1 || s.charAt(i + 6) != ' ' || s.charAt(i + 9) != ':' || s.charAt(i + 12) != ':') {
            return null;
        }
        int h = number(s, i + 7, i + 9);
        int min = number(s, i + 10, i + 12);
        int sec = number(s, i + 13, i + 15);
        int k = i + 15;
        int nanos = 0;
        if (k < s.length() && s.charAt(k) == '.') {
            int scale = 100_000_000;
            k++;
            while (k < s.length() && digit(s, k)) {
                nanos += (s.charAt(k++) - '0') * scale;
                scale /= 10;
            }
        }
        if (h < 0 || min < 0 || sec < 0 || k >= s.length() || s.charAt(k) != ' ') {
            return null;
        }
        bsdEnd = k + 1;
        try {
            int y = year.of(month);
            return LocalDateTime.of(y, month, day, h, min, sec, nanos).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            // Feb 29 in an inferred year that has none, or a day the month lacks
            return null;
        }
    }

    private static boolean digit(String s, int i) {
        char c = s.charAt(i);
        return c >= '0' && c <= '9';
    }

    /** The decimal number in {@code s[from, to)}; -1 when empty, too long or not digits. */
    static int number(String s, int from, int to) {
        if (to <= from || to - from > 9) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
