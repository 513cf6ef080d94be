package tansa.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static tansa.console.Html.esc;
import static tansa.console.Html.url;
import static tansa.console.Messages.t;

/** The incidents pages and their API: list, detail, create (from picked detections or a filter), edit, add detections. */
final class IncidentViews {
    private final Map<String, ServedCase> cases;

    IncidentViews(Map<String, ServedCase> cases) {
        this.cases = cases;
    }

    private static Caller caller(Context ctx) {
        return ctx.attribute("caller");
    }

    static long incidentId(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("incident"));
        } catch (NumberFormatException e) {
            throw new DetectionFilter.BadRequest("an incident is named by its number");
        }
    }

    private static boolean writes(Context ctx, ServedCase c) {
        Role r = caller(ctx).roleIn(c.id());
        return r != null && r.atLeast(Role.ANALYST);
    }

    /**
     * The form under the detections table (an analyst's or stronger): the picked rows (their
     * checkboxes name this form) or every detection the filter selects become a new incident, or
     * join an existing one.
     */
    static String detectionsForm(Context ctx, ServedCase c, DetectionFilter f) {
        if (!writes(ctx, c)) {
            return "";
        }
        StringBuilder b = new StringBuilder("<form method=\"post\" action=\"/cases/").append(esc(url(c.id())))
                .append("/incidents\" id=\"incident-form\" class=\"filters\">").append(Layout.csrf(ctx));
        hidden(b, "level", f.level());
        hidden(b, "rule", f.rule());
        hidden(b, "host", f.host());
        hidden(b, "account", f.account());
        hidden(b, "q", f.q());
        hidden(b, "from", f.from() == null ? null : f.from().toString());
        hidden(b, "to", f.to() == null ? null : f.to().toString());
        b.append("<label>").append(esc(t(ctx, "incident.group"))).append(" <select name=\"pick\" id=\"incident-pick\"><option value=\"selected\">")
                .append(esc(t(ctx, "incident.pick_selected"))).append("</option><option value=\"filter\">")
                .append(esc(t(ctx, "incident.pick_filter"))).append("</option></select></label>");
        b.append("<label>").append(esc(t(ctx, "incident.into"))).append(" <select name=\"incident\" id=\"incident-target\"><option value=\"\">")
                .append(esc(t(ctx, "incident.new"))).append("</option>");
        for (Incidents.Incident i : c.incidents().list()) {
            if (!i.status().equals("closed")) {
                b.append("<option value=\"").append(i.id()).append("\">#").append(i.id()).append(' ').append(esc(i.title())).append("</option>");
            }
        }
        b.append("</select></label><label>").append(esc(t(ctx, "incident.title_field")))
                .append(" <input name=\"title\" id=\"incident-title\" maxlength=\"500\"></label>")
                .append(severitySelect(ctx, "unknown", "incident-severity"))
                .append("<button type=\"submit\" id=\"incident-create\">").append(esc(t(ctx, "incident.create"))).append("</button></form>");
        return b.toString();
    }

    /** The checkbox cell of a detections row (empty for a viewer: no form to join). */
    static String pickCell(Context ctx, ServedCase c, CaseQueries.DetectionRow d) {
        if (!writes(ctx, c)) {
            return "";
        }
        return "<td><input type=\"checkbox\" name=\"d\" form=\"incident-form\" value=\"" + esc(d.id()) + "\" aria-label=\""
                + esc(t(ctx, "incident.pick")) + "\"></td>";
    }

    static String pickHeader(Context ctx, ServedCase c) {
        return writes(ctx, c) ? "<th></th>" : "";
    }

    private static void hidden(StringBuilder b, String name, String value) {
        if (value != null) {
            b.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"").append(esc(value)).append("\">");
        }
    }

    private static String severitySelect(Context ctx, String current, String id) {
        StringBuilder b = new StringBuilder("<label>").append(esc(t(ctx, "overview.severity"))).append(" <select name=\"severity\" id=\"")
                .append(id).append("\">");
        for (String s : CaseWork.SEVERITIES) {
            b.append("<option value=\"").append(s).append('"').append(s.equals(current) ? " selected" : "").append('>')
                    .append(esc(t(ctx, "severity." + s))).append("</option>");
        }
        return b.append("</select></label>").toString();
    }

    void list(Context ctx) {
        ServedCase c = Pages.theCase(cases, ctx);
        StringBuilder b = new StringBuilder("<p>").append(esc(t(ctx, "incidents.about"))).append("</p>");
        b.append("<table class=\"data\" id=\"incidents\"><tr><th>#</th><th>").append(esc(t(ctx, "incident.title_field"))).append("</th><th>")
                .append(esc(t(ctx, "tasks.status"))).append("</th><th>").append(esc(t(ctx, "overview.severity"))).append("</th><th>")
                .append(esc(t(ctx, "tasks.owner"))).append("</th><th>").append(esc(t(ctx, "overview.detections"))).append("</th><th>")
                .append(esc(t(ctx, "incident.updated"))).append("</th></tr>");
        for (Incidents.Incident i : c.incidents().list()) {
            b.append("<tr><td>").append(i.id()).append("</td><td><a href=\"/cases/").append(esc(url(c.id()))).append("/incidents/")
                    .append(i.id()).append("\">").append(esc(i.title())).append("</a></td><td>").append(esc(t(ctx, "incident." + i.status())))
                    .append("</td><td>").append(esc(t(ctx, "severity." + i.severity()))).append("</td><td>").append(esc(i.owner()))
                    .append("</td><td class=\"num\">").append(i.detections()).append("</td><td>").append(esc(i.updatedAt())).append("</td></tr>");
        }
        Pages.html(ctx, Layout.page(ctx, t(ctx, "tab.incidents"), c.id(), "incidents", b.append("</table>").toString()));
    }

    void detail(Context ctx) {
        ServedCase c = Pages.theCase(cases, ctx);
        Incidents.Incident i = c.incidents().get(incidentId(ctx));
        if (i == null) {
            throw new Refused(404, "no such incident");
        }
        StringBuilder b = new StringBuilder("<dl class=\"facts\">");
        b.append(Pages.dt(ctx, "tasks.status")).append("<dd id=\"incident-status\">").append(esc(t(ctx, "incident." + i.status()))).append("</dd>")
                .append(Pages.dt(ctx, "overview.severity")).append("<dd id=\"incident-severity-value\">")
                .append(esc(t(ctx, "severity." + i.severity()))).append("</dd>")
                .append(Pages.dt(ctx, "tasks.owner")).append("<dd id=\"incident-owner\">").append(esc(i.owner())).append("</dd>")
                .append(Pages.dt(ctx, "incident.created")).append("<dd>").append(esc(i.createdBy())).append(" &middot; ")
                .append(esc(i.createdAt())).append("</dd>")
                .append(Pages.dt(ctx, "overview.detections")).append("<dd id=\"incident-detections\">").append(i.detections()).append("</dd></dl>");
        b.append("<h2>").append(esc(t(ctx, "incident.notes"))).append("</h2><div class=\"md\" id=\"incident-notes\">")
                .append(i.notes() == null ? "" : Markdown.html(i.notes())).append("</div>");
        if (writes(ctx, c)) {
            b.append("<h2>").append(esc(t(ctx, "incident.edit"))).append("</h2><form method=\"post\" action=\"/cases/").append(esc(url(c.id())))
                    .append("/incidents/").append(i.id()).append("\" id=\"incident-edit\" class=\"stack\">").append(Layout.csrf(ctx))
                    .append("<label>").append(esc(t(ctx, "incident.title_field"))).append(" <input name=\"title\" id=\"edit-title\" required ")
                    .append("maxlength=\"500\" value=\"").append(esc(i.title())).append("\"></label><label>").append(esc(t(ctx, "tasks.status")))
                    .append(" <select name=\"status\" id=\"edit-status\">");
            for (String s : Incidents.STATES) {
                b.append("<option value=\"").append(s).append('"').append(s.equals(i.status()) ? " selected" : "").append('>')
                        .append(esc(t(ctx, "incident." + s))).append("</option>");
            }
            b.append("</select></label>").append(severitySelect(ctx, i.severity(), "edit-severity")).append("<label>")
                    .append(esc(t(ctx, "tasks.owner"))).append(" <input name=\"owner\" id=\"edit-owner\" maxlength=\"64\" value=\"")
                    .append(esc(i.owner())).append("\"></label><label>").append(esc(t(ctx, "incident.notes")))
                    .append(" <textarea name=\"notes\" id=\"edit-notes\" rows=\"5\" placeholder=\"").append(esc(t(ctx, "notes.placeholder")))
                    .append("\">").append(esc(i.notes())).append("</textarea></label><button type=\"submit\" id=\"incident-save\">")
                    .append(esc(t(ctx, "overview.save"))).append("</button></form>");
        }
        b.append("<h2>").append(esc(t(ctx, "overview.detections"))).append("</h2><table id=\"incident-table\" class=\"data\"><tr><th>")
                .append(esc(t(ctx, "col.time"))).append("</th><th>").append(esc(t(ctx, "col.level"))).append("</th><th>")
                .append(esc(t(ctx, "col.rule"))).append("</th><th>").append(esc(t(ctx, "col.host"))).append("</th></tr>");
        for (CaseQueries.DetectionRow d : c.incidents().detections(i.id(), 1000)) {
            b.append("<tr class=\"level-").append(esc(d.level())).append("\"><td><a href=\"/cases/").append(esc(url(c.id())))
                    .append("/detections/").append(esc(d.id())).append("\">").append(esc(d.ts() == null ? "-" : d.ts().toString()))
                    .append("</a></td><td class=\"lvl\">").append(esc(d.level())).append("</td><td>").append(esc(d.ruleTitle())).append("</td><td>")
                    .append(esc(d.computer())).append("</td></tr>");
        }
        b.append("</table>");
        Pages.html(ctx, Layout.page(ctx, t(ctx, "incident.title") + " #" + i.id() + ": " + i.title(), c.id(), "incidents", b.toString()));
    }

    /** The detections page's form: a new incident, or the picked detections into an existing one. */
    void create(Context ctx) {
        ServedCase c = Pages.theCase(cases, ctx);
        String target = ctx.formParam("incident");
        List<String> picked = ctx.formParams("d");
        boolean byFilter = "filter".equals(ctx.formParam("pick"));
        Incidents.Incident i;
        if (target != null && !target.isBlank()) {
            long id;
            try {
                id = Long.parseLong(target.strip());
            } catch (NumberFormatException e) {
                throw new DetectionFilter.BadRequest("incident must be an incident's number");
            }
            if (byFilter) {
                throw new DetectionFilter.BadRequest("only picked detections can be added to an existing incident");
            }
            i = c.incidents().addDetections(caller(ctx).user(), id, picked);
            if (i == null) {
                throw new Refused(404, "no such incident");
            }
        } else {
            String title = ctx.formParam("title");
            DetectionFilter f = byFilter ? DetectionFilter.parse(ctx.formParamMap()) : null;
            i = c.incidents().create(caller(ctx).user(), new Incidents.Fields(title, null, blankToNull(ctx.formParam("severity")),
                    null, null), byFilter ? List.of() : picked, f);
        }
        ctx.redirect("/cases/" + url(c.id()) + "/incidents/" + i.id(), HttpStatus.SEE_OTHER);
    }

    void edit(Context ctx) {
        ServedCase c = Pages.theCase(cases, ctx);
        Incidents.Incident i = c.incidents().update(caller(ctx).user(), incidentId(ctx), new Incidents.Fields(ctx.formParam("title"),
                blankToNull(ctx.formParam("status")), blankToNull(ctx.formParam("severity")), nz(ctx.formParam("owner")),
                nz(ctx.formParam("notes"))));
        if (i == null) {
            throw new Refused(404, "no such incident");
        }
        ctx.redirect("/cases/" + url(c.id()) + "/incidents/" + i.id(), HttpStatus.SEE_OTHER);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    // ---- API

    void apiList(Context ctx) {
        Api.json(ctx, 200, Json.MAPPER.valueToTree(Pages.theCase(cases, ctx).incidents().list()));
    }

    void apiDetail(Context ctx) {
        ServedCase c = Pages.theCase(cases, ctx);
        Incidents.Incident i = c.incidents().get(incidentId(ctx));
        if (i == null) {
            throw new Refused(404, "no such incident");
        }
        ObjectNode o = Json.MAPPER.valueToTree(i);
        var items = o.putArray("items");
        for (CaseQueries.DetectionRow d : c.incidents().detections(i.id(), Incidents.MAX_DETECTIONS)) {
            items.add(Api.item(d));
        }
        Api.json(ctx, 200, o);
    }

    /** {"title", "severity", "status", "owner", "notes", "detections": [EVIDENCE-SEQ...], "filter": {level, rule, ...}}. */
    void apiCreate(Context ctx) {
        ServedCase c = Pages.theCase(cases, ctx);
        JsonNode body = Api.body(ctx);
        DetectionFilter f = null;
        JsonNode filter = body.get("filter");
        if (filter != null && !filter.isNull()) {
            if (!filter.isObject()) {
                throw new DetectionFilter.BadRequest("filter must be an object of detection filters (level, rule, host, ...)");
            }
            Map<String, List<String>> params = new java.util.HashMap<>();
            filter.properties().forEach(e -> params.put(e.getKey(), List.of(e.getValue().asText())));
            f = DetectionFilter.parse(params);
        }
        Incidents.Incident i = c.incidents().create(caller(ctx).user(), fields(body), keys(body), f);
        Api.json(ctx, 201, Json.MAPPER.valueToTree(i));
    }

    /** Changes the fields given: {"title", "status", "severity", "owner", "notes"}; "detections": [...] adds those. */
    void apiUpdate(Context ctx) {
        ServedCase c = Pages.theCase(cases, ctx);
        JsonNode body = Api.body(ctx);
        long id = incidentId(ctx);
        Incidents.Fields f = fields(body);
        Incidents.Incident i = null;
        if (f.title() != null || f.status() != null || f.severity() != null || f.owner() != null || f.notes() != null) {
            i = c.incidents().update(caller(ctx).user(), id, f);
            if (i == null) {
                throw new Refused(404, "no such incident");
            }
        }
        if (body.has("detections")) {
            i = c.incidents().addDetections(caller(ctx).user(), id, keys(body));
        }
        if (i == null) {
            throw body.has("detections") ? new Refused(404, "no such incident")
                    : new DetectionFilter.BadRequest("nothing to change: give title, status, severity, owner, notes or detections");
        }
        Api.json(ctx, 200, Json.MAPPER.valueToTree(i));
    }

    private static Incidents.Fields fields(JsonNode body) {
        return new Incidents.Fields(Api.text(body, "title"), Api.text(body, "status"), Api.text(body, "severity"), Api.text(body, "owner"),
                Api.text(body, "notes"));
    }

    private static List<String> keys(JsonNode body) {
        JsonNode a = body.get("detections");
        List<String> out = new ArrayList<>();
        if (a == null || a.isNull()) {
            return out;
        }
        if (!a.isArray()) {
            throw new DetectionFilter.BadRequest("detections must be an array of EVIDENCE-SEQ strings");
        }
        for (JsonNode k : a) {
            out.add(k.asText());
        }
        return out;
    }
}
