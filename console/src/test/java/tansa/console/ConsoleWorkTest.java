package tansa.console;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tansa.casefile.Audit;
import tansa.casefile.CaseArtifacts;
import tansa.casefile.CaseStore;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Incidents, the containment plan, exposure and IOC pages over the corpus case on a real server:
 * what an analyst makes, what a viewer may not, what the pages show and what the audit chain
 * records (before and after) for each write.
 */
class ConsoleWorkTest {
    @TempDir
    static Path tmp;
    static TestCase.Server s;

    @BeforeAll
    static void start() throws IOException {
        s = new TestCase.Server(tmp);
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    private static HttpResponse<String> api(String method, String path, int user, String json) {
        HttpRequest.Builder b = s.request("/api/cases/" + s.caseId + path).header("Authorization", "Bearer " + s.tokens.get(user));
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return s.send(b);
    }

    private static JsonNode json(HttpResponse<String> r) {
        try {
            return Json.MAPPER.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError(r.body(), e);
        }
    }

    private static String page(String path, String[] session) {
        HttpResponse<String> r = s.send(s.request("/cases/" + s.caseId + path).header("Cookie", "tansa_session=" + session[0]));
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return r.body();
    }

    private static List<Audit.Entry> audit() {
        return s.db.read(c -> {
            try (CaseStore view = CaseStore.over(s.db.dir(), c)) {
                assertTrue(new Audit(view).verify().intact(), "the chain stays intact");
                return new Audit(view).entries();
            }
        });
    }

    private static Audit.Entry last(String action) {
        List<Audit.Entry> all = audit();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).action().equals(action)) {
                return all.get(i);
            }
        }
        throw new AssertionError("no " + action + " entry in " + all);
    }

    @Test
    void anAnalystGroupsPickedDetectionsAndAFilterIntoIncidentsAndAViewerCanOnlyRead() {
        JsonNode mimikatz = json(api("GET", "/detections?q=mimikatz&limit=3", 3, null));
        long matching = mimikatz.path("total").asLong();
        assertTrue(matching > 3, mimikatz.toString());
        List<String> picked = new ArrayList<>();
        mimikatz.path("items").forEach(d -> picked.add(d.path("detection_id").asText()));
        HttpResponse<String> made = api("POST", "/incidents", 2, "{\"title\": \"Mimikatz on <b>SEC511</b>\", \"severity\": \"high\", "
                + "\"detections\": " + Json.MAPPER.valueToTree(picked) + "}");
        assertEquals(201, made.statusCode(), made.body());
        long first = json(made).path("id").asLong();
        assertEquals(3, json(made).path("detections").asLong());
        assertEquals("open", json(made).path("status").asText());
        HttpResponse<String> byFilter = api("POST", "/incidents", 2, "{\"title\": \"Every mimikatz hit\", \"filter\": {\"q\": \"mimikatz\"}}");
        assertEquals(201, byFilter.statusCode(), byFilter.body());
        long second = json(byFilter).path("id").asLong();
        assertEquals(matching, json(byFilter).path("detections").asLong(), "the filter's detections, all of them");
        JsonNode detail = json(api("GET", "/incidents/" + second, 3, null));
        assertEquals(matching, detail.path("items").size());
        for (JsonNode d : detail.path("items")) {
            assertTrue(d.toString().toLowerCase(java.util.Locale.ROOT).contains("mimikatz"), d.toString());
        }
        // the audit chain has the creation with what was made
        Audit.Entry created = last("incident.create");
        assertEquals("ana", created.actor());
        assertEquals("incident/" + second, created.target());
        assertNull(created.before());
        assertTrue(created.after().contains("\"filter\":\"q=mimikatz\"") && created.after().contains("\"detections\":" + matching),
                created.after());

        // a lead edits; the entry holds before and after
        HttpResponse<String> edited = api("POST", "/incidents/" + first, 1, "{\"status\": \"contained\", \"owner\": \"lee\", "
                + "\"notes\": \"**isolated** at 10:40 <script>alert(1)</script>\"}");
        assertEquals(200, edited.statusCode(), edited.body());
        Audit.Entry update = last("incident.update");
        assertEquals("lee", update.actor());
        assertTrue(update.before().contains("\"status\":\"open\"") && update.after().contains("\"status\":\"contained\""),
                update.before() + " -> " + update.after());
        // more detections join the first incident
        String extra = json(api("GET", "/detections?level=critical&limit=1", 3, null)).path("items").get(0).path("detection_id").asText();
        JsonNode joined = json(api("POST", "/incidents/" + first, 2, "{\"detections\": [\"" + extra + "\"]}"));
        assertEquals(4, joined.path("detections").asLong(), joined.toString());

        // bad input: one clear 400
        HttpResponse<String> bad = api("POST", "/incidents", 2, "{\"title\": \"x\", \"detections\": [\"99999-1\"]}");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("no detection 99999-1"), bad.body());
        assertEquals(400, api("POST", "/incidents/" + first, 2, "{\"status\": \"resolved\"}").statusCode());
        assertEquals(404, api("POST", "/incidents/424242", 2, "{\"status\": \"closed\"}").statusCode());

        // a viewer reads but cannot write, by token or from the pages
        assertEquals(403, api("POST", "/incidents", 3, "{\"title\": \"viewer\", \"filter\": {}}").statusCode());
        assertEquals(403, api("POST", "/incidents/" + first, 3, "{\"status\": \"closed\"}").statusCode());
        String[] viewer = s.signIn("vic");
        String list = page("/incidents", viewer);
        assertTrue(list.contains("Mimikatz on &lt;b&gt;SEC511&lt;/b&gt;") && !list.contains("<b>SEC511"), list);
        String view = page("/incidents/" + first, viewer);
        assertTrue(view.contains("<strong>isolated</strong>") && view.contains("&lt;script&gt;") && !view.contains("<script>alert"), view);
        assertFalse(view.contains("id=\"incident-edit\""), "a viewer gets no edit form");
        assertFalse(page("/detections", viewer).contains("id=\"incident-form\""), "nor the grouping form");

        // the analyst's pages: the grouping form and checkboxes, the page form making an incident from picked rows
        String[] analyst = s.signIn("ana");
        String detections = page("/detections?level=high", analyst);
        assertTrue(detections.contains("id=\"incident-form\"") && detections.contains("form=\"incident-form\""), "checkboxes");
        HttpResponse<String> form = s.send(s.request("/cases/" + s.caseId + "/incidents").header("Cookie", "tansa_session=" + analyst[0])
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(
                        "_csrf=" + analyst[1] + "&pick=selected&incident=&title=From+the+page&severity=medium&d=" + picked.get(0)
                                + "&d=" + picked.get(1))));
        assertEquals(303, form.statusCode(), form.body());
        String made3 = page(form.headers().firstValue("Location").orElseThrow().substring(("/cases/" + s.caseId).length()), analyst);
        assertTrue(made3.contains("From the page") && made3.contains("id=\"incident-detections\">2<"), made3);
    }

    @Test
    void theContainmentPlansActionsTakeAStatusAndOwnerFromALeadOrAnalystAndEachChangeIsAudited() {
        String none = page("/containment", s.signIn("vic"));
        assertTrue(none.contains("id=\"containment-none\""), "no scope stored yet");
        String scope = "{\"summary\": {\"actions\": 3}, \"plan\": {\"isolate\": [{\"action\": \"isolate_host\", \"type\": \"host\", "
                + "\"target\": \"SEC511\", \"addresses\": [\"10.0.0.5\"], \"why\": [\"mimikatz ran here\"]}], "
                + "\"accounts\": [{\"action\": \"reset_password\", \"type\": \"account\", \"target\": \"<img src=x onerror=alert(1)>\", "
                + "\"addresses\": [], \"why\": [\"used from 2 hosts\"]}], \"block\": [{\"action\": \"block_address\", \"type\": \"address\", "
                + "\"target\": \"198.18.0.99\", \"addresses\": [], \"why\": [\"C2\"]}]}}";
        s.db.read(c -> {
            try (CaseStore view = CaseStore.over(s.db.dir(), c)) {
                new CaseArtifacts(view).put("scope", scope, "investigate", Instant.parse("2026-12-07T10:00:00Z"));
            }
            return null;
        });
        JsonNode plan = json(api("GET", "/containment", 3, null));
        assertEquals(3, plan.path("actions").size(), plan.toString());
        assertEquals("planned", plan.path("actions").get(0).path("status").asText());
        assertEquals("isolate/isolate_host/SEC511", plan.path("actions").get(0).path("key").asText());
        HttpResponse<String> set = api("POST", "/containment", 1, "{\"key\": \"isolate/isolate_host/SEC511\", \"status\": \"done\", "
                + "\"owner\": \"kenji\"}");
        assertEquals(200, set.statusCode(), set.body());
        assertEquals("done", json(set).path("status").asText());
        Audit.Entry e = last("containment.action");
        assertEquals("lee", e.actor());
        assertEquals("containment/isolate/isolate_host/SEC511", e.target());
        assertEquals("{\"owner\":null,\"status\":\"planned\"}", e.before());
        assertEquals("{\"owner\":\"kenji\",\"status\":\"done\"}", e.after());
        assertEquals(403, api("POST", "/containment", 3, "{\"key\": \"block/block_address/198.18.0.99\", \"status\": \"done\"}")
                .statusCode());
        assertEquals(404, api("POST", "/containment", 2, "{\"key\": \"block/block_address/10.9.9.9\", \"status\": \"done\"}").statusCode());
        assertEquals(400, api("POST", "/containment", 2, "{\"key\": \"block/block_address/198.18.0.99\", \"status\": \"finished\"}")
                .statusCode());
        // an analyst sets one from the page
        String[] analyst = s.signIn("ana");
        HttpResponse<String> form = s.send(s.request("/cases/" + s.caseId + "/containment").header("Cookie", "tansa_session=" + analyst[0])
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(
                        "_csrf=" + analyst[1] + "&key=block%2Fblock_address%2F198.18.0.99&status=in_progress&owner=noc")));
        assertEquals(303, form.statusCode(), form.body());
        String shown = page("/containment", s.signIn("vic"));
        assertTrue(shown.contains("1 of 3 actions done or not applicable"), shown);
        assertTrue(shown.contains("&lt;img src=x onerror=alert(1)&gt;") && !shown.contains("<img src=x"), "targets are text");
        assertFalse(shown.contains("<select"), "a viewer gets no status selects");
        assertTrue(page("/containment", analyst).contains("value=\"noc\""), "the analyst's owner is kept");
    }

    @Test
    void theIocPageSaysInOneLineThatTheCaseHoldsNoIndicatorsAndTheExposurePageThatNothingIsAttached() {
        String[] viewer = s.signIn("vic");
        String iocs = page("/iocs", viewer);
        assertTrue(iocs.contains("id=\"iocs-none\""), iocs);
        assertEquals("[]", api("GET", "/iocs", 3, null).body());
        String exposure = page("/exposure", viewer);
        assertTrue(exposure.contains("id=\"exposure-none\"") && exposure.contains("id=\"claims-none\""), exposure);
        assertEquals("{\"exposure\":null,\"claims\":null}", api("GET", "/exposure", 3, null).body());
    }
}
