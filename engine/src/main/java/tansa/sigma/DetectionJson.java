package tansa.sigma;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Map;

/**
 * A detection as a JSON object: {@code hunt --format jsonl}'s line, the CSV's nested columns, and
 * the case store's detection record (one shape everywhere).
 */
public final class DetectionJson {
    private DetectionJson() {
    }

    public static ObjectNode of(ObjectMapper m, Detection d) {
        ObjectNode o = m.createObjectNode();
        o.put("timestamp", iso(d.timestamp()));
        o.put("rule_id", d.rule().id());
        o.put("rule_title", d.rule().title());
        o.put("level", d.rule().level());
        o.put("status", d.rule().status());
        ArrayNode tags = o.putArray("tags");
        d.rule().tags().forEach(tags::add);
        o.put("computer", d.computer());
        o.put("channel", d.channel());
        o.put("event_id", d.eventId());
        o.put("record_id", d.recordId());
        o.put("source", d.source());
        o.set("fields", fields(m, d.fields()));
        if (d.correlation() != null) {
            Detection.Correlation c = d.correlation();
            ObjectNode co = o.putObject("correlation");
            co.put("type", c.type());
            co.set("group_by", fields(m, c.groupBy()));
            co.put("window_start", iso(c.windowStart()));
            co.put("window_end", iso(c.windowEnd()));
            co.put("count", c.count());
            co.put("value", c.value());
            ArrayNode ids = co.putArray("record_ids");
            c.recordIds().forEach(ids::add);
            ArrayNode rules = co.putArray("rules");
            c.rules().forEach(rules::add);
        }
        return o;
    }

    public static ObjectNode fields(ObjectMapper m, Map<String, String> f) {
        ObjectNode o = m.createObjectNode();
        f.forEach(o::put);
        return o;
    }

    public static String iso(Instant t) {
        return t == null ? null : t.toString();
    }
}
