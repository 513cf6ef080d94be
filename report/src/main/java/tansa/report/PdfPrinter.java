package tansa.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Turns the HTML report into PDF with headless Chromium's print-to-PDF. Chromium rather than
 * openhtmltopdf: Debian's {@code fonts-noto-cjk} ships CFF-outline OpenType collections, which
 * PDFBox (under openhtmltopdf) cannot embed, while Chromium lays the page out exactly as the HTML
 * report shows and embeds subsets of the fonts fontconfig finds. The page has no script and loads
 * nothing, so printing runs no code from the case.
 */
public final class PdfPrinter {
    /** The browsers looked for, in order, unless {@code TANSA_CHROMIUM} names one. */
    private static final List<String> BROWSERS = List.of("chromium", "chromium-browser", "google-chrome");
    private static final long TIMEOUT_SECONDS = 120;

    private PdfPrinter() {
    }

    /** Writes {@code html} as a PDF to {@code out}; throws {@link ReportException} saying what to install or fix. */
    public static void print(String html, Path out) {
        String browser = browser();
        Path work = null;
        try {
            work = Files.createTempDirectory("tansa-report");
            Path page = work.resolve("report.html");
            Files.writeString(page, html, StandardCharsets.UTF_8);
            Path pdf = work.resolve("report.pdf");
            List<String> cmd = new ArrayList<>(List.of(browser, "--headless", "--disable-gpu", "--no-sandbox",
                    "--no-first-run", "--disable-extensions", "--user-data-dir=" + work.resolve("profile"),
                    "--no-pdf-header-footer", "--print-to-pdf=" + pdf, page.toUri().toString()));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(work.resolve("chromium.log").toFile())
                    .start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new ReportException("Chromium did not print the report within " + TIMEOUT_SECONDS + " s");
            }
            if (!Files.isRegularFile(pdf) || Files.size(pdf) == 0) {
                throw new ReportException("Chromium exited with " + p.exitValue() + " without writing the PDF: "
                        + lastLine(work.resolve("chromium.log")));
            }
            Files.copy(pdf, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new ReportException("cannot print the report to " + out + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReportException("interrupted while printing the report", e);
        } finally {
            delete(work);
        }
    }

    static String browser() {
        String named = System.getenv("TANSA_CHROMIUM");
        if (named != null && !named.isBlank()) {
            return named;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
            for (String b : BROWSERS) {
                if (Files.isExecutable(Path.of(dir, b))) {
                    return Path.of(dir, b).toString();
                }
            }
        }
        throw new ReportException("PDF needs Chromium: install Debian's 'chromium' package (or set TANSA_CHROMIUM),"
                + " or choose --format html");
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return lines.isEmpty() ? "no output" : lines.get(lines.size() - 1);
        } catch (IOException e) {
            return "no log";
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
