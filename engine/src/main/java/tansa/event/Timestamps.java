package tansa.event;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** ISO-8601 UTC timestamps as tansa reads and prints them. */
public final class Timestamps {
    private Timestamps() {
    }

    /** 100-ns intervals between 1601-01-01 and 1970-01-01. */
    private static final long FILETIME_EPOCH_DIFF = 116_444_736_000_000_000L;

    /** A Windows FILETIME (100 ns ticks since 1601) as an Instant. */
    public static Instant fromFiletime(long ft) {
        long unix100ns = ft - FILETIME_EPOCH_DIFF;
        return Instant.ofEpochSecond(Math.floorDiv(unix100ns, 10_000_000L), Math.floorMod(unix100ns, 10_000_000L) * 100);
    }

    /**
     * Parses the {@code yyyy-MM-ddTHH:mm:ss.ffffffZ} form the EVTX decoder writes (every SystemTime
     * of a decoded record) without java.time's general parser; null for any other form.
     */
    public static Instant parseMicros(String t) {
        if (t.length() != 27 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T' || t.charAt(13) != ':'
                || t.charAt(16) != ':' || t.charAt(19) != '.' || t.charAt(26) != 'Z') {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        int micros = digits(t, 20, 6);
        if ((year | month | day | hour | minute | second | micros) < 0 || month < 1 || month > 12 || day < 1
                || day > 31 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        // Days from civil (proleptic Gregorian), the inverse of the EVTX decoder's formatting.
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        long days = era * 146_097 + doe - 719_468;
        return Instant.ofEpochSecond(days * 86_400L + hour * 3600L + minute * 60L + second, micros * 1000L);
    }

    private static int digits(String t, int at, int n) {
        int v = 0;
        for (int i = at; i < at + n; i++) {
            int d = t.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /** Parses an ISO-8601 instant ({@code 2025-11-27T07:40:10.165324Z}); null when absent or malformed. */
    public static Instant parseOrNull(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * A date-time with an offset as Suricata and rsyslog write it: {@code yyyy-mm-ddThh:mm:ss}, an optional fraction (microseconds), and
     * an offset written without a colon ({@code +0000}, {@code -0600}), with one, or {@code Z}. A
     * time without an offset (the oldest documentation's examples) is taken as UTC. Null when
     * the text is not such a time.
     */
    public static Instant parseOffsetTime(String s) {
        try {
            if (s.length() < 19 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                    || s.charAt(16) != ':') {
                return null;
            }
            int i = 19;
            int nanos = 0;
            if (i < s.length() && s.charAt(i) == '.') {
                int scale = 100_000_000;
                i++;
                while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                    nanos += (s.charAt(i++) - '0') * scale;
                    scale /= 10;
                }
            }
            LocalDateTime local = LocalDateTime.of(num(s, 0, 4), num(s, 5, 2), num(s, 8, 2),
                    num(s, 11, 2), num(s, 14, 2), num(s, 17, 2), nanos);
            ZoneOffset offset = ZoneOffset.UTC;
            if (i < s.length()) {
                char c = s.charAt(i);
                if (c == 'Z' && i + 1 == s.length()) {
                    offset = ZoneOffset.UTC;
                } else if ((c == '+' || c == '-') && (s.length() - i == 5 || s.length() - i == 6 && s.charAt(i + 3) == ':')) {
                    int h = num(s, i + 1, 2);
                    int m = num(s, s.length() - 2, 2);
                    offset = ZoneOffset.ofHoursMinutes(c == '-' ? -h : h, c == '-' ? -m : m);
                } else {
                    return null;
                }
            }
            return local.toInstant(offset);
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    private static int num(String s, int at, int n) {
        int v = 0;
        for (int k = at; k < at + n; k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') {
                throw new NumberFormatException(s);
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static final java.time.format.DateTimeFormatter MICROS = java.time.format.DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'", java.util.Locale.ROOT).withZone(java.time.ZoneOffset.UTC);

    /** The instant as ISO-8601 UTC with microseconds ({@code 2024-03-01T10:00:00.123456Z}), truncated. */
    public static String formatMicros(Instant t) {
        return MICROS.format(t);
    }
}
