package tansa.ioc;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * STIX 2.x indicator objects: {@code pattern} (with {@code pattern_type: stix}, or none as in
 * STIX 2.0) parsed by {@link StixPattern}; {@code name} as the title; {@code confidence} as the
 * level; {@code indicator_types} (2.1) or {@code labels} (2.0) as tags. Revoked indicators and
 * other object types (malware, relationship, ...) are passed over.
 */
final class StixBundles {
    private StixBundles() {
    }

    static void object(String file, JsonNode o, IocLoader out) {
        if (!"indicator".equals(o.path("type").asText())) {
            return;
        }
        String id = o.path("id").asText("");
        String where = id.isEmpty() ? "indicator without id" : id;
        if (o.path("revoked").asBoolean(false)) {
            out.note(file, where, "revoked; skipped");
            return;
        }
        String type = o.path("pattern_type").asText("stix");
        if (!type.equals("stix")) {
            out.problem(file, where, "pattern_type '" + Values.cut(type) + "' is not supported (only stix); skipped");
            return;
        }
        JsonNode p = o.get("pattern");
        if (p == null || !p.isTextual()) {
            out.problem(file, where, "no pattern; skipped");
            return;
        }
        Pattern pattern;
        try {
            pattern = StixPattern.parse(p.textValue());
        } catch (InvalidIndicatorException e) {
            out.problem(file, where, "pattern: " + e.getMessage() + "; skipped");
            return;
        }
        if (id.isEmpty()) {
            id = "stix:" + IocLoader.firstValue(pattern);
        }
        String level = o.has("confidence") && o.get("confidence").canConvertToInt()
                ? IocLoader.levelOfConfidence(o.get("confidence").intValue()) : IocLoader.DEFAULT_LEVEL;
        List<String> more = new ArrayList<>();
        for (String f : new String[] {"indicator_types", "labels"}) {
            for (JsonNode t : o.path(f)) {
                if (t.isTextual()) {
                    more.add(t.textValue());
                }
            }
        }
        String name = o.path("name").asText(null);
        String title = name != null && !name.isBlank() ? name : "IOC: " + IocLoader.firstValue(pattern);
        out.add(new Indicator(id, title, level, IocLoader.tags(pattern, more), o.path("description").asText(null), file, pattern));
    }
}
