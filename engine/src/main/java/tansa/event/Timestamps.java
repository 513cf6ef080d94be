package tansa.event;

import java.time.Instant;
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
}
