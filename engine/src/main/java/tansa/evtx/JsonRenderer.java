package tansa.evtx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Renders parsed BinXml to the reference JSON shape (the one the Rust {@code evtx} crate
 * prints): an element without attributes is its value ({@code "EventID": 4688}) or null; an
 * element with attributes is {@code {"#attributes": {...}, "#text": ...}} plus its child
 * elements; {@code <Data Name="X">v</Data>} becomes {@code "X": v}; unnamed {@code Data}
 * values gather under {@code "Data": {"#text": ...}}; attributes whose value is null are left
 * out; a repeated key gets a {@code _1}, {@code _2}... suffix so that no value is lost.
 *
 * <p>Not thread-safe: one renderer per chunk.
 */
final class JsonRenderer {
    /** Bound on rendered elements per record: defeats "billion laughs" template expansion. */
    static final int MAX_ELEMENTS_PER_RECORD = 50_000;

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final BinXmlParser parser;
    private int budget;

    JsonRenderer(BinXmlParser parser) {
        this.parser = parser;
    }

    /** Renders a record's fragment into a fresh root object. */
    ObjectNode render(BinXmlNode[] fragment) {
        budget = MAX_ELEMENTS_PER_RECORD;
        ObjectNode root = F.objectNode();
        renderNodes(fragment, null, root, 0);
        return root;
    }

    private void renderNodes(BinXmlNode[] nodes, Values values, ObjectNode target, int depth) {
        for (BinXmlNode n : nodes) {
            if (n instanceof BinXmlNode.Element) {
                renderElement((BinXmlNode.Element) n, values, target, depth + 1);
            } else if (n instanceof BinXmlNode.TemplateInstance) {
                BinXmlNode.TemplateInstance ti = (BinXmlNode.TemplateInstance) n;
                renderNodes(ti.template().body(), ti.values(), target, depth + 1);
            }
        }
    }

    private void renderElement(BinXmlNode.Element e, Values values, ObjectNode parent, int depth) {
        if (--budget < 0) {
            throw parser.error(0, "record expands to more than " + MAX_ELEMENTS_PER_RECORD + " elements");
        }
        if (depth > BinXmlParser.MAX_DEPTH) {
            throw parser.error(0, "record nests deeper than " + BinXmlParser.MAX_DEPTH + " elements");
        }
        String name = e.name();
        ObjectNode attributes = null;
        String dataName = null;
        boolean isData = name.equals("Data");
        for (BinXmlNode.Attribute a : e.attributes()) {
            JsonNode v = concat(a.value(), values);
            if (v == null) {
                continue;
            }
            if (isData && a.name().equals("Name")) {
                dataName = v.isTextual() ? v.textValue() : v.asText();
                continue;
            }
            if (attributes == null) {
                attributes = object(e.attributes().length);
            }
            attributes.set(a.name(), v);
        }
        // The element's object, created when it has attributes or child elements: attributes
        // first, then children in document order, then "#text" (the reference's key order).
        ObjectNode node = null;
        if (attributes != null && !isData) {
            node = object(4 + e.children().length);
            node.set("#attributes", attributes);
        }
        JsonNode text = null;
        for (BinXmlNode c : e.children()) {
            if (c instanceof BinXmlNode.Element) {
                if (node == null) {
                    node = object(e.children().length);
                }
                renderElement((BinXmlNode.Element) c, values, node, depth + 1);
            } else if (c instanceof BinXmlNode.Text) {
                text = append(text, TextNode.valueOf(((BinXmlNode.Text) c).text()));
            } else if (c instanceof BinXmlNode.Substitution) {
                BinXmlNode.Substitution s = (BinXmlNode.Substitution) c;
                if (values == null || s.index() >= values.count()) {
                    continue;
                }
                if (values.types()[s.index()] == ValueDecoder.BINXML) {
                    if (node == null) {
                        node = object(e.children().length);
                    }
                    renderEmbedded(values, s.index(), node, depth);
                } else {
                    JsonNode v = value(values, s.index());
                    if (v != null) {
                        text = append(text, v);
                    }
                }
            } else if (c instanceof BinXmlNode.TemplateInstance) {
                if (node == null) {
                    node = object(e.children().length);
                }
                BinXmlNode.TemplateInstance ti = (BinXmlNode.TemplateInstance) c;
                renderNodes(ti.template().body(), ti.values(), node, depth + 1);
            }
        }
        if (isData) {
            if (dataName != null) {
                putUnique(parent, dataName, text != null ? text : (node != null && node.size() > 0 ? node : null));
            } else if (text != null) {
                addUnnamedData(parent, text);
            }
            return;
        }
        if (node == null || node.isEmpty()) {
            putUnique(parent, name, text);
            return;
        }
        if (text != null) {
            node.set("#text", text);
        }
        putUnique(parent, name, node);
    }

    /** Unnamed {@code <Data>} values gather under {@code "Data": {"#text": v}} (an array from the second on). */
    private static void addUnnamedData(ObjectNode parent, JsonNode text) {
        JsonNode existing = parent.get("Data");
        if (existing instanceof ObjectNode && existing.has("#text")) {
            ObjectNode holder = (ObjectNode) existing;
            JsonNode prev = holder.get("#text");
            ArrayNode arr;
            if (prev instanceof ArrayNode) {
                arr = (ArrayNode) prev;
            } else {
                arr = F.arrayNode();
                arr.add(prev);
                holder.set("#text", arr);
            }
            arr.add(text);
        } else {
            ObjectNode holder = F.objectNode();
            holder.set("#text", text);
            putUnique(parent, "Data", holder);
        }
    }

    private void renderEmbedded(Values values, int index, ObjectNode target, int depth) {
        int off = values.offsets()[index];
        int size = values.sizes()[index];
        if (size == 0) {
            return;
        }
        BinXmlNode[] nodes = parser.parseFragment(off, off + size, true, depth + 1);
        renderNodes(nodes, null, target, depth + 1);
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
                out = append(out, TextNode.valueOf(((BinXmlNode.Text) p).text()));
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
        return TextNode.valueOf(asText(prev) + asText(next));
    }

    private static String asText(JsonNode n) {
        return n.isValueNode() ? n.asText() : n.toString();
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
