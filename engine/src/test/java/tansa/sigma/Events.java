package tansa.sigma;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import tansa.event.Event;

import java.time.Instant;
import java.util.Map;

/** Builds events for tests: Windows-shaped (System + EventData) or flat JSON logs. */
final class Events {
    private static final ObjectMapper M = new ObjectMapper();
    private static long record = 1;

    private Events() {
    }

    static Event win(String channel, int eventId, String time, Map<String, ?> data) {
        ObjectNode root = M.createObjectNode();
        ObjectNode ev = root.putObject("Event");
        ObjectNode sys = ev.putObject("System");
        sys.putObject("Provider").putObject("#attributes").put("Name", "Test-Provider");
        sys.put("EventID", eventId);
        sys.putObject("TimeCreated").putObject("#attributes").put("SystemTime", time);
        sys.put("EventRecordID", record++);
        sys.put("Channel", channel);
        sys.put("Computer", "host1");
        ev.set("EventData", M.valueToTree(data));
        return Event.of(root, "test.evtx");
    }

    static Event flat(String time, Map<String, ?> data) {
        ObjectNode root = M.valueToTree(data);
        return new Event(root, "test.json", record++, Instant.parse(time));
    }
}
