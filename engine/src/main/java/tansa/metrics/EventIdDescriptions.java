package tansa.metrics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Short descriptions of about a hundred common Windows event IDs per channel (Security logons
 * and account changes, service installs, log clearing, PowerShell, Sysmon, Task Scheduler, RDP,
 * Defender), from the resource {@code tansa/metrics/event-ids.tsv}. Immutable.
 */
public final class EventIdDescriptions {
    private static final EventIdDescriptions BUILT_IN = load();

    private final Map<String, String> byKey;

    private EventIdDescriptions(Map<String, String> byKey) {
        this.byKey = byKey;
    }

    public static EventIdDescriptions builtIn() {
        return BUILT_IN;
    }

    /** The description of an EventID in a channel; null when it is not a common one. */
    public String describe(String channel, String eventId) {
        return channel == null || eventId == null ? null : byKey.get(channel + '\t' + eventId);
    }

    public int size() {
        return byKey.size();
    }

    private static EventIdDescriptions load() {
        Map<String, String> m = new HashMap<>();
        try (InputStream in = EventIdDescriptions.class.getResourceAsStream("/tansa/metrics/event-ids.tsv")) {
            if (in == null) {
                throw new IllegalStateException("resource tansa/metrics/event-ids.tsv missing from the jar");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] p = line.split("\t", 3);
                m.put(p[0] + '\t' + p[1], p[2]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new EventIdDescriptions(Map.copyOf(m));
    }
}
