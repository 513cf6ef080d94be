package tansa.console;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console in headless Chromium (Debian's chromium and chromedriver, driven by Selenium): an
 * analyst signs in, opens the case ingested from the shared corpus, filters and searches the
 * detections, opens one, the graph page, adds a note, switches to Japanese; a viewer sees no form
 * and a write they force is refused. Screenshots go to target/screenshots.
 */
class ConsoleBrowserTest {
    private static final Path SHOTS = Path.of("target", "screenshots");
    @TempDir
    static Path tmp;
    static TestCase.Server s;
    static WebDriver browser;

    @BeforeAll
    static void start() throws IOException {
        s = new TestCase.Server(tmp);
        Files.createDirectories(SHOTS);
        ChromeOptions o = new ChromeOptions();
        o.setBinary("/usr/bin/chromium");
        o.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        o.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000", "--lang=en-US",
                "--disable-gpu", "--user-data-dir=" + tmp.resolve("chrome"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, o);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (s != null) {
            s.close();
        }
    }

    private static void shot(String name) throws IOException {
        File f = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(f.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static void signIn(String user) {
        browser.manage().deleteAllCookies();
        browser.get(s.base + "/login?lang=en");
        browser.findElement(By.id("user")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(TestCase.PASSWORD);
        browser.findElement(By.id("login")).click();
        // the click submits the form; wait for the answer's page (the login page's URL until then)
        new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(30))
                .until(d -> !d.getCurrentUrl().contains("/login"));
    }

    /** The page's console errors so far (a CSP violation is one): none allowed. */
    private static void noConsoleErrors(String where) {
        List<String> errors = new java.util.ArrayList<>();
        for (org.openqa.selenium.logging.LogEntry e : browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER)) {
            if (e.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue() && !e.getMessage().contains("favicon.ico")) {
                errors.add(e.getMessage());
            }
        }
        assertEquals(List.of(), errors, "console errors on " + where);
    }

    /** Whether the element's text starts with {@code prefix} now (false while the next page loads). */
    private static boolean shows(String id, String prefix) {
        try {
            return text(id).startsWith(prefix);
        } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException e) {
            return false;
        }
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private static long shown() {
        // "1-50 of 1234"
        String t = text("result-summary");
        return Long.parseLong(t.substring(t.lastIndexOf(' ') + 1));
    }

    @Test
    void anAnalystWorksTheCaseAndAViewerCanChangeNothing() throws IOException {
        signIn("ana");
        assertTrue(browser.getCurrentUrl().endsWith("/cases/" + s.caseId), browser.getCurrentUrl());
        long detections = Long.parseLong(text("detection-count"));
        assertTrue(detections > 1000, "the corpus gives thousands of detections: " + detections);
        assertTrue(browser.findElement(By.id("timeline")).findElements(By.tagName("rect")).size() > 5, "the chart has columns");
        assertTrue(text("by-tactic").contains("Execution"), text("by-tactic"));
        shot("01-overview");

        browser.findElement(By.id("tab-detections")).click();
        assertEquals(detections, shown());
        new Select(browser.findElement(By.id("f-level"))).selectByValue("high"); // console.js applies it at once
        waitFor(() -> browser.getCurrentUrl().contains("level=high"));
        long high = shown();
        assertTrue(high > 0 && high < detections, high + " of " + detections);
        for (WebElement row : browser.findElements(By.cssSelector("#detections tr[class^=level-]"))) {
            assertEquals("level-high", row.getAttribute("class"));
        }
        browser.findElement(By.id("f-q")).sendKeys("mimikatz");
        browser.findElement(By.id("apply")).click();
        waitFor(() -> browser.getCurrentUrl().contains("q=mimikatz"));
        long found = shown();
        assertTrue(found > 0 && found < high, found + " of " + high);
        shot("02-detections-filtered");
        browser.findElements(By.cssSelector("#detections td a")).get(0).click();
        assertTrue(browser.findElement(By.id("detection-json")).getText().toLowerCase(java.util.Locale.ROOT).contains("mimikatz"));
        assertFalse(browser.findElements(By.cssSelector("pre.raw")).isEmpty(), "the event's raw record is shown");
        shot("03-detection");

        browser.findElement(By.id("tab-graph")).click();
        // the stored movement graph drawn as inline SVG: an arrow per host-to-host movement, hosts labelled
        assertFalse(browser.findElements(By.cssSelector("#lateral-figure svg line")).isEmpty(), "movement arrows drawn");
        assertFalse(browser.findElements(By.cssSelector("#lateral-figure svg text")).isEmpty(), "hosts labelled");
        assertTrue(browser.findElement(By.cssSelector("#lateral-figure svg")).getSize().getHeight() > 200, "the figure has room");
        assertTrue(browser.findElements(By.cssSelector("#logons tr")).size() > 1, "host-to-host logons from the corpus");
        shot("04-graph");

        browser.findElement(By.id("tab-notes")).click();
        waitFor(() -> !browser.findElements(By.id("note-text")).isEmpty());
        browser.findElement(By.id("note-text")).sendKeys("Mimikatz on **SEC511**; <script>alert(1)</script> stays text");
        browser.findElement(By.id("note-add")).click();
        // the form posts and the page comes back with the note: wait for it rather than read the old page
        waitFor(() -> !browser.findElements(By.cssSelector("#notes article .md strong")).isEmpty());
        String note = browser.findElement(By.cssSelector("#notes article .md")).getText();
        assertTrue(note.contains("<script>alert(1)</script> stays text"), note);
        assertEquals("SEC511", browser.findElement(By.cssSelector("#notes article .md strong")).getText());
        shot("05-notes");

        // incidents: two picked detections grouped, then edited; the exposure, IOC and containment pages
        browser.findElement(By.id("tab-detections")).click();
        browser.findElement(By.id("f-q")).sendKeys("mimikatz");
        browser.findElement(By.id("apply")).click();
        waitFor(() -> browser.getCurrentUrl().contains("q=mimikatz") && shows("result-summary", "1"));
        List<WebElement> picks = browser.findElements(By.cssSelector("#detections input[type=checkbox]"));
        picks.get(0).click();
        picks.get(1).click();
        browser.findElement(By.id("incident-title")).sendKeys("Credential theft on SEC511");
        new Select(browser.findElement(By.id("incident-severity"))).selectByValue("high");
        shot("09-detections-pick");
        browser.findElement(By.id("incident-create")).click();
        waitFor(() -> shows("incident-detections", "2"));
        assertTrue(browser.findElement(By.tagName("h1")).getText().contains("Credential theft on SEC511"));
        assertEquals("2", text("incident-detections"));
        assertEquals(2, browser.findElements(By.cssSelector("#incident-table tr.level-high, #incident-table tr.level-critical, "
                + "#incident-table tr.level-medium, #incident-table tr.level-low")).size());
        new Select(browser.findElement(By.id("edit-status"))).selectByValue("investigating");
        browser.findElement(By.id("edit-owner")).sendKeys("ana");
        browser.findElement(By.id("edit-notes")).sendKeys("Dumped **LSASS**; <img src=x onerror=alert(1)> stays text");
        browser.findElement(By.id("incident-save")).click();
        waitFor(() -> shows("incident-status", "Investigating"));
        assertEquals("LSASS", browser.findElement(By.cssSelector("#incident-notes strong")).getText());
        assertTrue(browser.findElements(By.cssSelector("#incident-notes img")).isEmpty(), "the note's HTML is text");
        shot("10-incident");
        noConsoleErrors("the incident page");
        browser.findElement(By.id("tab-incidents")).click();
        assertTrue(text("incidents").contains("Credential theft on SEC511"));
        s.db.read(c -> {
            try (tansa.casefile.CaseStore view = tansa.casefile.CaseStore.over(s.db.dir(), c)) {
                new tansa.casefile.CaseArtifacts(view).put("scope", "{\"plan\": {\"isolate\": [{\"action\": \"isolate_host\", "
                        + "\"type\": \"host\", \"target\": \"SEC511\", \"addresses\": [\"10.0.0.5\"], \"why\": [\"mimikatz ran here\"]}], "
                        + "\"accounts\": [{\"action\": \"reset_password\", \"type\": \"account\", \"target\": \"CORP\\\\admin\", "
                        + "\"addresses\": [], \"why\": [\"used from 2 hosts\"]}], \"block\": []}}", "investigate", java.time.Instant.now());
            }
            return null;
        });
        browser.findElement(By.id("tab-containment")).click();
        new Select(browser.findElement(By.cssSelector("#ca-1 select[name=status]"))).selectByValue("done");
        browser.findElement(By.cssSelector("input[form=ca-1][name=owner]")).sendKeys("kenji");
        browser.findElement(By.cssSelector("button[form=ca-1]")).click();
        waitFor(() -> shows("containment-summary", "1 of 2 actions"));
        shot("11-containment");
        browser.findElement(By.id("tab-exposure")).click();
        assertTrue(text("exposure-none").contains("--scan"));
        attachScanAndClaims();
        browser.navigate().refresh();
        assertEquals("3 of 4 claimed files confirmed; 2 carry classification markings.", text("claims-result"));
        assertTrue(text("exposure-unread").startsWith("19 of 120 files (15.8%) could not be read"), text("exposure-unread"));
        shot("12-exposure");
        browser.findElement(By.id("tab-iocs")).click();
        assertTrue(text("iocs-none").contains("IOC"));
        noConsoleErrors("the new pages");

        browser.findElement(By.id("lang-switch")).click();
        assertEquals("ja", browser.findElement(By.tagName("html")).getAttribute("lang"));
        assertEquals("メモ", browser.findElement(By.id("tab-notes")).getText());
        browser.findElement(By.id("tab-overview")).click(); // the cookie keeps the choice
        assertEquals("概要", browser.findElement(By.id("tab-overview")).getText());
        assertTrue(text("by-tactic").contains("実行"), text("by-tactic"));
        shot("06-overview-ja");
        browser.findElement(By.id("tab-detections")).click();
        shot("07-detections-ja");
        browser.findElement(By.id("tab-containment")).click();
        assertEquals("封じ込め", browser.findElement(By.id("tab-containment")).getText());
        shot("13-containment-ja");
        browser.findElement(By.id("tab-incidents")).click();
        shot("14-incidents-ja");
        noConsoleErrors("the Japanese pages");
        browser.get(s.base + "/cases/" + s.caseId + "?lang=en");

        signIn("vic");
        assertTrue(browser.getCurrentUrl().endsWith("/cases/" + s.caseId));
        for (String tab : List.of("tab-overview", "tab-detections", "tab-notes", "tab-tasks", "tab-hosts", "tab-accounts", "tab-graph",
                "tab-incidents", "tab-containment", "tab-exposure", "tab-iocs")) {
            browser.findElement(By.id(tab)).click();
            List<WebElement> forms = browser.findElements(By.cssSelector("form[method=post]"));
            for (WebElement f : forms) {
                assertTrue(f.getAttribute("action").endsWith("/logout"), tab + " offers a viewer a write: " + f.getAttribute("action"));
            }
        }
        browser.findElement(By.id("tab-incidents")).click();
        browser.findElement(By.cssSelector("#incidents a")).click(); // an incident's page: no edit form either
        assertTrue(browser.findElements(By.cssSelector("form[method=post]")).stream()
                .allMatch(f -> f.getAttribute("action").endsWith("/logout")), "a viewer's incident page has no write form");
        browser.findElement(By.id("tab-notes")).click();
        shot("08-viewer-notes");
        int notes = browser.findElements(By.cssSelector("#notes article")).size();
        // a write forced from the page, with the session's own CSRF token: refused for the role
        String csrf = browser.findElement(By.name("_csrf")).getAttribute("value");
        Object status = ((JavascriptExecutor) browser).executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                        + "fetch('/api/cases/" + s.caseId + "/notes', {method: 'POST', headers: {'Content-Type': 'application/json',"
                        + " 'X-CSRF-Token': arguments[0]}, body: JSON.stringify({text: 'viewer was here'})})"
                        + ".then(function (r) { done(r.status); });", csrf);
        assertEquals(403L, ((Number) status).longValue());
        browser.navigate().refresh();
        assertEquals(notes, browser.findElements(By.cssSelector("#notes article")).size());
    }

    /**
     * A scan and a leak-claim check in the shape 'tansa scan -f jsonl' and 'tansa claims verify -f
     * jsonl' write them (ExposureCommandsTest attaches real ones), attached as 'ingest --scan
     * --claims' does.
     */
    private static void attachScanAndClaims() throws IOException {
        Path scan = tmp.resolve("scan.jsonl");
        Files.writeString(scan, "{\"kind\":\"summary\",\"files\":120,\"findings\":37,\"counts\":{\"pii.email\":20,\"pii.phone_jp\":5,"
                + "\"marking.classification\":4,\"secret.aws_access_key\":1},\"distinct\":{\"pii.email\":14,\"pii.phone_jp\":5,"
                + "\"marking.classification\":2,\"secret.aws_access_key\":1},\"labels\":{\"極秘\":3,\"CONFIDENTIAL\":1},"
                + "\"coverage\":{\"parsed\":100,\"encrypted\":6,\"password_protected\":2,\"corrupted\":3,\"no_text\":5,\"empty\":1,"
                + "\"too_large\":2,\"timeout\":0,\"unreadable\":1,\"checked\":106,\"not_checked\":14,\"ratio\":0.8833}}\n");
        Path claims = tmp.resolve("claims.jsonl");
        Files.writeString(claims, "{\"kind\":\"claim\",\"claimed_path\":\"C:\\\\Share\\\\plan.docx\",\"outcome\":\"confirmed\","
                + "\"findings\":{\"marking.classification\":1}}\n"
                + "{\"kind\":\"claim\",\"claimed_path\":\"C:\\\\Share\\\\budget.xlsx\",\"outcome\":\"confirmed\","
                + "\"findings\":{\"marking.classification\":2}}\n"
                + "{\"kind\":\"claim\",\"claimed_path\":\"C:\\\\Share\\\\memo.txt\",\"outcome\":\"confirmed\",\"findings\":{}}\n"
                + "{\"kind\":\"claim\",\"claimed_path\":\"D:\\\\other.pdf\",\"outcome\":\"not_found\"}\n");
        s.db.read(c -> {
            try (tansa.casefile.CaseStore view = tansa.casefile.CaseStore.over(s.db.dir(), c)) {
                tansa.casefile.ExposureAttach attach = new tansa.casefile.ExposureAttach(view, tansa.reader.Problems.IGNORE, "test",
                        java.time.Clock.systemUTC());
                assertTrue(attach.attach(scan, tansa.casefile.ExposureAttach.Kind.SCAN).attached());
                assertTrue(attach.attach(claims, tansa.casefile.ExposureAttach.Kind.CLAIMS).attached());
            }
            return null;
        });
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) {
        long end = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out at " + browser.getCurrentUrl());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
