package tansa.report.clock;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes each applicable regime's deadlines from a case's {@link BreachFacts}. Days are counted
 * in the regime's own zone: APPI in Japan time with Japan's holidays and year-end closure, SEC in
 * US Eastern time with federal holidays, GDPR in hours. Stateless.
 */
public final class RegulatoryClocks {
    /** Individuals above which an APPI report is due whatever the data (PPC Rules Article 7(iv)). */
    static final long APPI_INDIVIDUALS_THRESHOLD = 1_000;

    private RegulatoryClocks() {
    }

    /** The clocks of every regime in {@code facts.regimes()}, in APPI, GDPR, SEC order. */
    public static List<Clock> compute(BreachFacts facts) {
        List<Clock> out = new ArrayList<>();
        for (Regime r : Regime.values()) {
            if (!facts.regimes().contains(r)) {
                continue;
            }
            switch (r) {
                case APPI:
                    appi(facts, out);
                    break;
                case GDPR:
                    out.add(gdpr(facts));
                    break;
                case SEC:
                    out.add(sec(facts));
                    break;
                default:
                    throw new AssertionError(r);
            }
        }
        return List.copyOf(out);
    }

    private static void appi(BreachFacts f, List<Clock> out) {
        List<Trigger> t = new ArrayList<>();
        if (f.sensitivePersonalData()) {
            t.add(Trigger.SENSITIVE_PERSONAL_DATA);
        }
        if (f.financialLossRisk()) {
            t.add(Trigger.FINANCIAL_LOSS_RISK);
        }
        if (f.wrongfulPurpose() && (f.personalData() || f.individualsAffected() > 0)) {
            t.add(Trigger.WRONGFUL_PURPOSE);
        }
        if (f.individualsAffected() > APPI_INDIVIDUALS_THRESHOLD) {
            t.add(Trigger.OVER_1000_INDIVIDUALS);
        }
        if (t.isEmpty()) {
            out.add(new Clock(Obligation.APPI_PRELIMINARY, Clock.Status.NOT_TRIGGERED, null, false, List.of()));
            out.add(new Clock(Obligation.APPI_FINAL, Clock.Status.NOT_TRIGGERED, null, false, List.of()));
            return;
        }
        if (f.discoveredAt() == null) {
            out.add(new Clock(Obligation.APPI_PRELIMINARY, Clock.Status.AWAITING_DATE, null, true, t));
            out.add(new Clock(Obligation.APPI_FINAL, Clock.Status.AWAITING_DATE, null, false, t));
            return;
        }
        LocalDate day1 = f.discoveredAt().atZone(Regime.APPI.zone()).toLocalDate();
        out.add(new Clock(Obligation.APPI_PRELIMINARY, Clock.Status.RUNNING, endOfDay(day1.plusDays(4), Regime.APPI),
                true, t));
        int days = t.contains(Trigger.WRONGFUL_PURPOSE) ? 60 : 30;
        LocalDate last = JapaneseHolidays.openOnOrAfter(day1.plusDays(days - 1L));
        out.add(new Clock(Obligation.APPI_FINAL, Clock.Status.RUNNING, endOfDay(last, Regime.APPI), false, t));
    }

    private static Clock gdpr(BreachFacts f) {
        if (!f.personalData() && !f.sensitivePersonalData() && f.individualsAffected() <= 0) {
            return new Clock(Obligation.GDPR_ARTICLE_33, Clock.Status.NOT_TRIGGERED, null, false, List.of());
        }
        List<Trigger> t = List.of(Trigger.PERSONAL_DATA_BREACH);
        if (f.discoveredAt() == null) {
            return new Clock(Obligation.GDPR_ARTICLE_33, Clock.Status.AWAITING_DATE, null, false, t);
        }
        ZonedDateTime due = f.discoveredAt().plusSeconds(72L * 3600).atZone(Regime.GDPR.zone());
        return new Clock(Obligation.GDPR_ARTICLE_33, Clock.Status.RUNNING, due, false, t);
    }

    private static Clock sec(BreachFacts f) {
        List<Trigger> t = List.of(Trigger.MATERIALITY_DETERMINED);
        Instant determined = f.materialityDeterminedAt();
        if (determined == null) {
            return new Clock(Obligation.SEC_FORM_8K, Clock.Status.AWAITING_DATE, null, false, List.of());
        }
        LocalDate day0 = determined.atZone(Regime.SEC.zone()).toLocalDate();
        LocalDate last = UsFederalHolidays.businessDaysAfter(day0, 4);
        return new Clock(Obligation.SEC_FORM_8K, Clock.Status.RUNNING,
                ZonedDateTime.of(last, LocalTime.of(17, 30), Regime.SEC.zone()), false, t);
    }

    private static ZonedDateTime endOfDay(LocalDate d, Regime r) {
        return ZonedDateTime.of(d, LocalTime.of(23, 59, 59), r.zone());
    }
}
