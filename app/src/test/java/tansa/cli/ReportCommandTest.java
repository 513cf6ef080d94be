package tansa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * {@code tansa report} on a case built from the shared EVTX corpus and the SigmaHQ Windows rules:
 * the JSON's figures against {@code case stats} and counts the test takes from the case database
 * itself, the PDF read back with poppler (pages not blank, Japanese text present), the HTML in
 * headless Chromium (no console errors, charts drawn), and the settings behind the clocks.
 */
class ReportCommandTest {
    private static final Path SHARED = Path.of(System.getProperty("tansa.shared", "../../shared"));
    private static final Path CORPUS = SHARED.resolve("corpus/evtx");
    private static final Path RULES = SHARED.resolve("sigma/rules/windows");

    @TempDir
    static Path tmp;
    private static Path caseDir;

    record Run(int code, String out, String err) {
    }

    static Run tansa(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(out, err, args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void buildTheCase() {
        caseDir = tmp.resolve("acme");
        assertEquals(0, tansa("case", "init", caseDir.toString(), "--name", "ACME <script>alert(1)</script>", "-q").code());
        Run r = tansa("ingest", "--case", caseDir.toString(), "-q", "-r", RULES.toString(), CORPUS.toString());
        assertEquals(0, r.code(), r.err());
        // An exposure scan and a leak claim of our own making: a share with markings and personal data.
        Path share = tmp.resolve("share");
        try {
            Files.createDirectories(share.resolve("hr"));
            Files.writeString(share.resolve("hr/payroll.csv"), "氏名,メール,電話\n山田太郎,taro.yamada@example.co.jp,090-1234-5678\n"
                    + "佐藤花子,hanako.sato@example.co.jp,080-2345-6789\n", StandardCharsets.UTF_8);
            Files.writeString(share.resolve("hr/plan.txt"), "極秘\nProject plan for the launch.\n", StandardCharsets.UTF_8);
            Files.writeString(share.resolve("readme.txt"), "Nothing to see.\n", StandardCharsets.UTF_8);
            Files.writeString(tmp.resolve("leak.txt"), "LEAKED FILES\n"
                    + Files.size(share.resolve("hr/plan.txt")) + "  " + share.resolve("hr/plan.txt") + "\n"
                    + Files.size(share.resolve("hr/payroll.csv")) + "  " + share.resolve("hr/payroll.csv") + "\n"
                    + "999  " + share.resolve("hr/missing.docx") + "\n", StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Run scan = tansa("scan", share.toString(), "-f", "jsonl", "-q", "-o", tmp.resolve("scan.jsonl").toString());
        assertEquals(0, scan.code(), scan.err());
        Run claims = tansa("claims", "verify", "--scan", tmp.resolve("scan.jsonl").toString(), "--leak-list",
                tmp.resolve("leak.txt").toString(), "-f", "jsonl", "-o", tmp.resolve("claims.jsonl").toString());
        assertTrue(claims.code() <= 1, claims.err());
        Run attach = tansa("ingest", "--case", caseDir.toString(), "-q", "--scan", tmp.resolve("scan.jsonl").toString(),
                "--claims", tmp.resolve("claims.jsonl").toString());
        assertEquals(0, attach.code(), attach.err());
        Run s = tansa("case", "set", "--case", caseDir.toString(), "-q", "regimes=appi,gdpr,sec",
                "discovered_at=2026-12-01T09:30:00+09:00", "wrongful_purpose=true", "personal_data=true",
                "individuals_affected=1520", "materiality_determined_at=2026-12-03T10:00:00-05:00",
                "countermeasures_taken=Isolated the affected hosts\nReset krbtgt twice");
        assertEquals(0, s.code(), s.err());
    }

    private static long count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + caseDir.resolve("case.duckdb"));
             Statement st = c.createStatement(); ResultSet r = st.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    void jsonFiguresEqualTheCaseStatsAndTheDatabasesOwnCounts() throws Exception {
        Run stats = tansa("case", "stats", "--case", caseDir.toString(), "-f", "json");
        Run report = tansa("report", "--case", caseDir.toString(), "-f", "json");
        assertEquals(0, report.code(), report.err());
        ObjectMapper mapper = new ObjectMapper();
        JsonNode s = mapper.readTree(stats.out());
        JsonNode f = mapper.readTree(report.out()).get("figures");
        assertEquals(s.get("evidence").asLong(), f.get("evidence").get("value").asLong());
        assertEquals(s.get("events").asLong(), f.get("events").get("value").asLong());
        assertEquals(s.get("detections").asLong(), f.get("detections").get("value").asLong());
        assertTrue(s.get("detections").asLong() > 1000, "the corpus has thousands of detections");
        long levels = 0;
        for (String level : List.of("critical", "high", "medium", "low", "informational")) {
            long v = f.get("detections." + level).get("value").asLong();
            assertEquals(count("SELECT count(*) FROM detection WHERE level = '" + level + "'"), v, level);
            levels += v;
        }
        assertEquals(s.get("detections").asLong(), levels, "every detection has one of the five levels");
        assertEquals(count("SELECT count(DISTINCT computer) FROM detection"), f.get("hosts").get("value").asLong());
        assertEquals(count("SELECT count(DISTINCT rule_id) FROM detection"), f.get("rules").get("value").asLong());
        assertEquals("SELECT count(*) FROM detection", f.get("detections").get("query").asText());
        JsonNode root = mapper.readTree(report.out());
        long hostDetections = 0;
        for (JsonNode h : root.get("hosts")) {
            hostDetections += h.get("detections").asLong();
        }
        assertEquals(s.get("detections").asLong(), hostDetections);
        assertEquals(count("SELECT count(*) FROM evidence"), root.get("evidence").size());
    }

    @Test
    void exposureAndClaimFiguresEqualTheScansAndTheChecksOwnSummaries() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode summary = null;
        for (String line : Files.readAllLines(tmp.resolve("scan.jsonl"))) {
            JsonNode n = mapper.readTree(line);
            if (n.path("kind").asText().equals("summary")) {
                summary = n;
            }
        }
        JsonNode claimSummary = null;
        for (String line : Files.readAllLines(tmp.resolve("claims.jsonl"))) {
            JsonNode n = mapper.readTree(line);
            if (n.path("kind").asText().equals("summary")) {
                claimSummary = n;
            }
        }
        JsonNode report = mapper.readTree(tansa("report", "--case", caseDir.toString(), "-f", "json").out());
        JsonNode f = report.get("figures");
        assertEquals(summary.get("files").asLong(), f.get("exposure.files").get("value").asLong());
        assertEquals(3, f.get("exposure.files").get("value").asLong());
        assertEquals(summary.get("findings").asLong(), f.get("exposure.findings").get("value").asLong());
        summary.get("distinct").properties().forEach(e ->
                assertEquals(e.getValue().asLong(), f.get("exposure.distinct." + e.getKey()).get("value").asLong(), e.getKey()));
        assertEquals(2, f.get("exposure.distinct.pii.email").get("value").asLong());
        for (String k : List.of("claimed", "confirmed", "size_mismatch", "hash_mismatch", "not_found")) {
            assertEquals(claimSummary.get(k).asLong(), f.get("claims." + k).get("value").asLong(), k);
        }
        assertEquals(claimSummary.get("confirmed_with_markings").asLong(),
                f.get("claims.confirmed_with_markings").get("value").asLong());
        assertEquals(2, f.get("claims.confirmed").get("value").asLong());
        assertEquals(1, f.get("claims.confirmed_with_markings").get("value").asLong(), "plan.txt carries 極秘");
        assertEquals("2 of 3 claimed files confirmed; 1 carry classification markings; 1 could not be matched.",
                report.get("claims").get("verdict").asText());
    }

    @Test
    void clocksFollowTheCaseSettings() throws Exception {
        JsonNode clocks = new ObjectMapper().readTree(tansa("report", "--case", caseDir.toString(), "-f", "json").out())
                .get("clocks");
        Map<String, String> due = new java.util.TreeMap<>();
        for (JsonNode c : clocks) {
            due.put(c.get("obligation").asText(), c.get("due").asText());
        }
        // Aware 1 Dec 2026 (JST), an attack: day 60 is Friday 29 Jan 2027.
        assertEquals("2027-01-29T23:59:59+09:00", due.get("appi_final"));
        assertEquals("2026-12-04T00:30Z", due.get("gdpr_article_33"));
        // Material on Thursday 3 Dec 2026: four business days later is Wednesday 9 Dec.
        assertEquals("2026-12-09T17:30-05:00", due.get("sec_form_8k"));
    }

    @Test
    void pdfInJapaneseHasNoBlankPageAndItsTextComesThrough() throws Exception {
        Path pdf = tmp.resolve("report-ja.pdf");
        Run r = tansa("report", "--case", caseDir.toString(), "-f", "pdf", "--lang", "ja", "-o", pdf.toString());
        assertEquals(0, r.code(), r.err());
        Path pages = Files.createDirectories(tmp.resolve("pages"));
        exec(List.of("pdftoppm", "-r", "30", "-png", pdf.toString(), pages.resolve("p").toString()));
        List<Path> pngs;
        try (Stream<Path> s = Files.list(pages)) {
            pngs = s.sorted().toList();
        }
        assertTrue(pngs.size() >= 3, "a report of this case takes several pages: " + pngs.size());
        for (Path png : pngs) {
            assertTrue(inked(ImageIO.read(png.toFile())) > 0.002, png.getFileName() + " is blank");
        }
        String text = exec(List.of("pdftotext", "-raw", "-enc", "UTF-8", pdf.toString(), "-"));
        String joined = text.replaceAll("\\s+", ""); // table cells wrap long Japanese phrases
        for (String ja : List.of("侵害影響報告書", "法令上の報告期限", "個人情報保護委員会への確報", "2027年1月29日 23:59 JST",
                "影響を受けたホスト", "付録：証拠一覧", "横展開")) {
            assertTrue(joined.contains(ja.replace(" ", "")), "the PDF's text lacks " + ja);
        }
        assertFalse(text.contains("\uFFFD"), "a character was lost");
        assertFalse(text.contains("Breach-impact"), "the Japanese report has no English heading");
    }

    @Test
    void htmlOpensInChromiumWithoutConsoleErrorsAndDrawsItsCharts() throws Exception {
        Path html = tmp.resolve("report.html");
        assertEquals(0, tansa("report", "--case", caseDir.toString(), "-f", "html", "-o", html.toString(), "-q").code());
        String page = Files.readString(html);
        assertFalse(page.contains("<script"), "no script in the report, and the case name's is escaped");
        assertTrue(page.contains("ACME &lt;script&gt;alert(1)&lt;/script&gt;"));
        ChromeOptions o = new ChromeOptions();
        o.setBinary("/usr/bin/chromium");
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1200,1600");
        org.openqa.selenium.logging.LoggingPreferences prefs = new org.openqa.selenium.logging.LoggingPreferences();
        prefs.enable(LogType.BROWSER, Level.ALL);
        o.setCapability("goog:loggingPrefs", prefs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, o);
        try {
            driver.get(html.toUri().toString());
            assertEquals("Breach-impact report", driver.findElement(By.tagName("h1")).getText());
            for (String id : List.of("chart-per-day", "attack-matrix")) {
                WebElement chart = driver.findElement(By.id(id));
                driver.executeScript("arguments[0].scrollIntoView()", chart);
                BufferedImage shot = ImageIO.read(new ByteArrayInputStream(chart.getScreenshotAs(OutputType.BYTES)));
                Files.write(tmp.resolve(id + ".png"), chart.getScreenshotAs(OutputType.BYTES));
                assertTrue(inked(shot) > 0.01, id + " is blank");
            }
            List<String> errors = new ArrayList<>();
            for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
                if (e.getLevel().intValue() >= Level.WARNING.intValue()) {
                    errors.add(e.getMessage());
                }
            }
            assertEquals(List.of(), errors);
            String detections = driver.findElement(By.cssSelector("a.fig[data-figure=detections]")).getAttribute("href");
            assertTrue(detections.endsWith("/cases/acme/detections"), detections);
        } finally {
            driver.quit();
        }
    }

    @Test
    void markdownNamesEveryFigureAndSaysWhichSectionsTheCaseCannotFill() {
        Run r = tansa("report", "--case", caseDir.toString(), "-f", "md");
        assertEquals(0, r.code(), r.err());
        for (String h : List.of("## Executive summary", "## Regulatory deadlines", "## Timeline", "## Affected hosts",
                "## Data exposure", "## Leak-claim verification", "## Appendix: evidence", "## Method")) {
            assertTrue(r.out().contains(h), h);
        }
        assertTrue(r.out().contains("The case holds no lateral-movement graph"), "a missing section says so");
        assertTrue(r.out().contains("2 of 3 claimed files confirmed"), r.out());
        assertTrue(r.out().contains("| detections | "), "the method lists each figure with its query");
        assertTrue(r.out().contains("Reset krbtgt twice"));
    }

    @Test
    void terminalControlsFromTheCaseReachNoReportRawAndJsonKeepsThemAsEscapes() throws Exception {
        String hostile = "ACME\u001b[2J\u0085\u009b31m\u202egnp.exe\u2028end\u007f";
        Path c = tmp.resolve("hostile");
        assertEquals(0, tansa("case", "init", c.toString(), "--name", hostile, "-q").code());
        for (String f : List.of("json", "md", "html")) {
            Run r = tansa("report", "--case", c.toString(), "-f", f);
            assertEquals(0, r.code(), r.err());
            for (char ch : new char[] {'\u001b', '\u0085', '\u009b', '\u202e', '\u2028', '\u007f'}) {
                assertEquals(-1, r.out().indexOf(ch), f + " report carries U+" + Integer.toHexString(ch) + " raw");
            }
            if (f.equals("json")) {
                // the same data: a JSON reader gets the name back as it was given
                assertEquals(hostile, findName(r.out()), r.out());
            }
        }
    }

    private static String findName(String json) throws Exception {
        com.fasterxml.jackson.databind.JsonNode n = new ObjectMapper().readTree(json);
        java.util.List<String> names = new java.util.ArrayList<>();
        for (String key : List.of("case_name", "caseName", "name", "case")) {
            n.findValues(key).forEach(v -> names.add(v.asText()));
        }
        return names.stream().filter(v -> v.startsWith("ACME")).findFirst().orElse(null);
    }

    @Test
    void badSettingsAreUsageErrorsAndNothingIsWritten() {
        Run unknown = tansa("case", "set", "--case", caseDir.toString(), "discovery=2026-12-01");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("unknown setting 'discovery'"), unknown.err());
        Run badTime = tansa("case", "set", "--case", caseDir.toString(), "contained_at=yesterday");
        assertEquals(2, badTime.code());
        assertTrue(badTime.err().contains("contained_at: expected"), badTime.err());
        assertFalse(tansa("case", "set", "--case", caseDir.toString()).out().contains("contained_at"));
    }

    /** The share of pixels that are not near-white. */
    private static double inked(BufferedImage img) {
        long ink = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (r + g + b < 600) {
                    ink++;
                }
            }
        }
        return ink / (double) ((long) img.getWidth() * img.getHeight());
    }

    private static String exec(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), cmd + " did not finish");
        assertEquals(0, p.exitValue(), cmd + ": " + out);
        return out;
    }
}
