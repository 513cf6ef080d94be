package tansa.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tansa.casefile.CaseStore;
import tansa.report.HtmlReport;
import tansa.report.JsonReport;
import tansa.report.Lang;
import tansa.report.MarkdownReport;
import tansa.report.Messages;
import tansa.report.PdfPrinter;
import tansa.report.ReportBuilder;
import tansa.report.ReportData;

/** {@code tansa report}: the breach-impact report of a case. */
@Command(name = "report", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {"  tansa report --case cases/acme -f html -o report.html",
                "  tansa report --case cases/acme -f pdf --lang ja -o 報告書.pdf",
                "  tansa report --case cases/acme -f json | jq .figures.detections",
                "  tansa case set --case cases/acme regimes=appi,gdpr"},
        description = {"Write the breach-impact report of a case for leadership, regulators and oversight bodies:"
                + " executive summary, regulatory deadlines (APPI, GDPR, SEC from the case settings), timeline,"
                + " affected hosts and accounts, ATT&CK matrix, exposure, countermeasures, evidence with SHA-256.",
                "Every figure names the query behind it (JSON, Markdown) or links to the console view that lists it (HTML)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:report written", "1:not a case, or the report could not be written", "2:usage error"})
public final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    CaseOption where;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "html",
            description = "html (default), pdf, json or md.")
    String format;

    @Option(names = "--lang", paramLabel = "LANG", defaultValue = "en", description = "en (default) or ja.")
    String lang;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write to FILE (required for pdf; default for the others: stdout).")
    Path output;

    @Option(names = "--console-url", paramLabel = "URL", defaultValue = "http://127.0.0.1:8080",
            description = "Where the case's console runs, for the HTML report's links (default ${DEFAULT-VALUE}).")
    String consoleUrl;

    @Option(names = {"-q", "--quiet"}, description = "No note on stderr when the report is written to a file.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        String f = Formats.check(spec.commandLine(), format, "html", "pdf", "json", "md");
        Lang l = Lang.parse(lang);
        if (l == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--lang must be en or ja, not '" + lang + "'");
        }
        if (f.equals("pdf") && output == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "a PDF report needs --output FILE");
        }
        ReportData data;
        String label;
        String id;
        try (CaseStore store = where.open(spec.commandLine())) {
            data = new ReportBuilder().build(store, Instant.now(), version());
            label = store.label();
            id = where.dir != null ? tansa.console.ConsoleServer.slug(where.dir) : Long.toString(store.caseId());
        }
        Messages m = new Messages(l);
        String base = consoleBase(consoleUrl, id);
        switch (f) {
            case "pdf":
                PdfPrinter.print(new HtmlReport(data, m, base).render(), output);
                break;
            case "json":
                write(new JsonReport(data, m).render());
                break;
            case "md":
                write(new MarkdownReport(data, m).render());
                break;
            default:
                write(new HtmlReport(data, m, base).render());
        }
        ProblemPrinter err = new ProblemPrinter(spec.commandLine().getErr(), quiet);
        String problems = data.facts().problems();
        for (String line : problems.isEmpty() ? new String[0] : problems.split("\n")) {
            err.report(label, -1, "case setting " + line + " (left out of the report; fix it with 'tansa case set')");
        }
        if (output != null) {
            err.note(output.toString(), -1, "wrote the " + f + " report of case '" + data.caseName() + "'");
        }
        spec.commandLine().getErr().flush();
        return problems.isEmpty() ? 0 : 1;
    }

    /** This build's version, as the report's method section and footer name it. */
    static String version() {
        return new Version().getVersion()[0].replace("tansa ", "");
    }

    /** The console's page of case {@code id} under {@code consoleUrl}: where the HTML report's figures link. */
    static String consoleBase(String consoleUrl, String id) {
        return consoleUrl.replaceAll("/+$", "") + "/cases/" + id + "/";
    }

    private void write(String text) throws java.io.IOException {
        if (output != null) {
            Files.writeString(output, text, StandardCharsets.UTF_8);
        } else {
            PrintWriter out = spec.commandLine().getOut();
            out.print(text);
            out.flush();
        }
    }
}
