package tansa.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The REST API on the corpus case, checked against a naive reference: every detection fetched
 * page by page without a filter, then each filter's total and items computed in Java.
 */
class ConsoleApiTest {
    private static final List<String> HUNT_KEYS = List.of("timestamp", "rule_id", "rule_title", "level", "status", "tags", "computer",
            "channel", "event_id", "record_id", "source", "fields");
    @TempDir
    static Path tmp;
    static TestCase.Server s;
    static List<JsonNode> all;

    @BeforeAll
    static void start() throws IOException {
        s = new TestCase.Server(tmp);
        all = new ArrayList<>();
        long total;
        do {
            JsonNode page = get("/api/cases/" + s.caseId + "/detections?limit=1000&offset=" + all.size());
            total = page.get("total").asLong();
            page.get("items").forEach(all::add);
        } while (all.size() < total);
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    private static JsonNode get(String path) {
        HttpResponse<String> r = s.send(s.request(path).header("Authorization", "Bearer " + s.tokens.get(3)));
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        try {
            return Json.MAPPER.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void check(String query, Predicate<JsonNode> expected) {
        List<JsonNode> want = all.stream().filter(expected).toList();
        JsonNode got = get("/api/cases/" + s.caseId + "/detections?limit=1000&" + query);
        assertEquals(want.size(), got.get("total").asLong(), query);
        List<String> ids = new ArrayList<>();
        got.get("items").forEach(i -> ids.add(i.get("detection_id").asText()));
        assertEquals(want.stream().limit(1000).map(i -> i.get("detection_id").asText()).toList(), ids, query);
    }

    private static String stored(JsonNode item) {
        ObjectNode copy = item.deepCopy();
        copy.remove("detection_id");
        return copy.toString();
    }

    @Test
    void theCaseListHasIdsAndDetectionsComeInTheHuntJsonlShape() {
        JsonNode cases = get("/api/cases");
        assertEquals(s.caseId, cases.get(0).get("id").asText());
        assertEquals(all.size(), cases.get(0).get("detections").asLong());
        assertTrue(all.size() > 1000, "detections: " + all.size());
        for (JsonNode d : all) {
            for (String k : HUNT_KEYS) {
                assertTrue(d.has(k), k + " missing in " + d);
            }
        }
        assertEquals(all.size(), all.stream().map(d -> d.get("detection_id").asText()).distinct().count(), "ids are unique");
        // time order, undated last
        Instant prev = Instant.MIN;
        for (JsonNode d : all) {
            if (!d.get("timestamp").isNull()) {
                Instant t = Instant.parse(d.get("timestamp").asText());
                assertTrue(!t.isBefore(prev), t + " after " + prev);
                prev = t;
            }
        }
    }

    @Test
    void eachFilterMatchesTheNaiveReference() {
        check("level=high", d -> d.get("level").asText().equals("high"));
        String host = all.get(all.size() / 2).get("computer").asText();
        check("host=" + Html.url(host), d -> d.get("computer").asText().equals(host));
        String rule = all.get(all.size() / 3).get("rule_title").asText();
        check("rule=" + Html.url(rule), d -> d.get("rule_title").asText().equals(rule));
        check("q=MIMIKATZ", d -> stored(d).toLowerCase(Locale.ROOT).contains("mimikatz"));
        check("q=" + Html.url("C:\\Windows\\System32\\"), d -> stored(d).toLowerCase(Locale.ROOT).contains("c:\\\\windows\\\\system32\\\\"));
        check("q=100%25", d -> stored(d).contains("100%"));
        check("account=admmig", d -> DetectionFilter.ACCOUNT_FIELDS.stream().anyMatch(f -> d.path("fields").path(f).asText("").equals("admmig")));
        check("from=2021-01-01&to=2021-07-01&level=high", d -> !d.get("timestamp").isNull()
                && !Instant.parse(d.get("timestamp").asText()).isBefore(Instant.parse("2021-01-01T00:00:00Z"))
                && Instant.parse(d.get("timestamp").asText()).isBefore(Instant.parse("2021-07-01T00:00:00Z"))
                && d.get("level").asText().equals("high"));
    }

    @Test
    void pagesJoinIntoTheWholeList() {
        List<String> joined = new ArrayList<>();
        for (int offset = 0; offset < 700; offset += 70) {
            get("/api/cases/" + s.caseId + "/detections?limit=70&offset=" + offset).get("items")
                    .forEach(i -> joined.add(i.get("detection_id").asText()));
        }
        assertEquals(all.stream().limit(700).map(i -> i.get("detection_id").asText()).toList(), joined);
        JsonNode past = get("/api/cases/" + s.caseId + "/detections?offset=" + (all.size() + 10));
        assertEquals(all.size(), past.get("total").asLong());
        assertEquals(0, past.get("items").size());
    }

    @Test
    void badParametersAreOneLine400s() {
        for (String q : List.of("limit=0", "limit=5000", "offset=-1", "limit=abc", "from=yesterday", "q=" + "x".repeat(300))) {
            HttpResponse<String> r = s.send(s.request("/api/cases/" + s.caseId + "/detections?" + q)
                    .header("Authorization", "Bearer " + s.tokens.get(3)));
            assertEquals(400, r.statusCode(), q);
            assertTrue(r.body().startsWith("{\"error\":\"") && !r.body().contains("\n") && !r.body().contains("Exception"), r.body());
        }
        HttpResponse<String> none = s.send(s.request("/api/cases/no-such-case/detections").header("Authorization", "Bearer " + s.tokens.get(0)));
        assertEquals(404, none.statusCode());
    }

    @Test
    void notesAreAddedWith201AndTasksMoveThroughTheirStates() {
        String path = "/api/cases/" + s.caseId + "/notes";
        HttpResponse<String> anon = s.send(s.request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"anonymous\"}")));
        assertEquals(401, anon.statusCode());
        HttpResponse<String> viewer = s.send(s.request(path).header("Authorization", "Bearer " + s.tokens.get(3))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"viewer\"}")));
        assertEquals(403, viewer.statusCode());
        HttpResponse<String> analyst = s.send(s.request(path).header("Authorization", "Bearer " + s.tokens.get(2))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"# 初動\\nDC01 を隔離\"}")));
        assertEquals(201, analyst.statusCode(), analyst.body());
        assertTrue(get(path).toString().contains("DC01 を隔離"));
        HttpResponse<String> task = s.send(s.request("/api/cases/" + s.caseId + "/tasks").header("Authorization", "Bearer " + s.tokens.get(2))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"title\": \"collect memory\", \"owner\": \"ana\"}")));
        assertEquals(201, task.statusCode(), task.body());
        long id = Pages.parse(task.body()).get("id").asLong();
        HttpResponse<String> done = s.send(s.request("/api/cases/" + s.caseId + "/tasks/" + id + "/status")
                .header("Authorization", "Bearer " + s.tokens.get(2)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"status\": \"done\"}")));
        assertEquals(200, done.statusCode(), done.body());
        assertTrue(get("/api/cases/" + s.caseId + "/tasks").toString().contains("\"status\":\"done\""));
        HttpResponse<String> state = s.send(s.request("/api/cases/" + s.caseId + "/state").header("Authorization", "Bearer " + s.tokens.get(1))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"status\": \"contained\", \"severity\": \"high\"}")));
        assertEquals(200, state.statusCode(), state.body());
        assertEquals("contained", get("/api/cases/" + s.caseId).get("status").asText());
    }
}
