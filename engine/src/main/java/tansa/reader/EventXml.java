package tansa.reader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.StringReader;
import java.util.Set;

/**
 * One Windows event rendered as XML ({@code <Event xmlns=...><System>...</System><EventData>
 * <Data Name="X">...</Data>...}, what Splunk's {@code XmlWinEventLog} keeps in {@code _raw} and
 * what {@code wevtutil} and Get-WinEvent's ToXml() print) converted to the reference shape:
 * attributes under {@code #attributes}, element text as the value (under {@code #text} when the
 * element also has attributes), {@code <Data Name="X">} as {@code "X"}, System's integer elements
 * as numbers. No DTDs or external entities are read. Not thread-safe (one per {@link JsonShapes}).
 */
final class EventXml {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** System elements and attributes the EVTX decoder writes as JSON numbers. */
    private static final Set<String> NUMBERS = Set.of("EventID", "Version", "Level", "Task", "Opcode", "EventRecordID",
            "ProcessID", "ThreadID");
    /** Elements of one event at most (a hostile _raw stays cheap). */
    private static final int MAX_ELEMENTS = 50_000;

    private final XMLInputFactory factory;

    EventXml() {
        factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    }

    /** The event in the reference shape; null when the text is not a well-formed {@code <Event>}. */
    ObjectNode toReference(String xml) {
        try {
            XMLStreamReader r = factory.createXMLStreamReader(new StringReader(xml));
            try {
                while (r.hasNext() && r.next() != XMLStreamConstants.START_ELEMENT) {
                    // skip the prolog
                }
                if (!r.isStartElement() || !r.getLocalName().equals("Event")) {
                    return null;
                }
                ObjectNode root = F.objectNode();
                ObjectNode event = root.putObject("Event");
                String ns = r.getNamespaceURI();
                if (ns != null && !ns.isEmpty()) {
                    event.putObject("#attributes").put("xmlns", ns);
                }
                int[] budget = {MAX_ELEMENTS};
                while (r.next() != XMLStreamConstants.END_ELEMENT) {
                    if (r.isStartElement()) {
                        String section = r.getLocalName();
                        event.set(section, section.equals("EventData") ? eventData(r, budget) : element(r, section, budget));
                    }
                }
                return root;
            } finally {
                r.close();
            }
        } catch (XMLStreamException | IllegalStateException e) {
            return null;
        }
    }

    /** An element (the reader on its start tag) as the reference shape renders it; the reader ends on its end tag. */
    private JsonNode element(XMLStreamReader r, String name, int[] budget) throws XMLStreamException {
        if (--budget[0] < 0) {
            throw new IllegalStateException("more than " + MAX_ELEMENTS + " elements");
        }
        ObjectNode attrs = null;
        for (int i = 0; i < r.getAttributeCount(); i++) {
            if (attrs == null) {
                attrs = F.objectNode();
            }
            String a = r.getAttributeLocalName(i);
            attrs.set(a, value(a, r.getAttributeValue(i)));
        }
        ObjectNode children = null;
        StringBuilder text = null;
        int ev;
        while ((ev = r.next()) != XMLStreamConstants.END_ELEMENT) {
            if (ev == XMLStreamConstants.START_ELEMENT) {
                if (children == null) {
                    children = F.objectNode();
                }
                String child = r.getLocalName();
                JsonNode v = element(r, child, budget);
                String key = child;
                for (int n = 1; children.has(key); n++) {
                    key = child + "_" + n;
                }
                children.set(key, v);
            } else if (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA) {
                if (text == null) {
                    text = new StringBuilder();
                }
                text.append(r.getText());
            }
        }
        String t = text == null ? null : text.toString().strip();
        if (t != null && t.isEmpty()) {
            t = null;
        }
        if (attrs == null && children == null) {
            return t == null ? F.nullNode() : value(name, t);
        }
        ObjectNode out = children == null ? F.objectNode() : children;
        if (attrs != null) {
            ObjectNode o = F.objectNode();
            o.set("#attributes", attrs);
            o.setAll(out);
            out = o;
        }
        if (t != null) {
            out.set("#text", value(name, t));
        }
        return out;
    }

    /** EventData: each {@code <Data Name="X">} as {@code "X"}; unnamed ones joined under {@code Data.#text}. */
    private JsonNode eventData(XMLStreamReader r, int[] budget) throws XMLStreamException {
        ObjectNode out = F.objectNode();
        StringBuilder unnamed = null;
        int ev;
        while ((ev = r.next()) != XMLStreamConstants.END_ELEMENT) {
            if (ev != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            String name = r.getAttributeValue(null, "Name");
            JsonNode v = element(r, r.getLocalName(), budget);
            String text = v.isObject() ? v.path("#text").asText("") : v.isNull() ? "" : v.asText();
            if (name != null) {
                out.put(name, text);
            } else {
                unnamed = unnamed == null ? new StringBuilder(text) : unnamed.append(',').append(text);
            }
        }
        if (unnamed != null) {
            out.putObject("Data").put("#text", unnamed.toString());
        }
        return out.isEmpty() ? F.nullNode() : out;
    }

    private static JsonNode value(String name, String text) {
        return NUMBERS.contains(name) ? JsonShapes.number(F.textNode(text)) : F.textNode(text);
    }
}
