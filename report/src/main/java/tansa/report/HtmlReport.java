package tansa.report;

import static tansa.report.Html.esc;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import tansa.casefile.CaseView;
import tansa.report.clock.Clock;

/**
 * The report as one self-contained HTML page: inline CSS, charts drawn as inline SVG, no script and
 * nothing fetched, so it opens offline, prints to PDF as it shows, and cannot run anything. Each
 * number links to the console view that lists what it counts and carries its query as a tooltip.
 */
public final class HtmlReport {
    private static final String[] LEVEL_COLOURS = {"#7b1fa2", "#c62828", "#ef6c00", "#f9a825", "#90a4ae"};
    private final ReportData d;
    private final Messages m;
    private final String consoleBase;
    private final StringBuilder b = new StringBuilder(64 * 1024);

    /** {@code consoleBase}: the console's page of this case, e.g. {@code http://127.0.0.1:8080/cases/1/}. */
    public HtmlReport(ReportData data, Messages messages, String consoleBase) {
        this.d = data;
        this.m = messages;
        this.consoleBase = consoleBase.endsWith("/") ? consoleBase : consoleBase + "/";
    }

    public String render() {
        b.append("<!DOCTYPE html>\n<html lang=\"").append(m.lang() == Lang.JA ? "ja" : "en").append("\">\n<head>\n")
                .append("<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n")
                .append("<title>").append(esc(m.get("title") + " — " + d.caseName())).append("</title>\n<style>\n")
                .append(CSS).append("</style>\n</head>\n<body>\n");
        b.append("<header><h1>").append(esc(m.get("title"))).append("</h1><p class=\"sub\">")
                .append(esc(m.get("subtitle", d.caseName()))).append("</p><p class=\"gen\">")
                .append(esc(m.get("generated", m.time(d.generatedAt()), d.toolVersion()))).append("</p></header>\n");
        toc();
        summary();
        clocks();
        timeline();
        hosts();
        accounts();
        segments();
        attack();
        lateral();
        exposure();
        claims();
        countermeasures();
        method();
        evidence();
        b.append("<footer>").append(esc(m.get("footer"))).append("</footer>\n</body>\n</html>\n");
        return b.toString();
    }

    private static final String[] SECTIONS = {"summary", "clocks", "timeline", "hosts", "accounts", "segments",
        "attack", "lateral", "exposure", "claims", "countermeasures", "method", "evidence"};

    private void toc() {
        b.append("<nav><h2>").append(esc(m.get("toc"))).append("</h2><ol>");
        for (String s : SECTIONS) {
            b.append("<li><a href=\"#").append(s).append("\">").append(esc(m.get("s." + s))).append("</a></li>");
        }
        b.append("</ol></nav>\n");
    }

    private void h2(String id) {
        b.append("<section id=\"").append(id).append("\"><h2>").append(esc(m.get("s." + id))).append("</h2>\n");
    }

    private void end() {
        b.append("</section>\n");
    }

    private void missing(String id, String key) {
        h2(id);
        b.append("<p class=\"missing\">").append(esc(m.get(key))).append("</p>\n");
        end();
    }

    /** A number that links to its console view, with its query as the tooltip. */
    private String fig(String id) {
        Figure f = d.figure(id);
        String n = esc(m.number(f.value()));
        if (f.view() == null) {
            return "<span title=\"" + esc(f.query()) + "\">" + n + "</span>";
        }
        return "<a class=\"fig\" data-figure=\"" + esc(id) + "\" href=\"" + esc(consoleBase + f.view()) + "\" title=\""
                + esc(f.query()) + "\">" + n + "</a>";
    }

    private void summary() {
        h2("summary");
        b.append("<div class=\"kpis\">");
        for (String k : new String[] {"evidence", "events", "detections", "hosts", "accounts"}) {
            kpi(k, m.get("kpi." + k));
        }
        b.append("</div>\n<dl class=\"answers\">");
        for (Sections.Answer a : Sections.summary(d, m)) {
            b.append("<dt>").append(esc(a.question())).append("</dt><dd>").append(linked(a));
            b.append("</dd>");
        }
        b.append("</dl>\n<table class=\"levels\"><tr>");
        for (String level : ReportData.LEVELS) {
            b.append("<th>").append(esc(m.level(level))).append("</th>");
        }
        b.append("</tr><tr>");
        for (String level : ReportData.LEVELS) {
            b.append("<td>").append(fig("detections." + level)).append("</td>");
        }
        b.append("</tr></table>\n");
        end();
    }

    /** The answer with each of its figures' numbers turned into that figure's link (appended if not in the text). */
    private String linked(Sections.Answer a) {
        String html = esc(a.answer());
        for (String id : a.figures()) {
            String n = java.util.regex.Pattern.quote(esc(m.number(d.figure(id).value())));
            java.util.regex.Matcher x = java.util.regex.Pattern.compile("(?<![\\d,.>])" + n + "(?![\\d,.]*\\d)").matcher(html);
            html = x.find() ? html.substring(0, x.start()) + fig(id) + html.substring(x.end()) : html + " " + fig(id);
        }
        return html;
    }

    private void kpi(String id, String label) {
        b.append("<div class=\"kpi\"><div class=\"n\">").append(fig(id)).append("</div><div class=\"l\">")
                .append(esc(label)).append("</div></div>");
    }

    private void clocks() {
        h2("clocks");
        if (d.clocks().isEmpty()) {
            b.append("<p class=\"missing\">").append(esc(m.get("clock.none", Facts.REGIMES))).append("</p>\n");
            end();
            return;
        }
        b.append("<table class=\"clocks\"><tr>");
        for (String c : new String[] {"col.obligation", "col.due", "col.left", "col.trigger", "col.basis"}) {
            b.append("<th>").append(esc(m.get(c))).append("</th>");
        }
        b.append("</tr>");
        for (Clock c : d.clocks()) {
            String[] row = Sections.clockRow(c, m, d.generatedAt());
            b.append("<tr class=\"clock ").append(c.status().name().toLowerCase(java.util.Locale.ROOT)).append("\">");
            for (int i = 0; i < row.length; i++) {
                b.append(i == 4 ? "<td class=\"basis\">" : "<td>").append(esc(row[i])).append("</td>");
            }
            b.append("</tr>");
        }
        b.append("</table>\n");
        end();
    }

    private void timeline() {
        h2("timeline");
        if (d.perDay().isEmpty()) {
            b.append("<p class=\"missing\">").append(esc(m.get("missing.timeline"))).append("</p>\n");
            end();
            return;
        }
        b.append("<figure class=\"chart\" id=\"chart-per-day\">").append(perDayChart())
                .append("<figcaption>").append(esc(m.get("chart.perDay"))).append("</figcaption></figure>\n");
        b.append("<table><tr><th>").append(esc(m.get("col.day"))).append("</th>");
        for (String level : ReportData.LEVELS) {
            b.append("<th>").append(esc(m.level(level))).append("</th>");
        }
        b.append("</tr>");
        int rows = 0;
        for (Map.Entry<LocalDate, long[]> e : d.perDay().entrySet()) {
            if (rows++ == Sections.TOP) {
                b.append("<tr><td colspan=\"6\">").append(esc(m.get("more", (long) d.perDay().size() - Sections.TOP)))
                        .append("</td></tr>");
                break;
            }
            b.append("<tr><td>").append(esc(m.day(e.getKey()))).append("</td>");
            for (long n : e.getValue()) {
                b.append("<td class=\"num\">").append(n == 0 ? "" : esc(m.number(n))).append("</td>");
            }
            b.append("</tr>");
        }
        b.append("</table>\n");
        ruleTable();
        end();
    }

    private void ruleTable() {
        b.append("<table><tr><th>").append(esc(m.get("col.rule"))).append("</th><th>").append(esc(m.get("col.level")))
                .append("</th><th>").append(esc(m.get("col.detections"))).append("</th><th>")
                .append(esc(m.get("col.first"))).append("</th><th>").append(esc(m.get("col.last"))).append("</th></tr>");
        int rows = 0;
        for (ReportData.Rule r : d.rules()) {
            if (rows++ == Sections.TOP) {
                b.append("<tr><td colspan=\"5\">").append(esc(m.get("more", (long) d.rules().size() - Sections.TOP)))
                        .append("</td></tr>");
                break;
            }
            b.append("<tr><td><a href=\"").append(esc(consoleBase + "detections?rule=" + r.id())).append("\">")
                    .append(esc(r.title())).append("</a></td><td>").append(esc(m.level(r.level())))
                    .append("</td><td class=\"num\">").append(esc(m.number(r.detections()))).append("</td><td>")
                    .append(esc(m.time(r.first()))).append("</td><td>").append(esc(m.time(r.last())))
                    .append("</td></tr>");
        }
        b.append("</table>\n");
    }

    /** Detections per day as stacked bars by level; the busiest days when there are too many to draw. */
    private String perDayChart() {
        List<Map.Entry<LocalDate, long[]>> days = new ArrayList<>(d.perDay().entrySet());
        int w = 900;
        int h = 220;
        int left = 50;
        int bottom = 40;
        long max = 1;
        for (Map.Entry<LocalDate, long[]> e : days) {
            long t = 0;
            for (long n : e.getValue()) {
                t += n;
            }
            max = Math.max(max, t);
        }
        int n = days.size();
        double slot = (w - left - 10) / (double) n;
        double bar = Math.max(1, slot * 0.8);
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(w).append(' ').append(h)
                .append("\" role=\"img\" aria-label=\"").append(esc(m.get("chart.perDay"))).append("\">");
        s.append("<line x1=\"").append(left).append("\" y1=\"").append(h - bottom).append("\" x2=\"").append(w - 10)
                .append("\" y2=\"").append(h - bottom).append("\" stroke=\"#555\"/>");
        s.append("<text x=\"").append(left - 6).append("\" y=\"16\" text-anchor=\"end\" font-size=\"11\">")
                .append(esc(m.number(max))).append("</text><text x=\"").append(left - 6).append("\" y=\"30\" text-anchor=\"end\" font-size=\"9\">log</text>");
        double plot = h - bottom - 10;
        for (int i = 0; i < n; i++) {
            long[] c = days.get(i).getValue();
            long total = 0;
            for (long v : c) {
                total += v;
            }
            double x = left + i * slot + (slot - bar) / 2;
            double y = h - bottom;
            for (int l = 0; l < c.length; l++) {
                if (c[l] == 0) {
                    continue;
                }
                double bh = Math.max(1, plot * Math.log1p(total) / Math.log1p(max) * c[l] / total);
                y -= bh;
                s.append(String.format(java.util.Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s %s: %s</title></rect>",
                        x, y, bar, bh, LEVEL_COLOURS[l], esc(m.day(days.get(i).getKey())), esc(m.level(ReportData.LEVELS.get(l))),
                        esc(m.number(c[l]))));
            }
            if (n <= 12 || i % Math.max(1, n / 8) == 0) {
                s.append(String.format(java.util.Locale.ROOT,
                        "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s</text>", x + bar / 2,
                        h - bottom + 14, esc(days.get(i).getKey().toString())));
            }
        }
        int lx = left;
        for (int l = 0; l < ReportData.LEVELS.size(); l++) {
            s.append("<rect x=\"").append(lx).append("\" y=\"").append(h - 14).append("\" width=\"10\" height=\"10\" fill=\"")
                    .append(LEVEL_COLOURS[l]).append("\"/><text x=\"").append(lx + 14).append("\" y=\"").append(h - 5)
                    .append("\" font-size=\"11\">").append(esc(m.level(ReportData.LEVELS.get(l)))).append("</text>");
            lx += 110;
        }
        return s.append("</svg>").toString();
    }

    private void hosts() {
        h2("hosts");
        if (d.hosts().isEmpty()) {
            b.append("<p class=\"missing\">").append(esc(m.get("missing.hosts"))).append("</p>\n");
            end();
            return;
        }
        b.append("<table><tr>");
        for (String c : new String[] {"col.host", "col.detections", "col.highest", "col.first", "col.last", "col.containment"}) {
            b.append("<th>").append(esc(m.get(c))).append("</th>");
        }
        b.append("</tr>");
        int rows = 0;
        for (ReportData.Host h : d.hosts()) {
            if (rows++ == Sections.TOP) {
                b.append("<tr><td colspan=\"6\">").append(esc(m.get("more", (long) d.hosts().size() - Sections.TOP)))
                        .append("</td></tr>");
                break;
            }
            b.append("<tr><td><a href=\"").append(esc(consoleBase + "detections?host=" + h.name())).append("\">")
                    .append(esc(h.name())).append("</a></td><td class=\"num\">").append(esc(m.number(h.detections())))
                    .append("</td><td>").append(esc(m.level(h.highestLevel()))).append("</td><td>")
                    .append(esc(m.time(h.first()))).append("</td><td>").append(esc(m.time(h.last()))).append("</td><td>")
                    .append(esc(m.containment(h.containment())))
                    .append("</td></tr>");
        }
        b.append("</table>\n");
        end();
    }

    private void accounts() {
        h2("accounts");
        if (d.accounts().isEmpty()) {
            b.append("<p class=\"missing\">").append(esc(m.get("missing.accounts"))).append("</p>\n");
            end();
            return;
        }
        b.append("<table><tr>");
        for (String c : new String[] {"col.account", "col.detections", "col.hosts", "col.first", "col.last"}) {
            b.append("<th>").append(esc(m.get(c))).append("</th>");
        }
        b.append("</tr>");
        int rows = 0;
        for (ReportData.Account a : d.accounts()) {
            if (rows++ == Sections.TOP) {
                b.append("<tr><td colspan=\"5\">").append(esc(m.get("more", (long) d.accounts().size() - Sections.TOP)))
                        .append("</td></tr>");
                break;
            }
            b.append("<tr><td>").append(esc(a.name())).append("</td><td class=\"num\">")
                    .append(esc(m.number(a.detections()))).append("</td><td class=\"num\">")
                    .append(esc(m.number(a.hosts()))).append("</td><td>").append(esc(m.time(a.first())))
                    .append("</td><td>").append(esc(m.time(a.last()))).append("</td></tr>");
        }
        b.append("</table>\n");
        end();
    }

    /** The ATT&CK matrix: a column per tactic, its techniques as cells shaded by detections. */
    private void attack() {
        h2("attack");
        if (d.attack().isEmpty()) {
            b.append("<p class=\"missing\">").append(esc(m.get("missing.attack"))).append("</p>\n");
            end();
            return;
        }
        long max = 1;
        for (SortedMap<String, Long> t : d.attack().values()) {
            for (long v : t.values()) {
                max = Math.max(max, v);
            }
        }
        b.append("<div class=\"matrix\" id=\"attack-matrix\">");
        for (Attack a : Attack.ORDER) {
            SortedMap<String, Long> t = d.attack().get(a);
            if (t == null) {
                continue;
            }
            b.append("<div class=\"tactic\"><h3>").append(esc(a.title(m.lang()))).append("</h3>");
            for (Map.Entry<String, Long> e : t.entrySet()) {
                double heat = Math.log1p(e.getValue()) / Math.log1p(max);
                int light = (int) Math.round(95 - heat * 55);
                String name = e.getKey().isEmpty() ? "-" : e.getKey();
                b.append("<a class=\"cell\" style=\"background:hsl(4,75%,").append(light).append("%);color:")
                        .append(light < 60 ? "#fff" : "#222").append("\" href=\"")
                        .append(esc(consoleBase + "detections?q=attack." + (e.getKey().isEmpty() ? a.tag()
                                : e.getKey().toLowerCase(java.util.Locale.ROOT))))
                        .append("\"><span>").append(esc(name)).append("</span><b>")
                        .append(esc(m.number(e.getValue()))).append("</b></a>");
            }
            b.append("</div>");
        }
        b.append("</div>\n");
        end();
    }

    private void segments() {
        com.fasterxml.jackson.databind.JsonNode segs = d.scope() == null ? null : d.scope().path("segments");
        if (segs == null || segs.isEmpty()) {
            missing("segments", "missing.segments");
            return;
        }
        h2("segments");
        b.append("<table><tr><th>").append(esc(m.get("col.segment"))).append("</th><th>").append(esc(m.get("col.criticality")))
                .append("</th><th>CIDR</th><th>").append(esc(m.get("col.addresses"))).append("</th><th>")
                .append(esc(m.get("col.first"))).append("</th><th>").append(esc(m.get("col.last"))).append("</th></tr>");
        for (com.fasterxml.jackson.databind.JsonNode g : segs) {
            b.append("<tr><td>").append(esc(g.path("name").asText())).append("</td><td>").append(esc(g.path("criticality").asText()))
                    .append("</td><td>").append(esc(join(g.path("cidrs")))).append("</td><td>").append(esc(join(g.path("addresses"))))
                    .append("</td><td>").append(esc(m.time(parse(g.path("first").asText(null))))).append("</td><td>")
                    .append(esc(m.time(parse(g.path("last").asText(null))))).append("</td></tr>");
        }
        b.append("</table>\n");
        end();
    }

    private void lateral() {
        if (d.graph() == null && d.scope() == null) {
            missing("lateral", "missing.lateral");
            return;
        }
        h2("lateral");
        if (d.graph() != null) {
            long[] total = new long[1];
            List<LateralFigure.Edge> edges = LateralFigure.edges(d.graph(), total);
            String caption = m.get("lateral.figure", (long) edges.size(), total[0]);
            b.append("<figure class=\"chart\" id=\"lateral-figure\">").append(LateralFigure.svg(d.graph(), edges, caption))
                    .append("<figcaption>").append(esc(caption)).append("</figcaption></figure>\n");
        }
        com.fasterxml.jackson.databind.JsonNode moves = d.scope() == null ? null : d.scope().path("movements");
        if (moves != null && !moves.isEmpty()) {
            b.append("<h3>").append(esc(m.get("lateral.movements"))).append(" ").append(fig("scope.movements")).append("</h3><table><tr>");
            for (String c : new String[] {"col.from", "col.to", "col.via", "col.count", "col.account", "col.first", "col.last"}) {
                b.append("<th>").append(esc(m.get(c))).append("</th>");
            }
            b.append("</tr>");
            int rows = 0;
            for (com.fasterxml.jackson.databind.JsonNode mv : moves) {
                if (rows++ == Sections.TOP) {
                    b.append("<tr><td colspan=\"7\">").append(esc(m.get("more", (long) moves.size() - Sections.TOP))).append("</td></tr>");
                    break;
                }
                b.append("<tr><td>").append(esc(mv.path("from").asText())).append("</td><td>").append(esc(mv.path("to").asText()))
                        .append("</td><td>").append(esc(mv.path("via").asText())).append("</td><td class=\"num\">")
                        .append(esc(m.number(mv.path("count").asLong()))).append("</td><td>").append(esc(join(mv.path("accounts"))))
                        .append("</td><td>").append(esc(m.time(parse(mv.path("first").asText(null))))).append("</td><td>")
                        .append(esc(m.time(parse(mv.path("last").asText(null))))).append("</td></tr>");
            }
            b.append("</table>\n");
        }
        end();
    }

    private static String join(com.fasterxml.jackson.databind.JsonNode arr) {
        List<String> out = new ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode x : arr) {
            out.add(x.asText());
        }
        return String.join(", ", out);
    }

    private void exposure() {
        Exposure e = d.exposure();
        if (e == null) {
            missing("exposure", "missing.exposure");
            return;
        }
        h2("exposure");
        b.append("<p>").append(linked(new Sections.Answer("", m.get("exposure.text", e.files(), (long) e.scans(), e.unread()),
                List.of("exposure.files", "exposure.unread")))).append("</p>\n<table><tr><th>").append(esc(m.get("col.type")))
                .append("</th><th>").append(esc(m.get("col.findings"))).append("</th><th>").append(esc(m.get("col.distinct")))
                .append("</th></tr>");
        for (Map.Entry<String, Long> c : e.counts().entrySet()) {
            String id = "exposure.distinct." + c.getKey();
            b.append("<tr><td>").append(esc(m.type(c.getKey()))).append(" <code>").append(esc(c.getKey()))
                    .append("</code></td><td class=\"num\">").append(esc(m.number(c.getValue()))).append("</td><td class=\"num\">")
                    .append(e.distinct().containsKey(c.getKey()) ? fig(id) : "").append("</td></tr>");
        }
        b.append("</table>\n");
        if (!e.labels().isEmpty()) {
            b.append("<table><tr><th>").append(esc(m.get("col.label"))).append("</th><th>").append(esc(m.get("col.count")))
                    .append("</th></tr>");
            for (Map.Entry<String, Long> l : e.labels().entrySet()) {
                b.append("<tr><td>").append(esc(l.getKey())).append("</td><td class=\"num\">")
                        .append(esc(m.number(l.getValue()))).append("</td></tr>");
            }
            b.append("</table>\n");
        }
        b.append("<table class=\"coverage\"><tr>");
        for (Map.Entry<String, Long> c : e.coverage().entrySet()) {
            if (m.has("coverage." + c.getKey())) {
                b.append("<th>").append(esc(m.get("coverage." + c.getKey()))).append("</th>");
            }
        }
        b.append("</tr><tr>");
        for (Map.Entry<String, Long> c : e.coverage().entrySet()) {
            if (m.has("coverage." + c.getKey())) {
                b.append("<td class=\"num\">").append(esc(m.number(c.getValue()))).append("</td>");
            }
        }
        b.append("</tr></table>\n");
        end();
    }

    private void claims() {
        Claims c = d.claims();
        if (c == null) {
            missing("claims", "missing.claims");
            return;
        }
        h2("claims");
        b.append("<p class=\"verdict\">").append(linked(new Sections.Answer("", m.get("a.claims", c.confirmed(), c.claimed(),
                c.confirmedWithMarkings(), c.notFound()), List.of("claims.confirmed", "claims.claimed",
                "claims.confirmed_with_markings", "claims.not_found")))).append("</p>\n<table><tr><th>")
                .append(esc(m.get("col.outcome"))).append("</th><th>").append(esc(m.get("col.count"))).append("</th></tr>");
        for (String o : new String[] {"confirmed", "size_mismatch", "hash_mismatch", "not_found"}) {
            b.append("<tr><td>").append(esc(m.get("outcome." + o))).append("</td><td class=\"num\">").append(fig("claims." + o))
                    .append("</td></tr>");
        }
        b.append("<tr><td>").append(esc(m.get("outcome.ignored"))).append("</td><td class=\"num\">")
                .append(esc(m.number(c.ignored()))).append("</td></tr></table>\n");
        end();
    }

    private void countermeasures() {
        h2("countermeasures");
        List<String> taken = Sections.lines(d.facts().text(Facts.COUNTERMEASURES_TAKEN));
        List<String> recommended = Sections.lines(d.facts().text(Facts.COUNTERMEASURES_RECOMMENDED));
        boolean plan = d.scope() != null && d.scope().path("summary").path("actions").asLong() > 0;
        if (taken.isEmpty() && recommended.isEmpty() && !plan) {
            b.append("<p class=\"missing\">").append(esc(m.get("missing.countermeasures",
                    Facts.COUNTERMEASURES_TAKEN, Facts.COUNTERMEASURES_RECOMMENDED))).append("</p>\n");
        }
        list("cm.taken", taken);
        list("cm.recommended", recommended);
        if (plan) {
            b.append("<h3>").append(esc(m.get("cm.plan"))).append(" ").append(fig("scope.actions")).append("</h3><table><tr><th>")
                    .append(esc(m.get("col.action"))).append("</th><th>").append(esc(m.get("col.target"))).append("</th><th>")
                    .append(esc(m.get("col.why"))).append("</th></tr>");
            int rows = 0;
            for (String group : new String[] {"isolate", "accounts", "block"}) {
                for (com.fasterxml.jackson.databind.JsonNode a : d.scope().path("plan").path(group)) {
                    if (rows++ >= Sections.TOP) {
                        continue;
                    }
                    String action = a.path("action").asText();
                    b.append("<tr><td>").append(esc(m.has("plan." + action) ? m.get("plan." + action) : action)).append("</td><td>")
                            .append(esc(a.path("target").asText())).append("</td><td>")
                            .append(esc(a.path("why").isEmpty() ? "" : a.path("why").get(0).asText()
                                    + (a.path("why").size() > 1 ? " " + m.get("more", (long) a.path("why").size() - 1) : "")))
                            .append("</td></tr>");
                }
            }
            if (rows > Sections.TOP) {
                b.append("<tr><td colspan=\"3\">").append(esc(m.get("more", (long) rows - Sections.TOP))).append("</td></tr>");
            }
            b.append("</table>\n");
        }
        end();
    }

    private void list(String title, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        b.append("<h3>").append(esc(m.get(title))).append("</h3><ul>");
        for (String i : items) {
            b.append("<li>").append(esc(i)).append("</li>");
        }
        b.append("</ul>\n");
    }

    private void method() {
        h2("method");
        b.append("<p>").append(esc(m.get("method.text", d.toolVersion()))).append("</p><p>")
                .append(esc(m.get("method.span", m.time(d.firstEvent()), m.time(d.lastEvent())))).append("</p><p>")
                .append(esc(m.get("method.rules", d.figure("rules").value()))).append("</p>\n<table><tr><th>id</th><th>")
                .append(esc(m.get("col.count"))).append("</th><th>SQL</th></tr>");
        for (Figure f : d.figures()) {
            b.append("<tr id=\"figure-").append(esc(f.id())).append("\"><td>").append(esc(f.id()))
                    .append("</td><td class=\"num\">").append(fig(f.id())).append("</td><td><code>")
                    .append(esc(f.query())).append("</code></td></tr>");
        }
        b.append("</table>\n");
        end();
    }

    private void evidence() {
        h2("evidence");
        if (d.evidence().isEmpty()) {
            b.append("<p class=\"missing\">").append(esc(m.get("missing.evidence"))).append("</p>\n");
            end();
            return;
        }
        b.append("<table class=\"evidence\"><tr>");
        for (String c : new String[] {"col.path", "col.sha256", "col.size", "col.format", "col.events", "col.ingested"}) {
            b.append("<th>").append(esc(m.get(c))).append("</th>");
        }
        b.append("</tr>");
        for (CaseView.Evidence e : d.evidence()) {
            b.append("<tr><td class=\"path\">").append(esc(e.path())).append("</td><td><code>").append(esc(e.sha256()))
                    .append("</code></td><td class=\"num\">").append(esc(m.number(e.size()))).append("</td><td>")
                    .append(esc(e.format())).append("</td><td class=\"num\">").append(esc(m.number(e.events())))
                    .append("</td><td>").append(esc(e.ingestedBy())).append(", ")
                    .append(esc(m.time(parse(e.ingestedAt())))).append("</td></tr>");
        }
        b.append("</table>\n");
        end();
    }

    private static Instant parse(String t) {
        try {
            return t == null ? null : Instant.parse(t);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static final String CSS = String.join("\n",
            "body{font-family:'Noto Sans CJK JP','Noto Sans JP','Noto Sans',sans-serif;margin:2em auto;max-width:1100px;color:#222;line-height:1.5;padding:0 1em}",
            "h1{margin-bottom:0}.sub{font-size:1.2em;margin:0}.gen{color:#666;margin-top:0}",
            "h2{border-bottom:2px solid #c62828;padding-bottom:.2em;margin-top:1.6em;break-after:avoid}",
            "table{border-collapse:collapse;width:100%;margin:.6em 0;font-size:.9em}",
            "th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}th{background:#f3f3f3}",
            "td.num{text-align:right}td.path{word-break:break-all}td.basis{font-size:.85em}code{font-size:.85em;word-break:break-all}",
            ".kpis{display:flex;gap:1em;flex-wrap:wrap}.kpi{border:1px solid #ddd;border-radius:6px;padding:.5em 1em;min-width:8em}",
            ".kpi .n{font-size:1.6em;font-weight:bold}.kpi .l{color:#666}",
            "dl.answers dt{font-weight:bold;margin-top:.6em}dl.answers dd{margin-left:1em}",
            ".missing{color:#555;font-style:italic}a.fig{color:#0d47a1}",
            "tr.clock.running td:nth-child(2){font-weight:bold}",
            "table.clocks td:nth-child(1){width:17%}table.clocks td:nth-child(2){width:15%}table.clocks td:nth-child(3){width:11%}",
            "table.clocks td:nth-child(4){width:25%}table.clocks td:nth-child(5){width:32%}",
            "figure.chart{margin:0}figure.chart svg{width:100%;height:auto;border:1px solid #eee}",
            ".matrix{display:flex;gap:4px;align-items:flex-start;flex-wrap:wrap}.tactic{flex:1 1 110px;min-width:110px}",
            ".tactic h3{font-size:.8em;margin:.2em 0;min-height:2.6em}",
            ".cell{display:flex;justify-content:space-between;font-size:.75em;padding:2px 4px;margin:2px 0;border-radius:3px;text-decoration:none}",
            "nav ol{columns:2}footer{margin-top:2em;color:#666;font-size:.85em}",
            "@media print{body{margin:0;max-width:none}nav{break-after:page}section{break-inside:auto}a{color:inherit;text-decoration:none}}",
            "");
}
