package tansa.report.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JapaneseHolidaysTest {
    private static List<LocalDate> holidaysOf(int year) {
        List<LocalDate> out = new ArrayList<>();
        for (LocalDate d = LocalDate.of(year, 1, 1); d.getYear() == year; d = d.plusDays(1)) {
            if (JapaneseHolidays.isHoliday(d)) {
                out.add(d);
            }
        }
        return out;
    }

    private static List<LocalDate> dates(int year, String... monthDays) {
        List<LocalDate> out = new ArrayList<>();
        for (String md : monthDays) {
            String[] p = md.split("/");
            out.add(LocalDate.of(year, Integer.parseInt(p[0]), Integer.parseInt(p[1])));
        }
        return out;
    }

    @Test
    void holidaysOf2024AsTheCabinetOfficePublishedThemWithTheirSubstituteDays() {
        assertEquals(dates(2024, "1/1", "1/8", "2/11", "2/12", "2/23", "3/20", "4/29", "5/3", "5/4", "5/5", "5/6",
                "7/15", "8/11", "8/12", "9/16", "9/22", "9/23", "10/14", "11/3", "11/4", "11/23"), holidaysOf(2024));
    }

    @Test
    void theDayBetweenRespectForTheAgedAndTheEquinoxIn2026IsACitizensHoliday() {
        assertEquals(dates(2026, "1/1", "1/12", "2/11", "2/23", "3/20", "4/29", "5/3", "5/4", "5/5", "5/6",
                "7/20", "8/11", "9/21", "9/22", "9/23", "10/12", "11/3", "11/23"), holidaysOf(2026));
    }

    @Test
    void enthronementYearAndOlympicMovesAreFollowed() {
        assertTrue(JapaneseHolidays.isHoliday(LocalDate.of(2019, 4, 30)));
        assertTrue(JapaneseHolidays.isHoliday(LocalDate.of(2019, 5, 1)));
        assertTrue(JapaneseHolidays.isHoliday(LocalDate.of(2019, 5, 2)));
        assertTrue(JapaneseHolidays.isHoliday(LocalDate.of(2019, 10, 22)));
        assertFalse(JapaneseHolidays.isHoliday(LocalDate.of(2019, 2, 23)), "no Emperor's Birthday in 2019");
        assertTrue(JapaneseHolidays.isHoliday(LocalDate.of(2020, 7, 24)));
        assertFalse(JapaneseHolidays.isHoliday(LocalDate.of(2020, 10, 12)));
        assertTrue(JapaneseHolidays.isHoliday(LocalDate.of(2021, 8, 9)), "Mountain Day 2021 fell on Sunday Aug 8");
    }

    @Test
    void governmentIsClosedOnWeekendsHolidaysAndTheYearEnd() {
        assertTrue(JapaneseHolidays.isGovernmentClosed(LocalDate.of(2025, 12, 29)));
        assertTrue(JapaneseHolidays.isGovernmentClosed(LocalDate.of(2026, 1, 2)));
        assertFalse(JapaneseHolidays.isGovernmentClosed(LocalDate.of(2025, 12, 26)));
        assertEquals(LocalDate.of(2026, 1, 5), JapaneseHolidays.openOnOrAfter(LocalDate.of(2025, 12, 27)));
    }

    @Test
    void refusesYearsTheEquinoxFormulaDoesNotCover() {
        assertThrows(IllegalArgumentException.class, () -> JapaneseHolidays.isHoliday(LocalDate.of(2100, 3, 20)));
    }
}
