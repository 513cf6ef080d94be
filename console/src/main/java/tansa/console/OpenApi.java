package tansa.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Locale;

/** The OpenAPI 3.0 document of every route, built once from the route table. */
final class OpenApi {
    private final String json;

    OpenApi(List<RouteDoc> docs) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("openapi", "3.0.3");
        root.putObject("info").put("title", "tansa console and REST API").put("version", "1")
                .put("description", "Pages (text/html) and the JSON API of 'tansa serve'. Sign in with a browser session "
                        + "(writes need the session's CSRF token in X-CSRF-Token or the _csrf form field) or with "
                        + "'Authorization: Bearer TOKEN' from 'tansa token create'. Anonymous calls get 401; a role too weak "
                        + "for the route gets 403. x-tansa-access names the role a route needs in its case.");
        ObjectNode schemes = root.putObject("components").putObject("securitySchemes");
        schemes.putObject("bearer").put("type", "http").put("scheme", "bearer");
        schemes.putObject("session").put("type", "apiKey").put("in", "cookie").put("name", ConsoleServer.SESSION_COOKIE);
        ObjectNode paths = root.putObject("paths");
        for (RouteDoc d : docs) {
            ObjectNode p = paths.has(d.path()) ? (ObjectNode) paths.get(d.path()) : paths.putObject(d.path());
            ObjectNode op = p.putObject(d.method().toLowerCase(Locale.ROOT));
            op.put("summary", d.summary());
            op.put("x-tansa-access", d.access().name().toLowerCase(Locale.ROOT));
            ArrayNode params = op.putArray("parameters");
            for (String seg : d.path().split("/")) {
                if (seg.startsWith("{") && seg.endsWith("}")) {
                    params.addObject().put("name", seg.substring(1, seg.length() - 1)).put("in", "path").put("required", true)
                            .putObject("schema").put("type", "string");
                }
            }
            for (String q : d.query()) {
                params.addObject().put("name", q).put("in", "query").put("required", false).putObject("schema")
                        .put("type", q.equals("limit") || q.equals("offset") ? "integer" : "string");
            }
            if (d.body() != null) {
                String type = d.body().equals("json") ? "application/json" : "application/x-www-form-urlencoded";
                op.putObject("requestBody").put("required", true).putObject("content").putObject(type).putObject("schema")
                        .put("type", "object");
            }
            if (d.access() == Access.PUBLIC) {
                op.putArray("security");
            } else {
                ArrayNode sec = op.putArray("security");
                sec.addObject().putArray("bearer");
                sec.addObject().putArray("session");
            }
            ObjectNode responses = op.putObject("responses");
            String ok = d.method().equals("POST") && d.produces().equals("application/json") && d.summary().contains("201") ? "201" : "200";
            responses.putObject(ok).put("description", "ok").putObject("content").putObject(d.produces());
            if (d.access() != Access.PUBLIC) {
                responses.putObject("401").put("description", "not signed in");
                responses.putObject("403").put("description", "role too weak, or a session's write without its CSRF token");
            }
            responses.putObject("400").put("description", "a bad parameter: {\"error\": ...}");
        }
        json = root.toString();
    }

    String json() {
        return json;
    }
}
