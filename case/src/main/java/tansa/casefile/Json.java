package tansa.casefile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** JSON text for the store: quoting, and the canonical form (keys sorted, no spaces) the audit log hashes. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private Json() {
    }

    static String quote(String s) {
        return s == null ? "null" : MAPPER.getNodeFactory().textNode(s).toString();
    }

    /** {@code json} with object keys sorted at every level and no insignificant white space; null stays null. */
    static String canonical(String json) {
        if (json == null) {
            return null;
        }
        try {
            return sorted(MAPPER.readTree(json)).toString();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    static JsonNode sorted(JsonNode n) {
        if (n.isObject()) {
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            Collections.sort(names);
            ObjectNode o = MAPPER.createObjectNode();
            for (String name : names) {
                o.set(name, sorted(n.get(name)));
            }
            return o;
        }
        if (n.isArray()) {
            var a = MAPPER.createArrayNode();
            for (JsonNode e : n) {
                a.add(sorted(e));
            }
            return a;
        }
        return n;
    }

    static String object(Map<String, ?> fields) {
        return MAPPER.valueToTree(fields).toString();
    }
}
