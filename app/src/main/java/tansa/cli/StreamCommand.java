package tansa.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tansa.casefile.CaseException;
import tansa.casefile.CaseStore;
import tansa.ioc.IocMatcher;
import tansa.reader.EvidenceFile;
import tansa.sigma.Detection;
import tansa.sigma.RuleSet;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * {@code tansa stream --embedded}: the Flink/Kafka pipeline on one machine (an in-process KRaft
 * broker and a Flink MiniCluster), with hunt's rules and hunt's output.
 */
@Command(name = "stream", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {"  tansa stream --embedded evidence/ -r sigma/rules",
                "  tansa stream --embedded --parallelism 2 logs/ -r rules -f jsonl",
                "  tansa stream --embedded --out-of-order 5m evidence/ -r rules",
                "  tansa stream --embedded --db postgresql://ir@db/tansa --case-id acme evidence/ -r rules"},
        description = {"Run the Sigma rules as an Apache Flink job over Apache Kafka, on this machine: an in-process Kafka broker "
                + "and a Flink MiniCluster start, the evidence is shipped into a topic, the job runs until the input is drained, "
                + "and the detections read back from the sink topic are printed as 'tansa hunt' prints them.",
                "To run the job on a Flink cluster, submit stream/target/tansa-stream-job.jar (see the README)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the job completed",
                "1:some evidence was damaged or unreadable, the job failed, or the output could not be written",
                "2:usage error"})
public final class StreamCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "EVIDENCE", description = "Evidence files or directories (read recursively).")
    List<Path> evidence;

    @Option(names = "--embedded", description = "Run broker and job in this process (the only mode of this command).")
    boolean embedded;

    @Option(names = {"-r", "--rules"}, paramLabel = "PATH",
            description = "Sigma rule file or directory; repeatable. Default: the paths in TANSA_RULES.")
    List<Path> rules = new ArrayList<>();

    @Option(names = "--ioc", paramLabel = "FILE",
            description = "Indicators to match in every event, as 'tansa hunt --ioc' (STIX 2.1, MISP, CSV, text); repeatable. "
                    + "Those that need several observations ([a] AND [b]) are reported at the end of the input, as hunt does.")
    List<Path> iocs = new ArrayList<>();

    @Option(names = "--parallelism", paramLabel = "N", defaultValue = "1",
            description = "Parallel workers of the job (and partitions of the event topic). Default: ${DEFAULT-VALUE}.")
    int parallelism;

    @Option(names = "--out-of-order", paramLabel = "DURATION", converter = Units.DurationConverter.class,
            description = "How far behind the latest event time of its partition an event may arrive and still be "
                    + "correlated (5m, 1h). Default: correlations wait for the end of the input, as hunt's do, so any "
                    + "order gives hunt's results.")
    Duration outOfOrder;

    @Option(names = "--db", paramLabel = "URL", description = "Also write the detections into a case of this PostgreSQL "
            + "database (postgresql://user@host:port/database; the password in the URL or in PGPASSWORD), at least once with "
            + "an idempotent write: a detection the case holds already is not added again.")
    String db;

    @Option(names = "--case-id", paramLabel = "ID|NAME", description = "With --db: the case, by id or name "
            + "(default: the database's only case).")
    String caseId;

    @Mixin
    MappingOption mapping;

    @Mixin
    ReadOptions read;

    @Mixin
    CacheOption cache;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table", description = "table (default) or jsonl.")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write detections to FILE instead of stdout.")
    Path output;

    @Option(names = "--no-summary", description = "Do not print the closing summary.")
    boolean noSummary;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        String fmt = Formats.check(spec.commandLine(), format, "table", "jsonl");
        if (!embedded) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "give --embedded (to run on a Flink cluster, submit stream/target/tansa-stream-job.jar)");
        }
        if (parallelism < 1 || parallelism > 64) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--parallelism must be 1 to 64, not " + parallelism);
        }
        if (caseId != null && db == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--case-id picks a case of a --db database");
        }
        List<Path> rulePaths = RuleLoading.paths(spec.commandLine(), rules, !iocs.isEmpty());
        if (!StreamModule.onClassPath()) {
            try {
                return StreamModule.relaunch(spec.commandLine().getParseResult().originalArgs(), spec.commandLine().getOut(), err);
            } catch (StreamModule.Missing e) {
                err.println("tansa: stream: " + e.getMessage());
                return 1;
            }
        }
        long t0 = System.nanoTime();
        RuleSet set = RuleLoading.load(spec.commandLine(), rulePaths, mapping, cache, null, read.quiet);
        IocMatcher indicators = IocLoading.load(spec.commandLine(), iocs, read.quiet);
        String caseLabel = null;
        if (db != null) {
            // the case is checked before the job starts: a wrong URL or case is one line, not a failed job
            try (CaseStore store = CaseStore.open(db, caseId)) {
                caseLabel = store.label();
            } catch (CaseException e) {
                err.println("tansa: stream: " + TerminalText.escape(String.valueOf(e.getMessage()), TerminalText.MESSAGE_LIMIT));
                return 1;
            }
        }
        long loadMillis = (System.nanoTime() - t0) / 1_000_000;
        boolean terminal = !read.quiet && Terminal.stderrIsTerminal();
        Progress progress = terminal ? Progress.over(err, evidence) : null;
        ProblemPrinter problems = new ProblemPrinter(err, read.quiet);
        problems.progress(progress);
        Consumer<EvidenceFile> onFile = progress == null ? null : f -> progress.fileDone(f.size());
        long[] counts = new long[5];
        List<Detection> detections;
        try {
            @SuppressWarnings("unchecked")
            List<Detection> found = (List<Detection>) StreamModule.call("stream", set, indicators, evidence, parallelism, outOfOrder,
                    read.threads(), problems, onFile, counts, db, caseId);
            detections = new ArrayList<>(found);
        } catch (RuntimeException e) {
            if (progress != null) {
                progress.clear();
            }
            if (System.getenv("TANSA_TRACE") != null) {
                e.printStackTrace(err);
            }
            err.println("tansa: stream: " + TerminalText.escape(String.valueOf(e.getMessage()), TerminalText.MESSAGE_LIMIT));
            err.flush();
            return 1;
        }
        if (progress != null) {
            progress.clear();
        }
        detections.sort(HuntCommand.ORDER); // stable: ties stay in hunt's evidence order
        PrintWriter raw;
        try {
            raw = output == null ? spec.commandLine().getOut()
                    : new PrintWriter(new OutputStreamWriter(Files.newOutputStream(output), StandardCharsets.UTF_8));
        } catch (IOException e) {
            err.println("tansa: stream: cannot open " + output + " for writing: " + e.getMessage());
            return 1;
        }
        DetectionOutput.Done done = DetectionOutput.write(spec.commandLine(), raw, output != null, fmt, false, null, detections, err);
        boolean outFailed = done.failed();
        PrintWriter sw = done.summary();
        if (!noSummary && !(read.quiet && sw == err)) {
            HuntSummary.print(sw, detections, counts[0], (int) counts[1], loadMillis, counts[3] + counts[4],
                    set.detectionRules() + set.correlationRules(), counts[2]);
            sw.printf(Locale.ROOT, "shipped in %.2f s, job (parallelism %d) took %.2f s%n", counts[3] / 1000.0, parallelism,
                    counts[4] / 1000.0);
            sw.flush();
        }
        if (caseLabel != null && !read.quiet) {
            err.println("tansa: the detections are in " + TerminalText.escape(caseLabel, TerminalText.MESSAGE_LIMIT));
        }
        if (detections.isEmpty()) {
            err.println("tansa: no detections (" + counts[0] + " events read; 'tansa hunt' on the same evidence says why)");
        }
        if (outFailed) {
            err.println("tansa: cannot write the detections" + (output == null ? "" : " to " + output));
        }
        err.flush();
        return counts[2] > 0 || outFailed ? 1 : 0;
    }
}
