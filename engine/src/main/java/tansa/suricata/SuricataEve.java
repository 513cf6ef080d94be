package tansa.suricata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import tansa.event.Event;
import tansa.event.Timestamps;


/**
 * Suricata's EVE JSON log ({@code eve.json}): one object per line, its kind in
 * {@code event_type} ({@code alert}, {@code flow}, {@code dns}, {@code http}, {@code tls},
 * {@code fileinfo}, {@code anomaly}, and every other kind Suricata writes, kept the same way),
 * the protocol's fields under an object of that name. Recognised by {@code event_type} with a
 * {@code timestamp} in Suricata's form ({@code 2024-03-01T10:00:00.123456+0000}). The record is
 * kept exactly as Suricata wrote it (its field names, JSON types and nesting); the event's time is
 * {@code timestamp} in UTC, its computer the sensor's {@code host} when Suricata writes one
 * ({@code sensor-name}).
 */
public final class SuricataEve {
    private SuricataEve() {
    }

    /** Whether a JSON object is an EVE record. */
    public static boolean recognises(ObjectNode obj) {
        JsonNode type = obj.get("event_type");
        JsonNode ts = obj.get("timestamp");
        return type != null && type.isTextual() && ts != null && ts.isTextual() && looksLikeTime(ts.textValue());
    }

    /** The event of an EVE record; {@code line} (where the record starts) is its record number. */
    public static Event toEvent(ObjectNode obj, String source, long line) {
        return new Event(obj, source, line, Timestamps.parseOffsetTime(obj.get("timestamp").textValue())).hostField("host").knownProduct();
    }

    private static boolean looksLikeTime(String s) {
        return s.length() >= 19 && s.charAt(4) == '-' && s.charAt(7) == '-' && s.charAt(10) == 'T'
                && s.charAt(13) == ':' && s.charAt(16) == ':';
    }
}
