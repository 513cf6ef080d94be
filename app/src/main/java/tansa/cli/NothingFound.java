package tansa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import tansa.event.Event;
import tansa.sigma.Coverage;
import tansa.sigma.Level;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Why a hunt found nothing, in one line: no events (or none in the time window), no event under
 * any rule's log source, or events under the rules' log sources that no rule matched; with the
 * channels seen, the five most frequent with their counts. {@link #prepared} runs on the decode
 * threads, {@link #accepted} on the delivering thread.
 */
final class NothingFound {
    /** The attachment of an event outside {@code --from}/{@code --to}: not hunted, not counted. */
    static final Object OUTSIDE = new Object();
    private static final int TOP = 5;

    private final Coverage coverage;
    private volatile boolean covered;
    private final Map<String, long[]> channels = new HashMap<>();
    private long events;

    NothingFound(Coverage coverage) {
        this.coverage = coverage;
    }

    /** Thread-safe; asks the gate only until one event passes it. */
    void prepared(Event e) {
        if (!covered && coverage.covers(e.fields())) {
            covered = true;
        }
    }

    /** In delivery order, one thread. */
    void accepted(Event e) {
        events++;
        JsonNode ch = e.fields().get("Channel");
        String key = ch == null || ch.isNull() ? "(no channel)" : ch.isTextual() ? ch.textValue() : ch.asText();
        long[] c = channels.get(key);
        if (c == null) {
            c = new long[1];
            channels.put(key, c);
        }
        c[0]++;
    }

    String because(Level minLevel, boolean window, int rules) {
        if (rules == 0) {
            return "no rule to run: every rule failed to load or was left out by --min-level " + minLevel.label()
                    + " and the --include/--exclude options";
        }
        if (events == 0) {
            return window ? "no event in the --from/--to window (events without a time are outside any window)"
                    : "no events were read";
        }
        String seen = "; channels seen: " + topChannels();
        if (!covered) {
            return "no event matched any rule's log source (" + events + " events)" + seen;
        }
        return events + " events read, some under the rules' log sources, but none matched a rule"
                + (minLevel == Level.INFORMATIONAL ? "" : " of level " + minLevel.label() + " or above") + seen;
    }

    private String topChannels() {
        List<Map.Entry<String, long[]>> l = new ArrayList<>(channels.entrySet());
        l.sort((a, b) -> a.getValue()[0] != b.getValue()[0] ? Long.compare(b.getValue()[0], a.getValue()[0])
                : a.getKey().compareTo(b.getKey()));
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(TOP, l.size()); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(TerminalText.escape(l.get(i).getKey(), 80)).append(" (").append(l.get(i).getValue()[0]).append(')');
        }
        if (l.size() > TOP) {
            sb.append(String.format(Locale.ROOT, " and %d more", l.size() - TOP));
        }
        return sb.toString();
    }
}
