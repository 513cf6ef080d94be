package tansa.console;

import io.javalin.http.Context;

import static tansa.console.Html.esc;
import static tansa.console.Messages.t;

/** The page around every view: head, header (user, language switch, sign-out), the case's tabs. */
final class Layout {
    static final String[] TABS = {"overview", "detections", "incidents", "hosts", "accounts", "graph", "exposure", "iocs",
        "containment", "notes", "tasks"};

    private Layout() {
    }

    static String page(Context ctx, String title, String caseId, String tab, String body) {
        StringBuilder b = new StringBuilder(8192);
        String lang = Messages.lang(ctx);
        b.append("<!DOCTYPE html>\n<html lang=\"").append(lang).append("\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(esc(title)).append(" - tansa</title>")
                .append("<link rel=\"stylesheet\" href=\"/static/console.css\">")
                .append("<script src=\"/static/console.js\" defer></script></head><body>");
        b.append("<header><a class=\"brand\" href=\"/\">tansa</a>");
        Caller caller = ctx.attribute("caller");
        b.append("<nav class=\"lang\">");
        String other = lang.equals("ja") ? "en" : "ja";
        b.append("<a id=\"lang-switch\" href=\"").append(esc(ctx.path())).append("?lang=").append(other).append("\">")
                .append(esc(t(ctx, "lang.switch"))).append("</a>");
        if (caller != null) {
            b.append("<span class=\"who\">").append(esc(caller.user()));
            if (caseId != null && caller.roleIn(caseId) != null) {
                b.append(" (").append(esc(t(ctx, "role." + caller.roleIn(caseId).id()))).append(')');
            }
            b.append("</span>");
            if (caller.bySession()) {
                b.append("<form method=\"post\" action=\"/logout\" class=\"inline\">").append(csrf(ctx))
                        .append("<button type=\"submit\" id=\"logout\">").append(esc(t(ctx, "nav.logout"))).append("</button></form>");
            }
        }
        b.append("</nav></header>");
        if (caseId != null) {
            b.append("<nav class=\"tabs\">");
            for (String name : TABS) {
                String href = "/cases/" + Html.url(caseId) + (name.equals("overview") ? "" : "/" + name);
                b.append("<a id=\"tab-").append(name).append("\" href=\"").append(esc(href)).append('"')
                        .append(name.equals(tab) ? " class=\"active\"" : "").append('>').append(esc(t(ctx, "tab." + name)))
                        .append("</a>");
            }
            b.append("</nav>");
        }
        b.append("<main><h1>").append(esc(title)).append("</h1>").append(body).append("</main></body></html>\n");
        return b.toString();
    }

    /** The hidden CSRF field for a form (the session's token). */
    static String csrf(Context ctx) {
        Caller caller = ctx.attribute("caller");
        Sessions.Session s = caller != null && caller.bySession() ? caller.session() : ctx.attribute("session");
        return s == null ? "" : "<input type=\"hidden\" name=\"" + ConsoleServer.CSRF_FIELD + "\" value=\"" + esc(s.csrf()) + "\">";
    }

    static String error(Context ctx, int status, String message) {
        String title = t(ctx, "error.title") + " " + status;
        return page(ctx, title, null, null, "<p class=\"error\">" + esc(message) + "</p><p><a href=\"/\">"
                + esc(t(ctx, "error.home")) + "</a></p>");
    }
}
