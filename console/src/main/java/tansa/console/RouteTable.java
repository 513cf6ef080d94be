package tansa.console;

import io.javalin.Javalin;
import io.javalin.http.Handler;

import java.util.List;

/** Every route of the console and API, with its access level and what the OpenAPI document says of it. */
final class RouteTable {
    private static final List<String> FILTERS = List.of("level", "rule", "host", "account", "q", "from", "to", "limit", "offset", "after");
    private static final String HTML = "text/html";
    private static final String JSON = "application/json";

    private final Javalin app;
    private final List<RouteDoc> docs;
    private final Pages pages;
    private final Api api;
    private final IncidentViews incidents;
    private final ContainmentViews containment;
    private final ExposureViews exposure;

    RouteTable(Javalin app, List<RouteDoc> docs, Pages pages, Api api, IncidentViews incidents, ContainmentViews containment,
               ExposureViews exposure) {
        this.app = app;
        this.docs = docs;
        this.pages = pages;
        this.api = api;
        this.incidents = incidents;
        this.containment = containment;
        this.exposure = exposure;
    }

    private void get(String path, Access access, String summary, List<String> query, String produces, Handler h) {
        ConsoleServer.add(app, docs, new RouteDoc("GET", path, access, summary, query, null, produces), h);
    }

    private void post(String path, Access access, String summary, String body, String produces, Handler h) {
        ConsoleServer.add(app, docs, new RouteDoc("POST", path, access, summary, List.of(), body, produces), h);
    }

    void register() {
        // pages
        get("/login", Access.PUBLIC, "The sign-in page.", List.of(), HTML, pages::loginForm);
        post("/login", Access.PUBLIC, "Sign in (form: user, password, _csrf).", "form", HTML, pages::login);
        post("/logout", Access.SIGNED_IN, "Sign out.", "form", HTML, pages::logout);
        get("/", Access.SIGNED_IN, "Home: the caller's case, or the list of them.", List.of(), HTML, pages::home);
        get("/cases", Access.SIGNED_IN, "The caller's cases.", List.of(), HTML, pages::caseList);
        get("/cases/{id}", Access.VIEWER, "Case overview: status, severity, detections over time, counts.", List.of(), HTML, pages::overview);
        post("/cases/{id}/state", Access.LEAD, "Set the case's status and severity (form).", "form", HTML, pages::state);
        get("/cases/{id}/detections", Access.VIEWER, "Detections with filters, search and paging.", FILTERS, HTML, pages::detections);
        get("/cases/{id}/detections/{key}", Access.VIEWER, "One detection with its event's raw record.", List.of(), HTML, pages::detection);
        get("/cases/{id}/events/{key}", Access.VIEWER, "One event's raw record.", List.of(), HTML, pages::event);
        get("/cases/{id}/hosts", Access.VIEWER, "Hosts: events, detections, first and last seen.", List.of(), HTML, pages::hosts);
        get("/cases/{id}/accounts", Access.VIEWER, "Accounts named by detections.", List.of(), HTML, pages::accounts);
        get("/cases/{id}/report", Access.VIEWER, "The breach-impact report to download (format: html, pdf, json or md; lang: en or ja).",
                List.of("format", "lang"), "text/html", pages::report);
        get("/cases/{id}/graph", Access.VIEWER, "Lateral movement: host-to-host network logons.", List.of(), HTML, pages::graph);
        get("/cases/{id}/notes", Access.VIEWER, "Notes (Markdown, rendered with HTML escaped).", List.of(), HTML, pages::notes);
        post("/cases/{id}/notes", Access.ANALYST, "Add a note (form: text).", "form", HTML, pages::addNote);
        get("/cases/{id}/tasks", Access.VIEWER, "Tasks.", List.of(), HTML, pages::tasks);
        post("/cases/{id}/tasks", Access.ANALYST, "Add a task (form: title, owner).", "form", HTML, pages::addTask);
        post("/cases/{id}/tasks/{task}/status", Access.ANALYST, "Set a task's status (form: status).", "form", HTML, pages::taskStatus);
        get("/cases/{id}/incidents", Access.VIEWER, "Incidents: detections grouped under a title, status, severity and owner.",
                List.of(), HTML, incidents::list);
        post("/cases/{id}/incidents", Access.ANALYST, "Make an incident (form: title, severity, pick=selected with d=EVIDENCE-SEQ..., "
                + "or pick=filter with the detection filters), or add the picked detections to incident N (form: incident=N).",
                "form", HTML, incidents::create);
        get("/cases/{id}/incidents/{incident}", Access.VIEWER, "One incident with its detections and notes (Markdown).", List.of(), HTML,
                incidents::detail);
        post("/cases/{id}/incidents/{incident}", Access.ANALYST, "Edit an incident (form: title, status, severity, owner, notes).",
                "form", HTML, incidents::edit);
        get("/cases/{id}/containment", Access.VIEWER, "The stored scope's containment plan: each action's status and owner.", List.of(),
                HTML, containment::page);
        post("/cases/{id}/containment", Access.ANALYST, "Set a containment action's status and owner (form: key, status, owner).",
                "form", HTML, containment::set);
        get("/cases/{id}/exposure", Access.VIEWER, "Exposure findings of the attached scans: categories, coverage, the leak-claim result.",
                List.of(), HTML, exposure::exposurePage);
        get("/cases/{id}/iocs", Access.VIEWER, "Indicator hits among the case's detections.", List.of(), HTML, exposure::iocPage);
        // API
        get("/api/cases", Access.SIGNED_IN, "The caller's cases: [{id, name, role, status, severity, evidence, events, detections}].",
                List.of(), JSON, api::cases);
        get("/api/cases/{id}", Access.VIEWER, "Case overview as JSON.", List.of(), JSON, api::overview);
        post("/api/cases/{id}/state", Access.LEAD, "Set status and severity: {\"status\", \"severity\"}.", "json", JSON, api::state);
        get("/api/cases/{id}/detections", Access.VIEWER, "{\"total\": N, \"items\": [...]}; items in the 'hunt --format jsonl' "
                + "shape plus detection_id.", FILTERS, JSON, api::detections);
        get("/api/cases/{id}/detections/{key}", Access.VIEWER, "{\"detection\", \"events\"}: one detection and its event records.",
                List.of(), JSON, api::detection);
        get("/api/cases/{id}/events/{key}", Access.VIEWER, "One event's record.", List.of(), JSON, api::event);
        get("/api/cases/{id}/hosts", Access.VIEWER, "Hosts.", List.of(), JSON, api::hosts);
        get("/api/cases/{id}/accounts", Access.VIEWER, "Accounts named by detections.", List.of(), JSON, api::accounts);
        get("/api/cases/{id}/logons", Access.VIEWER, "Host-to-host network logons.", List.of(), JSON, api::logons);
        get("/api/cases/{id}/notes", Access.VIEWER, "Notes, newest first.", List.of(), JSON, api::notes);
        post("/api/cases/{id}/notes", Access.ANALYST, "Add a note: {\"text\": ...}; 201 with the note.", "json", JSON, api::addNote);
        get("/api/cases/{id}/tasks", Access.VIEWER, "Tasks.", List.of(), JSON, api::tasks);
        post("/api/cases/{id}/tasks", Access.ANALYST, "Add a task: {\"title\", \"owner\"}; 201 with the task.", "json", JSON, api::addTask);
        post("/api/cases/{id}/tasks/{task}/status", Access.ANALYST, "Set a task's status: {\"status\": open|in_progress|done}.",
                "json", JSON, api::taskStatus);
        get("/api/cases/{id}/incidents", Access.VIEWER, "Incidents with their detection counts.", List.of(), JSON, incidents::apiList);
        post("/api/cases/{id}/incidents", Access.ANALYST, "Make an incident: {\"title\", \"severity\", \"status\", \"owner\", \"notes\", "
                + "\"detections\": [EVIDENCE-SEQ...], \"filter\": {level, rule, host, account, q, from, to}}; 201 with the incident.",
                "json", JSON, incidents::apiCreate);
        get("/api/cases/{id}/incidents/{incident}", Access.VIEWER, "One incident and its detections (items in the detections' shape).",
                List.of(), JSON, incidents::apiDetail);
        post("/api/cases/{id}/incidents/{incident}", Access.ANALYST, "Change an incident: any of {\"title\", \"status\", \"severity\", "
                + "\"owner\", \"notes\"}; \"detections\": [...] adds those.", "json", JSON, incidents::apiUpdate);
        get("/api/cases/{id}/containment", Access.VIEWER, "{\"stored_at\", \"actions\": [{key, group, action, target, status, owner, ...}]}.",
                List.of(), JSON, containment::apiPlan);
        post("/api/cases/{id}/containment", Access.ANALYST, "Set an action: {\"key\", \"status\": planned|in_progress|done|"
                + "not_applicable, \"owner\"}.", "json", JSON, containment::apiSet);
        get("/api/cases/{id}/exposure", Access.VIEWER, "{\"exposure\": {files, findings, counts, distinct, labels, coverage, unread}, "
                + "\"claims\": {claimed, confirmed, confirmed_with_markings, ...}} (null when nothing is attached).", List.of(), JSON,
                exposure::apiExposure);
        get("/api/cases/{id}/iocs", Access.VIEWER, "Indicator hits: [{indicator, title, level, hits, hosts, first, last}].", List.of(), JSON,
                exposure::apiIocs);
    }
}
