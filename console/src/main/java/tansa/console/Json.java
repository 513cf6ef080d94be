package tansa.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The console's JSON mapper (thread-safe once configured) and small helpers. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static String object(String key, String value) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put(key, value);
        return o.toString();
    }
}
