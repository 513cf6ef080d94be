package tansa.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;

import java.util.Map;

/** The REST API's handlers: JSON in, JSON out; a bad request is a 400 {"error": ...}. */
final class Api {
    private final Map<String, ServedCase> cases;

    Api(Map<String, ServedCase> cases) {
        this.cases = cases;
    }

    static void json(Context ctx, int status, JsonNode body) {
        ctx.status(status).contentType("application/json").result(body.toString());
    }

    private static Caller caller(Context ctx) {
        return ctx.attribute("caller");
    }

    void cases(Context ctx) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (ServedCase c : cases.values()) {
            Role r = caller(ctx).roleIn(c.id());
            if (r != null) {
                CaseQueries.Overview o = c.queries().overview();
                a.addObject().put("id", c.id()).put("name", o.name()).put("role", r.id()).put("status", o.status())
                        .put("severity", o.severity()).put("evidence", o.evidence()).put("events", o.events())
                        .put("detections", o.detections());
            }
        }
        json(ctx, 200, a);
    }

    void overview(Context ctx) {
        ServedCase c = Pages.theCase(cases, ctx);
        json(ctx, 200, Json.MAPPER.valueToTree(c.queries().overview()));
    }

    /**
     * The page as {"total", "items", "next"}: each item is the stored hunt-jsonl record with
     * {@code detection_id} spliced in before its closing brace (the record is a JSON object as ingest
     * wrote it), so a page of 1,000 is not parsed and written again.
     */
    void detections(Context ctx) {
        ServedCase c = Pages.theCase(cases, ctx);
        CaseQueries.Page page = c.queries().detections(DetectionFilter.parse(ctx.queryParamMap()));
        StringBuilder b = new StringBuilder(256 + page.items().size() * 1200);
        b.append("{\"total\":").append(page.total()).append(",\"items\":[");
        boolean first = true;
        for (CaseQueries.DetectionRow d : page.items()) {
            if (!first) {
                b.append(',');
            }
            first = false;
            String data = d.data().strip();
            if (data.endsWith("}") && data.length() > 2) {
                b.append(data, 0, data.length() - 1).append(",\"detection_id\":\"").append(d.id()).append("\"}");
            } else {
                b.append(item(d)); // not an object as stored: the general path
            }
        }
        b.append(']');
        if (page.next() != null) {
            b.append(",\"next\":\"").append(page.next()).append('"'); // the next page: the same query with after=NEXT
        }
        b.append('}');
        ctx.status(200).contentType("application/json").result(b.toString());
    }

    /** The detection's hunt-jsonl record with one more key, {@code detection_id} (its EVIDENCE-SEQ in the case). */
    static JsonNode item(CaseQueries.DetectionRow d) {
        JsonNode n = Pages.parse(d.data());
        if (n instanceof ObjectNode o) {
            o.put("detection_id", d.id());
        }
        return n;
    }

    void detection(Context ctx) {
        ServedCase c = Pages.theCase(cases, ctx);
        long[] k = Pages.key(ctx);
        CaseQueries.DetectionRow d = c.queries().detection(k[0], k[1]);
        if (d == null) {
            throw new Refused(404, "no such detection");
        }
        ObjectNode o = Json.MAPPER.createObjectNode();
        JsonNode rec = item(d);
        o.set("detection", rec);
        ArrayNode events = o.putArray("events");
        for (CaseQueries.EventRow e : c.queries().eventsByRecord(d.evidence(), rec.path("record_id").asLong(-1))) {
            events.add(event(e));
        }
        json(ctx, 200, o);
    }

    private static JsonNode event(CaseQueries.EventRow e) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("event_id", e.evidence() + "-" + e.seq());
        o.put("timestamp", e.ts() == null ? null : e.ts().toString());
        o.put("computer", e.computer());
        o.put("channel", e.channel());
        o.put("record_id", e.recordId());
        o.put("source", e.source());
        o.set("record", Pages.parse(e.data()));
        return o;
    }

    void event(Context ctx) {
        ServedCase c = Pages.theCase(cases, ctx);
        long[] k = Pages.key(ctx);
        CaseQueries.EventRow e = c.queries().event(k[0], k[1]);
        if (e == null) {
            throw new Refused(404, "no such event");
        }
        json(ctx, 200, event(e));
    }

    void hosts(Context ctx) {
        json(ctx, 200, Json.MAPPER.valueToTree(Pages.theCase(cases, ctx).queries().hosts()));
    }

    void accounts(Context ctx) {
        json(ctx, 200, Json.MAPPER.valueToTree(Pages.theCase(cases, ctx).queries().accounts()));
    }

    void logons(Context ctx) {
        json(ctx, 200, Json.MAPPER.valueToTree(Pages.theCase(cases, ctx).queries().logons()));
    }

    void notes(Context ctx) {
        json(ctx, 200, Json.MAPPER.valueToTree(Pages.theCase(cases, ctx).work().notes()));
    }

    void addNote(Context ctx) {
        ServedCase c = Pages.theCase(cases, ctx);
        JsonNode body = body(ctx);
        CaseWork.Note n = c.work().addNote(caller(ctx).user(), text(body, "text"));
        json(ctx, 201, Json.MAPPER.valueToTree(n));
    }

    void tasks(Context ctx) {
        json(ctx, 200, Json.MAPPER.valueToTree(Pages.theCase(cases, ctx).work().tasks()));
    }

    void addTask(Context ctx) {
        ServedCase c = Pages.theCase(cases, ctx);
        JsonNode body = body(ctx);
        json(ctx, 201, Json.MAPPER.valueToTree(c.work().addTask(caller(ctx).user(), text(body, "title"), text(body, "owner"))));
    }

    void taskStatus(Context ctx) {
        ServedCase c = Pages.theCase(cases, ctx);
        String status = text(body(ctx), "status");
        if (!c.work().setTaskStatus(caller(ctx).user(), taskId(ctx), status == null ? "" : status)) {
            throw new Refused(404, "no such task");
        }
        json(ctx, 200, Json.MAPPER.createObjectNode().put("id", taskId(ctx)).put("status", status));
    }

    void state(Context ctx) {
        ServedCase c = Pages.theCase(cases, ctx);
        JsonNode body = body(ctx);
        String status = text(body, "status");
        String severity = text(body, "severity");
        c.work().setState(caller(ctx).user(), status == null ? "" : status, severity == null ? "" : severity);
        json(ctx, 200, Json.MAPPER.valueToTree(c.queries().state()));
    }

    static long taskId(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("task"));
        } catch (NumberFormatException e) {
            throw new DetectionFilter.BadRequest("a task is named by its number");
        }
    }

    static JsonNode body(Context ctx) {
        try {
            JsonNode n = Json.MAPPER.readTree(ctx.body());
            if (n == null || !n.isObject()) {
                throw new DetectionFilter.BadRequest("the body must be a JSON object");
            }
            return n;
        } catch (java.io.IOException e) {
            throw new DetectionFilter.BadRequest("the body is not JSON");
        }
    }

    static String text(JsonNode body, String key) {
        JsonNode v = body.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new DetectionFilter.BadRequest(key + " must be a string");
        }
        return v.textValue();
    }
}
