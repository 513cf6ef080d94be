package tansa.console;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import tansa.casefile.CaseStore;
import tansa.casefile.LocalPostgres;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console over a case of a PostgreSQL database ({@code tansa serve --db}): the detections API
 * (search, keyset paging through {@code next}), the overview, accounts and logons answer from the
 * same queries as on DuckDB, in PostgreSQL's dialect, and a commit to the case while it is served
 * shows in the next answer.
 */
class PostgresConsoleTest {
    @Test
    void detectionsOverviewAccountsAndLogonsAnswerOnPostgresql() throws Exception {
        Assumptions.assumeTrue(LocalPostgres.available(), "PostgreSQL 15 is not installed (scripts/setup --tests)");
        String url = LocalPostgres.shared().newDatabase();
        List<DetectionIndexTest.Row> rows;
        try (CaseStore store = CaseStore.create(url, "Team case", "tester", Instant.EPOCH)) {
            rows = DetectionIndexTest.store(store.connection(), new Random(7), 600);
            try (PreparedStatement p = store.connection().prepareStatement("INSERT INTO event (evidence_id, seq, ts, computer, channel, "
                    + "event_id, record_id, source, data) VALUES (1, 0, NULL, 'DC01', 'Security', 4624, 1, 'x.evtx', ?)")) {
                p.setString(1, "{\"Event\":{\"EventData\":{\"IpAddress\":\"10.0.0.5\",\"TargetUserName\":\"admmig\",\"LogonType\":3}}}");
                p.executeUpdate();
            }
        }
        CaseDatabase db = CaseDatabase.open(url, null, 4);
        Members m = new Members(db);
        m.put("vic", Role.VIEWER, "correct horse battery", Instant.now());
        String token = m.createToken("vic", Instant.now());
        try (ConsoleServer server = ConsoleServer.start(List.of(db), new ConsoleServer.Options("127.0.0.1", 0, false),
                new ChainAuditSink(), Clock.systemUTC(), System.err::println)) {
            String base = "http://127.0.0.1:" + server.port();
            HttpClient http = HttpClient.newHttpClient();
            java.util.function.Function<String, JsonNode> get = path -> {
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
                            .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
                    assertEquals(200, r.statusCode(), path + ": " + r.body());
                    return Json.MAPPER.readTree(r.body());
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            };
            assertEquals("team-case", server.caseIds().get(0));
            String api = "/api/cases/team-case";
            long want = rows.stream().filter(r -> r.data().toLowerCase(Locale.ROOT).contains("mimikatz")).count();
            assertEquals(want, get.apply(api + "/detections?q=mimikatz&limit=1").get("total").asLong());
            // keyset pages through next equal one page of everything
            List<String> byKey = new ArrayList<>();
            String next = null;
            do {
                JsonNode page = get.apply(api + "/detections?limit=50" + (next == null ? "" : "&after=" + next));
                page.get("items").forEach(i -> byKey.add(i.get("detection_id").asText()));
                next = page.hasNonNull("next") ? page.get("next").asText() : null;
            } while (next != null);
            List<String> all = new ArrayList<>();
            get.apply(api + "/detections?limit=1000").get("items").forEach(i -> all.add(i.get("detection_id").asText()));
            assertEquals(rows.size(), all.size());
            assertEquals(all, byKey);
            assertEquals(rows.size(), get.apply(api).get("detections").asLong());
            assertTrue(get.apply(api + "/accounts").toString().contains("admmig"));
            assertTrue(get.apply(api + "/logons").toString().contains("10.0.0.5"));
            // an ingest committing while the case is served: the next answer counts it
            try (CaseStore store = CaseStore.open(url, null)) {
                store.connection().setAutoCommit(false);
                DetectionIndexTest.store(store.connection(), new Random(8), 10, 100);
                try (java.sql.Statement s = store.connection().createStatement()) {
                    s.execute("INSERT INTO evidence (id, path, root, sha256, size, format, events, detections, problems, ingested_by, "
                            + "ingested_at) VALUES (100, '/e/new.evtx', '/e', 'x', 1, 'EVTX', 0, 10, 0, 'tester', '2026-12-07T00:00:00Z')");
                }
                store.connection().commit();
            }
            assertEquals(rows.size() + 10, get.apply(api + "/detections?limit=1").get("total").asLong());
        }
    }
}
