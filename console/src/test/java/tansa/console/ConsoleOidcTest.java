package tansa.console;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OIDC sign-in against a real OpenID Connect provider running in this JVM (NAV's
 * mock-oauth2-server: discovery, JWKS, authorization and token endpoints, RS256-signed ID tokens):
 * the authorization-code flow with PKCE, state and nonce, the user mapped by its
 * preferred_username claim to the case's users, and the refusals.
 */
class ConsoleOidcTest {
    static final String CLIENT = "tansa-console";
    @TempDir
    static Path tmp;
    static MockOAuth2Server provider;
    static TestCase.Server s;
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() throws IOException {
        provider = new MockOAuth2Server();
        provider.start();
        URI issuer = URI.create(provider.issuerUrl("corp").toString());
        s = new TestCase.Server(tmp, new OidcConfig(issuer, CLIENT, "not-a-real-secret", "preferred_username", null));
    }

    @AfterAll
    static void stop() {
        if (s != null) {
            s.close();
        }
        if (provider != null) {
            provider.shutdown();
        }
    }

    private static HttpResponse<String> get(String url, String cookie) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static String cookie(HttpResponse<String> r, String name) {
        for (String h : r.headers().allValues("Set-Cookie")) {
            if (h.startsWith(name + "=") && !h.startsWith(name + "=;")) {
                return h.substring(0, h.indexOf(';'));
            }
        }
        return null;
    }

    private static Map<String, String> query(String url) {
        Map<String, String> out = new java.util.HashMap<>();
        String q = URI.create(url).getRawQuery();
        for (String kv : q.split("&")) {
            int eq = kv.indexOf('=');
            out.put(kv.substring(0, eq), java.net.URLDecoder.decode(kv.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
        }
        return out;
    }

    /** The user the provider will sign in next. */
    private static void next(String username) {
        provider.enqueueCallback(new DefaultOAuth2TokenCallback("corp", "sub-" + username, "JWT", List.of(CLIENT),
                Map.of("preferred_username", username)));
    }

    /** Up to the provider's redirect back: {the callback URL, the tansa_oidc cookie}. */
    private static String[] toProviderAndBack() {
        HttpResponse<String> begin = get(s.base + "/login/oidc", null);
        assertEquals(302, begin.statusCode());
        String authorize = begin.headers().firstValue("Location").orElseThrow();
        Map<String, String> q = query(authorize);
        assertTrue(authorize.startsWith(provider.issuerUrl("corp").toString()), authorize);
        assertEquals("code", q.get("response_type"));
        assertEquals(CLIENT, q.get("client_id"));
        assertEquals("S256", q.get("code_challenge_method"));
        assertTrue(q.get("code_challenge").length() >= 43 && q.get("state").length() >= 20 && q.get("nonce").length() >= 20, q.toString());
        assertEquals(s.base + "/login/oidc/callback", q.get("redirect_uri"));
        String pending = cookie(begin, Oidc.COOKIE);
        assertTrue(begin.headers().allValues("Set-Cookie").toString().contains("SameSite=Lax"), "a Lax cookie survives the way back");
        HttpResponse<String> atProvider = get(authorize, null);
        assertEquals(302, atProvider.statusCode(), atProvider.body());
        String back = atProvider.headers().firstValue("Location").orElseThrow();
        assertTrue(back.startsWith(s.base + "/login/oidc/callback?"), back);
        assertEquals(q.get("state"), query(back).get("state"));
        return new String[] {back, pending};
    }

    @Test
    void anAnalystSignsInThroughTheProviderAndGetsTheirRoleInTheCase() {
        next("ana");
        String[] flow = toProviderAndBack();
        HttpResponse<String> done = get(flow[0], flow[1]);
        assertEquals(200, done.statusCode(), done.body());
        assertTrue(done.body().contains("id=\"oidc-done\""), done.body());
        String session = cookie(done, ConsoleServer.SESSION_COOKIE);
        assertTrue(session != null, done.headers().map().toString());
        HttpResponse<String> page = get(s.base + "/cases/" + s.caseId + "/notes?lang=en", session);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("ana (analyst)"), page.body());
        assertTrue(page.body().contains("id=\"note-form\""), "an analyst may write");
        // the same redirect again: the sign-in was used up
        HttpResponse<String> replay = get(flow[0], flow[1]);
        assertEquals(400, replay.statusCode());
        assertTrue(replay.body().contains("no sign-in in progress"), replay.body());
        assertEquals(null, cookie(replay, ConsoleServer.SESSION_COOKIE));
    }

    @Test
    void aForgedStateAnotherBrowserAndAnUnknownUserAreRefused() {
        // refused before the code is traded: nothing is asked of the provider's token endpoint
        String[] flow = toProviderAndBack();
        String forged = flow[0].replaceAll("state=[^&]+", "state=forged-state-value");
        HttpResponse<String> bad = get(forged, flow[1]);
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("state does not match"), bad.body());
        assertEquals(null, cookie(bad, ConsoleServer.SESSION_COOKIE));

        String[] other = toProviderAndBack();
        HttpResponse<String> noCookie = get(other[0], null); // a browser that did not start this sign-in (login CSRF)
        assertEquals(400, noCookie.statusCode());
        assertEquals(null, cookie(noCookie, ConsoleServer.SESSION_COOKIE));

        next("mallory");
        String[] stranger = toProviderAndBack();
        HttpResponse<String> unknown = get(stranger[0], stranger[1]);
        assertEquals(403, unknown.statusCode());
        assertTrue(unknown.body().contains("&#39;mallory&#39;, who is no tansa user"), unknown.body());
        assertEquals(null, cookie(unknown, ConsoleServer.SESSION_COOKIE));
    }

    @Test
    void anExpiredIdTokenIsRefusedAtTheCallback() {
        provider.enqueueCallback(new DefaultOAuth2TokenCallback("corp", "sub-ana", "JWT", List.of(CLIENT),
                Map.of("preferred_username", "ana"), -3600));
        String[] late = toProviderAndBack();
        HttpResponse<String> expired = get(late[0], late[1]);
        assertEquals(401, expired.statusCode(), expired.body());
        assertTrue(expired.body().contains("the ID token is not valid"), expired.body());
        assertEquals(null, cookie(expired, ConsoleServer.SESSION_COOKIE));
    }

    @Test
    void theIdTokensSignatureIsCheckedAgainstTheIssuersJwks() throws Exception {
        // tokens the provider signs itself, then changed: the validator tansa configures from the issuer's metadata
        Oidc oidc = Oidc.start(new OidcConfig(URI.create(provider.issuerUrl("corp").toString()), CLIENT, "x", "preferred_username", null),
                java.time.Clock.systemUTC());
        com.nimbusds.openid.connect.sdk.Nonce nonce = new com.nimbusds.openid.connect.sdk.Nonce();
        com.nimbusds.jwt.SignedJWT good = provider.issueToken("corp", "sub-vic", CLIENT,
                Map.of("preferred_username", "vic", "nonce", nonce.getValue()), 3600);
        assertEquals("vic", oidc.validate(good, nonce).getClaim("preferred_username"));
        // the payload changed in transit (vic made ada, the admin), the provider's signature kept
        String[] parts = good.serialize().split("\\.");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"vic\"", "\"ada\"");
        com.nimbusds.jwt.SignedJWT tampered = com.nimbusds.jwt.SignedJWT.parse(parts[0] + "." + java.util.Base64.getUrlEncoder()
                .withoutPadding().encodeToString(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "." + parts[2]);
        assertEquals("ada", tampered.getJWTClaimsSet().getStringClaim("preferred_username"));
        assertRefused(oidc, tampered, nonce);
        // the same claims signed with another key under the provider's key id
        com.nimbusds.jose.jwk.RSAKey other = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).keyID(good.getHeader().getKeyID()).generate();
        com.nimbusds.jwt.SignedJWT forged = new com.nimbusds.jwt.SignedJWT(good.getHeader(), good.getJWTClaimsSet());
        forged.sign(new com.nimbusds.jose.crypto.RSASSASigner(other));
        assertRefused(oidc, forged, nonce);
        // signed by the provider, for another client, or with another nonce
        assertRefused(oidc, provider.issueToken("corp", "sub-vic", "another-client", Map.of("preferred_username", "vic", "nonce",
                nonce.getValue()), 3600), nonce);
        assertRefused(oidc, good, new com.nimbusds.openid.connect.sdk.Nonce());
    }

    private static void assertRefused(Oidc oidc, com.nimbusds.jwt.JWT token, com.nimbusds.openid.connect.sdk.Nonce nonce) {
        try {
            oidc.validate(token, nonce);
            throw new AssertionError("accepted: " + token.serialize());
        } catch (com.nimbusds.jose.JOSEException | com.nimbusds.jose.proc.BadJOSEException expected) {
            // refused
        }
    }

    @Test
    void theLoginPageOffersTheProviderAndTheRoutesAreDocumented() {
        HttpResponse<String> login = get(s.base + "/login?lang=en", null);
        assertTrue(login.body().contains("id=\"oidc-login\""), login.body());
        String doc = get(s.base + "/api/openapi.json", null).body();
        assertTrue(doc.contains("/login/oidc/callback"), doc);
        assertFalse(login.body().contains("not-a-real-secret"));
    }

    @Test
    void inChromiumTheProvidersRedirectBackSignsTheUserIn() throws IOException {
        // the real browser's cookie rules: the provider (localhost) and the console (127.0.0.1) are different sites, so the
        // redirect back is a cross-site navigation that withholds SameSite=Strict cookies
        next("lee");
        org.openqa.selenium.chrome.ChromeOptions o = new org.openqa.selenium.chrome.ChromeOptions();
        o.setBinary("/usr/bin/chromium");
        o.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900", "--lang=en-US",
                "--disable-gpu", "--user-data-dir=" + tmp.resolve("chrome-oidc"));
        org.openqa.selenium.chrome.ChromeDriverService service = new org.openqa.selenium.chrome.ChromeDriverService.Builder()
                .usingDriverExecutable(new java.io.File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        org.openqa.selenium.WebDriver browser = new org.openqa.selenium.chrome.ChromeDriver(service, o);
        try {
            browser.get(s.base + "/login?lang=en");
            browser.findElement(org.openqa.selenium.By.id("oidc-login")).click();
            long end = System.nanoTime() + 20_000_000_000L;
            while (!browser.getCurrentUrl().endsWith("/cases/" + s.caseId) && System.nanoTime() < end) {
                Thread.sleep(100);
            }
            assertEquals(s.base + "/cases/" + s.caseId, browser.getCurrentUrl());
            assertEquals("lee (lead)", browser.findElement(org.openqa.selenium.By.className("who")).getText());
            assertTrue(browser.findElements(org.openqa.selenium.By.id("state-form")).size() == 1, "a lead may set the case's state");
            java.io.File shot = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(org.openqa.selenium.OutputType.FILE);
            java.nio.file.Files.createDirectories(Path.of("target", "screenshots"));
            java.nio.file.Files.copy(shot.toPath(), Path.of("target", "screenshots", "20-oidc-signed-in.png"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            browser.quit();
        }
    }
}
