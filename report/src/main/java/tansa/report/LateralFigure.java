package tansa.report;

import static tansa.report.Html.esc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The lateral-movement figure: the stored movement graph ({@code tansa graph -f json}) drawn as
 * inline SVG, hosts and addresses on a circle in name order, an arrow per (source, target) with
 * its width by count. Only the busiest edges are drawn, so the figure stays readable; the edge
 * kinds that are not movements (an account's sign-ins) are left out.
 */
public final class LateralFigure {
    static final int MAX_EDGES = 40;

    private LateralFigure() {
    }

    /**
     * The figure of {@code graph} (as {@code tansa graph -f json} writes it) with its caption in
     * {@code lang}, as inline SVG without script or style attributes: for pages beside the report
     * (the console's lateral-movement page). Empty when the graph has no movement edge.
     */
    public static String figure(JsonNode graph, Lang lang) {
        long[] total = new long[1];
        List<Edge> edges = edges(graph, total);
        if (edges.isEmpty()) {
            return "";
        }
        String caption = new Messages(lang).get("lateral.figure", (long) edges.size(), total[0]);
        return "<figure class=\"chart\" id=\"lateral-figure\">" + svg(graph, edges, caption)
                + "<figcaption>" + esc(caption) + "</figcaption></figure>";
    }

    record Edge(String source, String target, long count, String kinds) {
    }

    /** The edges to draw, busiest first; {@code total} receives the number of movement edges. */
    static List<Edge> edges(JsonNode graph, long[] total) {
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, java.util.TreeSet<String>> kinds = new HashMap<>();
        for (JsonNode e : graph.path("edges")) {
            String kind = e.path("kind").asText();
            if (kind.equals("account")) {
                continue;
            }
            String key = e.path("source").asText() + "\u0000" + e.path("target").asText();
            counts.computeIfAbsent(key, k -> new long[1])[0] += Math.max(1, e.path("count").asLong());
            kinds.computeIfAbsent(key, k -> new java.util.TreeSet<>()).add(kind);
        }
        total[0] = counts.size();
        List<Edge> out = new ArrayList<>();
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
            String[] st = e.getKey().split("\u0000", 2);
            out.add(new Edge(st[0], st[1], e.getValue()[0], String.join(", ", kinds.get(e.getKey()))));
        }
        out.sort(Comparator.comparingLong(Edge::count).reversed().thenComparing(Edge::source).thenComparing(Edge::target));
        return out.size() > MAX_EDGES ? List.copyOf(out.subList(0, MAX_EDGES)) : List.copyOf(out);
    }

    /** Node id to label, from the graph's nodes. */
    static Map<String, String> labels(JsonNode graph) {
        Map<String, String> out = new HashMap<>();
        for (JsonNode n : graph.path("nodes")) {
            out.put(n.path("id").asText(), n.path("label").asText(n.path("id").asText()));
        }
        return out;
    }

    static String svg(JsonNode graph, List<Edge> edges, String ariaLabel) {
        Map<String, String> labels = labels(graph);
        Map<String, Integer> index = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (Edge e : edges) {
            names.add(e.source());
            names.add(e.target());
        }
        names = new ArrayList<>(new java.util.TreeSet<>(names));
        for (String n : names) {
            index.put(n, index.size());
        }
        int w = 900;
        int h = 620;
        double cx = w / 2.0;
        double cy = h / 2.0;
        double r = Math.min(w, h) / 2.0 - 110;
        int n = Math.max(1, names.size());
        long max = 1;
        for (Edge e : edges) {
            max = Math.max(max, e.count());
        }
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(w).append(' ').append(h)
                .append("\" role=\"img\" aria-label=\"").append(esc(ariaLabel)).append("\">")
                .append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"18\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"9\" markerHeight=\"9\""
                        + " orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#c62828\"/></marker></defs>");
        for (Edge e : edges) {
            double[] a = at(index.get(e.source()), n, cx, cy, r);
            double[] b = at(index.get(e.target()), n, cx, cy, r);
            double width = 1 + 4 * Math.log1p(e.count()) / Math.log1p(max);
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#c62828\""
                    + " stroke-opacity=\"0.6\" stroke-width=\"%.1f\" marker-end=\"url(#arrow)\"><title>%s → %s: %d (%s)</title></line>",
                    a[0], a[1], b[0], b[1], width, esc(label(labels, e.source())), esc(label(labels, e.target())), e.count(),
                    esc(e.kinds())));
        }
        for (String name : names) {
            double[] p = at(index.get(name), n, cx, cy, r);
            double[] t = at(index.get(name), n, cx, cy, r + 14);
            String anchor = t[0] < cx - 5 ? "end" : t[0] > cx + 5 ? "start" : "middle";
            String text = label(labels, name);
            if (text.length() > 28) {
                text = text.substring(0, 27) + "…";
            }
            s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"6\" fill=\"%s\"/>", p[0], p[1],
                    name.startsWith("addr:") || Character.isDigit(text.isEmpty() ? 'x' : text.charAt(0)) ? "#546e7a" : "#0d47a1"));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"%s\" dominant-baseline=\"middle\">%s</text>",
                    t[0], t[1], anchor, esc(text)));
        }
        return s.append("</svg>").toString();
    }

    static String label(Map<String, String> labels, String id) {
        String l = labels.get(id);
        return l == null || l.isEmpty() ? id : l;
    }

    private static double[] at(int i, int n, double cx, double cy, double r) {
        double angle = -Math.PI / 2 + 2 * Math.PI * i / n;
        return new double[] {cx + r * Math.cos(angle), cy + r * Math.sin(angle)};
    }
}
