package tansa.event;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** ISO-8601 UTC timestamps as tansa reads and prints them. */
public final class Timestamps {
    private Timestamps() {
    }

    /** Parses an ISO-8601 instant ({@code 2025-11-27T07:40:10.165324Z}); null when absent or malformed. */
    public static Instant parseOrNull(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
