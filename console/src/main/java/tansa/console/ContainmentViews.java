package tansa.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.util.Map;

import static tansa.console.Html.esc;
import static tansa.console.Html.url;
import static tansa.console.Messages.t;

/** The containment plan page and its API: each action of the stored scope with its status and owner. */
final class ContainmentViews {
    private final Map<String, ServedCase> cases;

    ContainmentViews(Map<String, ServedCase> cases) {
        this.cases = cases;
    }

    private static Caller caller(Context ctx) {
        return ctx.attribute("caller");
    }

    void page(Context ctx) {
        ServedCase c = Pages.theCase(cases, ctx);
        Containment.Plan plan = c.containment().plan();
        StringBuilder b = new StringBuilder();
        if (plan == null) {
            b.append("<p class=\"note\" id=\"containment-none\">").append(esc(t(ctx, "containment.none"))).append("</p>");
            Pages.html(ctx, Layout.page(ctx, t(ctx, "tab.containment"), c.id(), "containment", b.toString()));
            return;
        }
        Role r = caller(ctx).roleIn(c.id());
        boolean write = r != null && r.atLeast(Role.ANALYST);
        long done = plan.actions().stream().filter(a -> a.status().equals("done") || a.status().equals("not_applicable")).count();
        b.append("<p id=\"containment-summary\">").append(esc(t(ctx, "containment.summary").replace("{done}", Long.toString(done))
                .replace("{total}", Integer.toString(plan.actions().size())).replace("{at}", String.valueOf(plan.storedAt())))).append("</p>");
        b.append("<table class=\"data\" id=\"containment\"><tr><th>").append(esc(t(ctx, "containment.group"))).append("</th><th>")
                .append(esc(t(ctx, "containment.action"))).append("</th><th>").append(esc(t(ctx, "containment.target"))).append("</th><th>")
                .append(esc(t(ctx, "containment.why"))).append("</th><th>").append(esc(t(ctx, "tasks.status"))).append("</th><th>")
                .append(esc(t(ctx, "tasks.owner"))).append("</th><th>").append(esc(t(ctx, "incident.updated"))).append("</th></tr>");
        int row = 0;
        for (Containment.Action a : plan.actions()) {
            row++;
            b.append("<tr class=\"action-").append(esc(a.status())).append("\"><td>").append(esc(t(ctx, "containment.group." + a.group())))
                    .append("</td><td>").append(esc(a.action())).append("</td><td>").append(esc(a.target()));
            if (!a.addresses().isEmpty()) {
                b.append("<br><span class=\"meta\">").append(esc(String.join(", ", a.addresses()))).append("</span>");
            }
            b.append("</td><td>").append(esc(String.join("; ", a.why()))).append("</td>");
            if (write) {
                String form = "ca-" + row;
                b.append("<td><form method=\"post\" id=\"").append(form).append("\" class=\"inline\" action=\"/cases/").append(esc(url(c.id())))
                        .append("/containment\">").append(Layout.csrf(ctx)).append("<input type=\"hidden\" name=\"key\" value=\"")
                        .append(esc(a.key())).append("\"><select name=\"status\">");
                for (String s : Containment.STATES) {
                    b.append("<option value=\"").append(s).append('"').append(s.equals(a.status()) ? " selected" : "").append('>')
                            .append(esc(t(ctx, "containment." + s))).append("</option>");
                }
                b.append("</select></form></td><td><input name=\"owner\" form=\"").append(form).append("\" maxlength=\"64\" value=\"")
                        .append(esc(a.owner())).append("\"> <button type=\"submit\" form=\"").append(form).append("\">")
                        .append(esc(t(ctx, "overview.save"))).append("</button></td>");
            } else {
                b.append("<td>").append(esc(t(ctx, "containment." + a.status()))).append("</td><td>").append(esc(a.owner())).append("</td>");
            }
            b.append("<td>").append(a.updatedBy() == null ? "" : esc(a.updatedBy()) + " &middot; " + esc(a.updatedAt())).append("</td></tr>");
        }
        Pages.html(ctx, Layout.page(ctx, t(ctx, "tab.containment"), c.id(), "containment", b.append("</table>").toString()));
    }

    void set(Context ctx) {
        ServedCase c = Pages.theCase(cases, ctx);
        String status = ctx.formParam("status");
        if (!c.containment().set(caller(ctx).user(), ctx.formParam("key"), status == null ? "" : status, ctx.formParam("owner"))) {
            throw new Refused(404, "the containment plan has no such action");
        }
        ctx.redirect("/cases/" + url(c.id()) + "/containment", HttpStatus.SEE_OTHER);
    }

    void apiPlan(Context ctx) {
        Containment.Plan plan = Pages.theCase(cases, ctx).containment().plan();
        if (plan == null) {
            ObjectNode o = Json.MAPPER.createObjectNode();
            o.putNull("stored_at");
            o.putArray("actions");
            Api.json(ctx, 200, o);
            return;
        }
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("stored_at", plan.storedAt());
        o.set("actions", Json.MAPPER.valueToTree(plan.actions()));
        Api.json(ctx, 200, o);
    }

    /** {"key": "GROUP/ACTION/TARGET", "status": planned|in_progress|done|not_applicable, "owner": ...}. */
    void apiSet(Context ctx) {
        ServedCase c = Pages.theCase(cases, ctx);
        JsonNode body = Api.body(ctx);
        String key = Api.text(body, "key");
        String status = Api.text(body, "status");
        if (!c.containment().set(caller(ctx).user(), key, status == null ? "" : status, Api.text(body, "owner"))) {
            throw new Refused(404, "the containment plan has no such action");
        }
        for (Containment.Action a : c.containment().plan().actions()) {
            if (a.key().equals(key)) {
                Api.json(ctx, 200, Json.MAPPER.valueToTree(a));
                return;
            }
        }
    }
}
