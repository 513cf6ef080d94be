package tansa.report.clock;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * One regulatory deadline of a case.
 *
 * @param obligation the report that is due
 * @param status whether the clock runs
 * @param due the deadline in the regime's zone; null unless {@link Status#RUNNING}
 * @param indicative the deadline is the regulator's guidance for "promptly", not a fixed term
 * @param triggers the facts that started the clock (empty unless running)
 */
public record Clock(Obligation obligation, Status status, ZonedDateTime due, boolean indicative,
                    List<Trigger> triggers) {
    public enum Status {
        /** Triggered, with a deadline. */
        RUNNING,
        /** The regime applies but none of the case's facts triggers this report. */
        NOT_TRIGGERED,
        /** Triggered, but a date it counts from is not recorded yet (discovery, materiality). */
        AWAITING_DATE
    }

    public Clock {
        triggers = List.copyOf(triggers);
    }

    /** Time from {@code now} to the deadline, negative once it has passed; null unless running. */
    public Duration timeLeft(Instant now) {
        return due == null ? null : Duration.between(now, due.toInstant());
    }
}
