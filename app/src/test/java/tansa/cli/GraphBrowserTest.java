package tansa.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The graph page in a real browser (Debian's headless chromium through its chromedriver): it opens
 * from a file with no network, draws every edge, filters by kind and account, shows an edge's
 * evidence on click, and logs no console error. A screenshot is left in
 * {@code app/target/graph-browser.png}.
 */
class GraphBrowserTest {
    private static ChromeDriver driver;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        System.setProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,900",
                "--disable-gpu", "--no-first-run", "--disable-extensions");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
    }

    private static Path page(String name, String... evidence) {
        Path html = dir.resolve(name);
        List<String> args = new ArrayList<>(List.of("graph", "-f", "html", "-q", "-o", html.toString()));
        args.addAll(List.of(evidence));
        RulesCheckCommandTest.Run r = RulesCheckCommandTest.tansa(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        return html;
    }

    private static void open(Path html) throws InterruptedException {
        driver.get(html.toUri().toString());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!"true".equals(driver.findElement(By.tagName("body")).getAttribute("data-ready"))) {
            assertTrue(System.nanoTime() < deadline, "the page did not finish drawing in 60 s: " + consoleProblems());
            Thread.sleep(100);
        }
    }

    private static List<String> consoleProblems() {
        List<String> out = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.WARNING.intValue()) {
                out.add(e.getLevel() + " " + e.getMessage());
            }
        }
        return out;
    }

    private static long visible(String css) {
        return driver.findElements(By.cssSelector(css)).stream().filter(WebElement::isDisplayed).count();
    }

    private static void click(WebElement e) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", e);
    }

    @Test
    void drawsTheCorpusMovementsFiltersThemAndShowsEvidence() throws IOException, InterruptedException {
        Path html = page("corpus.html", GraphCommandTest.CORPUS.toString());
        String text = Files.readString(html);
        assertTrue(!text.contains("<script src") && !text.contains("<link rel=\"stylesheet\""), "one self-contained page");
        open(html);
        List<WebElement> edges = driver.findElements(By.cssSelector("path.edge"));
        long edgeCount = edges.size();
        assertTrue(edgeCount > 50, "edges drawn: " + edgeCount);
        long accountEdges = edges.stream().filter(e -> "account".equals(e.getAttribute("data-kind"))).count();
        assertTrue(accountEdges > 0);
        assertEquals(edgeCount - accountEdges, visible("path.edge"), "every movement is visible at first, account edges on demand");
        assertTrue(driver.findElement(By.id("summary")).getText().startsWith((edgeCount - accountEdges) + " of " + edgeCount + " edges"));
        click(driver.findElement(By.cssSelector("input[data-kind=account]")));
        assertEquals(edgeCount, visible("path.edge"), "with account edges: all");
        for (WebElement e : edges) {
            String d = e.getAttribute("d");
            assertTrue(d != null && d.startsWith("M") && !d.contains("NaN"), "laid out: " + d);
        }

        WebElement psexec = edges.stream()
                .filter(e -> "psexec".equals(e.getAttribute("data-kind")) && e.findElement(By.tagName("title")).getAttribute("textContent")
                        .contains("10.23.42.22 \u2192 srvdefender01.offsec.lan"))
                .findFirst().orElseThrow();
        click(psexec);
        String details = driver.findElement(By.id("details")).getText();
        assertTrue(details.startsWith("psexec"), details);
        assertTrue(driver.findElement(By.id("evidence")).getText().contains("349343"), "the 4697 record of the PSEXESVC install");
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), Path.of("target/graph-browser.png"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        click(driver.findElement(By.cssSelector("input[data-kind=psexec]")));
        assertEquals(0, visible("path.edge[data-kind=psexec]"), "psexec edges hidden by their kind filter");
        assertTrue(visible("path.edge") < edgeCount);
        click(driver.findElement(By.cssSelector("input[data-kind=psexec]")));
        assertEquals(edgeCount, visible("path.edge"));

        ((JavascriptExecutor) driver).executeScript("const s = document.getElementById('account'); s.value = 'hack1';"
                + "s.dispatchEvent(new Event('change'));");
        long hack1 = visible("path.edge");
        assertTrue(hack1 > 0 && hack1 < edgeCount, "only hack1's edges: " + hack1);

        ((JavascriptExecutor) driver).executeScript("const s = document.getElementById('account'); s.value = '';"
                + "s.dispatchEvent(new Event('change')); const t = document.getElementById('to'); t.value = '0';"
                + "t.dispatchEvent(new Event('input'));");
        assertTrue(visible("path.edge") < edgeCount, "the time filter leaves only the earliest edges");
        assertEquals(List.of(), consoleProblems());
    }

    @Test
    void anEmptyGraphOpensWithoutErrors() throws InterruptedException {
        Path html = page("empty.html", GraphCommandTest.CORPUS.resolve("DeepBlueCLI/many-events-application.evtx").toString());
        open(html);
        assertEquals("0 of 0 edges, 0 of 0 nodes shown", driver.findElement(By.id("summary")).getText());
        assertEquals(List.of(), consoleProblems());
    }
}
