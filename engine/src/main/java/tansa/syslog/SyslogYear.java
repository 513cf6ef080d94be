package tansa.syslog;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * The year of RFC 3164 time stamps ({@code Mar  1 10:00:00}), which carry none. Two rules, both
 * deterministic for a given file:
 *
 * <ul>
 *   <li>a given year ({@code --year Y}) is the year of the file's first stamped line; each time the
 *       month goes back by more than six (December to January, or a longer gap over New Year) the
 *       year goes up by one;</li>
 *   <li>otherwise the file's modification time is the newest moment the file can describe: a line
 *       is of that year, unless its month comes after the modification month, then of the year
 *       before (a file written from December to January and last modified in January puts its
 *       December lines in the earlier year). Standard input, with no modification time, is
 *       judged against the time of reading.</li>
 * </ul>
 *
 * <p>Not thread-safe: one instance per file.
 */
final class SyslogYear {
    private final boolean given;
    private int year;
    private final int refMonth;
    private int lastMonth;

    private SyslogYear(boolean given, int year, int refMonth) {
        this.given = given;
        this.year = year;
        this.refMonth = refMonth;
    }

    /** The year of the first line, counting up at each New Year the lines pass. */
    static SyslogYear startingAt(int year) {
        return new SyslogYear(true, year, 0);
    }

    /** The year by the file's last modification: no line lies after it. */
    static SyslogYear endingAt(Instant modified) {
        ZonedDateTime t = modified.atZone(ZoneOffset.UTC);
        return new SyslogYear(false, t.getYear(), t.getMonthValue());
    }

    /** The year of a line stamped in {@code month} (1-12). */
    int of(int month) {
        if (given) {
            if (lastMonth != 0 && month < lastMonth - 6) {
                year++;
            }
            lastMonth = month;
            return year;
        }
        return month > refMonth ? year - 1 : year;
    }
}
