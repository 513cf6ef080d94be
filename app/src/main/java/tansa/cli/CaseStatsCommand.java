package tansa.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tansa.casefile.CaseStats;
import tansa.casefile.CaseStore;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code tansa case stats}: what a case holds. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {"  tansa case stats --case cases/acme",
                "  tansa case stats --case cases/acme -f json     # {\"evidence\": N, ...}",
                "  tansa case stats --db postgresql://ir@db/tansa --case-id acme"},
        description = "Count the evidence files, events, detections, attached scan/claims results and audit entries of a case.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:not a case, or in use by another tansa process", "2:usage error"})
public final class CaseStatsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CaseOption where;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table", description = "table (default) or json.")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of stdout.")
    Path output;

    @Option(names = {"-q", "--quiet"}, description = "Accepted for symmetry with the other commands; stats prints no notes.")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        String f = Formats.check(spec.commandLine(), format, "table", "json");
        CaseStats s;
        try (CaseStore store = where.open(spec.commandLine())) {
            s = store.stats();
        }
        String text = f.equals("json")
                ? "{\"evidence\": " + s.evidence() + ", \"events\": " + s.events() + ", \"detections\": " + s.detections()
                        + ", \"name\": " + quote(s.name()) + ", \"attachments\": " + s.attachments() + ", \"scan_files\": "
                        + s.scanFiles() + ", \"scan_findings\": " + s.scanFindings() + ", \"claims\": " + s.claims()
                        + ", \"audit_entries\": " + s.auditEntries() + "}"
                : String.format(Locale.ROOT, "case           %s%nevidence       %,d%nevents         %,d%ndetections     %,d%n"
                                + "attachments    %,d%nscan files     %,d%nscan findings  %,d%nclaims         %,d%naudit entries  %,d",
                        TerminalText.escape(String.valueOf(s.name())), s.evidence(), s.events(), s.detections(), s.attachments(),
                        s.scanFiles(), s.scanFindings(), s.claims(), s.auditEntries());
        if (output != null) {
            Files.writeString(output, text + System.lineSeparator(), StandardCharsets.UTF_8);
        } else {
            PrintWriter out = spec.commandLine().getOut();
            out.println(text);
            out.flush();
        }
        return 0;
    }

    static String quote(String s) {
        return s == null ? "null" : new com.fasterxml.jackson.databind.ObjectMapper().getNodeFactory().textNode(s).toString();
    }
}
