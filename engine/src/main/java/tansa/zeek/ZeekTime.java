package tansa.zeek;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Zeek's {@code time} values in the one form tansa prints them: ISO-8601 UTC with microseconds
 * ({@code 2018-03-24T17:15:21.258458Z}), as Zeek's JSON writer prints them with
 * {@code LogAscii::json_timestamps = JSON::TS_ISO8601}. The TSV form's epoch seconds
 * ({@code 1521911721.258458}) and the JSON form's epoch numbers both become this text, so the two
 * forms of one log dump identically.
 */
public final class ZeekTime {
    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'", java.util.Locale.ROOT).withZone(ZoneOffset.UTC);

    private ZeekTime() {
    }

    /** The instant of epoch seconds written as digits with an optional fraction; null when not that form. */
    static Instant parseEpoch(byte[] b, int from, int to) {
        int i = from;
        boolean negative = i < to && b[i] == '-';
        if (negative) {
            i++;
        }
        long seconds = 0;
        int digits = 0;
        while (i < to && b[i] >= '0' && b[i] <= '9' && digits < 12) {
            seconds = seconds * 10 + (b[i++] - '0');
            digits++;
        }
        if (digits == 0) {
            return null;
        }
        long nanos = 0;
        if (i < to && b[i] == '.') {
            i++;
            int scale = 100_000_000;
            while (i < to && b[i] >= '0' && b[i] <= '9') {
                nanos += (b[i++] - '0') * (long) scale;
                scale /= 10;
            }
        }
        if (i != to) {
            return epochSlow(new String(b, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        return negative ? Instant.ofEpochSecond(-seconds, -nanos) : Instant.ofEpochSecond(seconds, nanos);
    }

    /** Epoch seconds in any decimal notation (an exponent, more digits); null when not a number. */
    static Instant epochSlow(String text) {
        try {
            BigDecimal d = new BigDecimal(text.trim());
            BigDecimal seconds = d.setScale(0, java.math.RoundingMode.FLOOR);
            return Instant.ofEpochSecond(seconds.longValueExact(), d.subtract(seconds).movePointRight(9).intValue());
        } catch (NumberFormatException | ArithmeticException | java.time.DateTimeException e) {
            return null;
        }
    }

    /** An epoch number of Zeek's JSON writer (its default {@code JSON::TS_EPOCH}); Double.toString keeps its digits. */
    static Instant fromJsonNumber(double seconds) {
        if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
            return null;
        }
        return epochSlow(Double.toString(seconds));
    }

    /** An ISO-8601 time with a zone or offset; null when the text is not one. */
    static Instant parseIso(String text) {
        if (text.length() < 20 || text.charAt(4) != '-' || text.charAt(10) != 'T') {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * The printed form: ISO-8601 UTC, rounded to the microsecond as Zeek's ISO writer rounds
     * ({@code %06.0f} of the fraction): a TSV time written with more digits
     * ({@code -2.1504318496896954e+09}, ntp's {@code xmt_time}) prints as the JSON form does.
     */
    public static String format(Instant t) {
        int nanos = t.getNano();
        int rest = nanos % 1000;
        if (rest != 0) {
            t = t.minusNanos(rest);
            if (rest >= 500) {
                t = t.plusNanos(1000);
            }
        }
        return ISO.format(t);
    }
}
