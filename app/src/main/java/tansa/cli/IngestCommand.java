package tansa.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tansa.casefile.CaseStore;
import tansa.casefile.Ingest;
import tansa.casefile.IngestSummary;
import tansa.sigma.RuleSelection;
import tansa.sigma.RuleSet;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code tansa ingest --case DIR}: evidence (and its detections) into a case, one transaction per file. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {"  tansa ingest --case cases/acme evidence/host1 evidence/host2",
                "  tansa ingest --case cases/acme --rules sigma/rules evidence/",
                "  tansa ingest --case cases/acme -r sigma/rules evidence/ -f json -q"},
        description = {"Store evidence and its Sigma detections in a case.",
                "Events are stored normalized (time, computer, channel, EventID, record id, provider, source file, the event as 'tansa dump' prints it) and, with --rules, Sigma detections as 'hunt -f jsonl' writes them.",
                "Each file is stored in one transaction with its registry entry (SHA-256, size, path, source hosts, who, when):",
                "a run that is killed leaves every file whole or absent, and running the same command again completes the",
                "case; files the case already holds (same SHA-256) are skipped. Correlation rules see one file at a time."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every file stored or already in the case",
                "1:some evidence was damaged, unreadable or changed (reported on stderr), or the case is not usable",
                "2:usage error"})
public final class IngestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--case", required = true, paramLabel = "DIR", description = "The case directory ('tansa case init DIR').")
    Path dir;

    @Parameters(arity = "1..*", paramLabel = "EVIDENCE", description = "Evidence files or directories (read recursively).")
    List<Path> evidence;

    @Option(names = {"-r", "--rules"}, paramLabel = "PATH", description = "Sigma rule file or directory; repeatable. "
            + "Without it only events are stored.")
    List<Path> rules = new ArrayList<>();

    @Mixin
    MappingOption mapping;

    @Mixin
    CacheOption cache;

    @Mixin
    ReadOptions read;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "The closing summary: text (default) or json ({\"files\", \"skipped\", \"events\", \"detections\", \"problems\"}).")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the summary to FILE instead of stdout.")
    Path output;

    @Override
    public Integer call() throws IOException {
        String fmt = format.toLowerCase(Locale.ROOT);
        if (!fmt.equals("text") && !fmt.equals("json")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--format must be text or json, not '" + format + "'");
        }
        for (Path p : rules) {
            if (!Files.exists(p)) { // before the case is opened, so a usage error changes nothing
                throw new CommandLine.ParameterException(spec.commandLine(), "no such rule file or directory: " + p);
            }
        }
        int threads = read.threads();
        PrintWriter err = spec.commandLine().getErr();
        long t0 = System.nanoTime();
        IngestSummary s;
        // open the case first: a case in use is refused before any rule is loaded
        try (CaseStore store = CaseStore.open(dir)) {
            RuleSet set = rules.isEmpty() ? null
                    : RuleLoading.load(spec.commandLine(), rules, mapping, cache, RuleSelection.all(), read.quiet);
            ProblemPrinter problems = new ProblemPrinter(err, read.quiet);
            s = new Ingest(store, set, threads, problems, System.getProperty("user.name", "unknown"), Clock.systemUTC())
                    .run(evidence);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        String text = fmt.equals("json")
                ? String.format(Locale.ROOT, "{\"files\": %d, \"skipped\": %d, \"events\": %d, \"detections\": %d, \"problems\": %d}",
                        s.files(), s.skipped(), s.events(), s.detections(), s.problems())
                : String.format(Locale.ROOT, "ingested %,d files (%,d already in the case): %,d events, %,d detections in %.1f s%s",
                        s.files(), s.skipped(), s.events(), s.detections(), seconds,
                        s.problems() > 0 ? "; " + s.problems() + " problems reported" : "");
        if (output != null) {
            Files.writeString(output, text + System.lineSeparator(), StandardCharsets.UTF_8);
        } else if (!(read.quiet && fmt.equals("text"))) {
            PrintWriter out = spec.commandLine().getOut();
            out.println(text);
            out.flush();
        }
        return s.problems() > 0 ? 1 : 0;
    }
}
