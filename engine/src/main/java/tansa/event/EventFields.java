package tansa.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The flat name to value index of one event, under the field names Sigma uses for Windows logs.
 *
 * <p>System children appear under their element name ({@code EventID}, {@code Channel},
 * {@code Computer}, {@code Level}, ...); an attribute of a System child appears as
 * {@code Element_Attribute} ({@code Provider_Name}, {@code Security_UserID},
 * {@code Execution_ProcessID}, {@code TimeCreated_SystemTime}); attribute-only elements also
 * publish their attributes under the bare attribute name when no other field has it
 * ({@code Guid}, {@code ProcessID}, {@code UserID}...). Every EventData and UserData leaf appears under
 * its own name; a name seen twice keeps the first value. Values keep their JSON type: numbers
 * stay numbers, so {@code EventID: 4688} matches both {@code 4688} and {@code '4688'}.
 */
public final class EventFields {
    private final Map<String, JsonNode> values;
    /** Lower-cased texts computed for case-insensitive matching; created on first use (issue 3). */
    private Cache lowered;
    private Cache windash;
    private java.util.Collection<JsonNode> valuesView;
    /** Set for records of a reader that knows their product (Zeek, Suricata, syslog); see {@link #knownProduct()}. */
    private boolean knownProduct;

    /** How many values come first before the aliases (a System attribute again under its bare name). */
    private final int distinct;

    private EventFields(Map<String, JsonNode> values) {
        this(values, values.size());
    }

    private EventFields(Map<String, JsonNode> values, int distinct) {
        this.values = values;
        this.distinct = distinct;
    }

    static EventFields index(ObjectNode tree) {
        return index(tree, null, false);
    }

    /**
     * {@code hostField}, for a record without the Windows shape, names the field that holds the
     * logging host: its value is also published as {@code Computer} (after the distinct values,
     * so a keyword search does not see it twice).
     */
    static EventFields index(ObjectNode tree, String hostField, boolean known) {
        Map<String, JsonNode> out = new LinkedHashMap<>(64);
        JsonNode event = tree.get("Event");
        if (event == null || !event.isObject()) {
            // Not the Windows shape (e.g. a JSON log line): publish its leaves by path and by name.
            flatten("", tree, out);
            int distinct = out.size();
            JsonNode host = hostField == null ? null : out.get(hostField);
            if (host != null && !out.containsKey("Computer")) {
                out.put("Computer", host);
            }
            EventFields f = new EventFields(out, distinct);
            f.knownProduct = known;
            return f;
        }
        JsonNode system = event.get("System");
        if (system != null && system.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = system.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String name = e.getKey();
                JsonNode v = e.getValue();
                if (v.isObject()) {
                    JsonNode attrs = v.get("#attributes");
                    if (attrs != null && attrs.isObject()) {
                        Iterator<Map.Entry<String, JsonNode>> at = attrs.fields();
                        while (at.hasNext()) {
                            Map.Entry<String, JsonNode> a = at.next();
                            out.putIfAbsent(name + "_" + a.getKey(), a.getValue());
                        }
                    }
                    JsonNode text = v.get("#text");
                    if (text != null) {
                        out.putIfAbsent(name, text);
                    }
                } else {
                    out.putIfAbsent(name, v);
                }
            }
        }
        Iterator<Map.Entry<String, JsonNode>> it = event.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String section = e.getKey();
            if (section.equals("System") || section.equals("#attributes")) {
                continue;
            }
            if (section.equals("RenderingInfo")) {
                flattenSection(e.getValue(), out, "RenderingInfo_");
            } else {
                flattenSection(e.getValue(), out, null);
            }
        }
        int distinct = out.size();
        // Bare attribute names of System children (Provider's Name is also "Name" in a few mappings).
        if (system != null && system.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> sit = system.fields();
            while (sit.hasNext()) {
                JsonNode attrs = sit.next().getValue().get("#attributes");
                if (attrs != null && attrs.isObject()) {
                    Iterator<Map.Entry<String, JsonNode>> at = attrs.fields();
                    while (at.hasNext()) {
                        Map.Entry<String, JsonNode> a = at.next();
                        out.putIfAbsent(a.getKey(), a.getValue());
                    }
                }
            }
        }
        return new EventFields(out, distinct);
    }

    /** EventData / UserData: every leaf under its own name; nested objects are walked. */
    private static void flattenSection(JsonNode node, Map<String, JsonNode> out, String prefix) {
        if (node == null || !node.isObject()) {
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode v = e.getValue();
            if (key.equals("#attributes")) {
                continue;
            }
            if (v.isObject()) {
                JsonNode text = v.get("#text");
                if (text != null) {
                    out.putIfAbsent(prefix == null ? key : prefix + key, text);
                }
                flattenSection(v, out, prefix);
            } else {
                out.putIfAbsent(prefix == null ? key : prefix + key, v);
            }
        }
    }

    private static void flatten(String path, JsonNode node, Map<String, JsonNode> out) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), out);
            }
        } else {
            out.putIfAbsent(path, node);
            int dot = path.lastIndexOf('.');
            if (dot >= 0) {
                out.putIfAbsent(path.substring(dot + 1), node);
            }
            if (node.isArray()) {
                collectArray(path, node, out);
            }
        }
    }

    /**
     * An array of objects (Suricata's {@code dns.answers}: {@code [{"rrname":..., "rdata":...}]})
     * also publishes each member path ({@code dns.answers.rdata}, and {@code rdata} by name) as
     * the array of the elements' values, so that a rule reads one member across all elements.
     */
    private static void collectArray(String path, JsonNode array, Map<String, JsonNode> out) {
        Map<String, com.fasterxml.jackson.databind.node.ArrayNode> members = null;
        for (JsonNode element : array) {
            if (!element.isObject()) {
                continue;
            }
            if (members == null) {
                members = new LinkedHashMap<>();
            }
            collectMembers(path, element, members);
        }
        if (members != null) {
            for (Map.Entry<String, com.fasterxml.jackson.databind.node.ArrayNode> m : members.entrySet()) {
                String key = m.getKey();
                out.putIfAbsent(key, m.getValue());
                out.putIfAbsent(key.substring(key.lastIndexOf('.') + 1), m.getValue());
            }
        }
    }

    private static void collectMembers(String path, JsonNode obj, Map<String, com.fasterxml.jackson.databind.node.ArrayNode> members) {
        Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String p = path + "." + e.getKey();
            JsonNode v = e.getValue();
            if (v.isObject()) {
                collectMembers(p, v, members);
            } else if (v.isValueNode()) {
                members.computeIfAbsent(p, k -> com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode()).add(v);
            }
        }
    }

    /**
     * Whether the record comes from a reader that knows its product (Zeek, Suricata, syslog), so
     * that only the rules the log-source mapping gives that product apply, not the rules of
     * unmapped log sources that run on JSON of unknown origin.
     */
    public boolean knownProduct() {
        return knownProduct;
    }

    /** The value of a field, or null when the event has no such field (a JSON null is a NullNode). */
    public JsonNode get(String name) {
        return values.get(name);
    }

    /** Whether the field is present (even with a null or empty value). */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /**
     * The field's value as text: strings as they are, numbers in decimal, booleans as
     * {@code true}/{@code false}; null when the field is absent or JSON null. Arrays and objects
     * render as JSON.
     */
    public String text(String name) {
        JsonNode v = values.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }

    /** Every field value in record order (a read-only view; iterating it allocates no lambda). */
    public java.util.Collection<JsonNode> values() {
        if (valuesView == null) {
            valuesView = java.util.Collections.unmodifiableCollection(values.values());
        }
        return valuesView;
    }

    /**
     * How many of {@link #values()}, from the first, are distinct nodes: the rest repeat System
     * attributes under their bare names. A search over all values stops there.
     */
    public int distinctValues() {
        return distinct;
    }

    /** Calls {@code action} with every field name and value, in record order. */
    public void forEach(BiConsumer<String, JsonNode> action) {
        values.forEach(action);
    }

    /**
     * The text of {@code value} (a value of this event) folded one UTF-16 character at a time
     * ({@link CaseFold}: same length, locale-free, as Sigma needles are folded), computed once per
     * event and value, so that many case-insensitive rules share one
     * copy. Null for containers. Not thread-safe, like the event.
     */
    public String lowerText(JsonNode value) {
        String s = lowered == null ? null : lowered.get(value);
        if (s == null) {
            String t = value.isTextual() ? value.textValue() : value.isValueNode() ? value.asText() : null;
            if (t == null) {
                return null;
            }
            s = lower(t);
            lowered = Cache.put(lowered, value, s);
        }
        return s;
    }

    /**
     * {@link #lowerText} with the dash-like characters {@code - / – — ―} all written {@code -}:
     * what Sigma's {@code windash} modifier compares against. Cached like {@link #lowerText}.
     */
    public String windashText(JsonNode value) {
        String s = windash == null ? null : windash.get(value);
        if (s == null) {
            String low = lowerText(value);
            if (low == null) {
                return null;
            }
            char[] c = null;
            for (int i = 0; i < low.length(); i++) {
                char ch = low.charAt(i);
                if (ch == '/' || ch == '\u2013' || ch == '\u2014' || ch == '\u2015') {
                    if (c == null) {
                        c = low.toCharArray();
                    }
                    c[i] = '-';
                }
            }
            s = c == null ? low : new String(c);
            windash = Cache.put(windash, value, s);
        }
        return s;
    }

    /**
     * Texts derived from an event's values, keyed by the value node itself. An event has a few
     * such texts (the fields that case-insensitive tests read), so a short array searched by
     * identity beats a hash map, which would ask every node for its identity hash.
     */
    private static final class Cache {
        JsonNode[] keys = new JsonNode[8];
        String[] texts = new String[8];
        int size;

        static Cache put(Cache c, JsonNode key, String text) {
            if (c == null) {
                c = new Cache();
            }
            if (c.size == c.keys.length) {
                c.keys = java.util.Arrays.copyOf(c.keys, c.size * 2);
                c.texts = java.util.Arrays.copyOf(c.texts, c.size * 2);
            }
            c.keys[c.size] = key;
            c.texts[c.size++] = text;
            return c;
        }

        String get(JsonNode key) {
            for (int i = size - 1; i >= 0; i--) {
                if (keys[i] == key) {
                    return texts[i];
                }
            }
            return null;
        }
    }

    /**
     * Per decode thread: the characters being folded, so that lowering a value allocates only
     * the result (a {@code toCharArray} copy doubled what a hunt allocates for lowering).
     */
    private static final ThreadLocal<char[]> FOLDING = ThreadLocal.withInitial(() -> new char[1024]);
    /** Larger texts are folded in a buffer of their own, so a thread keeps at most this many characters. */
    private static final int FOLDING_MAX = 1 << 16;

    /** Lower-cases each UTF-16 character; returns {@code t} itself when nothing changes. */
    static String lower(String t) {
        int n = t.length();
        int i = 0;
        while (i < n && lower(t.charAt(i)) == t.charAt(i)) {
            i++;
        }
        if (i == n) {
            return t;
        }
        char[] c = FOLDING.get();
        if (c.length < n) {
            c = new char[Math.max(n, c.length * 2)];
            if (c.length <= FOLDING_MAX) {
                FOLDING.set(c);
            }
        }
        t.getChars(0, n, c, 0);
        for (; i < n; i++) {
            c[i] = lower(c[i]);
        }
        return new String(c, 0, n);
    }

    private static char lower(char c) {
        return CaseFold.lower(c);
    }

    public int size() {
        return values.size();
    }

    /** An index over a map built by a caller (tests, non-Windows readers). */
    public static EventFields of(Map<String, JsonNode> values) {
        return new EventFields(new HashMap<>(values));
    }
}
