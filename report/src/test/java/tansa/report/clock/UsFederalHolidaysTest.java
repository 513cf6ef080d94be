package tansa.report.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsFederalHolidaysTest {
    @Test
    void observedHolidaysOf2022IncludeJuneteenthOnMondayAndNewYearOnTheFridayBefore() {
        List<LocalDate> got = new ArrayList<>();
        for (LocalDate d = LocalDate.of(2022, 1, 1); d.getYear() == 2022; d = d.plusDays(1)) {
            if (UsFederalHolidays.isHoliday(d)) {
                got.add(d);
            }
        }
        assertEquals(List.of(LocalDate.of(2022, 1, 17), LocalDate.of(2022, 2, 21), LocalDate.of(2022, 5, 30),
                LocalDate.of(2022, 6, 20), LocalDate.of(2022, 7, 4), LocalDate.of(2022, 9, 5),
                LocalDate.of(2022, 10, 10), LocalDate.of(2022, 11, 11), LocalDate.of(2022, 11, 24),
                LocalDate.of(2022, 12, 26)), got);
        assertTrue(UsFederalHolidays.isHoliday(LocalDate.of(2021, 12, 31)), "New Year 2022 was a Saturday");
    }

    @Test
    void businessDaysSkipWeekendsAndThanksgiving() {
        assertEquals(LocalDate.of(2024, 12, 4), UsFederalHolidays.businessDaysAfter(LocalDate.of(2024, 11, 27), 4));
        assertEquals(LocalDate.of(2024, 12, 12), UsFederalHolidays.businessDaysAfter(LocalDate.of(2024, 12, 7), 4));
        assertFalse(UsFederalHolidays.isBusinessDay(LocalDate.of(2024, 11, 28)));
        assertFalse(UsFederalHolidays.isHoliday(LocalDate.of(2020, 6, 19)), "Juneteenth counts from 2021");
    }
}
