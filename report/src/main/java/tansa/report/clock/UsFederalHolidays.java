package tansa.report.clock;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;

/**
 * United States federal holidays (5 U.S.C. 6103(a)) as observed by federal offices: a holiday on a
 * Saturday is observed the Friday before, on a Sunday the Monday after (Executive Order 11582).
 * Juneteenth counts from 2021. These are the days that are not "business days" for the SEC
 * (17 CFR 230.405, 240.0-3: any day but Saturday, Sunday or a federal holiday). Stateless.
 */
public final class UsFederalHolidays {
    private UsFederalHolidays() {
    }

    /** An observed federal holiday. */
    public static boolean isHoliday(LocalDate d) {
        int y = d.getYear();
        // Fixed-date holidays of this year and New Year's Day of the next (observed on Dec 31).
        for (LocalDate fixed : new LocalDate[] {LocalDate.of(y, 1, 1), LocalDate.of(y, 6, 19), LocalDate.of(y, 7, 4),
                LocalDate.of(y, 11, 11), LocalDate.of(y, 12, 25), LocalDate.of(y + 1, 1, 1)}) {
            if (fixed.getMonthValue() == 6 && fixed.getYear() < 2021) {
                continue;
            }
            if (d.equals(observed(fixed))) {
                return true;
            }
        }
        return d.equals(nth(y, Month.JANUARY, 3, DayOfWeek.MONDAY)) // Martin Luther King Jr.
                || d.equals(nth(y, Month.FEBRUARY, 3, DayOfWeek.MONDAY)) // Washington's Birthday
                || d.equals(LocalDate.of(y, 5, 1).with(TemporalAdjusters.lastInMonth(DayOfWeek.MONDAY))) // Memorial
                || d.equals(nth(y, Month.SEPTEMBER, 1, DayOfWeek.MONDAY)) // Labor Day
                || d.equals(nth(y, Month.OCTOBER, 2, DayOfWeek.MONDAY)) // Columbus Day
                || d.equals(nth(y, Month.NOVEMBER, 4, DayOfWeek.THURSDAY)); // Thanksgiving
    }

    /** Not a Saturday, Sunday or observed federal holiday. */
    public static boolean isBusinessDay(LocalDate d) {
        DayOfWeek w = d.getDayOfWeek();
        return w != DayOfWeek.SATURDAY && w != DayOfWeek.SUNDAY && !isHoliday(d);
    }

    /** The {@code n}th business day after {@code d} ({@code d} itself is day 0 whatever it is). */
    public static LocalDate businessDaysAfter(LocalDate d, int n) {
        LocalDate x = d;
        for (int left = n; left > 0; ) {
            x = x.plusDays(1);
            if (isBusinessDay(x)) {
                left--;
            }
        }
        return x;
    }

    private static LocalDate observed(LocalDate fixed) {
        switch (fixed.getDayOfWeek()) {
            case SATURDAY:
                return fixed.minusDays(1);
            case SUNDAY:
                return fixed.plusDays(1);
            default:
                return fixed;
        }
    }

    private static LocalDate nth(int y, Month m, int n, DayOfWeek w) {
        return LocalDate.of(y, m, 1).with(TemporalAdjusters.dayOfWeekInMonth(n, w));
    }
}
