package tansa.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import tansa.event.Event;

import java.time.Instant;

/**
 * What traffic analysis reads from one network-log record, by the field names of the tool that
 * wrote it: a connection (Zeek {@code conn}, Suricata {@code flow}), a DNS query (Zeek {@code dns},
 * Suricata {@code dns}) or a server name seen for an address (Zeek {@code ssl}/{@code http},
 * Suricata {@code tls}/{@code http}). One instance is refilled for every record (no allocation per
 * record beyond the reader's own); not thread-safe.
 *
 * <p>Another source plugs in by adding its names to {@link #read}: everything downstream sees only
 * these fields.
 */
public final class NetworkRecord {
    public enum Kind { NONE, CONNECTION, DNS, SERVER_NAME }

    public Kind kind = Kind.NONE;
    public String src;
    public String dst;
    public int dstPort = -1;
    public String proto;
    /** Start time, epoch milliseconds. */
    public long startMillis;
    /** Duration in milliseconds, 0 when unknown. */
    public long durationMillis;
    /** Payload bytes the source sent (Zeek orig_bytes; Suricata bytes_toserver, headers included). */
    public long bytesOut;
    public long bytesIn;
    /** DNS: the name queried; SERVER_NAME: the TLS SNI or HTTP Host. */
    public String name;

    /** Fills this from {@code e}; returns its kind ({@link Kind#NONE} for every other record). */
    public Kind read(Event e) {
        kind = Kind.NONE;
        ObjectNode t = e.tree();
        JsonNode path = t.get("_path");
        if (path != null) {
            return zeek(path.asText(), t, e.timestamp());
        }
        JsonNode type = t.get("event_type");
        if (type != null && t.has("src_ip")) {
            return suricata(type.asText(), t, e.timestamp());
        }
        return kind;
    }

    private Kind zeek(String path, ObjectNode t, Instant ts) {
        if (ts == null) {
            return kind;
        }
        switch (path) {
            case "conn":
                if (!addresses(t, "id.orig_h", "id.resp_h")) {
                    return kind;
                }
                dstPort = t.path("id.resp_p").asInt(-1);
                proto = text(t.get("proto"));
                startMillis = ts.toEpochMilli();
                durationMillis = (long) (t.path("duration").asDouble(0) * 1000);
                bytesOut = bytes(t, "orig_bytes", "orig_ip_bytes");
                bytesIn = bytes(t, "resp_bytes", "resp_ip_bytes");
                return kind = Kind.CONNECTION;
            case "dns":
                name = text(t.get("query"));
                if (name == null || !addresses(t, "id.orig_h", "id.resp_h")) {
                    return kind;
                }
                startMillis = ts.toEpochMilli();
                return kind = Kind.DNS;
            case "ssl":
                return serverName(t, "id.orig_h", "id.resp_h", t.get("server_name"), ts);
            case "http":
                return serverName(t, "id.orig_h", "id.resp_h", t.get("host"), ts);
            default:
                return kind;
        }
    }

    private Kind suricata(String type, ObjectNode t, Instant time) {
        Instant ts = time != null ? time : eveTime(text(t.get("timestamp")));
        switch (type) {
            case "flow": {
                if (!addresses(t, "src_ip", "dest_ip")) {
                    return kind;
                }
                JsonNode flow = t.path("flow");
                Instant start = eveTime(flow.path("start").asText(null));
                Instant end = eveTime(flow.path("end").asText(null));
                if (start == null) {
                    start = ts;
                }
                if (start == null) {
                    return kind;
                }
                dstPort = t.path("dest_port").asInt(-1);
                proto = text(t.get("proto"));
                if (proto != null) {
                    proto = proto.toLowerCase(java.util.Locale.ROOT);
                }
                startMillis = start.toEpochMilli();
                durationMillis = end == null ? 0 : Math.max(0, end.toEpochMilli() - startMillis);
                bytesOut = Math.max(0, flow.path("bytes_toserver").asLong(0));
                bytesIn = Math.max(0, flow.path("bytes_toclient").asLong(0));
                return kind = Kind.CONNECTION;
            }
            case "dns": {
                JsonNode dns = t.path("dns");
                // EVE version 1 writes one record per query ("type": "query", rrname); version 2
                // and later a request with "queries": [{rrname...}]. Answers are not queries.
                String type2 = dns.path("type").asText("");
                JsonNode q = dns.path("queries").path(0).get("rrname");
                if (q == null && (type2.equals("query") || type2.equals("request"))) {
                    q = dns.get("rrname");
                }
                name = text(q);
                if (name == null || ts == null || !addresses(t, "src_ip", "dest_ip")) {
                    return kind;
                }
                startMillis = ts.toEpochMilli();
                return kind = Kind.DNS;
            }
            case "tls":
                return serverName(t, "src_ip", "dest_ip", t.path("tls").get("sni"), ts);
            case "http":
                return serverName(t, "src_ip", "dest_ip", t.path("http").get("hostname"), ts);
            default:
                return kind;
        }
    }

    private Kind serverName(ObjectNode t, String srcField, String dstField, JsonNode value, Instant ts) {
        name = text(value);
        if (name == null || name.isEmpty() || ts == null || !addresses(t, srcField, dstField)) {
            return kind;
        }
        startMillis = ts.toEpochMilli();
        return kind = Kind.SERVER_NAME;
    }

    private boolean addresses(ObjectNode t, String srcField, String dstField) {
        src = text(t.get(srcField));
        dst = text(t.get(dstField));
        return src != null && dst != null;
    }

    private static long bytes(ObjectNode t, String field, String fallback) {
        JsonNode v = t.get(field);
        if (v == null || !v.isNumber()) {
            v = t.get(fallback);
        }
        return v == null ? 0 : Math.max(0, v.asLong(0));
    }

    /**
     * Suricata's EVE time, {@code 2026-03-02T00:00:01.000123+0000} (offset without a colon), or
     * ISO-8601 as a log shipper may rewrite it; null when neither.
     */
    static Instant eveTime(String s) {
        if (s == null || s.length() < 20) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(s, EVE_TIME).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(s).toInstant();
            } catch (java.time.format.DateTimeParseException e2) {
                return null;
            }
        }
    }

    private static final java.time.format.DateTimeFormatter EVE_TIME = new java.time.format.DateTimeFormatterBuilder()
            .append(java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME).appendOffset("+HHMM", "+0000")
            .toFormatter(java.util.Locale.ROOT);

    private static String text(JsonNode v) {
        return v == null || !v.isTextual() ? null : v.textValue();
    }
}
