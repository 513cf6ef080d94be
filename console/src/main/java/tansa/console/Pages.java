package tansa.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static tansa.console.Html.esc;
import static tansa.console.Html.url;
import static tansa.console.Messages.t;

/** The server-rendered pages. Writes answer 303 to the page they came from (post/redirect/get). */
final class Pages {
    private final Map<String, ServedCase> cases;
    private final Sessions sessions;
    private final LoginLimiter limiter;
    private final boolean secure;
    private final Oidc oidc;

    Pages(Map<String, ServedCase> cases, Sessions sessions, LoginLimiter limiter, boolean secure, Oidc oidc) {
        this.cases = cases;
        this.sessions = sessions;
        this.limiter = limiter;
        this.secure = secure;
        this.oidc = oidc;
    }

    static void html(Context ctx, String page) {
        ctx.contentType("text/html; charset=utf-8").result(page);
    }

    static ServedCase theCase(Map<String, ServedCase> cases, Context ctx) {
        ServedCase c = cases.get(ctx.pathParam("id"));
        if (c == null) {
            throw new Refused(404, "no such case");
        }
        return c;
    }

    private static Caller caller(Context ctx) {
        return ctx.attribute("caller");
    }

    // ---- sign-in

    void loginForm(Context ctx) {
        if (caller(ctx) != null && caller(ctx).bySession()) {
            ctx.redirect("/", HttpStatus.SEE_OTHER);
            return;
        }
        Sessions.Session s = ctx.attribute("session");
        if (s == null) {
            s = sessions.anonymous();
            ctx.attribute("session", s);
            ConsoleServer.cookie(ctx, ConsoleServer.SESSION_COOKIE, s.id, -1, secure);
        }
        html(ctx, loginPage(ctx, null));
    }

    private String loginPage(Context ctx, String error) {
        StringBuilder b = new StringBuilder();
        if (error != null) {
            b.append("<p class=\"error\" id=\"login-error\">").append(esc(error)).append("</p>");
        }
        b.append("<form method=\"post\" action=\"/login\" class=\"login\">").append(Layout.csrf(ctx))
                .append("<label>").append(esc(t(ctx, "login.user"))).append(" <input name=\"user\" id=\"user\" autocomplete=\"username\" required></label>")
                .append("<label>").append(esc(t(ctx, "login.password")))
                .append(" <input name=\"password\" id=\"password\" type=\"password\" autocomplete=\"current-password\" required></label>")
                .append("<button type=\"submit\" id=\"login\">").append(esc(t(ctx, "login.submit"))).append("</button></form>");
        if (oidc != null) {
            b.append("<p><a id=\"oidc-login\" href=\"/login/oidc\">").append(esc(t(ctx, "login.oidc"))).append("</a></p>");
        }
        return Layout.page(ctx, t(ctx, "login.title"), null, null, b.toString());
    }

    void login(Context ctx) {
        String user = ctx.formParam("user");
        String password = ctx.formParam("password");
        if (user == null || password == null || user.length() > 64 || password.length() > 1024) {
            ctx.status(400);
            html(ctx, loginPage(ctx, t(ctx, "login.failed")));
            return;
        }
        if (!limiter.allowed(ctx.ip(), user)) {
            ctx.status(429);
            html(ctx, loginPage(ctx, t(ctx, "login.limited")));
            return;
        }
        Map<String, Role> roles = new HashMap<>();
        for (ServedCase c : cases.values()) {
            Role r = c.members().login(user, password);
            if (r != null) {
                roles.put(c.id(), r);
            }
        }
        if (roles.isEmpty()) {
            limiter.failed(ctx.ip(), user);
            ctx.status(401);
            html(ctx, loginPage(ctx, t(ctx, "login.failed")));
            return;
        }
        limiter.succeeded(user);
        Sessions.Session previous = ctx.attribute("session");
        Sessions.Session s = sessions.signIn(previous == null ? null : previous.id, user, roles);
        ConsoleServer.cookie(ctx, ConsoleServer.SESSION_COOKIE, s.id, -1, secure);
        ctx.redirect("/", HttpStatus.SEE_OTHER);
    }

    /** GET /login/oidc: to the provider, with this sign-in's state, nonce and PKCE challenge; its id in a Lax cookie. */
    void oidcBegin(Context ctx) {
        String[] started = oidc.begin(Oidc.callback(ctx.scheme(), ctx.host()));
        ctx.cookie(new io.javalin.http.Cookie(Oidc.COOKIE, started[0], "/login/oidc", (int) Oidc.PENDING_FOR.toSeconds(), secure, 0, true,
                null, null, io.javalin.http.SameSite.LAX));
        ctx.redirect(started[1], HttpStatus.FOUND);
    }

    /**
     * GET /login/oidc/callback: the provider's answer. On success a new session for the user the
     * ID token names, with their roles in the served cases; the answer is a page that moves on to
     * "/" by itself (a same-site navigation, so the browser sends the Strict session cookie).
     */
    void oidcCallback(Context ctx) {
        String user;
        try {
            user = oidc.finish(ctx.cookie(Oidc.COOKIE), ctx.queryParamMap());
        } catch (Oidc.Failed e) {
            ctx.removeCookie(Oidc.COOKIE, "/login/oidc");
            ctx.status(e.status);
            html(ctx, loginPage(ctx, e.getMessage()));
            return;
        }
        ctx.removeCookie(Oidc.COOKIE, "/login/oidc");
        Map<String, Role> roles = new HashMap<>();
        for (ServedCase c : cases.values()) {
            Role r = c.members().role(user);
            if (r != null) {
                roles.put(c.id(), r);
            }
        }
        if (roles.isEmpty()) {
            ctx.status(403);
            html(ctx, loginPage(ctx, t(ctx, "login.oidc_unknown").replace("{user}", user)));
            return;
        }
        Sessions.Session previous = ctx.attribute("session");
        Sessions.Session s = sessions.signIn(previous == null ? null : previous.id, user, roles);
        ConsoleServer.cookie(ctx, ConsoleServer.SESSION_COOKIE, s.id, -1, secure);
        ctx.header("Refresh", "0; url=/");
        html(ctx, Layout.page(ctx, t(ctx, "login.title"), null, null, "<p id=\"oidc-done\"><a href=\"/\">"
                + esc(t(ctx, "login.oidc_done").replace("{user}", user)) + "</a></p>"));
    }

    void logout(Context ctx) {
        sessions.end(caller(ctx).session() == null ? null : caller(ctx).session().id);
        ctx.removeCookie(ConsoleServer.SESSION_COOKIE, "/");
        ctx.redirect("/login", HttpStatus.SEE_OTHER);
    }

    // ---- cases

    void home(Context ctx) {
        List<String> mine = new ArrayList<>();
        for (String id : cases.keySet()) {
            if (caller(ctx).roleIn(id) != null) {
                mine.add(id);
            }
        }
        ctx.redirect(mine.size() == 1 ? "/cases/" + url(mine.get(0)) : "/cases", HttpStatus.SEE_OTHER);
    }

    void caseList(Context ctx) {
        StringBuilder b = new StringBuilder("<table id=\"cases\"><tr><th>").append(esc(t(ctx, "case.id"))).append("</th><th>")
                .append(esc(t(ctx, "case.name"))).append("</th><th>").append(esc(t(ctx, "case.role"))).append("</th></tr>");
        for (ServedCase c : cases.values()) {
            Role r = caller(ctx).roleIn(c.id());
            if (r != null) {
                b.append("<tr><td><a href=\"/cases/").append(esc(url(c.id()))).append("\">").append(esc(c.id())).append("</a></td><td>")
                        .append(esc(c.queries().overview().name())).append("</td><td>").append(esc(t(ctx, "role." + r.id())))
                        .append("</td></tr>");
            }
        }
        html(ctx, Layout.page(ctx, t(ctx, "cases.title"), null, null, b.append("</table>").toString()));
    }

    void overview(Context ctx) {
        ServedCase c = theCase(cases, ctx);
        CaseQueries.Overview o = c.queries().overview();
        String base = "/cases/" + url(c.id()) + "/detections?";
        StringBuilder b = new StringBuilder();
        b.append("<section class=\"facts\"><dl>")
                .append(dt(ctx, "overview.status")).append("<dd id=\"case-status\">").append(esc(t(ctx, "status." + o.status()))).append("</dd>")
                .append(dt(ctx, "overview.severity")).append("<dd id=\"case-severity\">").append(esc(t(ctx, "severity." + o.severity()))).append("</dd>")
                .append(dt(ctx, "overview.evidence")).append("<dd>").append(o.evidence()).append("</dd>")
                .append(dt(ctx, "overview.events")).append("<dd id=\"event-count\">").append(o.events()).append("</dd>")
                .append(dt(ctx, "overview.detections")).append("<dd id=\"detection-count\">").append(o.detections()).append("</dd>")
                .append(dt(ctx, "overview.report")).append("<dd id=\"report-links\">");
        for (String f : new String[] {"html", "pdf", "json", "md"}) {
            for (String l : new String[] {"en", "ja"}) {
                b.append("<a href=\"/cases/").append(esc(url(c.id()))).append("/report?format=").append(f).append("&amp;lang=").append(l)
                        .append("\">").append(f.toUpperCase(java.util.Locale.ROOT)).append(' ').append(l).append("</a> ");
            }
        }
        b.append("</dd></dl>");
        Role r = caller(ctx).roleIn(c.id());
        if (r != null && r.atLeast(Role.LEAD)) {
            b.append("<form method=\"post\" action=\"/cases/").append(esc(url(c.id()))).append("/state\" id=\"state-form\">")
                    .append(Layout.csrf(ctx)).append("<select name=\"status\">");
            for (String s : CaseWork.CASE_STATES) {
                b.append("<option value=\"").append(s).append('"').append(s.equals(o.status()) ? " selected" : "").append('>')
                        .append(esc(t(ctx, "status." + s))).append("</option>");
            }
            b.append("</select><select name=\"severity\">");
            for (String s : CaseWork.SEVERITIES) {
                b.append("<option value=\"").append(s).append('"').append(s.equals(o.severity()) ? " selected" : "").append('>')
                        .append(esc(t(ctx, "severity." + s))).append("</option>");
            }
            b.append("</select><button type=\"submit\">").append(esc(t(ctx, "overview.save"))).append("</button></form>");
        }
        b.append("</section>");
        b.append("<h2>").append(esc(t(ctx, "overview.timeline"))).append(" (").append(esc(t(ctx, "unit." + o.unit()))).append(")</h2>")
                .append(Charts.timeline(o.timeline(), o.unit(), t(ctx, "overview.timeline")));
        b.append("<div class=\"grid\"><section><h2>").append(esc(t(ctx, "overview.by_level"))).append("</h2>")
                .append(Charts.bars("by-level", o.levels(), k -> base + "level=" + url(k), k -> k)).append("</section>");
        b.append("<section><h2>").append(esc(t(ctx, "overview.by_tactic"))).append("</h2>")
                .append(Charts.bars("by-tactic", o.tactics(), k -> base + "q=" + url("attack." + k.replace('_', '-')), k -> t(ctx, "tactic." + k)))
                .append("</section>");
        b.append("<section><h2>").append(esc(t(ctx, "overview.by_host"))).append("</h2>")
                .append(Charts.bars("by-host", o.hosts(), k -> base + "host=" + url(k), k -> k)).append("</section>");
        b.append("<section><h2>").append(esc(t(ctx, "overview.by_rule"))).append("</h2>")
                .append(Charts.bars("by-rule", o.rules(), k -> base + "rule=" + url(k), k -> k)).append("</section></div>");
        html(ctx, Layout.page(ctx, o.name() == null ? c.id() : o.name(), c.id(), "overview", b.toString()));
    }

    /** The report of the case, built from the case as it is now, as a download. */
    void report(Context ctx) {
        ServedCase c = theCase(cases, ctx);
        String format = ctx.queryParam("format") == null ? "html" : ctx.queryParam("format");
        tansa.report.Lang lang = tansa.report.Lang.parse(ctx.queryParam("lang") == null ? Messages.lang(ctx) : ctx.queryParam("lang"));
        if (lang == null || !java.util.List.of("html", "pdf", "json", "md").contains(format)) {
            throw new Refused(400, "format must be html, pdf, json or md and lang en or ja");
        }
        String version = Pages.class.getPackage().getImplementationVersion();
        tansa.report.ReportData data = c.db().read(conn -> {
            try (tansa.casefile.CaseStore view = c.db().view(conn)) {
                return new tansa.report.ReportBuilder().build(view, java.time.Instant.now(), version == null ? "dev" : version);
            }
        });
        tansa.report.Messages m = new tansa.report.Messages(lang);
        String base = (ctx.scheme() + "://" + ctx.host()) + "/cases/" + url(c.id()) + "/";
        String name = "report-" + c.id() + "-" + lang.name().toLowerCase(java.util.Locale.ROOT) + "." + format;
        ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
        switch (format) {
            case "json":
                ctx.contentType("application/json; charset=utf-8").result(new tansa.report.JsonReport(data, m).render());
                break;
            case "md":
                ctx.contentType("text/markdown; charset=utf-8").result(new tansa.report.MarkdownReport(data, m).render());
                break;
            case "pdf":
                try {
                    java.nio.file.Path tmp = java.nio.file.Files.createTempFile("tansa-report", ".pdf");
                    try {
                        tansa.report.PdfPrinter.print(new tansa.report.HtmlReport(data, m, base).render(), tmp);
                        ctx.contentType("application/pdf").result(java.nio.file.Files.readAllBytes(tmp));
                    } finally {
                        java.nio.file.Files.deleteIfExists(tmp);
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                break;
            default:
                ctx.contentType("text/html; charset=utf-8").result(new tansa.report.HtmlReport(data, m, base).render());
        }
    }

    static String dt(Context ctx, String key) {
        return "<dt>" + esc(t(ctx, key)) + "</dt>";
    }

    void state(Context ctx) {
        ServedCase c = theCase(cases, ctx);
        c.work().setState(caller(ctx).user(), nz(ctx.formParam("status")), nz(ctx.formParam("severity")));
        ctx.redirect("/cases/" + url(c.id()), HttpStatus.SEE_OTHER);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    // ---- detections

    void detections(Context ctx) {
        ServedCase c = theCase(cases, ctx);
        DetectionFilter f = DetectionFilter.parse(ctx.queryParamMap());
        CaseQueries.Page page = c.queries().detections(f);
        String self = "/cases/" + url(c.id()) + "/detections";
        StringBuilder b = new StringBuilder();
        b.append("<form method=\"get\" action=\"").append(esc(self)).append("\" id=\"filters\" class=\"filters\">");
        b.append("<label>").append(esc(t(ctx, "filter.level"))).append(" <select name=\"level\" id=\"f-level\"><option value=\"\">")
                .append(esc(t(ctx, "filter.any"))).append("</option>");
        for (String l : List.of("critical", "high", "medium", "low", "informational")) {
            b.append("<option value=\"").append(l).append('"').append(l.equals(f.level()) ? " selected" : "").append('>').append(l)
                    .append("</option>");
        }
        b.append("</select></label>");
        b.append(input(ctx, "rule", f.rule(), "text")).append(input(ctx, "host", f.host(), "text"))
                .append(input(ctx, "account", f.account(), "text")).append(input(ctx, "q", f.q(), "search"))
                .append(input(ctx, "from", f.from() == null ? null : f.from().toString(), "text"))
                .append(input(ctx, "to", f.to() == null ? null : f.to().toString(), "text"));
        b.append("<button type=\"submit\" id=\"apply\">").append(esc(t(ctx, "filter.apply"))).append("</button> <a href=\"")
                .append(esc(self)).append("\">").append(esc(t(ctx, "filter.clear"))).append("</a></form>");
        long first = page.items().isEmpty() ? 0 : page.before() + 1;
        long last = page.before() + page.items().size();
        b.append("<p class=\"summary\" id=\"result-summary\">").append(esc(t(ctx, "detections.showing")
                .replace("{first}", Long.toString(first)).replace("{last}", Long.toString(last))
                .replace("{total}", Long.toString(page.total())))).append("</p>");
        b.append("<table id=\"detections\" class=\"data\"><tr>").append(IncidentViews.pickHeader(ctx, c)).append("<th>")
                .append(esc(t(ctx, "col.time"))).append("</th><th>")
                .append(esc(t(ctx, "col.level"))).append("</th><th>").append(esc(t(ctx, "col.rule"))).append("</th><th>")
                .append(esc(t(ctx, "col.host"))).append("</th><th>").append(esc(t(ctx, "col.event_id"))).append("</th></tr>");
        for (CaseQueries.DetectionRow d : page.items()) {
            b.append("<tr class=\"level-").append(esc(d.level())).append("\">").append(IncidentViews.pickCell(ctx, c, d))
                    .append("<td><a href=\"").append(esc(self)).append('/')
                    .append(d.id()).append("\">").append(esc(d.ts() == null ? "-" : d.ts().toString())).append("</a></td><td class=\"lvl\">")
                    .append(esc(d.level())).append("</td><td>").append(esc(d.ruleTitle())).append("</td><td>").append(esc(d.computer()))
                    .append("</td><td>").append(esc(d.eventId())).append("</td></tr>");
        }
        b.append("</table><p class=\"pager\">");
        if (page.before() > 0) {
            b.append("<a id=\"prev\" href=\"").append(esc(self + "?" + query(f.page(Math.max(0, page.before() - f.limit())))))
                    .append("\">").append(esc(t(ctx, "pager.prev"))).append("</a> ");
        }
        if (page.next() != null) { // keyset: the next page starts after this page's last row, however deep
            b.append("<a id=\"next\" href=\"").append(esc(self + "?" + query(f.after(page.next())))).append("\">")
                    .append(esc(t(ctx, "pager.next"))).append("</a>");
        }
        b.append("</p>").append(IncidentViews.detectionsForm(ctx, c, f));
        html(ctx, Layout.page(ctx, t(ctx, "detections.title"), c.id(), "detections", b.toString()));
    }

    private static String input(Context ctx, String name, String value, String type) {
        return "<label>" + esc(t(ctx, "filter." + name)) + " <input type=\"" + type + "\" name=\"" + name + "\" id=\"f-" + name
                + "\" value=\"" + esc(value) + "\"></label>";
    }

    static String query(DetectionFilter f) {
        StringBuilder b = new StringBuilder();
        param(b, "level", f.level());
        param(b, "rule", f.rule());
        param(b, "host", f.host());
        param(b, "account", f.account());
        param(b, "q", f.q());
        param(b, "from", f.from() == null ? null : f.from().toString());
        param(b, "to", f.to() == null ? null : f.to().toString());
        param(b, "limit", f.limit() == DetectionFilter.DEFAULT_LIMIT ? null : Integer.toString(f.limit()));
        param(b, "offset", f.offset() == 0 ? null : Long.toString(f.offset()));
        param(b, "after", f.after());
        return b.toString();
    }

    private static void param(StringBuilder b, String k, String v) {
        if (v != null) {
            b.append(b.length() == 0 ? "" : "&").append(k).append('=').append(url(v));
        }
    }

    /** "12-345": evidence id and sequence number. */
    static long[] key(Context ctx) {
        String k = ctx.pathParam("key");
        int dash = k.indexOf('-');
        try {
            if (dash > 0 && k.length() < 40) {
                return new long[] {Long.parseLong(k.substring(0, dash)), Long.parseLong(k.substring(dash + 1))};
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        throw new DetectionFilter.BadRequest("a detection or event is named EVIDENCE-SEQ (two numbers)");
    }

    void detection(Context ctx) {
        ServedCase c = theCase(cases, ctx);
        long[] k = key(ctx);
        CaseQueries.DetectionRow d = c.queries().detection(k[0], k[1]);
        if (d == null) {
            throw new Refused(404, "no such detection");
        }
        JsonNode rec = parse(d.data());
        StringBuilder b = new StringBuilder("<dl class=\"facts\">");
        b.append(dt(ctx, "col.rule")).append("<dd id=\"rule-title\">").append(esc(d.ruleTitle())).append("</dd>")
                .append(dt(ctx, "col.level")).append("<dd>").append(esc(d.level())).append("</dd>")
                .append(dt(ctx, "col.time")).append("<dd>").append(esc(d.ts())).append("</dd>")
                .append(dt(ctx, "col.host")).append("<dd>").append(esc(d.computer())).append("</dd>")
                .append(dt(ctx, "col.tags")).append("<dd>").append(esc(rec.path("tags").toString())).append("</dd>")
                .append(dt(ctx, "col.source")).append("<dd>").append(esc(rec.path("source").asText())).append("</dd></dl>");
        b.append("<h2>").append(esc(t(ctx, "detection.fields"))).append("</h2><table class=\"data\" id=\"fields\">");
        rec.path("fields").fields().forEachRemaining(e -> b.append("<tr><th>").append(esc(e.getKey())).append("</th><td>")
                .append(esc(e.getValue().asText())).append("</td></tr>"));
        b.append("</table><h2>").append(esc(t(ctx, "detection.record"))).append("</h2><pre id=\"detection-json\">")
                .append(esc(pretty(rec))).append("</pre>");
        b.append("<h2>").append(esc(t(ctx, "detection.events"))).append("</h2>");
        for (CaseQueries.EventRow e : c.queries().eventsByRecord(d.evidence(), rec.path("record_id").asLong(-1))) {
            b.append(eventBlock(ctx, c, e));
        }
        html(ctx, Layout.page(ctx, t(ctx, "detection.title"), c.id(), "detections", b.toString()));
    }

    void event(Context ctx) {
        ServedCase c = theCase(cases, ctx);
        long[] k = key(ctx);
        CaseQueries.EventRow e = c.queries().event(k[0], k[1]);
        if (e == null) {
            throw new Refused(404, "no such event");
        }
        html(ctx, Layout.page(ctx, t(ctx, "event.title"), c.id(), "detections", eventBlock(ctx, c, e)));
    }

    private static String eventBlock(Context ctx, ServedCase c, CaseQueries.EventRow e) {
        return "<section class=\"event\"><p><a href=\"/cases/" + esc(url(c.id())) + "/events/" + e.evidence() + "-" + e.seq() + "\">"
                + esc(t(ctx, "event.title")) + " " + e.evidence() + "-" + e.seq() + "</a> &middot; " + esc(e.channel()) + " "
                + esc(e.eventId()) + " &middot; " + esc(e.computer()) + " &middot; " + esc(e.ts()) + "</p><p class=\"source\">"
                + esc(e.source()) + " #" + e.recordId() + "</p><pre class=\"raw\">" + esc(pretty(parse(e.data()))) + "</pre></section>";
    }

    static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            return Json.MAPPER.getNodeFactory().textNode(json);
        }
    }

    static String pretty(JsonNode n) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(n);
        } catch (java.io.IOException e) {
            return n.toString();
        }
    }

    // ---- hosts, accounts, graph

    void hosts(Context ctx) {
        ServedCase c = theCase(cases, ctx);
        StringBuilder b = new StringBuilder("<table class=\"data\" id=\"hosts\"><tr><th>").append(esc(t(ctx, "col.host")))
                .append("</th><th>").append(esc(t(ctx, "overview.events"))).append("</th><th>").append(esc(t(ctx, "overview.detections")))
                .append("</th><th>").append(esc(t(ctx, "col.first"))).append("</th><th>").append(esc(t(ctx, "col.last"))).append("</th></tr>");
        for (CaseQueries.Host h : c.queries().hosts()) {
            b.append("<tr><td><a href=\"/cases/").append(esc(url(c.id()))).append("/detections?host=").append(esc(url(h.computer())))
                    .append("\">").append(esc(h.computer())).append("</a></td><td class=\"num\">").append(h.events())
                    .append("</td><td class=\"num\">").append(h.detections()).append("</td><td>").append(esc(h.first()))
                    .append("</td><td>").append(esc(h.last())).append("</td></tr>");
        }
        html(ctx, Layout.page(ctx, t(ctx, "tab.hosts"), c.id(), "hosts", b.append("</table>").toString()));
    }

    void accounts(Context ctx) {
        ServedCase c = theCase(cases, ctx);
        StringBuilder b = new StringBuilder("<p>").append(esc(t(ctx, "accounts.about"))).append("</p><table class=\"data\" id=\"accounts\"><tr><th>")
                .append(esc(t(ctx, "col.account"))).append("</th><th>").append(esc(t(ctx, "overview.detections"))).append("</th><th>")
                .append(esc(t(ctx, "col.hosts"))).append("</th></tr>");
        for (CaseQueries.Account a : c.queries().accounts()) {
            b.append("<tr><td><a href=\"/cases/").append(esc(url(c.id()))).append("/detections?account=").append(esc(url(a.name())))
                    .append("\">").append(esc(a.name())).append("</a></td><td class=\"num\">").append(a.detections())
                    .append("</td><td class=\"num\">").append(a.hosts()).append("</td></tr>");
        }
        html(ctx, Layout.page(ctx, t(ctx, "tab.accounts"), c.id(), "accounts", b.append("</table>").toString()));
    }

    void graph(Context ctx) {
        ServedCase c = theCase(cases, ctx);
        StringBuilder b = new StringBuilder();
        String stored = c.db().read(db -> {
            try (java.sql.PreparedStatement p = db.prepareStatement("SELECT data FROM case_artifact WHERE name = 'graph'");
                 java.sql.ResultSet r = p.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        });
        tansa.report.Lang lang = tansa.report.Lang.parse(Messages.lang(ctx));
        String figure = stored == null ? "" : tansa.report.LateralFigure.figure(parse(stored), lang == null ? tansa.report.Lang.EN : lang);
        if (figure.isEmpty()) {
            b.append("<p class=\"note\" id=\"graph-missing\">").append(esc(t(ctx, stored == null ? "graph.none" : "graph.empty"))).append("</p>");
        } else {
            b.append(figure);
        }
        b.append("<h2>").append(esc(t(ctx, "graph.logons"))).append("</h2><table class=\"data\" id=\"logons\"><tr><th>")
                .append(esc(t(ctx, "col.from"))).append("</th><th>").append(esc(t(ctx, "col.to"))).append("</th><th>")
                .append(esc(t(ctx, "col.account"))).append("</th><th>").append(esc(t(ctx, "col.count"))).append("</th><th>")
                .append(esc(t(ctx, "col.first"))).append("</th><th>").append(esc(t(ctx, "col.last"))).append("</th></tr>");
        for (CaseQueries.Logon l : c.queries().logons()) {
            b.append("<tr><td>").append(esc(l.source())).append("</td><td>").append(esc(l.target())).append("</td><td>")
                    .append(esc(l.account())).append("</td><td class=\"num\">").append(l.count()).append("</td><td>").append(esc(l.first()))
                    .append("</td><td>").append(esc(l.last())).append("</td></tr>");
        }
        html(ctx, Layout.page(ctx, t(ctx, "tab.graph"), c.id(), "graph", b.append("</table>").toString()));
    }

    // ---- notes and tasks

    void notes(Context ctx) {
        ServedCase c = theCase(cases, ctx);
        StringBuilder b = new StringBuilder();
        Role r = caller(ctx).roleIn(c.id());
        if (r != null && r.atLeast(Role.ANALYST)) {
            b.append("<form method=\"post\" action=\"/cases/").append(esc(url(c.id()))).append("/notes\" id=\"note-form\">")
                    .append(Layout.csrf(ctx)).append("<textarea name=\"text\" id=\"note-text\" rows=\"5\" required placeholder=\"")
                    .append(esc(t(ctx, "notes.placeholder"))).append("\"></textarea><button type=\"submit\" id=\"note-add\">")
                    .append(esc(t(ctx, "notes.add"))).append("</button></form>");
        }
        b.append("<div id=\"notes\">");
        for (CaseWork.Note n : c.work().notes()) {
            b.append("<article class=\"note\" id=\"note-").append(n.id()).append("\"><p class=\"meta\">").append(esc(n.author()))
                    .append(" &middot; ").append(esc(n.createdAt())).append("</p><div class=\"md\">").append(Markdown.html(n.text()))
                    .append("</div></article>");
        }
        html(ctx, Layout.page(ctx, t(ctx, "tab.notes"), c.id(), "notes", b.append("</div>").toString()));
    }

    void addNote(Context ctx) {
        ServedCase c = theCase(cases, ctx);
        c.work().addNote(caller(ctx).user(), ctx.formParam("text"));
        ctx.redirect("/cases/" + url(c.id()) + "/notes", HttpStatus.SEE_OTHER);
    }

    void tasks(Context ctx) {
        ServedCase c = theCase(cases, ctx);
        Role r = caller(ctx).roleIn(c.id());
        boolean write = r != null && r.atLeast(Role.ANALYST);
        StringBuilder b = new StringBuilder();
        if (write) {
            b.append("<form method=\"post\" action=\"/cases/").append(esc(url(c.id()))).append("/tasks\" id=\"task-form\">")
                    .append(Layout.csrf(ctx)).append("<input name=\"title\" id=\"task-title\" required placeholder=\"")
                    .append(esc(t(ctx, "tasks.title_placeholder"))).append("\"><input name=\"owner\" id=\"task-owner\" placeholder=\"")
                    .append(esc(t(ctx, "tasks.owner"))).append("\"><button type=\"submit\" id=\"task-add\">")
                    .append(esc(t(ctx, "tasks.add"))).append("</button></form>");
        }
        b.append("<table class=\"data\" id=\"tasks\"><tr><th>#</th><th>").append(esc(t(ctx, "tasks.task"))).append("</th><th>")
                .append(esc(t(ctx, "tasks.owner"))).append("</th><th>").append(esc(t(ctx, "tasks.status"))).append("</th></tr>");
        for (CaseWork.Task k : c.work().tasks()) {
            b.append("<tr><td>").append(k.id()).append("</td><td>").append(esc(k.title())).append("</td><td>").append(esc(k.owner()))
                    .append("</td><td>");
            if (write) {
                b.append("<form method=\"post\" class=\"inline\" action=\"/cases/").append(esc(url(c.id()))).append("/tasks/")
                        .append(k.id()).append("/status\">").append(Layout.csrf(ctx)).append("<select name=\"status\">");
                for (String s : List.of("open", "in_progress", "done")) {
                    b.append("<option value=\"").append(s).append('"').append(s.equals(k.status()) ? " selected" : "").append('>')
                            .append(esc(t(ctx, "task." + s))).append("</option>");
                }
                b.append("</select><button type=\"submit\">").append(esc(t(ctx, "overview.save"))).append("</button></form>");
            } else {
                b.append(esc(t(ctx, "task." + k.status())));
            }
            b.append("</td></tr>");
        }
        html(ctx, Layout.page(ctx, t(ctx, "tab.tasks"), c.id(), "tasks", b.append("</table>").toString()));
    }

    void addTask(Context ctx) {
        ServedCase c = theCase(cases, ctx);
        c.work().addTask(caller(ctx).user(), ctx.formParam("title"), ctx.formParam("owner"));
        ctx.redirect("/cases/" + url(c.id()) + "/tasks", HttpStatus.SEE_OTHER);
    }

    void taskStatus(Context ctx) {
        ServedCase c = theCase(cases, ctx);
        if (!c.work().setTaskStatus(caller(ctx).user(), Api.taskId(ctx), nz(ctx.formParam("status")))) {
            throw new Refused(404, "no such task");
        }
        ctx.redirect("/cases/" + url(c.id()) + "/tasks", HttpStatus.SEE_OTHER);
    }
}
