package tansa.console;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import static tansa.console.Html.esc;

/** Inline SVG charts drawn on the server: no script, no style attribute (presentation attributes only). */
final class Charts {
    private static final int W = 720;
    private static final int H = 160;

    private Charts() {
    }

    /** Detections per bucket as columns, the busiest labelled; each column's title gives its start and count. */
    static String timeline(List<CaseQueries.Bucket> buckets, String unit, String label) {
        StringBuilder b = new StringBuilder("<svg class=\"chart\" id=\"timeline\" role=\"img\" viewBox=\"0 0 ")
                .append(W).append(' ').append(H + 20).append("\" width=\"").append(W).append("\" height=\"").append(H + 20)
                .append("\"><title>").append(esc(label)).append("</title>");
        if (buckets.isEmpty()) {
            return b.append("</svg>").toString();
        }
        long max = 1;
        for (CaseQueries.Bucket k : buckets) {
            max = Math.max(max, k.n());
        }
        DateTimeFormatter f = DateTimeFormatter.ofPattern(unit.equals("month") ? "yyyy-MM" : unit.equals("hour")
                ? "yyyy-MM-dd HH:00" : "yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);
        double w = (double) W / buckets.size();
        for (int i = 0; i < buckets.size(); i++) {
            CaseQueries.Bucket k = buckets.get(i);
            double h = Math.max(1, (double) k.n() / max * (H - 4));
            b.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#c0392b\">",
                    i * w, H - h, Math.max(1, w - 1), h))
                    .append("<title>").append(esc(f.format(k.start()))).append(": ").append(k.n()).append("</title></rect>");
        }
        b.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\" font-size=\"11\" fill=\"#555\">%s</text>", H + 15,
                esc(f.format(buckets.get(0).start()))));
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"#555\" text-anchor=\"end\">%s</text>", W,
                H + 15, esc(f.format(buckets.get(buckets.size() - 1).start()))));
        return b.append("</svg>").toString();
    }

    /** A count table with a proportional bar per row; {@code href} gives each key's link (null: none). */
    static String bars(String id, List<CaseQueries.Count> counts, java.util.function.Function<String, String> href,
                       java.util.function.Function<String, String> label) {
        StringBuilder b = new StringBuilder("<table class=\"bars\" id=\"").append(esc(id)).append("\">");
        long max = 1;
        for (CaseQueries.Count c : counts) {
            max = Math.max(max, c.n());
        }
        for (CaseQueries.Count c : counts) {
            String text = esc(label.apply(c.key()));
            b.append("<tr><td>");
            if (href != null) {
                b.append("<a href=\"").append(esc(href.apply(c.key()))).append("\">").append(text).append("</a>");
            } else {
                b.append(text);
            }
            int w = (int) Math.max(1, c.n() * 200 / max);
            b.append("</td><td class=\"num\">").append(c.n()).append("</td><td><svg width=\"200\" height=\"10\" aria-hidden=\"true\">")
                    .append("<rect width=\"").append(w).append("\" height=\"10\" fill=\"#2c6fbb\"/></svg></td></tr>");
        }
        return b.append("</table>").toString();
    }
}
