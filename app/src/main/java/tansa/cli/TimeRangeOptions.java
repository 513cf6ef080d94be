package tansa.cli;

import picocli.CommandLine;
import picocli.CommandLine.Option;
import tansa.event.Event;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * {@code --from} / {@code --to}: the events of a time window, for every command that reads
 * events. Inclusive from, exclusive to, so that consecutive windows ({@code --from 2020-10-19
 * --to 2020-10-20}, then {@code --from 2020-10-20}) never count an event twice. Events without
 * a time are outside any window.
 */
final class TimeRangeOptions {
    @Option(names = "--from", paramLabel = "TIME",
            description = "Only events at or after TIME: an ISO-8601 date (2020-10-19) or date-time (2020-10-19T03:30, "
                    + "2020-10-19 03:30:41, 2020-10-19T12:30+09:00); UTC unless a zone is given.")
    String from;

    @Option(names = "--to", paramLabel = "TIME",
            description = "Only events before TIME (exclusive; same forms as --from).")
    String to;

    private Instant fromInstant;
    private Instant toInstant;

    /** Parses the options; a malformed time is a usage error naming the option. */
    TimeRangeOptions resolve(CommandLine cl) {
        fromInstant = from == null ? null : parse(cl, "--from", from);
        toInstant = to == null ? null : parse(cl, "--to", to);
        if (fromInstant != null && toInstant != null && !fromInstant.isBefore(toInstant)) {
            throw new CommandLine.ParameterException(cl, "--from (" + fromInstant + ") must be before --to (" + toInstant + ")");
        }
        return this;
    }

    /** Whether any bound was given. */
    boolean active() {
        return fromInstant != null || toInstant != null;
    }

    /** Whether the event is in the window (always, when no bound was given). */
    boolean accepts(Event e) {
        if (fromInstant == null && toInstant == null) {
            return true;
        }
        return accepts(e.timestamp());
    }

    /** Whether a time is in the window (a null time is not, once a bound was given). */
    boolean accepts(Instant t) {
        if (fromInstant == null && toInstant == null) {
            return true;
        }
        return t != null && (fromInstant == null || !t.isBefore(fromInstant)) && (toInstant == null || t.isBefore(toInstant));
    }

    static Instant parse(CommandLine cl, String option, String text) {
        String s = text.trim();
        if (s.length() > 10 && s.charAt(10) == ' ') {
            s = s.substring(0, 10) + 'T' + s.substring(11);
        }
        try {
            if (s.length() == 10) {
                return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e) {
                return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
            }
        } catch (DateTimeParseException e) {
            throw new CommandLine.ParameterException(cl, option + " must be an ISO-8601 date or date-time "
                    + "(2020-10-19, 2020-10-19T03:30:41, 2020-10-19T03:30:41Z), not '" + text + "'");
        }
    }
}
