package tansa.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The console's JSON mapper (thread-safe once configured) and small helpers. */
final class Json {
    /** Instants as ISO-8601 text (Instant.toString: UTC, 'Z'). */
    static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new com.fasterxml.jackson.databind.module.SimpleModule()
            .addSerializer(java.time.Instant.class, com.fasterxml.jackson.databind.ser.std.ToStringSerializer.instance));

    private Json() {
    }

    static String object(String key, String value) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put(key, value);
        return o.toString();
    }
}
