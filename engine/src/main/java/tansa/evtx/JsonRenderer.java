package tansa.evtx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders parsed BinXml to the reference JSON shape, the one the Rust {@code evtx} crate prints:
 * <ul>
 * <li>an element without attributes or child elements is its value: a number or boolean when
 * its content is one integer or boolean value ({@code "EventID": 4688}), otherwise the text
 * (every other value type renders as text: hex integers, GUIDs, SIDs, times, floats, arrays
 * comma-separated); null when it has no content;</li>
 * <li>otherwise an object: {@code "#attributes"} (only attributes with content), {@code "#text"}
 * when it has text, then its child elements, a repeated name getting {@code _1}, {@code _2}...;</li>
 * <li>in {@code EventData} and {@code UserData}: when any {@code Data} child has a {@code Name},
 * each named one becomes {@code "Name": value} ({@code ""} when empty); otherwise the
 * {@code Data} values gather under {@code "Data": {"#text": v}} (an array when several).</li>
 * </ul>
 * One deliberate difference: entity and character references are resolved ({@code &amp;} is
 * {@code &}) where the crate prints them literally, so that detection sees the real text.
 *
 * <p>Not thread-safe: one renderer per chunk.
 */
final class JsonRenderer {
    /** Bound on rendered elements per record: defeats "billion laughs" template expansion. */
    static final int MAX_ELEMENTS_PER_RECORD = 50_000;

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final TextNode EMPTY = TextNode.valueOf("");

    private final BinXmlParser parser;
    private int budget;

    JsonRenderer(BinXmlParser parser) {
        this.parser = parser;
    }

    /** Renders a record's fragment into a fresh root object. */
    ObjectNode render(BinXmlNode[] fragment) {
        budget = MAX_ELEMENTS_PER_RECORD;
        ObjectNode root = F.objectNode();
        renderNodes(fragment, null, root, null, 0);
        return root;
    }

    /** The Data children of one EventData/UserData element, collected while it renders. */
    private static final class DataChildren {
        boolean named;
        List<JsonNode> positional;
    }

    private void renderNodes(BinXmlNode[] nodes, Values values, ObjectNode target, DataChildren data, int depth) {
        for (BinXmlNode n : nodes) {
            if (n instanceof BinXmlNode.Element) {
                renderElement((BinXmlNode.Element) n, values, target, data, depth + 1);
            } else if (n instanceof BinXmlNode.TemplateInstance) {
                BinXmlNode.TemplateInstance ti = (BinXmlNode.TemplateInstance) n;
                renderNodes(ti.template().body(), ti.values(), target, data, depth + 1);
            }
        }
    }

    /**
     * Renders {@code e} into {@code parent}. {@code data} is non-null when the parent is an
     * EventData/UserData container, whose Data children are special.
     */
    private void renderElement(BinXmlNode.Element e, Values values, ObjectNode parent, DataChildren data, int depth) {
        if (--budget < 0) {
            throw parser.error(0, "record expands to more than " + MAX_ELEMENTS_PER_RECORD + " elements");
        }
        if (depth > BinXmlParser.MAX_DEPTH) {
            throw parser.error(0, "record nests deeper than " + BinXmlParser.MAX_DEPTH + " elements");
        }
        String name = e.name();
        if (data != null && name.equals("Data")) {
            renderData(e, values, parent, data, depth);
            return;
        }
        JsonNode value = renderValue(e, values, depth, null);
        putUnique(parent, name, value);
    }

    /** A Data child of EventData/UserData: {@code "Name": value}, or a positional value. */
    private void renderData(BinXmlNode.Element e, Values values, ObjectNode parent, DataChildren data, int depth) {
        String dataName = null;
        for (BinXmlNode.Attribute a : e.attributes()) {
            if (a.name().equals("Name")) {
                JsonNode v = concat(a.value(), values);
                if (v != null) {
                    String s = v.asText();
                    if (!s.isEmpty()) {
                        dataName = s;
                    }
                }
            }
        }
        JsonNode v = renderValue(e, values, depth, "Name");
        if (v == null || v.isNull()) {
            v = EMPTY;
        }
        if (dataName != null) {
            data.named = true;
            putUnique(parent, dataName, v);
        } else {
            if (data.positional == null) {
                data.positional = new ArrayList<>(4);
            }
            data.positional.add(v);
        }
    }

    /**
     * The JSON value of an element: its content value, null, or an object with attributes,
     * text and children. {@code skipAttribute} names an attribute already used as a key.
     */
    private JsonNode renderValue(BinXmlNode.Element e, Values values, int depth, String skipAttribute) {
        ObjectNode attributes = null;
        for (BinXmlNode.Attribute a : e.attributes()) {
            if (skipAttribute != null && a.name().equals(skipAttribute)) {
                continue;
            }
            JsonNode v = concat(a.value(), values);
            if (v == null) {
                continue;
            }
            if (attributes == null) {
                attributes = object(e.attributes().length);
            }
            attributes.set(a.name(), v);
        }
        boolean container = e.name().equals("EventData") || e.name().equals("UserData");
        DataChildren data = container ? new DataChildren() : null;
        ObjectNode children = null;
        JsonNode text = null;
        for (BinXmlNode c : e.children()) {
            if (c instanceof BinXmlNode.Element) {
                if (children == null) {
                    children = object(e.children().length);
                }
                renderElement((BinXmlNode.Element) c, values, children, data, depth + 1);
            } else if (c instanceof BinXmlNode.Text) {
                String t = ((BinXmlNode.Text) c).text();
                if (!t.isEmpty()) {
                    text = append(text, TextNode.valueOf(t));
                }
            } else if (c instanceof BinXmlNode.Substitution) {
                BinXmlNode.Substitution s = (BinXmlNode.Substitution) c;
                if (values == null || s.index() >= values.count()) {
                    continue;
                }
                if (values.types()[s.index()] == ValueDecoder.BINXML) {
                    if (children == null) {
                        children = object(4);
                    }
                    renderEmbedded(values, s.index(), children, data, depth);
                } else {
                    JsonNode v = value(values, s.index());
                    if (v != null) {
                        text = append(text, v);
                    }
                }
            } else if (c instanceof BinXmlNode.TemplateInstance) {
                if (children == null) {
                    children = object(4);
                }
                BinXmlNode.TemplateInstance ti = (BinXmlNode.TemplateInstance) c;
                renderNodes(ti.template().body(), ti.values(), children, data, depth + 1);
            }
        }
        if (data != null && !data.named && data.positional != null) {
            ObjectNode holder = F.objectNode();
            holder.set("#text", data.positional.size() == 1 ? data.positional.get(0) : F.arrayNode().addAll(data.positional));
            putUnique(children, "Data", holder);
        }
        boolean hasChildren = children != null && !children.isEmpty();
        if (attributes == null && !hasChildren) {
            return text; // null when there is no content
        }
        ObjectNode node = object((attributes == null ? 0 : 1) + (text == null ? 0 : 1) + (hasChildren ? children.size() : 0));
        if (attributes != null) {
            node.set("#attributes", attributes);
        }
        if (text != null) {
            node.set("#text", text);
        }
        if (hasChildren) {
            node.setAll(children);
        }
        return node;
    }

    private void renderEmbedded(Values values, int index, ObjectNode target, DataChildren data, int depth) {
        int off = values.offsets()[index];
        int size = values.sizes()[index];
        if (size == 0) {
            return;
        }
        BinXmlNode[] nodes = parser.parseFragment(off, off + size, true, depth + 1);
        renderNodes(nodes, null, target, data, depth + 1);
    }

    private JsonNode value(Values values, int index) {
        int type = values.types()[index];
        int size = values.sizes()[index];
        if (type == ValueDecoder.NULL) {
            return null;
        }
        if (size == 0 && type != ValueDecoder.STRING && type != ValueDecoder.ANSI_STRING) {
            return null;
        }
        return ValueDecoder.decode(values.chunk(), values.offsets()[index], size, type, parser);
    }

    /** An attribute value: one value keeps its JSON type, several are joined as text. */
    private JsonNode concat(BinXmlNode[] parts, Values values) {
        JsonNode out = null;
        for (BinXmlNode p : parts) {
            if (p instanceof BinXmlNode.Text) {
                String t = ((BinXmlNode.Text) p).text();
                if (!t.isEmpty()) {
                    out = append(out, TextNode.valueOf(t));
                }
            } else if (p instanceof BinXmlNode.Substitution) {
                BinXmlNode.Substitution s = (BinXmlNode.Substitution) p;
                if (values != null && s.index() < values.count() && values.types()[s.index()] != ValueDecoder.BINXML) {
                    JsonNode v = value(values, s.index());
                    if (v != null) {
                        out = append(out, v);
                    }
                }
            }
        }
        return out;
    }

    /** An object sized for its keys: Jackson's default map starts at 16 and rehashes. */
    private static ObjectNode object(int keys) {
        return new ObjectNode(F, new java.util.LinkedHashMap<>(Math.max(2, keys * 4 / 3 + 1)));
    }

    private static JsonNode append(JsonNode prev, JsonNode next) {
        if (prev == null) {
            return next;
        }
        return TextNode.valueOf(prev.asText() + next.asText());
    }

    private static void putUnique(ObjectNode parent, String key, JsonNode value) {
        JsonNode v = value == null ? F.nullNode() : value;
        if (parent.putIfAbsent(key, v) == null) {
            return;
        }
        for (int i = 1; ; i++) {
            String k = key + "_" + i;
            if (!parent.has(k)) {
                parent.set(k, v);
                return;
            }
        }
    }
}
