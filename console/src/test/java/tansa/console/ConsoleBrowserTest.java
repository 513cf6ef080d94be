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
        long found = shown();
        assertTrue(found > 0 && found < high, found + " of " + high);
        shot("02-detections-filtered");
        browser.findElements(By.cssSelector("#detections td a")).get(0).click();
        assertTrue(browser.findElement(By.id("detection-json")).getText().toLowerCase(java.util.Locale.ROOT).contains("mimikatz"));
        assertFalse(browser.findElements(By.cssSelector("pre.raw")).isEmpty(), "the event's raw record is shown");
        shot("03-detection");

        browser.findElement(By.id("tab-graph")).click();
        assertTrue(text("graph-placeholder").contains("tansa graph"));
        assertTrue(browser.findElements(By.cssSelector("#logons tr")).size() > 1, "host-to-host logons from the corpus");
        shot("04-graph");

        browser.findElement(By.id("tab-notes")).click();
        browser.findElement(By.id("note-text")).sendKeys("Mimikatz on **SEC511**; <script>alert(1)</script> stays text");
        browser.findElement(By.id("note-add")).click();
        String note = browser.findElement(By.cssSelector("#notes article .md")).getText();
        assertTrue(note.contains("<script>alert(1)</script> stays text"), note);
        assertEquals("SEC511", browser.findElement(By.cssSelector("#notes article .md strong")).getText());
        shot("05-notes");

        browser.findElement(By.id("lang-switch")).click();
        assertEquals("ja", browser.findElement(By.tagName("html")).getAttribute("lang"));
        assertEquals("メモ", browser.findElement(By.id("tab-notes")).getText());
        browser.findElement(By.id("tab-overview")).click(); // the cookie keeps the choice
        assertEquals("概要", browser.findElement(By.id("tab-overview")).getText());
        assertTrue(text("by-tactic").contains("実行"), text("by-tactic"));
        shot("06-overview-ja");
        browser.findElement(By.id("tab-detections")).click();
        shot("07-detections-ja");
        browser.get(s.base + "/cases/" + s.caseId + "?lang=en");

        signIn("vic");
        assertTrue(browser.getCurrentUrl().endsWith("/cases/" + s.caseId));
        for (String tab : List.of("tab-overview", "tab-detections", "tab-notes", "tab-tasks", "tab-hosts", "tab-accounts", "tab-graph")) {
            browser.findElement(By.id(tab)).click();
            List<WebElement> forms = browser.findElements(By.cssSelector("form[method=post]"));
            for (WebElement f : forms) {
                assertTrue(f.getAttribute("action").endsWith("/logout"), tab + " offers a viewer a write: " + f.getAttribute("action"));
            }
        }
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
