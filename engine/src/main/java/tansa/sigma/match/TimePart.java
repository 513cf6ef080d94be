package tansa.sigma.match;

import com.fasterxml.jackson.databind.JsonNode;
import tansa.event.EventFields;
import tansa.sigma.rule.Modifier;

import java.time.LocalDate;
import java.time.temporal.IsoFields;

/**
 * The time-part modifiers ({@code minute}, {@code hour}, {@code day}, {@code week}, {@code month},
 * {@code year}): the part is read from a timestamp field written as {@code YYYY-MM-DD?hh:mm...}
 * (ISO-8601 or Sysmon's {@code UtcTime}); no time-zone conversion (modifiers appendix). The part
 * is then compared with {@code compare}, or for equality.
 */
final class TimePart implements ValueMatcher {
    private final Modifier part;
    private final NumberCompare compare;
    private final double equals;

    TimePart(Modifier part, NumberCompare compare, double equals) {
        this.part = part;
        this.compare = compare;
        this.equals = equals;
    }

    @Override
    public boolean matches(JsonNode v, EventFields event) {
        String s = FieldValues.text(v);
        if (s == null) {
            return false;
        }
        int x = extract(part, s);
        if (x < 0) {
            return false;
        }
        return compare != null ? compare.test(x) : x == equals;
    }

    static int extract(Modifier part, String s) {
        if (s.length() < 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            return -1;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31) {
            return -1;
        }
        switch (part) {
            case YEAR: return year;
            case MONTH: return month;
            case DAY: return day;
            case WEEK:
                try {
                    return LocalDate.of(year, month, day).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
                } catch (java.time.DateTimeException e) {
                    return -1;
                }
            default:
                break;
        }
        if (s.length() < 16 || s.charAt(13) != ':') {
            return -1;
        }
        return part == Modifier.HOUR ? digits(s, 11, 2) : digits(s, 14, 2);
    }

    private static int digits(String s, int off, int len) {
        int v = 0;
        for (int i = off; i < off + len; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
