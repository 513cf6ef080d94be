package tansa.console;

import tansa.casefile.CaseStore;
import tansa.casefile.Ingest;
import tansa.reader.Problems;
import tansa.sigma.RuleSelection;
import tansa.sigma.RuleSet;
import tansa.sigma.logsource.LogSourceMapping;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The case the console tests use: ../shared/corpus/evtx ingested with the SigmaHQ Windows rules
 * through the case API, once per test JVM, with one user of each role and an API token for each.
 * Each test class starts its own server on a free port over a copy of it.
 */
final class TestCase {
    static final Path SHARED = Path.of(System.getProperty("tansa.shared", "../../shared"));
    static final Path CORPUS = SHARED.resolve("corpus/evtx");
    static final Path RULES = SHARED.resolve("sigma/rules/windows");
    static final String PASSWORD = "correct horse battery";
    static final List<String> USERS = List.of("ada", "lee", "ana", "vic"); // admin, lead, analyst, viewer
    private static Path ingested;

    private TestCase() {
    }

    /** A fresh copy of the ingested case in {@code dir}/NAME. */
    static synchronized Path copy(Path dir, String name) throws IOException {
        if (ingested == null) {
            Path target = Path.of("target", "console-test-case");
            if (Files.exists(target.resolve("ingested-2.ok"))) { // an earlier run of this build: the same corpus, rules and users
                ingested = target;
                return copy(dir, name);
            }
            deleteTree(target);
            Files.createDirectories(target.getParent());
            RuleSet rules = RuleSet.load(List.of(RULES), LogSourceMapping.defaults(), RuleSelection.all());
            try (CaseStore store = CaseStore.create(target, "corpus/evtx", "test", Instant.now())) {
                new Ingest(store, rules, 2, Problems.IGNORE, "test", Clock.systemUTC()).run(List.of(CORPUS));
                // the movement graph, stored as 'tansa graph --case DIR --store' stores it
                tansa.scope.MovementGraph graph = new tansa.scope.MovementGraph();
                new tansa.reader.EvidenceReader(1, (r, o, m) -> { }).read(List.of(CORPUS), graph::accept);
                java.io.ByteArrayOutputStream json = new java.io.ByteArrayOutputStream();
                tansa.scope.GraphWriter.json(graph.build(), json);
                new tansa.casefile.CaseArtifacts(store).put("graph", json.toString(java.nio.charset.StandardCharsets.UTF_8), "test",
                        Instant.now());
            }
            try (CaseDatabase db = CaseDatabase.open(target, 1)) {
                Members m = new Members(db);
                Role[] roles = {Role.ADMIN, Role.LEAD, Role.ANALYST, Role.VIEWER};
                for (int i = 0; i < roles.length; i++) {
                    m.put(USERS.get(i), roles[i], PASSWORD, Instant.now());
                }
            }
            Files.writeString(target.resolve("ingested-2.ok"), "");
            ingested = target;
        }
        Path out = dir.resolve(name);
        Files.createDirectories(out);
        Files.copy(ingested.resolve(CaseStore.FILE), out.resolve(CaseStore.FILE));
        return out;
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var s = Files.walk(p)) {
            for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }

    /** A running server over a copy, with a token per user. */
    static final class Server implements AutoCloseable {
        final ConsoleServer server;
        final String caseId;
        final List<String> tokens = new ArrayList<>();
        final String base;
        final CaseDatabase db;
        final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

        Server(Path dir) throws IOException {
            this(dir, null);
        }

        Server(Path dir, OidcConfig oidc) throws IOException {
            Path c = copy(dir, "acme");
            db = CaseDatabase.open(c, 8);
            Members m = new Members(db);
            for (String u : USERS) {
                tokens.add(m.createToken(u, Instant.now()));
            }
            server = ConsoleServer.start(List.of(db), new ConsoleServer.Options("127.0.0.1", 0, false, oidc), new ChainAuditSink(),
                    Clock.systemUTC(), System.err::println);
            caseId = server.caseIds().get(0);
            base = "http://127.0.0.1:" + server.port();
        }

        HttpResponse<String> send(HttpRequest.Builder b) {
            try {
                return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException | InterruptedException e) {
                throw new AssertionError(e);
            }
        }

        HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(URI.create(base + path));
        }

        /** Signs in through the login form: {session cookie, CSRF token}. */
        String[] signIn(String user) {
            HttpResponse<String> form = send(request("/login"));
            String cookie = cookie(form);
            String csrf = csrf(form.body());
            HttpResponse<String> r = send(request("/login").header("Cookie", "tansa_session=" + cookie)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("user=" + user + "&password=" + PASSWORD.replace(' ', '+') + "&_csrf=" + csrf)));
            assertEquals(303, r.statusCode(), r.body());
            String session = cookie(r);
            HttpResponse<String> page = send(request("/cases/" + caseId + "/notes").header("Cookie", "tansa_session=" + session));
            assertEquals(200, page.statusCode());
            return new String[] {session, csrf(page.body())};
        }

        static String cookie(HttpResponse<String> r) {
            for (String h : r.headers().allValues("Set-Cookie")) {
                if (h.startsWith("tansa_session=")) {
                    return h.substring("tansa_session=".length(), h.indexOf(';'));
                }
            }
            throw new AssertionError("no session cookie in " + r.headers().map());
        }

        static String csrf(String html) {
            int i = html.indexOf("name=\"_csrf\" value=\"");
            assertTrue(i > 0, "no CSRF field in the page");
            int from = i + "name=\"_csrf\" value=\"".length();
            return html.substring(from, html.indexOf('"', from));
        }

        @Override
        public void close() {
            server.close();
        }
    }
}
