package tansa.reader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Converts a Winlogbeat / Elastic ECS Windows event ({@code winlog.*}, {@code @timestamp}) into
 * the reference shape, so that dump output and Sigma field names are the same whatever tool
 * collected the logs.
 */
final class Winlogbeat {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Winlogbeat() {
    }

    static ObjectNode toReference(ObjectNode ecs) {
        JsonNode w = ecs.get("winlog");
        ObjectNode root = F.objectNode();
        ObjectNode event = root.putObject("Event");
        event.putObject("#attributes").put("xmlns", "http://schemas.microsoft.com/win/2004/08/events/event");
        ObjectNode system = event.putObject("System");
        ObjectNode provider = F.objectNode();
        copyText(w, "provider_name", provider, "Name");
        copyText(w, "provider_guid", provider, "Guid");
        if (!provider.isEmpty()) {
            system.putObject("Provider").set("#attributes", provider);
        }
        system.set("EventID", number(w.has("event_id") ? w.get("event_id") : ecs.path("event").get("code")));
        copy(w, "version", system, "Version");
        JsonNode level = ecs.path("log").get("level");
        if (w.has("level")) {
            copy(w, "level", system, "Level");
        } else if (level != null) {
            system.set("Level", level);
        }
        copy(w, "task", system, "Task");
        copy(w, "opcode", system, "Opcode");
        JsonNode keywords = w.get("keywords");
        if (keywords != null) {
            system.set("Keywords", keywords);
        }
        String ts = ecs.path("@timestamp").asText(null);
        if (ts != null) {
            system.putObject("TimeCreated").putObject("#attributes").put("SystemTime", ts);
        }
        system.set("EventRecordID", number(w.get("record_id")));
        JsonNode activity = w.get("activity_id");
        if (activity != null) {
            system.putObject("Correlation").putObject("#attributes").set("ActivityID", activity);
        } else {
            system.putNull("Correlation");
        }
        JsonNode process = w.get("process");
        if (process != null && process.isObject()) {
            ObjectNode exec = system.putObject("Execution").putObject("#attributes");
            if (process.has("pid")) {
                exec.set("ProcessID", process.get("pid"));
            }
            JsonNode thread = process.path("thread").get("id");
            if (thread != null) {
                exec.set("ThreadID", thread);
            }
        }
        copy(w, "channel", system, "Channel");
        copy(w, "computer_name", system, "Computer");
        if (!system.has("Computer")) {
            // Elastic Agent and Winlogbeat 8 always write host.name; winlog.computer_name may be dropped by processors.
            JsonNode host = ecs.path("host").get("name");
            if (host == null) {
                host = ecs.path("host").get("hostname");
            }
            if (host != null && host.isValueNode()) {
                system.set("Computer", host);
            }
        }
        JsonNode user = w.path("user").get("identifier");
        if (user != null) {
            system.putObject("Security").putObject("#attributes").set("UserID", user);
        }
        JsonNode data = w.get("event_data");
        if (data != null && data.isObject()) {
            event.set("EventData", data);
        }
        JsonNode userData = w.get("user_data");
        if (userData != null && userData.isObject()) {
            event.set("UserData", userData);
        }
        return root;
    }

    /** Winlogbeat 7 writes event_id as a string; the reference shape has a number. */
    private static JsonNode number(JsonNode v) {
        if (v == null) {
            return F.nullNode();
        }
        if (v.isTextual()) {
            String s = v.textValue();
            if (!s.isEmpty() && s.length() < 19 && s.chars().allMatch(Character::isDigit)) {
                return F.numberNode(Long.parseLong(s));
            }
        }
        return v;
    }

    private static void copy(JsonNode from, String key, ObjectNode to, String as) {
        JsonNode v = from.get(key);
        if (v != null) {
            to.set(as, v);
        }
    }

    private static void copyText(JsonNode from, String key, ObjectNode to, String as) {
        JsonNode v = from.get(key);
        if (v != null && !v.isNull()) {
            to.set(as, v);
        }
    }
}
