package tansa.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import tansa.casefile.CaseStore;
import tansa.casefile.CaseView;
import tansa.report.Claims;
import tansa.report.Exposure;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import static tansa.console.Html.esc;
import static tansa.console.Html.url;
import static tansa.console.Messages.t;

/**
 * The exposure findings page (the scans and leak-claim checks attached with {@code tansa ingest
 * --scan/--claims}: findings and distinct values per category, coverage, the claim result) and the
 * IOCs page (indicator hits among the case's detections), with their API. Read-only.
 */
final class ExposureViews {
    private final Map<String, ServedCase> cases;

    ExposureViews(Map<String, ServedCase> cases) {
        this.cases = cases;
    }

    record Findings(Exposure exposure, Claims claims) {
    }

    /** Indicator hits: the detections an IOC matched (rule titles 'IOC: ...'), per indicator. */
    record IocHit(String indicator, String title, String level, long hits, long hosts, String first, String last) {
    }

    static Findings findings(ServedCase c) {
        return c.db().read(conn -> {
            try (CaseStore view = CaseStore.over(c.db().dir(), conn)) {
                CaseView v = new CaseView(view);
                return new Findings(Exposure.of(v.scanSummaries(), Json.MAPPER), Claims.of(v.claims(), Json.MAPPER));
            }
        });
    }

    static List<IocHit> iocHits(ServedCase c) {
        return c.db().read(conn -> {
            List<IocHit> out = new ArrayList<>();
            try (PreparedStatement p = conn.prepareStatement("SELECT rule_id, rule_title, max(level), count(*), count(DISTINCT computer), "
                    + "CAST(min(ts) AS VARCHAR), CAST(max(ts) AS VARCHAR) FROM detection WHERE rule_title LIKE 'IOC: %' "
                    + "GROUP BY rule_id, rule_title ORDER BY 4 DESC, 1 LIMIT 1000"); ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new IocHit(r.getString(1), r.getString(2), r.getString(3), r.getLong(4), r.getLong(5), r.getString(6),
                            r.getString(7)));
                }
            }
            return out;
        });
    }

    void exposurePage(Context ctx) {
        ServedCase c = Pages.theCase(cases, ctx);
        Findings f = findings(c);
        StringBuilder b = new StringBuilder();
        Exposure e = f.exposure();
        if (e == null) {
            b.append("<p class=\"note\" id=\"exposure-none\">").append(esc(t(ctx, "exposure.none"))).append("</p>");
        } else {
            long unread = e.unread();
            b.append("<p id=\"exposure-summary\">").append(esc(t(ctx, "exposure.summary").replace("{scans}", Integer.toString(e.scans()))
                    .replace("{files}", Long.toString(e.files())).replace("{findings}", Long.toString(e.findings())))).append("</p>");
            b.append("<p id=\"exposure-unread\">").append(esc(t(ctx, "exposure.unread").replace("{unread}", Long.toString(unread))
                    .replace("{files}", Long.toString(e.files())).replace("{share}", share(unread, e.files())))).append("</p>");
            b.append("<div class=\"grid\"><section><h2>").append(esc(t(ctx, "exposure.categories"))).append("</h2>")
                    .append("<table class=\"data\" id=\"exposure-categories\"><tr><th>").append(esc(t(ctx, "exposure.category")))
                    .append("</th><th>").append(esc(t(ctx, "exposure.findings"))).append("</th><th>").append(esc(t(ctx, "exposure.distinct")))
                    .append("</th></tr>");
            TreeSet<String> keys = new TreeSet<>(e.counts().keySet());
            keys.addAll(e.distinct().keySet());
            for (String k : keys) {
                b.append("<tr><td>").append(esc(k)).append("</td><td class=\"num\">").append(e.counts().getOrDefault(k, 0L))
                        .append("</td><td class=\"num\">").append(e.distinct().getOrDefault(k, 0L)).append("</td></tr>");
            }
            b.append("</table>");
            if (e.scans() > 1) {
                b.append("<p class=\"meta\">").append(esc(t(ctx, "exposure.summed"))).append("</p>");
            }
            b.append("</section><section><h2>").append(esc(t(ctx, "exposure.coverage"))).append("</h2><table class=\"data\" id=\"exposure-coverage\"><tr><th>")
                    .append(esc(t(ctx, "exposure.outcome"))).append("</th><th>").append(esc(t(ctx, "exposure.files"))).append("</th><th>%</th></tr>");
            for (Map.Entry<String, Long> cv : e.coverage().entrySet()) {
                if (cv.getKey().equals("checked") || cv.getKey().equals("not_checked")) {
                    continue;
                }
                b.append("<tr").append(Exposure.UNREAD.contains(cv.getKey()) && cv.getValue() > 0 ? " class=\"unread\"" : "").append("><td>")
                        .append(esc(cv.getKey())).append("</td><td class=\"num\">").append(cv.getValue()).append("</td><td class=\"num\">")
                        .append(share(cv.getValue(), e.files())).append("</td></tr>");
            }
            b.append("</table>");
            if (!e.labels().isEmpty()) {
                b.append("<h2>").append(esc(t(ctx, "exposure.labels"))).append("</h2><table class=\"data\" id=\"exposure-labels\">");
                for (Map.Entry<String, Long> l : e.labels().entrySet()) {
                    b.append("<tr><td>").append(esc(l.getKey())).append("</td><td class=\"num\">").append(l.getValue()).append("</td></tr>");
                }
                b.append("</table>");
            }
            b.append("</section></div>");
        }
        b.append("<h2>").append(esc(t(ctx, "exposure.claims"))).append("</h2>");
        Claims cl = f.claims();
        if (cl == null) {
            b.append("<p class=\"note\" id=\"claims-none\">").append(esc(t(ctx, "exposure.claims_none"))).append("</p>");
        } else {
            b.append("<p id=\"claims-result\" class=\"headline\">").append(esc(t(ctx, "exposure.claims_result")
                    .replace("{confirmed}", Long.toString(cl.confirmed())).replace("{claimed}", Long.toString(cl.claimed()))
                    .replace("{marked}", Long.toString(cl.confirmedWithMarkings())))).append("</p>");
            b.append("<table class=\"data\" id=\"claims\"><tr><td>").append(esc(t(ctx, "exposure.size_mismatch"))).append("</td><td class=\"num\">")
                    .append(cl.sizeMismatch()).append("</td></tr><tr><td>").append(esc(t(ctx, "exposure.hash_mismatch")))
                    .append("</td><td class=\"num\">").append(cl.hashMismatch()).append("</td></tr><tr><td>")
                    .append(esc(t(ctx, "exposure.not_found"))).append("</td><td class=\"num\">").append(cl.notFound()).append("</td></tr>");
            if (cl.samples() > 0) {
                b.append("<tr><td>").append(esc(t(ctx, "exposure.samples"))).append("</td><td class=\"num\">").append(cl.samplesIdentical())
                        .append(" / ").append(cl.samples()).append("</td></tr>");
            }
            b.append("</table>");
        }
        Pages.html(ctx, Layout.page(ctx, t(ctx, "tab.exposure"), c.id(), "exposure", b.toString()));
    }

    private static String share(long part, long whole) {
        return whole == 0 ? "0" : String.format(Locale.ROOT, "%.1f", 100.0 * part / whole);
    }

    void iocPage(Context ctx) {
        ServedCase c = Pages.theCase(cases, ctx);
        List<IocHit> hits = iocHits(c);
        StringBuilder b = new StringBuilder();
        if (hits.isEmpty()) {
            b.append("<p class=\"note\" id=\"iocs-none\">").append(esc(t(ctx, "iocs.none"))).append("</p>");
        } else {
            b.append("<p>").append(esc(t(ctx, "iocs.about"))).append("</p><table class=\"data\" id=\"iocs\"><tr><th>")
                    .append(esc(t(ctx, "iocs.indicator"))).append("</th><th>").append(esc(t(ctx, "col.level"))).append("</th><th>")
                    .append(esc(t(ctx, "iocs.hits"))).append("</th><th>").append(esc(t(ctx, "col.hosts"))).append("</th><th>")
                    .append(esc(t(ctx, "col.first"))).append("</th><th>").append(esc(t(ctx, "col.last"))).append("</th></tr>");
            for (IocHit h : hits) {
                b.append("<tr><td><a href=\"/cases/").append(esc(url(c.id()))).append("/detections?rule=").append(esc(url(h.indicator())))
                        .append("\">").append(esc(h.title())).append("</a><br><span class=\"meta\">").append(esc(h.indicator()))
                        .append("</span></td><td>").append(esc(h.level())).append("</td><td class=\"num\">").append(h.hits())
                        .append("</td><td class=\"num\">").append(h.hosts()).append("</td><td>").append(esc(h.first())).append("</td><td>")
                        .append(esc(h.last())).append("</td></tr>");
            }
            b.append("</table>");
        }
        Pages.html(ctx, Layout.page(ctx, t(ctx, "tab.iocs"), c.id(), "iocs", b.toString()));
    }

    void apiExposure(Context ctx) {
        Findings f = findings(Pages.theCase(cases, ctx));
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.set("exposure", f.exposure() == null ? null : Json.MAPPER.valueToTree(f.exposure()));
        if (f.exposure() != null) {
            ((ObjectNode) o.get("exposure")).put("unread", f.exposure().unread());
        }
        o.set("claims", f.claims() == null ? null : Json.MAPPER.valueToTree(f.claims()));
        Api.json(ctx, 200, o);
    }

    void apiIocs(Context ctx) {
        Api.json(ctx, 200, Json.MAPPER.valueToTree(iocHits(Pages.theCase(cases, ctx))));
    }
}
