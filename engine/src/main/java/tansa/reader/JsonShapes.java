package tansa.reader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import tansa.event.Event;
import tansa.suricata.SuricataEve;
import tansa.zeek.ZeekJson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recognises the JSON shapes that log shippers write for Windows events and converts each to
 * the reference shape ({@code {"Event": {"System": ..., "EventData": ...}}}), so that time,
 * computer, record number, channel and provider land where detections, dump and metrics read
 * them, whatever tool collected the logs. The README's "JSON logs" table lists the shapes and
 * the fields each is read from.
 *
 * <p>One instance per file, not thread-safe: it remembers which gaps it has already reported,
 * so that a shape lacking a field, or objects of no known shape, are reported once per file
 * (as a note naming the fields), not once per event, and never silently.
 */
final class JsonShapes {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** The shapes recognised, named as the README and the notes name them. */
    enum Shape {
        REFERENCE("reference"),
        WINLOGBEAT("Winlogbeat / Elastic Agent"),
        SPLUNK("Splunk export"),
        VELOCIRAPTOR("Velociraptor parse_evtx"),
        VELOCIRAPTOR_COLUMNS("Velociraptor EVTX artifact"),
        NXLOG("NXLog"),
        LOGSTASH("Logstash / HELK flattened"),
        UNKNOWN("unrecognised");

        final String label;

        Shape(String label) {
            this.label = label;
        }
    }

    /** Fields of a flattened event (NXLog, Logstash) that are System values, not event data. */
    private static final Set<String> FLAT_SYSTEM = Set.of("EventTime", "TimeCreated", "@timestamp", "Hostname",
            "RecordNumber", "SourceName", "ProviderGuid", "EventID", "Channel", "Version", "Task", "OpcodeValue",
            "Keywords", "ExecutionProcessID", "ExecutionThreadID", "UserID", "Level");

    private final Problems problems;
    private final String source;
    private final Set<Shape> reported = EnumSet.noneOf(Shape.class);
    /** Created on the first XML {@code _raw}. */
    private EventXml xml;
    /** For Zeek records without {@code _path}: the log name from the file name, found on first use. */
    private String zeekPath;
    private boolean zeekPathKnown;

    JsonShapes(Problems problems, String source) {
        this.problems = problems;
        this.source = source;
    }

    /** The event of one JSON object; {@code line} is where the object starts (for the notes). */
    Event toEvent(ObjectNode obj, long line) {
        JsonNode event = obj.get("Event");
        if (event != null && event.isObject()) {
            return Event.of(obj, source);
        }
        if (SuricataEve.recognises(obj)) {
            return SuricataEve.toEvent(obj, source, line);
        }
        if (ZeekJson.recognises(obj)) {
            if (!zeekPathKnown) {
                zeekPathKnown = true;
                zeekPath = ZeekJson.pathFromFileName(source);
            }
            return ZeekJson.toEvent(obj, source, zeekPath);
        }
        JsonNode winlog = obj.get("winlog");
        if (winlog != null && winlog.isObject()) {
            ObjectNode ref = Winlogbeat.toReference(obj);
            return checked(Shape.WINLOGBEAT, ref, line, "@timestamp", "winlog.computer_name or host.name",
                    "winlog.record_id", "winlog.channel");
        }
        JsonNode result = obj.get("result");
        if (result != null && result.isObject() && (result.has("_time") || result.has("_raw"))) {
            return splunk((ObjectNode) result, line);
        }
        if (obj.has("_time") && (obj.has("EventCode") || obj.path("source").asText("").contains("WinEventLog:"))) {
            return splunk(obj, line);
        }
        JsonNode system = obj.get("System");
        if (system != null && system.isObject()) {
            return velociraptor(obj, (ObjectNode) system, line);
        }
        if (obj.has("EventRecordID") && (obj.has("Computer") || obj.has("Channel"))) {
            return velociraptorColumns(obj, line);
        }
        if (obj.has("EventID") && (obj.has("Hostname") || obj.has("SourceName") || obj.has("Channel"))) {
            return flat(obj, line);
        }
        Instant time = ShipperTime.parse(obj.get("@timestamp"));
        if (reported.add(Shape.UNKNOWN)) {
            problems.note(source, -1, "line " + line + ": JSON objects of no known log shape (reference, Winlogbeat, "
                    + "NXLog, Logstash, Velociraptor, Splunk), read as plain JSON (fields by path and by name): they lack "
                    + (time == null ? "a time (@timestamp, TimeCreated, EventTime, _time), " : "")
                    + "a computer (Computer, Hostname, host.name), a record number (EventRecordID, RecordNumber) and "
                    + "a channel (Channel), so their detections lack them (reported once per file)");
        }
        return new Event(obj, source, -1, time);
    }

    /** NXLog (im_msvistalog + to_json) and Logstash / HELK flattened events: every field at the top level. */
    private Event flat(ObjectNode obj, long line) {
        boolean nxlog = obj.has("SourceModuleType") || obj.has("EventReceivedTime");
        Shape shape = nxlog ? Shape.NXLOG : Shape.LOGSTASH;
        ObjectNode root = F.objectNode();
        ObjectNode ev = root.putObject("Event");
        ev.putObject("#attributes").put("xmlns", "http://schemas.microsoft.com/win/2004/08/events/event");
        ObjectNode sys = ev.putObject("System");
        provider(sys, obj.get("SourceName"), obj.get("ProviderGuid"));
        sys.set("EventID", number(obj.get("EventID")));
        copy(obj, "Version", sys, "Version");
        copy(obj, "Level", sys, "Level");
        copy(obj, "Task", sys, "Task");
        copy(obj, "OpcodeValue", sys, "Opcode");
        copy(obj, "Keywords", sys, "Keywords");
        Instant time = flatTime(obj);
        if (time != null) {
            sys.putObject("TimeCreated").putObject("#attributes").put("SystemTime", ShipperTime.systemTime(time));
        }
        sys.set("EventRecordID", number(obj.get("RecordNumber")));
        // The writer's process and thread: ExecutionProcessID / ExecutionThreadID in NXLog 3+ and
        // OTRF datasets, where ProcessID stays event data (Security 5156 has its own ProcessID);
        // ProcessID / ThreadID in older NXLog output, which has no Execution* fields.
        boolean oldPid = nxlog && !obj.has("ExecutionProcessID");
        boolean oldTid = nxlog && !obj.has("ExecutionThreadID");
        JsonNode pid = oldPid ? obj.get("ProcessID") : obj.get("ExecutionProcessID");
        JsonNode tid = oldTid ? obj.get("ThreadID") : obj.get("ExecutionThreadID");
        if (pid != null || tid != null) {
            ObjectNode exec = sys.putObject("Execution").putObject("#attributes");
            if (pid != null) {
                exec.set("ProcessID", number(pid));
            }
            if (tid != null) {
                exec.set("ThreadID", number(tid));
            }
        }
        copy(obj, "Channel", sys, "Channel");
        copy(obj, "Hostname", sys, "Computer");
        JsonNode user = obj.get("UserID");
        if (user != null) {
            sys.putObject("Security").putObject("#attributes").set("UserID", user);
        }
        ObjectNode data = ev.putObject("EventData");
        Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String k = e.getKey();
            if (!FLAT_SYSTEM.contains(k) && !(oldPid && k.equals("ProcessID")) && !(oldTid && k.equals("ThreadID"))) {
                data.set(e.getKey(), e.getValue());
            }
        }
        return checked(shape, root, line, nxlog ? "EventTime" : "TimeCreated, EventTime or @timestamp", "Hostname",
                "RecordNumber", "Channel");
    }

    /**
     * A zoned event time first, then {@code @timestamp} (UTC, written by Logstash), then a
     * zone-less event time read as UTC: NXLog's {@code EventTime} is the collector's local time
     * unless configured otherwise, and Logstash's {@code @timestamp} is that time converted.
     */
    private static Instant flatTime(ObjectNode obj) {
        JsonNode t = first(obj, "EventTime", "TimeCreated");
        if (ShipperTime.zoned(t)) {
            return ShipperTime.parse(t);
        }
        Instant at = ShipperTime.parse(obj.get("@timestamp"));
        return at != null ? at : ShipperTime.parse(t);
    }

    /**
     * Splunk search exports ({@code {"preview":false,"result":{...}}}) of Windows events: the
     * XML event in {@code _raw} ({@code XmlWinEventLog}) when there is one, else the extracted
     * fields and the classic {@code _raw} header ({@code WinEventLog}).
     */
    private Event splunk(ObjectNode r, long line) {
        String rawText = r.path("_raw").asText(null);
        if (rawText != null && rawText.stripLeading().startsWith("<Event")) {
            if (xml == null) {
                xml = new EventXml();
            }
            ObjectNode ref = xml.toReference(rawText);
            if (ref != null) {
                return splunkXml(r, ref, line);
            }
        }
        ObjectNode raw = rawHeader(rawText);
        ObjectNode root = F.objectNode();
        ObjectNode ev = root.putObject("Event");
        ev.putObject("#attributes").put("xmlns", "http://schemas.microsoft.com/win/2004/08/events/event");
        ObjectNode sys = ev.putObject("System");
        provider(sys, either(r, raw, "SourceName"), null);
        sys.set("EventID", number(firstOf(r, raw, "EventCode", "EventID")));
        Instant time = ShipperTime.parse(r.get("_time"));
        if (time != null) {
            sys.putObject("TimeCreated").putObject("#attributes").put("SystemTime", ShipperTime.systemTime(time));
        }
        sys.set("EventRecordID", number(either(r, raw, "RecordNumber")));
        JsonNode channel = either(r, raw, "LogName");
        if (channel == null) {
            channel = sourceChannel(r);
        }
        if (channel != null) {
            sys.set("Channel", channel);
        }
        JsonNode computer = either(r, raw, "ComputerName");
        if (computer == null) {
            computer = r.get("host");
        }
        if (computer != null) {
            sys.set("Computer", computer);
        }
        ObjectNode data = ev.putObject("EventData");
        Iterator<Map.Entry<String, JsonNode>> it = r.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String k = e.getKey();
            if (k.startsWith("_") && !k.equals("_raw")) {
                continue; // Splunk's bookkeeping (_bkt, _cd, _si, _serial, _indextime...)
            }
            if (!k.equals("EventCode") && !k.equals("RecordNumber") && !k.equals("LogName") && !k.equals("ComputerName")
                    && !k.equals("SourceName")) {
                data.set(k, e.getValue());
            }
        }
        return checked(Shape.SPLUNK, root, line, "_time", "ComputerName or host", "RecordNumber", "LogName or source");
    }

    /** An {@code XmlWinEventLog} result: the XML is the event; {@code _time}, {@code host} and the source fill its gaps. */
    private Event splunkXml(ObjectNode r, ObjectNode ref, long line) {
        ObjectNode ev = (ObjectNode) ref.get("Event");
        JsonNode s = ev.get("System");
        ObjectNode sys = s instanceof ObjectNode ? (ObjectNode) s : ev.putObject("System");
        if (sys.path("TimeCreated").path("#attributes").get("SystemTime") == null) {
            Instant time = ShipperTime.parse(r.get("_time"));
            if (time != null) {
                sys.putObject("TimeCreated").putObject("#attributes").put("SystemTime", ShipperTime.systemTime(time));
            }
        }
        if (text(sys.get("Computer")) == null && r.get("host") != null) {
            sys.set("Computer", r.get("host"));
        }
        if (text(sys.get("Channel")) == null) {
            JsonNode channel = sourceChannel(r);
            if (channel != null) {
                sys.set("Channel", channel);
            }
        }
        return checked(Shape.SPLUNK, ref, line, "_raw's TimeCreated or _time", "_raw's Computer or host",
                "_raw's EventRecordID", "_raw's Channel or source");
    }

    /** The channel in a Splunk {@code source} or {@code sourcetype}: what follows {@code WinEventLog:} / {@code XmlWinEventLog:}. */
    private static JsonNode sourceChannel(ObjectNode r) {
        for (String field : new String[] {"source", "sourcetype"}) {
            String src = r.path(field).asText("");
            int colon = src.indexOf("WinEventLog:");
            if (colon >= 0 && colon + "WinEventLog:".length() < src.length()) {
                return F.textNode(src.substring(colon + "WinEventLog:".length()));
            }
        }
        return null;
    }

    /**
     * The {@code Key=Value} header lines of a classic WinEventLog {@code _raw} (up to
     * {@code Message=}), for exports where Splunk did not extract them as fields.
     */
    private static ObjectNode rawHeader(String raw) {
        if (raw == null) {
            return null;
        }
        ObjectNode out = F.objectNode();
        int at = 0;
        while (at < raw.length()) {
            int nl = raw.indexOf('\n', at);
            String l = (nl < 0 ? raw.substring(at) : raw.substring(at, nl)).trim();
            at = nl < 0 ? raw.length() : nl + 1;
            int eq = l.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String k = l.substring(0, eq);
            if (k.equals("Message")) {
                break;
            }
            out.put(k, l.substring(eq + 1));
        }
        return out;
    }

    /** Velociraptor's parse_evtx rows (and artifacts that keep its System / EventData columns). */
    private Event velociraptor(ObjectNode obj, ObjectNode s, long line) {
        ObjectNode root = F.objectNode();
        ObjectNode ev = root.putObject("Event");
        ev.putObject("#attributes").put("xmlns", "http://schemas.microsoft.com/win/2004/08/events/event");
        ObjectNode sys = ev.putObject("System");
        JsonNode prov = s.get("Provider");
        provider(sys, prov == null ? null : prov.get("Name"), prov == null ? null : prov.get("Guid"));
        JsonNode id = s.get("EventID");
        if (id != null && id.isObject()) {
            JsonNode q = id.get("Qualifiers");
            ObjectNode e = F.objectNode();
            if (q != null) {
                e.putObject("#attributes").set("Qualifiers", q);
            }
            sys.set("EventID", q == null ? number(id.get("Value")) : e.set("#text", number(id.get("Value"))));
        } else {
            sys.set("EventID", number(id));
        }
        copy(s, "Version", sys, "Version");
        copy(s, "Level", sys, "Level");
        copy(s, "Task", sys, "Task");
        copy(s, "Opcode", sys, "Opcode");
        copy(s, "Keywords", sys, "Keywords");
        Instant time = ShipperTime.parse(s.path("TimeCreated").get("SystemTime"));
        if (time == null) {
            time = ShipperTime.parse(first(obj, "EventTime", "TimeCreated"));
        }
        if (time != null) {
            sys.putObject("TimeCreated").putObject("#attributes").put("SystemTime", ShipperTime.systemTime(time));
        }
        sys.set("EventRecordID", number(s.get("EventRecordID")));
        attributes(s, "Correlation", sys);
        attributes(s, "Execution", sys);
        copy(s, "Channel", sys, "Channel");
        copy(s, "Computer", sys, "Computer");
        attributes(s, "Security", sys);
        copySection(obj, "EventData", ev);
        copySection(obj, "UserData", ev);
        extras(obj, ev, Set.of("System", "EventData", "UserData", "EventTime", "TimeCreated", "Channel", "EventRecordID",
                "EventID", "Computer", "Provider"));
        return checked(Shape.VELOCIRAPTOR, root, line, "System.TimeCreated.SystemTime", "System.Computer",
                "System.EventRecordID", "System.Channel");
    }

    /** Velociraptor EVTX artifacts that flatten System into columns (EventTime, Computer, Channel, EventID, EventRecordID). */
    private Event velociraptorColumns(ObjectNode obj, long line) {
        ObjectNode root = F.objectNode();
        ObjectNode ev = root.putObject("Event");
        ev.putObject("#attributes").put("xmlns", "http://schemas.microsoft.com/win/2004/08/events/event");
        ObjectNode sys = ev.putObject("System");
        provider(sys, obj.get("Provider"), null);
        sys.set("EventID", number(obj.get("EventID")));
        Instant time = ShipperTime.parse(first(obj, "EventTime", "TimeCreated"));
        if (time != null) {
            sys.putObject("TimeCreated").putObject("#attributes").put("SystemTime", ShipperTime.systemTime(time));
        }
        sys.set("EventRecordID", number(obj.get("EventRecordID")));
        copy(obj, "Channel", sys, "Channel");
        copy(obj, "Computer", sys, "Computer");
        JsonNode sid = first(obj, "UserSID", "SecurityID");
        if (sid != null) {
            sys.putObject("Security").putObject("#attributes").set("UserID", sid);
        }
        copySection(obj, "EventData", ev);
        copySection(obj, "UserData", ev);
        extras(obj, ev, Set.of("EventData", "UserData", "EventTime", "TimeCreated", "Channel", "EventRecordID", "EventID",
                "Computer", "Provider", "UserSID", "SecurityID"));
        return checked(Shape.VELOCIRAPTOR_COLUMNS, root, line, "EventTime", "Computer", "EventRecordID", "Channel");
    }

    /**
     * The event of a converted tree; when it lacks time, computer, record number or channel, one
     * note per file and shape names the fields that were looked for.
     */
    private Event checked(Shape shape, ObjectNode ref, long line, String timeField, String computerField,
                          String recordField, String channelField) {
        Event e = Event.of(ref, source);
        if (reported.contains(shape)) {
            return e;
        }
        JsonNode sys = ref.path("Event").path("System");
        List<String> lacks = new ArrayList<>(4);
        if (e.timestamp() == null) {
            lacks.add("a time (" + timeField + ")");
        }
        if (text(sys.get("Computer")) == null) {
            lacks.add("a computer (" + computerField + ")");
        }
        if (e.recordId() < 0) {
            lacks.add("a record number (" + recordField + ")");
        }
        if (text(sys.get("Channel")) == null) {
            lacks.add("a channel (" + channelField + ")");
        }
        if (!lacks.isEmpty()) {
            reported.add(shape);
            problems.note(source, -1, "line " + line + ": " + shape.label + " objects without " + String.join(", ", lacks)
                    + ": their detections lack it (reported once per file)");
        }
        return e;
    }

    private static String text(JsonNode v) {
        return v == null || v.isNull() || v.asText().isEmpty() ? null : v.asText();
    }

    private static void provider(ObjectNode sys, JsonNode name, JsonNode guid) {
        ObjectNode attrs = F.objectNode();
        if (name != null && !name.isNull()) {
            attrs.set("Name", name);
        }
        if (guid != null && !guid.isNull()) {
            attrs.set("Guid", guid);
        }
        if (!attrs.isEmpty()) {
            sys.putObject("Provider").set("#attributes", attrs);
        }
    }

    /** A System child that Velociraptor writes as a plain object becomes an attribute element. */
    private static void attributes(ObjectNode s, String name, ObjectNode sys) {
        JsonNode v = s.get(name);
        if (v != null && v.isObject() && !v.isEmpty()) {
            sys.putObject(name).set("#attributes", v);
        } else if (v != null && v.isObject()) {
            sys.putNull(name);
        }
    }

    private static void copySection(ObjectNode obj, String name, ObjectNode ev) {
        JsonNode v = obj.get(name);
        if (v != null && v.isObject()) {
            ev.set(name, v.deepCopy());
        }
    }

    /** Columns an artifact added (Message, OSPath, Username...) join the event data under their own names. */
    private static void extras(ObjectNode obj, ObjectNode ev, Set<String> mapped) {
        ObjectNode data = null;
        Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (mapped.contains(e.getKey())) {
                continue;
            }
            if (data == null) {
                JsonNode d = ev.get("EventData");
                data = d instanceof ObjectNode ? (ObjectNode) d : ev.putObject("EventData");
            }
            if (!data.has(e.getKey())) {
                data.set(e.getKey(), e.getValue());
            }
        }
    }

    private static JsonNode first(ObjectNode obj, String a, String b) {
        JsonNode v = obj.get(a);
        return v != null && !v.isNull() ? v : obj.get(b);
    }

    private static JsonNode either(ObjectNode r, ObjectNode raw, String key) {
        JsonNode v = r.get(key);
        if (v != null && !v.isNull()) {
            return v;
        }
        return raw == null ? null : raw.get(key);
    }

    private static JsonNode firstOf(ObjectNode r, ObjectNode raw, String a, String b) {
        JsonNode v = either(r, raw, a);
        return v != null ? v : either(r, raw, b);
    }

    private static void copy(JsonNode from, String key, ObjectNode to, String as) {
        JsonNode v = from.get(key);
        if (v != null) {
            to.set(as, v);
        }
    }

    /** Shippers write numbers as text (Winlogbeat 7's event_id, Splunk's every field); the reference shape has numbers. */
    static JsonNode number(JsonNode v) {
        if (v == null) {
            return F.nullNode();
        }
        if (v.isTextual()) {
            String s = v.textValue();
            if (!s.isEmpty() && s.length() < 19 && s.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return F.numberNode(Long.parseLong(s));
            }
        }
        return v;
    }
}
