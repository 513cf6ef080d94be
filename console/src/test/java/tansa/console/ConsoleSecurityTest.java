package tansa.console;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console's security checks on a real server: every registered route (as Javalin lists
 * them) refuses what it must, no route serves a file outside its roots, SQL takes values only as
 * bound parameters, a stored {@code <script>} note is inert, headers, cookies and login limits.
 */
class ConsoleSecurityTest {
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

    private static String concrete(String path) {
        return path.replace("{id}", s.caseId).replace("{key}", "1-0").replace("{task}", "1").replace("{incident}", "1");
    }

    private static HttpRequest.Builder write(String method, String path, String contentType, String body) {
        return s.request(path).header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
    }

    /** What the case holds that a write would change: notes, tasks, state, audit entries. */
    private static String snapshot() {
        String token = s.tokens.get(0);
        StringBuilder b = new StringBuilder();
        for (String p : List.of("/notes", "/tasks", "/incidents", "/containment", "")) {
            HttpResponse<String> r = s.send(s.request("/api/cases/" + s.caseId + p).header("Authorization", "Bearer " + token));
            assertEquals(200, r.statusCode(), r.body());
            b.append(p.isEmpty() ? r.body().replaceAll("\"timeline\".*", "") : r.body()).append('\n');
        }
        return b.toString();
    }

    @Test
    void everyStateChangingRouteRefusesAMissingOrWrongCsrfTokenAnAnonymousCallerAndATooWeakRole() {
        // a task to change, so that the task routes have something to refuse
        HttpResponse<String> made = s.send(s.request("/api/cases/" + s.caseId + "/tasks").header("Authorization", "Bearer " + s.tokens.get(2))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"title\": \"image DC01\"}")));
        assertEquals(201, made.statusCode(), made.body());
        String[] admin = s.signIn("ada");
        String[] viewer = s.signIn("vic");
        String before = snapshot();
        int writes = 0;
        List<ConsoleServer.Route> routes = s.server.routes();
        assertTrue(routes.size() >= 30, "Javalin's route list: " + routes);
        for (ConsoleServer.Route r : routes) {
            if (r.method().equals("GET") || r.method().equals("HEAD") || r.method().equals("OPTIONS")) {
                if (r.access() != Access.PUBLIC) {
                    HttpResponse<String> anon = s.send(s.request(concrete(r.path())));
                    assertTrue(anon.statusCode() == 401 || (anon.statusCode() == 302
                            && anon.headers().firstValue("Location").orElse("").equals("/login")), r + " anonymous: " + anon.statusCode());
                }
                continue;
            }
            writes++;
            String path = concrete(r.path());
            boolean api = path.startsWith("/api/");
            String type = api ? "application/json" : "application/x-www-form-urlencoded";
            String body = api ? "{\"text\": \"x\", \"title\": \"x\", \"status\": \"done\", \"severity\": \"high\"}"
                    : "text=x&title=x&status=done&severity=high&user=ada&password=" + TestCase.PASSWORD.replace(' ', '+');
            String form = api ? body : body + "&_csrf=";
            // no CSRF token, with an admin's session
            HttpResponse<String> none = s.send(write(r.method(), path, type, body).header("Cookie", "tansa_session=" + admin[0]));
            assertEquals(403, none.statusCode(), r + " without a CSRF token: " + none.body());
            assertTrue(none.body().contains("CSRF"), r + ": " + none.body());
            // a wrong one
            HttpRequest.Builder wrong = write(r.method(), path, type, api ? body : form + "AAAA" + admin[1].substring(4))
                    .header("Cookie", "tansa_session=" + admin[0]);
            if (api) {
                wrong.header("X-CSRF-Token", "AAAA" + admin[1].substring(4));
            }
            HttpResponse<String> bad = s.send(wrong);
            assertEquals(403, bad.statusCode(), r + " with a wrong CSRF token: " + bad.body());
            if (r.access() == Access.PUBLIC) {
                continue; // the login form: no caller to refuse, no role to lack
            }
            // anonymous, with no session at all
            HttpResponse<String> anon = s.send(write(r.method(), path, type, body));
            assertEquals(401, anon.statusCode(), r + " anonymous: " + anon.body());
            // anonymous with an unknown bearer token
            HttpResponse<String> forged = s.send(write(r.method(), path, type, body).header("Authorization", "Bearer tansa_forged"));
            assertEquals(401, forged.statusCode(), r + " forged token: " + forged.body());
            // too weak a role, with the right CSRF token and with a token
            if (r.access().role() != null && r.access().role() != Role.VIEWER) {
                HttpRequest.Builder weak = write(r.method(), path, type, api ? body : form + viewer[1])
                        .header("Cookie", "tansa_session=" + viewer[0]);
                if (api) {
                    weak.header("X-CSRF-Token", viewer[1]);
                }
                HttpResponse<String> w = s.send(weak);
                assertEquals(403, w.statusCode(), r + " as a viewer: " + w.body());
                assertTrue(w.body().contains("role"), w.body());
                HttpResponse<String> wt = s.send(write(r.method(), path, type, body).header("Authorization", "Bearer " + s.tokens.get(3)));
                assertEquals(403, wt.statusCode(), r + " with a viewer's token: " + wt.body());
            }
        }
        assertTrue(writes >= 10, "state-changing routes found: " + writes);
        assertEquals(before, snapshot(), "a refused request changed the case");
        // and the same requests done right do change it
        HttpResponse<String> ok = s.send(write("POST", "/cases/" + s.caseId + "/notes", "application/x-www-form-urlencoded",
                "text=ok&_csrf=" + admin[1]).header("Cookie", "tansa_session=" + admin[0]));
        assertEquals(303, ok.statusCode(), ok.body());
        assertNotEquals(before, snapshot());
    }

    @Test
    void everyRouteIsInTheOpenApiDocumentWhichNeedsNoLogin() throws Exception {
        HttpResponse<String> r = s.send(s.request("/api/openapi.json"));
        assertEquals(200, r.statusCode());
        var doc = Json.MAPPER.readTree(r.body());
        for (ConsoleServer.Route route : s.server.routes()) {
            assertTrue(doc.path("paths").path(route.path()).has(route.method().toLowerCase(java.util.Locale.ROOT)),
                    route + " is not described");
        }
    }

    @Test
    void noRouteServesAFileOutsideItsRoots() throws IOException {
        List<String> attempts = List.of("/static/../../../../../../etc/passwd", "/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
                "/static/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd", "/static/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
                "/static/....//....//....//etc/passwd", "/static/..%5c..%5c..%5cetc%5cpasswd", "/static//etc/passwd",
                "/static/%252e%252e/%252e%252e/etc/passwd", "/static/../messages_en.properties",
                "/static/%2e%2e/messages_en.properties", "/static/../ConsoleServer.class", "/static/%2e%2e/ConsoleServer.class",
                "/static/..;/messages_en.properties", "/static/console.css%00.txt", "/static/file:/etc/passwd",
                "/cases/" + "..%2f..%2fetc%2fpasswd", "/api/cases/..%2f..%2fetc/detections", "/../../etc/passwd",
                "/static/../../../../case.duckdb", "/static/../tansa/casefile/migration/V2__console.sql");
        for (String a : attempts) {
            String response = raw("GET " + a + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            String status = response.isEmpty() ? "" : response.substring(0, response.indexOf("\r\n"));
            assertFalse(response.contains("root:x:0:0"), a + " served /etc/passwd");
            assertFalse(response.contains("lang.switch="), a + " served a class-path resource outside /static");
            assertFalse(response.contains("CREATE TABLE"), a + " served a migration");
            assertFalse(response.contains("\u00ca\u00fe\u00ba\u00be") || response.contains("ConsoleServer$"), a + " served a class file");
            assertFalse(status.contains(" 200 "), a + " answered " + status);
        }
        for (String a : List.of("/static/../messages_en.properties", "/static/%2e%2e/ConsoleServer.class",
                "/static/%252e%252e/%252e%252e/etc/passwd", "/static/..%5c..%5cetc%5cpasswd", "/static/..;/messages_en.properties")) {
            String response = raw("GET " + a + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertTrue(response.startsWith("HTTP/1.1 400"), a + " answered " + response.lines().findFirst().orElse(""));
        }
        assertFalse(ConsoleServer.climbs("/cases/%E6%8E%A2%E6%9F%BB/detections"), "a case name in UTF-8");
        assertFalse(ConsoleServer.climbs("/static/console.css"));
        String css = raw("GET /static/console.css HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertTrue(css.startsWith("HTTP/1.1 200"), css);
    }

    private static String raw(String request) throws IOException {
        try (Socket sock = new Socket("127.0.0.1", s.server.port())) {
            sock.setSoTimeout(10_000);
            OutputStream out = sock.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = sock.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void aStoredScriptNoteRendersInert() {
        String hostile = "<script>alert('xss')</script>\n\n<img src=x onerror=alert(1)>\n\n[click](javascript:alert(2))\n\n"
                + "**bold** and `code`";
        HttpResponse<String> r = s.send(s.request("/api/cases/" + s.caseId + "/notes").header("Authorization", "Bearer " + s.tokens.get(2))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.MAPPER.createObjectNode().put("text", hostile).toString())));
        assertEquals(201, r.statusCode(), r.body());
        String[] viewer = s.signIn("vic");
        String page = s.send(s.request("/cases/" + s.caseId + "/notes").header("Cookie", "tansa_session=" + viewer[0])).body();
        assertTrue(page.contains("&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;") || page.contains("&lt;script&gt;alert('xss')&lt;/script&gt;"),
                page);
        assertFalse(page.contains("<script>alert"), page);
        assertFalse(Pattern.compile("<img[^>]*onerror", Pattern.CASE_INSENSITIVE).matcher(page).find(), page);
        assertFalse(page.contains("href=\"javascript:"), page);
        assertTrue(page.contains("<strong>bold</strong>"), "Markdown is still rendered");
        // the only script the page loads is the static file, which the CSP allows; no inline script at all
        Matcher m = Pattern.compile("<script[^>]*>").matcher(page);
        while (m.find()) {
            assertEquals("<script src=\"/static/console.js\" defer>", m.group());
        }
    }

    @Test
    void sqlTakesValuesOnlyAsBoundParameters() throws IOException {
        // review by grep: no Statement (only PreparedStatement), and every statement text joins only
        // this code's own fragments (the WHERE clause of fixed parts, a column list, a literal)
        Path src = Path.of("src/main/java/tansa/console");
        List<String> problems = new ArrayList<>();
        try (var files = Files.list(src)) {
            for (Path f : files.toList()) {
                String code = Files.readString(f);
                if (code.contains("createStatement(") || code.contains(".executeQuery(\"") || code.contains(".execute(\"")) {
                    problems.add(f + ": a plain Statement");
                }
                for (int at = code.indexOf("prepareStatement("); at >= 0; at = code.indexOf("prepareStatement(", at + 1)) {
                    String arg = argument(code, at + "prepareStatement(".length());
                    for (String part : arg.split("\\+")) {
                        String p = part.strip();
                        if (!(p.isEmpty() || p.equals("\"\"") || p.equals("where") || p.equals("sql") || p.equals("sql.toString()"))) {
                            problems.add(f.getFileName() + ": statement text joins '" + p + "'");
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
        // and hostile filter values are values: no error, no widening
        String token = s.tokens.get(3);
        for (String q : List.of("' OR 1=1 --", "%", "_", "\\", "x') UNION SELECT 1 --")) {
            HttpResponse<String> r = s.send(s.request("/api/cases/" + s.caseId + "/detections?q=" + Html.url(q) + "&host=" + Html.url(q))
                    .header("Authorization", "Bearer " + token));
            assertEquals(200, r.statusCode(), q + ": " + r.body());
            assertTrue(r.body().startsWith("{\"total\":0,"), q + ": " + r.body());
        }
    }

    /** The call's argument from {@code from} to its closing parenthesis, string literals replaced by "". */
    private static String argument(String code, int from) {
        StringBuilder b = new StringBuilder();
        int depth = 0;
        for (int i = from; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '"') {
                int j = i + 1;
                while (code.charAt(j) != '"') {
                    j += code.charAt(j) == '\\' ? 2 : 1;
                }
                b.append("\"\"");
                i = j;
            } else if (c == '(') {
                depth++;
                b.append(c);
            } else if (c == ')') {
                if (depth == 0) {
                    return b.toString();
                }
                depth--;
                b.append(c);
            } else {
                b.append(c);
            }
        }
        throw new AssertionError("unclosed call at " + from);
    }

    @Test
    void pagesCarryTheSecureHeadersAndTheSessionCookieIsHttpOnlyAndStrict() {
        for (String p : List.of("/login", "/static/console.css", "/no/such/page", "/api/cases")) {
            HttpResponse<String> r = s.send(s.request(p));
            String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline") && csp.contains("frame-ancestors 'none'"),
                    p + ": " + csp);
            assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""), p);
            assertEquals("no-referrer", r.headers().firstValue("Referrer-Policy").orElse(""), p);
        }
        HttpResponse<String> login = s.send(s.request("/login"));
        String cookie = login.headers().allValues("Set-Cookie").stream().filter(h -> h.startsWith("tansa_session=")).findFirst().orElseThrow();
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
        assertFalse(login.body().contains("<script>") || login.body().contains(" style="), "inline script or style: " + login.body());
    }

    @Test
    void loginIsRateLimitedPerUserAfterFiveFailures() {
        HttpResponse<String> form = s.send(s.request("/login"));
        String cookie = TestCase.Server.cookie(form);
        String csrf = TestCase.Server.csrf(form.body());
        int last = 0;
        for (int i = 0; i < 6; i++) {
            last = s.send(s.request("/login").header("Cookie", "tansa_session=" + cookie).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("user=lee&password=wrong-guess-" + i + "&_csrf=" + csrf))).statusCode();
            assertEquals(i < 5 ? 401 : 429, last, "attempt " + (i + 1));
        }
        HttpResponse<String> right = s.send(s.request("/login").header("Cookie", "tansa_session=" + cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("user=lee&password=" + TestCase.PASSWORD.replace(' ', '+') + "&_csrf=" + csrf)));
        assertEquals(429, right.statusCode(), "the right password is refused too while limited");
    }
}
