package tansa.report.clock;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;

/**
 * Japan's public holidays under the Act on National Holidays (国民の祝日に関する法律): the named
 * holidays of Article 2 with the 2019 enthronement days and the Olympic moves of 2020 and 2021, the
 * substitute holiday of Article 3(2) (振替休日) and the citizens' holiday of Article 3(3) (国民の休日),
 * and the government's year-end closure (December 29 to January 3, 行政機関の休日に関する法律
 * Article 1) that the PPC counts as non-working days.
 *
 * <p>The equinox days use the usual astronomical approximation, exact for 1980 to 2099; outside
 * those years {@link #isHoliday} refuses rather than guess. Stateless and thread-safe.
 */
public final class JapaneseHolidays {
    static final int FIRST_YEAR = 1980;
    static final int LAST_YEAR = 2099;

    private JapaneseHolidays() {
    }

    /** A national holiday, substitute holiday or citizens' holiday (not a plain Sunday). */
    public static boolean isHoliday(LocalDate d) {
        check(d.getYear());
        return named(d) || substitute(d) || citizens(d);
    }

    /**
     * A day the administrative organs are closed: Saturday, Sunday, a holiday, or December 29 to
     * January 3.
     */
    public static boolean isGovernmentClosed(LocalDate d) {
        DayOfWeek w = d.getDayOfWeek();
        if (w == DayOfWeek.SATURDAY || w == DayOfWeek.SUNDAY) {
            return true;
        }
        int m = d.getMonthValue();
        int day = d.getDayOfMonth();
        if ((m == 12 && day >= 29) || (m == 1 && day <= 3)) {
            return true;
        }
        return isHoliday(d);
    }

    /** The first day on or after {@code d} the government is open. */
    public static LocalDate openOnOrAfter(LocalDate d) {
        LocalDate x = d;
        while (isGovernmentClosed(x)) {
            x = x.plusDays(1);
        }
        return x;
    }

    private static void check(int year) {
        if (year < FIRST_YEAR || year > LAST_YEAR) {
            throw new IllegalArgumentException("Japanese holidays are known for " + FIRST_YEAR + " to " + LAST_YEAR
                    + ", not " + year);
        }
    }

    /** Article 3(2): the nearest non-holiday after a run of holidays that includes a Sunday. */
    private static boolean substitute(LocalDate d) {
        if (named(d)) {
            return false;
        }
        for (LocalDate p = d.minusDays(1); named(p); p = p.minusDays(1)) {
            if (p.getDayOfWeek() == DayOfWeek.SUNDAY) {
                return true;
            }
        }
        return false;
    }

    /** Article 3(3): a day whose eve and morrow are both national holidays. */
    private static boolean citizens(LocalDate d) {
        return !named(d) && named(d.minusDays(1)) && named(d.plusDays(1));
    }

    /** Article 2's named holidays of the year, as moved by special acts. */
    static boolean named(LocalDate d) {
        int y = d.getYear();
        int day = d.getDayOfMonth();
        switch (d.getMonth()) {
            case JANUARY:
                return day == 1 || d.equals(y >= 2000 ? nthMonday(y, Month.JANUARY, 2) : LocalDate.of(y, 1, 15));
            case FEBRUARY:
                return day == 11 || (y >= 2020 && day == 23);
            case MARCH:
                return day == vernalEquinox(y);
            case APRIL:
                return day == 29;
            case MAY:
                return day == 3 || day == 4 || day == 5 || (y == 2019 && day == 1);
            case JULY:
                return d.equals(marineDay(y)) || d.equals(sportsDayIfInJuly(y));
            case AUGUST:
                return d.equals(mountainDay(y));
            case SEPTEMBER:
                return day == autumnalEquinox(y)
                        || d.equals(y >= 2003 ? nthMonday(y, Month.SEPTEMBER, 3) : LocalDate.of(y, 9, 15));
            case OCTOBER:
                return d.equals(sportsDayInOctober(y)) || (y == 2019 && day == 22);
            case NOVEMBER:
                return day == 3 || day == 23;
            case DECEMBER:
                return y >= 1989 && y <= 2018 && day == 23;
            default:
                return false;
        }
    }

    private static LocalDate marineDay(int y) {
        if (y == 2020) {
            return LocalDate.of(2020, 7, 23);
        }
        if (y == 2021) {
            return LocalDate.of(2021, 7, 22);
        }
        if (y >= 2003) {
            return nthMonday(y, Month.JULY, 3);
        }
        return y >= 1996 ? LocalDate.of(y, 7, 20) : null;
    }

    private static LocalDate sportsDayIfInJuly(int y) {
        if (y == 2020) {
            return LocalDate.of(2020, 7, 24);
        }
        return y == 2021 ? LocalDate.of(2021, 7, 23) : null;
    }

    private static LocalDate sportsDayInOctober(int y) {
        if (y == 2020 || y == 2021) {
            return null;
        }
        return y >= 2000 ? nthMonday(y, Month.OCTOBER, 2) : LocalDate.of(y, 10, 10);
    }

    private static LocalDate mountainDay(int y) {
        if (y == 2020) {
            return LocalDate.of(2020, 8, 10);
        }
        if (y == 2021) {
            return LocalDate.of(2021, 8, 8);
        }
        return y >= 2016 ? LocalDate.of(y, 8, 11) : null;
    }

    static int vernalEquinox(int y) {
        return (int) Math.floor(20.8431 + 0.242194 * (y - 1980) - Math.floor((y - 1980) / 4.0));
    }

    static int autumnalEquinox(int y) {
        return (int) Math.floor(23.2488 + 0.242194 * (y - 1980) - Math.floor((y - 1980) / 4.0));
    }

    private static LocalDate nthMonday(int y, Month m, int n) {
        return LocalDate.of(y, m, 1).with(TemporalAdjusters.dayOfWeekInMonth(n, DayOfWeek.MONDAY));
    }
}
