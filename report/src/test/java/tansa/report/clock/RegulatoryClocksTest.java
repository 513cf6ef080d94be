package tansa.report.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RegulatoryClocksTest {
    private static BreachFacts facts(Set<Regime> regimes, String discovered, String material, boolean personal,
                                     boolean sensitive, boolean money, boolean wrongful, long individuals) {
        return new BreachFacts(regimes, discovered == null ? null : Instant.parse(discovered),
                material == null ? null : Instant.parse(material), personal, sensitive, money, wrongful, individuals);
    }

    private static Clock only(List<Clock> clocks, Obligation o) {
        return clocks.stream().filter(c -> c.obligation() == o).findFirst().orElseThrow();
    }

    @Test
    void appiFinalReportOfAnAttackIsDueOnDaySixtyCountingTheDayOfAwareness() {
        // Aware 2024-11-29 10:00 JST (01:00 UTC); day 60 is Monday 2025-01-27.
        List<Clock> c = RegulatoryClocks.compute(facts(EnumSet.of(Regime.APPI), "2024-11-29T01:00:00Z", null,
                true, false, false, true, 12));
        Clock fin = only(c, Obligation.APPI_FINAL);
        assertEquals(Clock.Status.RUNNING, fin.status());
        assertEquals(ZonedDateTime.parse("2025-01-27T23:59:59+09:00[Asia/Tokyo]"), fin.due());
        assertEquals(List.of(Trigger.WRONGFUL_PURPOSE), fin.triggers());
        Clock pre = only(c, Obligation.APPI_PRELIMINARY);
        assertEquals(ZonedDateTime.parse("2024-12-03T23:59:59+09:00[Asia/Tokyo]"), pre.due());
        assertEquals(true, pre.indicative());
    }

    @Test
    void appiDaysAreJapanDaysAndALastDayInTheYearEndClosureMovesToTheNextOpenDay() {
        // 2024-12-04 16:00 UTC is already December 5 in Tokyo: day 30 is Friday 2025-01-03 (closure),
        // then a weekend, so the report is due Monday 2025-01-06.
        List<Clock> c = RegulatoryClocks.compute(facts(EnumSet.of(Regime.APPI), "2024-12-04T16:00:00Z", null,
                true, true, false, false, 40));
        Clock fin = only(c, Obligation.APPI_FINAL);
        assertEquals(ZonedDateTime.parse("2025-01-06T23:59:59+09:00[Asia/Tokyo]"), fin.due());
        assertEquals(List.of(Trigger.SENSITIVE_PERSONAL_DATA), fin.triggers());
    }

    @Test
    void appiCountsMoreThanAThousandIndividualsNotExactlyAThousand() {
        BreachFacts atThreshold = facts(EnumSet.of(Regime.APPI), "2025-03-03T00:00:00Z", null, true, false, false,
                false, 1_000);
        assertEquals(Clock.Status.NOT_TRIGGERED, only(RegulatoryClocks.compute(atThreshold),
                Obligation.APPI_FINAL).status());
        BreachFacts over = facts(EnumSet.of(Regime.APPI), "2025-03-03T00:00:00Z", null, true, false, false, false,
                1_001);
        Clock fin = only(RegulatoryClocks.compute(over), Obligation.APPI_FINAL);
        assertEquals(List.of(Trigger.OVER_1000_INDIVIDUALS), fin.triggers());
        // Day 30 from Monday 2025-03-03 is Tuesday 2025-04-01.
        assertEquals(ZonedDateTime.parse("2025-04-01T23:59:59+09:00[Asia/Tokyo]"), fin.due());
    }

    @Test
    void gdprGivesSeventyTwoHoursFromAwarenessWhateverTheCalendar() {
        Clock g = only(RegulatoryClocks.compute(facts(EnumSet.of(Regime.GDPR), "2024-12-24T18:30:00Z", null, true,
                false, false, false, -1)), Obligation.GDPR_ARTICLE_33);
        assertEquals(Instant.parse("2024-12-27T18:30:00Z"), g.due().toInstant());
        assertEquals(Duration.ofHours(24), g.timeLeft(Instant.parse("2024-12-26T18:30:00Z")));
        assertEquals(Duration.ofHours(-1), g.timeLeft(Instant.parse("2024-12-27T19:30:00Z")));
    }

    @Test
    void secCountsFourBusinessDaysInEasternTimeSkippingFederalHolidays() {
        // Determined Wednesday 2024-11-27 15:00 EST: Thanksgiving is skipped -> Wednesday 2024-12-04.
        Clock s = only(RegulatoryClocks.compute(facts(EnumSet.of(Regime.SEC), "2024-11-20T00:00:00Z",
                "2024-11-27T20:00:00Z", false, false, false, true, 0)), Obligation.SEC_FORM_8K);
        assertEquals(ZonedDateTime.parse("2024-12-04T17:30-05:00[America/New_York]"), s.due());
        // 2024-07-03 03:00 UTC is still July 2 in New York; July 4 is skipped -> Tuesday 2024-07-09.
        Clock july = only(RegulatoryClocks.compute(facts(EnumSet.of(Regime.SEC), null, "2024-07-03T03:00:00Z",
                false, false, false, true, 0)), Obligation.SEC_FORM_8K);
        assertEquals(Instant.parse("2024-07-09T21:30:00Z"), july.due().toInstant());
    }

    @Test
    void clocksWaitForTheDatesTheyCountFromAndSayWhenNothingTriggersThem() {
        List<Clock> c = RegulatoryClocks.compute(facts(EnumSet.allOf(Regime.class), null, null, true, false, false,
                true, 5));
        assertEquals(Clock.Status.AWAITING_DATE, only(c, Obligation.APPI_FINAL).status());
        assertEquals(Clock.Status.AWAITING_DATE, only(c, Obligation.GDPR_ARTICLE_33).status());
        assertEquals(Clock.Status.AWAITING_DATE, only(c, Obligation.SEC_FORM_8K).status());
        assertNull(only(c, Obligation.SEC_FORM_8K).timeLeft(Instant.EPOCH));
        List<Clock> none = RegulatoryClocks.compute(facts(EnumSet.of(Regime.APPI, Regime.GDPR),
                "2025-01-10T00:00:00Z", null, false, false, false, true, 0));
        for (Clock k : none) {
            assertEquals(Clock.Status.NOT_TRIGGERED, k.status(), k.obligation().name());
        }
    }
}
