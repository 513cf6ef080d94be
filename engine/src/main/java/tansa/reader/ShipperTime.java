package tansa.reader;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The time values log shippers write, read as UTC instants: ISO-8601 with a zone or offset
 * ({@code 2020-10-29T12:16:07.900Z}, Splunk's {@code 2018-05-01T00:13:59.000+00:00}), zone-less
 * date-times ({@code 2020-10-19 03:30:41.104}, NXLog's default {@code EventTime}: read as UTC,
 * see the README), and epoch numbers (Velociraptor's {@code SystemTime} in seconds with a
 * fraction; milliseconds and microseconds told apart by magnitude).
 */
final class ShipperTime {
    /** How the EVTX decoder writes SystemTime; shipper events get the same form in dump output. */
    private static final DateTimeFormatter SYSTEM_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private ShipperTime() {
    }

    /** Whether the value is a text time with an explicit zone or offset. */
    static boolean zoned(JsonNode v) {
        if (v == null || !v.isTextual()) {
            return false;
        }
        String s = v.textValue();
        int t = Math.max(s.indexOf('T'), s.indexOf(' '));
        return t > 0 && (s.endsWith("Z") || s.endsWith("z") || s.indexOf('+', t) > 0 || s.indexOf('-', t) > 0);
    }

    /** The instant of a shipper's time value; null when absent or not a time. */
    static Instant parse(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isNumber()) {
            return epoch(v.doubleValue(), v.isIntegralNumber() ? v.longValue() : Long.MIN_VALUE);
        }
        if (!v.isTextual()) {
            return null;
        }
        String s = v.textValue().trim();
        if (s.isEmpty()) {
            return null;
        }
        if (s.chars().allMatch(c -> c >= '0' && c <= '9' || c == '.')) {
            try {
                return epoch(Double.parseDouble(s), s.indexOf('.') < 0 && s.length() < 19 ? Long.parseLong(s) : Long.MIN_VALUE);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        String iso = s.length() > 10 && s.charAt(10) == ' ' ? s.substring(0, 10) + 'T' + s.substring(11) : s;
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException e) {
            // zone-less next
        }
        try {
            return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Seconds (with a fraction), milliseconds or microseconds since 1970, told apart by size. */
    private static Instant epoch(double d, long exact) {
        if (!(d > 0) || d > 1e17) {
            return null;
        }
        if (exact != Long.MIN_VALUE) {
            if (exact >= 100_000_000_000_000L) {
                return Instant.ofEpochSecond(exact / 1_000_000, exact % 1_000_000 * 1000);
            }
            if (exact >= 100_000_000_000L) {
                return Instant.ofEpochMilli(exact);
            }
            return Instant.ofEpochSecond(exact);
        }
        long micros = Math.round(d * 1_000_000);
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000);
    }

    /** The instant as an EVTX SystemTime text: {@code 2020-10-19T03:30:41.104000Z}. */
    static String systemTime(Instant t) {
        return SYSTEM_TIME.format(t);
    }
}
