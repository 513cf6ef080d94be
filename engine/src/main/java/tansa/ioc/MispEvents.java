package tansa.ioc;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * MISP events as MISP exports them ({@code {"Event": {"info", "uuid", "threat_level_id", "Tag",
 * "Attribute": [...], "Object": [{"Attribute": [...]}]}}}): each attribute with {@code to_ids}
 * set and a type tansa matches becomes an indicator (id: its {@code uuid}). Composite types use
 * the part that identifies: {@code filename|sha256} the hash, {@code ip-dst|port} the address,
 * {@code domain|ip} either. Deleted attributes and those without {@code to_ids} are left out, as
 * MISP's own IDS exports do; attributes of other types (e-mail, registry, mutex...) are counted
 * in one note per event.
 */
final class MispEvents {
    private MispEvents() {
    }

    static void event(String file, JsonNode ev, IocLoader out) {
        if (ev == null || !ev.isObject()) {
            out.problem(file, null, "\"Event\" is not an object; skipped");
            return;
        }
        String info = ev.path("info").asText("");
        String level = level(ev.path("threat_level_id").asText(""));
        List<String> tags = new ArrayList<>();
        for (JsonNode t : ev.path("Tag")) {
            String name = t.path("name").asText("");
            if (!name.isEmpty()) {
                tags.add(name);
            }
        }
        String where = "event " + ev.path("uuid").asText(ev.path("id").asText("?"));
        TreeMap<String, Integer> otherTypes = new TreeMap<>();
        int[] notIds = new int[1];
        for (JsonNode a : ev.path("Attribute")) {
            attribute(file, a, info, level, tags, out, otherTypes, notIds);
        }
        for (JsonNode o : ev.path("Object")) {
            if (o.path("deleted").asBoolean(false)) {
                continue;
            }
            for (JsonNode a : o.path("Attribute")) {
                attribute(file, a, info, level, tags, out, otherTypes, notIds);
            }
        }
        if (notIds[0] > 0) {
            out.note(file, where, notIds[0] + " attributes without to_ids left out");
        }
        if (!otherTypes.isEmpty()) {
            out.note(file, where, "attributes of types not matched left out: " + IocLoader.counts(otherTypes));
        }
    }

    /** threat_level_id: 1 high, 2 medium, 3 low, 4 undefined (the default). */
    private static String level(String id) {
        switch (id.trim()) {
            case "1": return "high";
            case "2": return "medium";
            case "3": return "low";
            default: return IocLoader.DEFAULT_LEVEL;
        }
    }

    private static void attribute(String file, JsonNode a, String info, String level, List<String> eventTags, IocLoader out,
                                  TreeMap<String, Integer> otherTypes, int[] notIds) {
        if (a.path("deleted").asBoolean(false)) {
            return;
        }
        String type = a.path("type").asText("").toLowerCase(Locale.ROOT);
        String value = a.path("value").asText("");
        String uuid = a.path("uuid").asText("");
        String id = !uuid.isEmpty() ? uuid : "misp:" + type + ":" + value;
        JsonNode toIds = a.get("to_ids");
        if (toIds != null && !(toIds.asBoolean(false) || "1".equals(toIds.asText()))) {
            notIds[0]++;
            return;
        }
        Pattern pattern;
        try {
            pattern = pattern(type, value);
        } catch (InvalidIndicatorException e) {
            out.problem(file, "attribute " + id, e.getMessage() + "; skipped");
            return;
        }
        if (pattern == null) {
            otherTypes.merge(type, 1, Integer::sum);
            return;
        }
        List<String> tags = new ArrayList<>(eventTags);
        for (JsonNode t : a.path("Tag")) {
            String name = t.path("name").asText("");
            if (!name.isEmpty()) {
                tags.add(name);
            }
        }
        String comment = a.path("comment").asText("");
        String description = info + (comment.isEmpty() ? "" : " - " + comment);
        out.add(new Indicator(id, "IOC: " + Values.cut(value), level, IocLoader.tags(pattern, tags),
                description.isEmpty() ? null : description, file, pattern));
    }

    /** The pattern of one attribute; null when its type is not one tansa matches. */
    static Pattern pattern(String type, String value) {
        int bar = type.indexOf('|');
        if (bar < 0) {
            IocType t = IocType.named(type);
            return t == null || type.equals("file") || type.equals("address") ? null
                    : Pattern.of(t, Values.normalize(t, value));
        }
        String left = type.substring(0, bar);
        String right = type.substring(bar + 1);
        int vbar = value.indexOf('|');
        if (vbar < 0) {
            throw new InvalidIndicatorException("a " + type + " value needs two parts separated by '|', got '" + Values.cut(value) + "'");
        }
        String lv = value.substring(0, vbar);
        String rv = value.substring(vbar + 1);
        IocType lt = IocType.named(left);
        IocType rt = IocType.named(right);
        if (left.equals("filename") && rt != null && rt.isHash()) {
            return Pattern.of(rt, Values.normalize(rt, rv));
        }
        if (right.equals("port") && lt != null) {
            return Pattern.of(lt, Values.normalize(lt, lv));
        }
        if (lt == IocType.DOMAIN && rt == IocType.IP) {
            return new Pattern(List.of(List.of(new Pattern.Expr.Compare(lt, List.of(Values.normalize(lt, lv)))),
                    List.of(new Pattern.Expr.Compare(rt, List.of(Values.normalize(rt, rv))))));
        }
        return null;
    }
}
