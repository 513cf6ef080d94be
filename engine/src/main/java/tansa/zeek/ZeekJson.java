package tansa.zeek;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import tansa.event.Event;

import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Zeek's JSON logs ({@code LogAscii::use_json}): one object per record, Zeek's own field names.
 * Recognised by {@code ts} (epoch seconds or ISO-8601) with a key only Zeek writes
 * ({@code _path}, {@code uid}, {@code id.orig_h}, {@code fuid}...); converted to the same tree the
 * TSV form gives ({@link ZeekTsvReader}): {@code _path} first, time fields as ISO-8601 UTC with
 * microseconds ({@link ZeekTime}), every other value as Zeek wrote it.
 */
public final class ZeekJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** Keys that, beside {@code ts}, say an object is a Zeek record. */
    private static final String[] MARKS = {"_path", "uid", "id.orig_h", "id.resp_h", "fuid", "_write_ts", "host_p",
            "port_num", "fingerprint", "certificate.subject"};
    /**
     * The {@code time} fields of Zeek's standard logs (the JSON form has no {@code #types}): only
     * these are converted, and only from an epoch number or an ISO-8601 text, so a text field of
     * the same name elsewhere (smtp's {@code from}) stays as it is.
     */
    private static final Set<String> TIME_FIELDS = Set.of("ts", "_write_ts", "from", "till", "ref_time", "org_time",
            "rec_time", "xmt_time", "compile_ts", "times.modified", "times.accessed", "times.created", "times.changed",
            "up_since", "certificate.not_valid_before", "certificate.not_valid_after", "thisUpdate", "nextUpdate",
            "revoketime", "start_time", "lease_time_expire", "first_seen", "last_seen");

    private ZeekJson() {
    }

    /** Whether a JSON object is a Zeek record. */
    public static boolean recognises(ObjectNode obj) {
        JsonNode ts = obj.get("ts");
        if (ts == null || !(ts.isNumber() || ts.isTextual())) {
            return false;
        }
        for (String mark : MARKS) {
            if (obj.has(mark)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The event of a Zeek JSON record; {@code path} names the log when the object has no
     * {@code _path} (Zeek writes it only when configured to), null when unknown.
     */
    public static Event toEvent(ObjectNode obj, String source, String path) {
        ObjectNode out = F.objectNode();
        JsonNode p = obj.get("_path");
        if (p != null) {
            out.set("_path", p);
        } else if (path != null) {
            out.put("_path", path);
        }
        Instant time = null;
        Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            String name = f.getKey();
            JsonNode v = f.getValue();
            if (name.equals("_path")) {
                continue;
            }
            if (TIME_FIELDS.contains(name)) {
                Instant t = v.isNumber() ? ZeekTime.fromJsonNumber(v.doubleValue())
                        : v.isTextual() ? ZeekTime.parseIso(v.textValue()) : null;
                if (t != null) {
                    v = TextNode.valueOf(ZeekTime.format(t));
                    if (name.equals("ts")) {
                        time = t;
                    }
                }
            }
            if (v.isFloatingPointNumber()) {
                v = sixDecimals(v.doubleValue());
            } else if (v.isArray()) {
                v = sixDecimals((com.fasterxml.jackson.databind.node.ArrayNode) v);
            }
            out.set(name, v);
        }
        return new Event(out, source, -1, time).knownProduct();
    }

    /**
     * A fractional number at the precision of Zeek's TSV writer: six decimals, rounded half to
     * even on the exact binary value (as its {@code modp_dtoa2} does). The JSON writer prints
     * doubles and intervals in full ({@code 4.31060791015625E-4}), the TSV writer as
     * {@code 0.000431}; every fractional number in Zeek's JSON is a double, an interval or a time,
     * so rounding them makes the two forms of one log dump the same.
     */
    static JsonNode sixDecimals(double d) {
        if (!Double.isFinite(d)) {
            return F.numberNode(d);
        }
        double r = new java.math.BigDecimal(d).setScale(6, java.math.RoundingMode.HALF_EVEN).doubleValue();
        return F.numberNode(r == 0 ? 0.0 : r);
    }

    /** A vector of doubles or intervals, each rounded; other arrays as they are. */
    private static JsonNode sixDecimals(com.fasterxml.jackson.databind.node.ArrayNode a) {
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).isFloatingPointNumber()) {
                a.set(i, sixDecimals(a.get(i).doubleValue()));
            }
        }
        return a;
    }

    /**
     * The log's name from a file name as Zeek's log rotation writes it ({@code conn.log},
     * {@code dns.00:00:00-01:00:00.log.gz}, {@code rdp.json}): the part before the first dot,
     * when it is a plain lower-case word; null otherwise.
     */
    public static String pathFromFileName(String file) {
        String name = file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
        int dot = name.indexOf('.');
        String stem = dot < 0 ? name : name.substring(0, dot);
        if (stem.isEmpty()) {
            return null;
        }
        for (int i = 0; i < stem.length(); i++) {
            char c = stem.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_')) {
                return null;
            }
        }
        return stem;
    }
}
