package tansa.scope;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Writes a {@link Graph} as JSON ({@code {"nodes": [...], "edges": [...]}}), GraphML (for Gephi,
 * yEd, Cytoscape) or one self-contained HTML page (the JSON inside, the layout and filters in
 * plain inline JavaScript: no network access, no library).
 */
public final class GraphWriter {
    private static final JsonFactory JSON = new JsonFactory();
    private static final String DATA_MARK = "/*GRAPH_DATA*/null";

    private GraphWriter() {
    }

    /** The graph as pretty-printed JSON, UTF-8. */
    public static void json(Graph g, OutputStream out) throws IOException {
        try (JsonGenerator j = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            j.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            j.useDefaultPrettyPrinter();
            write(g, j);
        }
    }

    private static void write(Graph g, JsonGenerator j) throws IOException {
        j.writeStartObject();
        j.writeArrayFieldStart("nodes");
        for (GraphNode n : g.nodes()) {
            j.writeStartObject();
            j.writeStringField("id", n.id());
            j.writeStringField("kind", n.kind());
            j.writeStringField("label", n.label());
            strings(j, "names", n.names());
            if (!n.kind().equals("account")) {
                strings(j, "addresses", n.addresses());
            } else {
                strings(j, "domains", n.domains());
            }
            time(j, "first", n.first());
            time(j, "last", n.last());
            j.writeEndObject();
        }
        j.writeEndArray();
        j.writeArrayFieldStart("edges");
        for (GraphEdge e : g.edges()) {
            j.writeStartObject();
            j.writeStringField("source", e.source());
            j.writeStringField("target", e.target());
            j.writeStringField("kind", e.kind());
            j.writeNumberField("count", e.count());
            time(j, "first", e.first());
            time(j, "last", e.last());
            strings(j, "accounts", e.accounts());
            if (!e.logonTypes().isEmpty()) {
                strings(j, "logon_types", e.logonTypes());
            }
            if (!e.ports().isEmpty()) {
                strings(j, "ports", e.ports());
            }
            j.writeArrayFieldStart("evidence");
            for (GraphEdge.Evidence ev : e.evidence()) {
                j.writeStartObject();
                j.writeStringField("source", ev.source());
                j.writeNumberField("record_id", ev.recordId());
                j.writeStringField("event", ev.event());
                time(j, "time", ev.time());
                j.writeEndObject();
            }
            j.writeEndArray();
            j.writeEndObject();
        }
        j.writeEndArray();
        j.writeEndObject();
    }

    private static void strings(JsonGenerator j, String name, List<String> values) throws IOException {
        j.writeArrayFieldStart(name);
        for (String v : values) {
            j.writeString(v);
        }
        j.writeEndArray();
    }

    private static void time(JsonGenerator j, String name, Instant t) throws IOException {
        if (t == null) {
            j.writeNullField(name);
        } else {
            j.writeStringField(name, t.toString());
        }
    }

    /** The graph as GraphML 1.0: node and edge attributes as keys; lists joined with {@code ", "}. */
    public static void graphml(Graph g, Writer out) throws IOException {
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.write("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n");
        String[][] keys = {{"kind", "node"}, {"label", "node"}, {"names", "node"}, {"addresses", "node"}, {"first", "node"},
                {"last", "node"}, {"kind", "edge"}, {"count", "edge"}, {"first", "edge"}, {"last", "edge"}, {"accounts", "edge"},
                {"logon_types", "edge"}, {"ports", "edge"}, {"evidence", "edge"}};
        for (String[] k : keys) {
            out.write("  <key id=\"" + k[1].charAt(0) + "_" + k[0] + "\" for=\"" + k[1] + "\" attr.name=\"" + k[0] + "\" attr.type=\""
                    + (k[0].equals("count") ? "long" : "string") + "\"/>\n");
        }
        out.write("  <graph id=\"movements\" edgedefault=\"directed\">\n");
        for (GraphNode n : g.nodes()) {
            out.write("    <node id=\"" + xml(n.id()) + "\">");
            data(out, "n_kind", n.kind());
            data(out, "n_label", n.label());
            data(out, "n_names", String.join(", ", n.names()));
            data(out, "n_addresses", String.join(", ", n.kind().equals("account") ? n.domains() : n.addresses()));
            data(out, "n_first", n.first() == null ? "" : n.first().toString());
            data(out, "n_last", n.last() == null ? "" : n.last().toString());
            out.write("</node>\n");
        }
        int i = 0;
        for (GraphEdge e : g.edges()) {
            out.write("    <edge id=\"e" + (i++) + "\" source=\"" + xml(e.source()) + "\" target=\"" + xml(e.target()) + "\">");
            data(out, "e_kind", e.kind());
            data(out, "e_count", Long.toString(e.count()));
            data(out, "e_first", e.first() == null ? "" : e.first().toString());
            data(out, "e_last", e.last() == null ? "" : e.last().toString());
            data(out, "e_accounts", String.join(", ", e.accounts()));
            data(out, "e_logon_types", String.join(", ", e.logonTypes()));
            data(out, "e_ports", String.join(", ", e.ports()));
            StringBuilder ev = new StringBuilder();
            for (GraphEdge.Evidence x : e.evidence()) {
                if (ev.length() > 0) {
                    ev.append('\n');
                }
                ev.append(x.source()).append('#').append(x.recordId()).append(' ').append(x.event());
            }
            data(out, "e_evidence", ev.toString());
            out.write("</edge>\n");
        }
        out.write("  </graph>\n</graphml>\n");
    }

    private static void data(Writer out, String key, String value) throws IOException {
        if (value != null && !value.isEmpty()) {
            out.write("<data key=\"" + key + "\">" + xml(value) + "</data>");
        }
    }

    /** XML text: markup escaped, characters XML 1.0 cannot carry replaced by U+FFFD. */
    static String xml(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<': b.append("&lt;"); break;
                case '>': b.append("&gt;"); break;
                case '&': b.append("&amp;"); break;
                case '"': b.append("&quot;"); break;
                case '\'': b.append("&apos;"); break;
                default:
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0xFFFE || c == 0xFFFF) {
                        b.append('\uFFFD');
                    } else {
                        b.append(c);
                    }
            }
        }
        return b.toString();
    }

    /**
     * The graph as one HTML page that works offline: the JSON in a script element (with
     * {@code <} escaped, so evidence text can never close it), drawn by the page's own script.
     */
    public static void html(Graph g, OutputStream out) throws IOException {
        String template;
        try (InputStream in = GraphWriter.class.getResourceAsStream("graph.html")) {
            if (in == null) {
                throw new IOException("graph.html is missing from the build");
            }
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int at = template.indexOf(DATA_MARK);
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        try (JsonGenerator j = JSON.createGenerator(data, JsonEncoding.UTF8)) {
            write(g, j);
        }
        String json = data.toString(StandardCharsets.UTF_8).replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
        out.write(template.substring(0, at).getBytes(StandardCharsets.UTF_8));
        out.write(json.getBytes(StandardCharsets.UTF_8));
        out.write(template.substring(at + DATA_MARK.length()).getBytes(StandardCharsets.UTF_8));
    }
}
