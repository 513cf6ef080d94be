package tansa.report.clock;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * The facts of a case that the regulatory clocks depend on; case settings an analyst edits.
 *
 * @param regimes the regimes the organisation answers to
 * @param discoveredAt when the organisation became aware of the breach; null when not yet recorded
 * @param materialityDeterminedAt when the incident was determined material (SEC); null when not
 * @param personalData personal data was on the affected systems
 * @param sensitivePersonalData special care-required (要配慮) personal data was among it
 * @param financialLossRisk data whose misuse may cause financial loss (cards, banking logins)
 * @param wrongfulPurpose the breach may have been done for a wrongful purpose (an attack)
 * @param individualsAffected distinct individuals whose data may have leaked; -1 when unknown
 */
public record BreachFacts(Set<Regime> regimes, Instant discoveredAt, Instant materialityDeterminedAt,
                          boolean personalData, boolean sensitivePersonalData, boolean financialLossRisk,
                          boolean wrongfulPurpose, long individualsAffected) {
    public BreachFacts {
        regimes = regimes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(regimes));
    }
}
