package tansa.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import com.fasterxml.jackson.databind.JsonNode;
import tansa.sigma.rule.RuleInfo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tansa.sigma.rule.RuleInfo;

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

    /**
     * The detection {@link #of} wrote, read back ({@code of(parse(of(d)))} is the same JSON):
     * for detections that travelled as JSON (a Kafka topic). The rule is known by what the JSON
     * holds; {@code ruleKey} stands in as its name when it has no id, so that
     * {@code rule().key()} orders as the original did.
     */
    public static Detection parse(JsonNode o, String ruleKey) {
        List<String> tags = new ArrayList<>();
        o.path("tags").forEach(t -> tags.add(t.asText()));
        String id = text(o.get("rule_id"));
        RuleInfo rule = new RuleInfo(id, id == null ? ruleKey : null, text(o.get("rule_title")), text(o.get("status")),
                text(o.get("level")), tags, null, null, 0);
        Detection.Correlation c = null;
        JsonNode co = o.get("correlation");
        if (co != null && co.isObject()) {
            List<Long> ids = new ArrayList<>();
            co.path("record_ids").forEach(i -> ids.add(i.asLong()));
            List<String> rules = new ArrayList<>();
            co.path("rules").forEach(r -> rules.add(r.asText()));
            c = new Detection.Correlation(text(co.get("type")), map(co.get("group_by")), instant(co.get("window_start")),
                    instant(co.get("window_end")), co.path("count").asLong(), co.path("value").asDouble(), ids, rules);
        }
        return new Detection(rule, instant(o.get("timestamp")), text(o.get("computer")), text(o.get("channel")),
                text(o.get("event_id")), o.path("record_id").asLong(), text(o.get("source")), map(o.get("fields")), c);
    }

    private static String text(JsonNode v) {
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Instant instant(JsonNode v) {
        return v == null || v.isNull() ? null : Instant.parse(v.asText());
    }

    private static Map<String, String> map(JsonNode v) {
        Map<String, String> out = new LinkedHashMap<>();
        if (v != null) {
            v.fields().forEachRemaining(e -> out.put(e.getKey(), text(e.getValue())));
        }
        return out;
    }

    public static ObjectNode fields(ObjectMapper m, Map<String, String> f) {
        ObjectNode o = m.createObjectNode();
        f.forEach(o::put);
        return o;
    }

    public static String iso(Instant t) {
        return t == null ? null : t.toString();
    }

    /**
     * The detection a {@link #of} object describes (a case's stored detection). The rule is known by
     * id, title, status, level and tags only: its file and description are not in the record.
     */
    public static Detection read(JsonNode o) {
        List<String> tags = new ArrayList<>();
        for (JsonNode t : o.path("tags")) {
            tags.add(t.asText());
        }
        RuleInfo rule = new RuleInfo(text(o, "rule_id"), null, text(o, "rule_title"), text(o, "status"), text(o, "level"),
                tags, null, null, 0);
        Detection.Correlation correlation = null;
        JsonNode c = o.get("correlation");
        if (c != null && c.isObject()) {
            List<Long> ids = new ArrayList<>();
            for (JsonNode id : c.path("record_ids")) {
                ids.add(id.asLong());
            }
            List<String> rules = new ArrayList<>();
            for (JsonNode r : c.path("rules")) {
                rules.add(r.asText());
            }
            correlation = new Detection.Correlation(text(c, "type"), strings(c.get("group_by")), time(c, "window_start"),
                    time(c, "window_end"), c.path("count").asLong(), c.path("value").asDouble(), ids, rules);
        }
        return new Detection(rule, time(o, "timestamp"), text(o, "computer"), text(o, "channel"), text(o, "event_id"),
                o.path("record_id").asLong(-1), text(o, "source"), strings(o.get("fields")), correlation);
    }

    private static String text(JsonNode o, String name) {
        JsonNode v = o.get(name);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Instant time(JsonNode o, String name) {
        String t = text(o, name);
        return t == null ? null : Instant.parse(t);
    }

    private static Map<String, String> strings(JsonNode o) {
        Map<String, String> out = new LinkedHashMap<>();
        if (o != null && o.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = o.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                out.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText());
            }
        }
        return out;
    }
}
