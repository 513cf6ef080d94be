package tansa.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tansa.casefile.CaseStore;
import tansa.casefile.ExposureAttach;
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
                "  tansa ingest --case cases/acme -r sigma/rules evidence/ -f json -q",
                "  tansa ingest --case cases/acme --scan scan.jsonl --claims claims.jsonl",
                "  tansa ingest --db postgresql://ir@db/tansa --case-id acme evidence/"},
        description = {"Store evidence and its Sigma detections in a case.",
                "Events are stored normalized (time, computer, channel, EventID, record id, provider, source file, the event as 'tansa dump' prints it) and, with --rules, Sigma detections as 'hunt -f jsonl' writes them.",
                "Each file is stored in one transaction with its registry entry (SHA-256, size, path, source hosts, who, when):",
                "a run that is killed leaves every file whole or absent, and running the same command again completes the",
                "case; files the case already holds (same SHA-256) are skipped. Correlation rules see one file at a time.",
                "--scan and --claims attach exposure results (the JSONL of 'tansa scan' and 'tansa claims verify'),",
                "each file once, in one transaction with its registry entry."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every file stored or already in the case",
                "1:some evidence was damaged, unreadable or changed (reported on stderr), or the case is not usable",
                "2:usage error"})
public final class IngestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CaseOption where;

    @Parameters(arity = "0..*", paramLabel = "EVIDENCE", description = "Evidence files or directories (read recursively).")
    List<Path> evidence = new ArrayList<>();

    @Option(names = "--scan", paramLabel = "SCAN.jsonl", description = "Attach the JSONL of 'tansa scan -f jsonl' "
            + "(files, findings, summary); repeatable. The same contents are attached once.")
    List<Path> scans = new ArrayList<>();

    @Option(names = "--claims", paramLabel = "CLAIMS.jsonl", description = "Attach the JSONL of 'tansa claims verify -f jsonl'; "
            + "repeatable. The same contents are attached once.")
    List<Path> claims = new ArrayList<>();

    @Option(names = "--analyst", paramLabel = "NAME", description = "Who ingests, for the custody fields and the audit log "
            + "(default: the OS user).")
    String analyst;

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
        String fmt = Formats.check(spec.commandLine(), format, "text", "json");
        where.check(spec.commandLine());
        if (evidence.isEmpty() && scans.isEmpty() && claims.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "nothing to ingest: give EVIDENCE, --scan FILE or --claims FILE");
        }
        for (Path p : rules) {
            if (!Files.exists(p)) { // before the case is opened, so a usage error changes nothing
                throw new CommandLine.ParameterException(spec.commandLine(), "no such rule file or directory: " + p);
            }
        }
        int threads = read.threads();
        PrintWriter err = spec.commandLine().getErr();
        String who = Analyst.of(analyst);
        long t0 = System.nanoTime();
        IngestSummary s = new IngestSummary(0, 0, 0, 0, 0);
        int attached = 0;
        int alreadyAttached = 0;
        long records = 0;
        long attachProblems = 0;
        // open the case first: a case in use is refused before any rule is loaded
        try (CaseStore store = where.open(spec.commandLine())) {
            ProblemPrinter problems = new ProblemPrinter(err, read.quiet);
            if (!evidence.isEmpty()) {
                RuleSet set = rules.isEmpty() ? null
                        : RuleLoading.load(spec.commandLine(), rules, mapping, cache, RuleSelection.all(), read.quiet);
                Progress progress = !read.quiet && Terminal.stderrIsTerminal() ? Progress.over(err, evidence) : null;
                problems.progress(progress);
                Ingest ingest = new Ingest(store, set, threads, problems, who, Clock.systemUTC());
                if (progress != null) {
                    ingest.onFile(progress::fileDone);
                }
                try {
                    s = ingest.run(evidence);
                } finally {
                    if (progress != null) {
                        progress.clear();
                    }
                }
            }
            long[] reported = new long[1];
            tansa.reader.Problems counting = new tansa.reader.Problems() {
                @Override
                public void report(String resource, long offset, String message) {
                    reported[0]++;
                    problems.report(resource, offset, message);
                }

                @Override
                public void note(String resource, long offset, String message) {
                    problems.note(resource, offset, message);
                }
            };
            ExposureAttach attach = new ExposureAttach(store, counting, who, Clock.systemUTC());
            List<Path> files = new ArrayList<>(scans);
            files.addAll(claims);
            for (int i = 0; i < files.size(); i++) {
                Path f = files.get(i);
                if (!Files.isRegularFile(f)) {
                    counting.report(f.toString(), -1, Files.exists(f) ? "not a regular file; skipped" : "no such file");
                    continue;
                }
                ExposureAttach.Result r = attach.attach(f, i < scans.size() ? ExposureAttach.Kind.SCAN : ExposureAttach.Kind.CLAIMS);
                if (r.attached()) {
                    attached++;
                    records += r.records();
                } else if (r.already()) {
                    alreadyAttached++;
                }
            }
            attachProblems = reported[0];
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long problemCount = s.problems() + attachProblems;
        String text = fmt.equals("json")
                ? String.format(Locale.ROOT, "{\"files\": %d, \"skipped\": %d, \"events\": %d, \"detections\": %d, \"problems\": %d, "
                                + "\"attached\": %d, \"already_attached\": %d, \"records\": %d}",
                        s.files(), s.skipped(), s.events(), s.detections(), problemCount, attached, alreadyAttached, records)
                : String.format(Locale.ROOT, "ingested %,d files (%,d already in the case): %,d events, %,d detections%s in %.1f s%s",
                        s.files(), s.skipped(), s.events(), s.detections(),
                        scans.isEmpty() && claims.isEmpty() ? "" : String.format(Locale.ROOT,
                                "; attached %,d result files (%,d records, %,d already attached)", attached, records, alreadyAttached),
                        seconds, problemCount > 0 ? "; " + problemCount + " problems reported" : "");
        if (output != null) {
            Files.writeString(output, text + System.lineSeparator(), StandardCharsets.UTF_8);
        } else if (!(read.quiet && fmt.equals("text"))) {
            PrintWriter out = spec.commandLine().getOut();
            out.println(text);
            out.flush();
        }
        return problemCount > 0 ? 1 : 0;
    }
}
