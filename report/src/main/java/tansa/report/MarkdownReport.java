package tansa.report;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import tansa.casefile.CaseView;
import tansa.report.clock.Clock;

/** The report as Markdown (GitHub tables); each number is followed by the id of its figure, whose query the method section lists. */
public final class MarkdownReport {
    private final ReportData d;
    private final Messages m;
    private final StringBuilder b = new StringBuilder(32 * 1024);

    public MarkdownReport(ReportData data, Messages messages) {
        this.d = data;
        this.m = messages;
    }

    public String render() {
        b.append("# ").append(md(m.get("title"))).append("\n\n**").append(md(m.get("subtitle", d.caseName())))
                .append("**  \n").append(md(m.get("generated", m.time(d.generatedAt()), d.toolVersion()))).append("\n\n");
        h2("summary");
        for (Sections.Answer a : Sections.summary(d, m)) {
            b.append("- **").append(md(a.question())).append("**: ").append(md(a.answer()));
            if (!a.figures().isEmpty()) {
                b.append(" (").append(md(m.get("figures", String.join(", ", a.figures())))).append(')');
            }
            b.append('\n');
        }
        b.append('\n');
        row(ReportData.LEVELS.stream().map(m::level).toArray(String[]::new));
        rule(ReportData.LEVELS.size());
        row(ReportData.LEVELS.stream().map(l -> fig("detections." + l)).toArray(String[]::new));
        b.append('\n');
        h2("clocks");
        if (d.clocks().isEmpty()) {
            b.append(md(m.get("clock.none", Facts.REGIMES))).append("\n\n");
        } else {
            row(m.get("col.obligation"), m.get("col.due"), m.get("col.left"), m.get("col.trigger"), m.get("col.basis"));
            rule(5);
            for (Clock c : d.clocks()) {
                row(Sections.clockRow(c, m, d.generatedAt()));
            }
            b.append('\n');
        }
        h2("timeline");
        if (d.perDay().isEmpty()) {
            b.append(md(m.get("missing.timeline"))).append("\n\n");
        } else {
            String[] head = new String[6];
            head[0] = m.get("col.day");
            for (int i = 0; i < 5; i++) {
                head[i + 1] = m.level(ReportData.LEVELS.get(i));
            }
            row(head);
            rule(6);
            int rows = 0;
            for (Map.Entry<java.time.LocalDate, long[]> e : d.perDay().entrySet()) {
                if (rows++ == Sections.TOP) {
                    b.append(md(m.get("more", (long) d.perDay().size() - Sections.TOP))).append('\n');
                    break;
                }
                String[] r = new String[6];
                r[0] = m.day(e.getKey());
                for (int i = 0; i < 5; i++) {
                    r[i + 1] = e.getValue()[i] == 0 ? "" : m.number(e.getValue()[i]);
                }
                row(r);
            }
            b.append('\n');
            row(m.get("col.rule"), m.get("col.level"), m.get("col.detections"), m.get("col.first"), m.get("col.last"));
            rule(5);
            int n = 0;
            for (ReportData.Rule r : d.rules()) {
                if (n++ == Sections.TOP) {
                    break;
                }
                row(r.title(), m.level(r.level()), m.number(r.detections()), m.time(r.first()), m.time(r.last()));
            }
            b.append('\n');
        }
        h2("hosts");
        if (d.hosts().isEmpty()) {
            b.append(md(m.get("missing.hosts"))).append("\n\n");
        } else {
            row(m.get("col.host"), m.get("col.detections"), m.get("col.highest"), m.get("col.first"), m.get("col.last"),
                    m.get("col.containment"));
            rule(6);
            for (ReportData.Host h : top(d.hosts())) {
                row(h.name(), m.number(h.detections()), m.level(h.highestLevel()), m.time(h.first()), m.time(h.last()),
                        m.containment(h.containment()));
            }
            b.append('\n');
        }
        h2("accounts");
        if (d.accounts().isEmpty()) {
            b.append(md(m.get("missing.accounts"))).append("\n\n");
        } else {
            row(m.get("col.account"), m.get("col.detections"), m.get("col.hosts"), m.get("col.first"), m.get("col.last"));
            rule(5);
            for (ReportData.Account a : top(d.accounts())) {
                row(a.name(), m.number(a.detections()), m.number(a.hosts()), m.time(a.first()), m.time(a.last()));
            }
            b.append('\n');
        }
        if (d.scope() == null || d.scope().path("segments").isEmpty()) {
            missing("segments", "missing.segments");
        } else {
            h2("segments");
            row(m.get("col.segment"), m.get("col.criticality"), "CIDR", m.get("col.addresses"));
            rule(4);
            for (com.fasterxml.jackson.databind.JsonNode g : d.scope().path("segments")) {
                row(g.path("name").asText(), g.path("criticality").asText(), join(g.path("cidrs")), join(g.path("addresses")));
            }
            b.append('\n');
        }
        h2("attack");
        if (d.attack().isEmpty()) {
            b.append(md(m.get("missing.attack"))).append("\n\n");
        } else {
            row(m.get("col.tactic"), m.get("col.technique"), m.get("col.detections"));
            rule(3);
            for (Attack a : Attack.ORDER) {
                SortedMap<String, Long> t = d.attack().get(a);
                if (t != null) {
                    for (Map.Entry<String, Long> e : t.entrySet()) {
                        row(a.title(m.lang()), e.getKey().isEmpty() ? "-" : e.getKey(), m.number(e.getValue()));
                    }
                }
            }
            b.append('\n');
        }
        if (d.scope() == null || d.scope().path("movements").isEmpty()) {
            missing("lateral", "missing.lateral");
        } else {
            h2("lateral");
            b.append(md(m.get("lateral.movements"))).append(" ").append(fig("scope.movements")).append("\n\n");
            row(m.get("col.from"), m.get("col.to"), m.get("col.via"), m.get("col.count"), m.get("col.account"));
            rule(5);
            int n = 0;
            for (com.fasterxml.jackson.databind.JsonNode mv : d.scope().path("movements")) {
                if (n++ == Sections.TOP) {
                    break;
                }
                row(mv.path("from").asText(), mv.path("to").asText(), mv.path("via").asText(), m.number(mv.path("count").asLong()),
                        join(mv.path("accounts")));
            }
            b.append('\n');
        }
        if (d.exposure() == null) {
            missing("exposure", "missing.exposure");
        } else {
            Exposure e = d.exposure();
            h2("exposure");
            b.append(md(m.get("exposure.text", e.files(), (long) e.scans(), e.unread()))).append("\n\n");
            row(m.get("col.type"), m.get("col.findings"), m.get("col.distinct"));
            rule(3);
            for (Map.Entry<String, Long> c : e.counts().entrySet()) {
                row(m.type(c.getKey()) + " (" + c.getKey() + ")", m.number(c.getValue()),
                        e.distinct().containsKey(c.getKey()) ? fig("exposure.distinct." + c.getKey()) : "");
            }
            b.append('\n');
        }
        if (d.claims() == null) {
            missing("claims", "missing.claims");
        } else {
            Claims c = d.claims();
            h2("claims");
            b.append(md(m.get("a.claims", c.confirmed(), c.claimed(), c.confirmedWithMarkings(), c.notFound())))
                    .append("\n\n");
            row(m.get("col.outcome"), m.get("col.count"));
            rule(2);
            for (String o : new String[] {"confirmed", "size_mismatch", "hash_mismatch", "not_found"}) {
                row(m.get("outcome." + o), fig("claims." + o));
            }
            row(m.get("outcome.ignored"), m.number(c.ignored()));
            b.append('\n');
        }
        h2("countermeasures");
        List<String> taken = Sections.lines(d.facts().text(Facts.COUNTERMEASURES_TAKEN));
        List<String> recommended = Sections.lines(d.facts().text(Facts.COUNTERMEASURES_RECOMMENDED));
        if (taken.isEmpty() && recommended.isEmpty()) {
            b.append(md(m.get("missing.countermeasures", Facts.COUNTERMEASURES_TAKEN, Facts.COUNTERMEASURES_RECOMMENDED)))
                    .append("\n\n");
        }
        items("cm.taken", taken);
        items("cm.recommended", recommended);
        if (d.scope() != null && d.scope().path("summary").path("actions").asLong() > 0) {
            b.append("### ").append(md(m.get("cm.plan"))).append(" ").append(fig("scope.actions")).append("\n\n");
            row(m.get("col.action"), m.get("col.target"), m.get("col.why"));
            rule(3);
            for (String group : new String[] {"isolate", "accounts", "block"}) {
                for (com.fasterxml.jackson.databind.JsonNode a : d.scope().path("plan").path(group)) {
                    String action = a.path("action").asText();
                    row(m.has("plan." + action) ? m.get("plan." + action) : action, a.path("target").asText(),
                            a.path("why").isEmpty() ? "" : a.path("why").get(0).asText());
                }
            }
            b.append('\n');
        }
        h2("method");
        b.append(md(m.get("method.text", d.toolVersion()))).append("\n\n")
                .append(md(m.get("method.span", m.time(d.firstEvent()), m.time(d.lastEvent())))).append("\n\n");
        row("id", m.get("col.count"), "SQL");
        rule(3);
        for (Figure f : d.figures()) {
            row(f.id(), m.number(f.value()), "`" + f.query().replace("`", "'") + "`");
        }
        b.append('\n');
        h2("evidence");
        if (d.evidence().isEmpty()) {
            b.append(md(m.get("missing.evidence"))).append("\n\n");
        } else {
            row(m.get("col.path"), m.get("col.sha256"), m.get("col.size"), m.get("col.format"), m.get("col.events"),
                    m.get("col.ingested"));
            rule(6);
            for (CaseView.Evidence e : d.evidence()) {
                row(e.path(), "`" + e.sha256() + "`", m.number(e.size()), e.format(), m.number(e.events()),
                        e.ingestedBy() + ", " + e.ingestedAt());
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static String join(com.fasterxml.jackson.databind.JsonNode arr) {
        List<String> out = new java.util.ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode x : arr) {
            out.add(x.asText());
        }
        return String.join(", ", out);
    }

    private static <T> List<T> top(List<T> l) {
        return l.size() > Sections.TOP ? l.subList(0, Sections.TOP) : l;
    }

    private void h2(String id) {
        b.append("## ").append(md(m.get("s." + id))).append("\n\n");
    }

    private void missing(String id, String key) {
        h2(id);
        b.append(md(m.get(key))).append("\n\n");
    }

    private void items(String title, List<String> items) {
        if (!items.isEmpty()) {
            b.append("### ").append(md(m.get(title))).append("\n\n");
            for (String i : items) {
                b.append("- ").append(md(i)).append('\n');
            }
            b.append('\n');
        }
    }

    /** A number with the figure id naming its query: {@code 5,534 [detections]}. */
    private String fig(String id) {
        return m.number(d.figure(id).value()) + " (" + id + ")";
    }

    private void row(String... cells) {
        b.append('|');
        for (String c : cells) {
            b.append(' ').append(cell(c)).append(" |");
        }
        b.append('\n');
    }

    private void rule(int n) {
        b.append('|');
        for (int i = 0; i < n; i++) {
            b.append("---|");
        }
        b.append('\n');
    }

    private static String cell(String s) {
        return md(s).replace("|", "\\|").replace("\n", " ");
    }

    /** Markdown-inert text: characters that would start markup, links or HTML are escaped. */
    static String md(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ("\\`*_[]<>#!".indexOf(c) >= 0) {
                out.append('\\');
            }
            if (Html.control(c) && c != '\n') {
                out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c)); // shown, never obeyed
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

}
