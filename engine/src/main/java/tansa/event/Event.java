package tansa.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.function.BiConsumer;

/**
 * One record read from evidence, whatever its format, as detection sees it.
 *
 * <p>{@link #tree()} is the record in the reference rendering ({@code {"Event": {"#attributes": ...,
 * "System": ..., "EventData": ...}}}), which {@code tansa dump} prints. {@link #fields()} is a flat
 * index of the same values under the names Sigma rules use for Windows logs ({@code EventID},
 * {@code Channel}, {@code Provider_Name}, every EventData/UserData field by name).
 *
 * <p>Not thread-safe: an event is built and then read by one thread at a time.
 */
public final class Event {
    private final ObjectNode tree;
    private final String source;
    private long recordId;
    private Instant timestamp;
    /** For {@link #fromSystem}: record id and time still to be read from the System block. */
    private boolean unresolved;
    private long headerFiletime;
    private EventFields fields;
    private Object attachment;
    /** For logs without the Windows shape: the field naming the host that logged the record. */
    private String hostField;
    private boolean knownProduct;

    public Event(ObjectNode tree, String source, long recordId, Instant timestamp) {
        this.tree = tree;
        this.source = source;
        this.recordId = recordId;
        this.timestamp = timestamp;
    }

    /**
     * An event whose record id and time are its System block's EventRecordID and
     * TimeCreated/SystemTime, read on first use (a dump never asks); the EVTX record header's
     * values stand in where the System block has none. Exported logs renumber record headers and
     * may zero their time, so the System block is the truth analysts search for.
     */
    public static Event fromSystem(ObjectNode tree, String source, long headerRecordId, long headerFiletime) {
        Event e = new Event(tree, source, headerRecordId, null);
        e.unresolved = true;
        e.headerFiletime = headerFiletime;
        return e;
    }

    private void resolve() {
        unresolved = false;
        JsonNode system = tree.path("Event").path("System");
        JsonNode id = system.get("EventRecordID");
        if (id != null && id.isIntegralNumber()) {
            recordId = id.longValue();
        } else if (id != null && id.isTextual()) {
            try {
                recordId = Long.parseLong(id.textValue());
            } catch (NumberFormatException ignored) {
                // keep the header's number
            }
        }
        JsonNode t = system.path("TimeCreated").path("#attributes").get("SystemTime");
        Instant parsed = null;
        if (t != null && t.isTextual()) {
            parsed = Timestamps.parseMicros(t.textValue());
            if (parsed == null) {
                parsed = Timestamps.parseOrNull(t.textValue());
            }
        }
        timestamp = parsed != null || headerFiletime == 0 ? parsed : Timestamps.fromFiletime(headerFiletime);
    }

    /** Builds an event from a reference-shaped tree, taking record id and time from its System block. */
    public static Event of(ObjectNode tree, String source) {
        JsonNode system = tree.path("Event").path("System");
        long recordId = system.path("EventRecordID").asLong(-1);
        Instant time = Timestamps.parseOrNull(system.path("TimeCreated").path("#attributes").path("SystemTime").asText(null));
        return new Event(tree, source, recordId, time);
    }

    /**
     * Names the field that holds the host which logged this record (syslog's {@code host},
     * Suricata's sensor {@code host}): detections, {@code search} and {@code metrics} read it as
     * the computer. Only for records without the Windows shape; call before {@link #fields()}.
     */
    public Event hostField(String field) {
        this.hostField = field;
        return this;
    }

    /**
     * Marks a record whose reader knows its product (Zeek, Suricata, syslog): Sigma rules then
     * apply to it only through the log-source mapping ({@link EventFields#knownProduct()}).
     */
    public Event knownProduct() {
        this.knownProduct = true;
        return this;
    }

    /** The field naming the host that logged the record ({@link #hostField(String)}), or null. */
    public String hostFieldName() {
        return hostField;
    }

    /** Whether the reader knows the record's product ({@link #knownProduct()}). */
    public boolean isKnownProduct() {
        return knownProduct;
    }

    /** The record in the reference JSON shape. */
    public ObjectNode tree() {
        return tree;
    }

    /** The evidence file (or archive member) this record came from. */
    public String source() {
        return source;
    }

    /** EventRecordID, or -1 when the format has none. */
    public long recordId() {
        if (unresolved) {
            resolve();
        }
        return recordId;
    }

    /** The record's time in UTC, or null when it has none. */
    public Instant timestamp() {
        if (unresolved) {
            resolve();
        }
        return timestamp;
    }

    /** The flat field index used by detection; built on first use. */
    public EventFields fields() {
        EventFields f = fields;
        if (f == null) {
            f = EventFields.index(tree, hostField, knownProduct);
            fields = f;
        }
        return f;
    }

    /** Shortcut for {@code fields().get(name)}: the field's value as a JsonNode, or null when absent. */
    public JsonNode get(String name) {
        return fields().get(name);
    }

    /** Shortcut for {@code fields().text(name)}. */
    public String text(String name) {
        return fields().text(name);
    }

    /** Calls {@code action} with every field name and value, in record order. */
    public void forEachField(BiConsumer<String, JsonNode> action) {
        fields().forEach(action);
    }

    /**
     * Work a decode thread did for this event before it was delivered (serialized JSON,
     * detections...); see {@code EvidenceReader.prepare}. Null when none.
     */
    public Object attachment() {
        return attachment;
    }

    public void attach(Object value) {
        this.attachment = value;
    }
}
