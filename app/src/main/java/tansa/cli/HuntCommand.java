package tansa.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tansa.reader.EvidenceReader;
import tansa.reader.ReadSummary;
import tansa.sigma.Detection;
import tansa.sigma.Hunter;
import tansa.sigma.Level;
import tansa.sigma.LoadReport;
import tansa.sigma.RuleProblem;
import tansa.sigma.RuleSelection;
import tansa.sigma.RuleSet;

import java.io.File;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code tansa hunt}: Sigma detections over evidence, time-ordered. */
@Command(name = "hunt", mixinStandardHelpOptions = true,
        description = {"Run Sigma 2.1 rules (detections, correlations, filters) over EVTX / JSON / Winlogbeat evidence.",
                "Detections are printed in time order (then file, record, rule), followed by a summary.",
                "Rules that fail to load are reported once on stderr and skipped; the others run."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:hunt completed (with or without detections)",
                "1:some evidence was damaged or unreadable (reported on stderr), or the output could not be written",
                "2:usage error"})
public final class HuntCommand implements Callable<Integer> {
    static final Comparator<Detection> ORDER = Comparator
            .comparing(Detection::timestamp, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Detection::source, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingLong(Detection::recordId)
            .thenComparing(d -> d.rule().key());

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "EVIDENCE", description = "Evidence files or directories (read recursively).")
    List<Path> evidence;

    @Option(names = {"-r", "--rules"}, paramLabel = "PATH",
            description = "Sigma rule file or directory; repeatable. Default: the paths in TANSA_RULES "
                    + "(separated by the platform's path separator, ':' on Unix).")
    List<Path> rules = new ArrayList<>();

    @Mixin
    MappingOption mapping;

    @Mixin
    ReadOptions read;

    @Mixin
    CacheOption cache;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default), jsonl or csv.")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write detections to FILE instead of stdout.")
    Path output;

    @Option(names = "--min-level", paramLabel = "LEVEL", defaultValue = "informational",
            description = "Report rules of this level and above: informational, low, medium, high, critical.")
    String minLevel;

    @Option(names = "--include-id", paramLabel = "ID", description = "Only these rule ids; repeatable.")
    List<String> includeIds = new ArrayList<>();

    @Option(names = "--exclude-id", paramLabel = "ID", description = "Not these rule ids; repeatable.")
    List<String> excludeIds = new ArrayList<>();

    @Option(names = "--include-tag", paramLabel = "TAG", description = "Only rules with one of these tags (attack.t1059); repeatable.")
    List<String> includeTags = new ArrayList<>();

    @Option(names = "--exclude-tag", paramLabel = "TAG", description = "Not rules with these tags; repeatable.")
    List<String> excludeTags = new ArrayList<>();

    @Option(names = "--include-status", paramLabel = "STATUS", description = "Only rules of these statuses (stable, test, experimental...); repeatable.")
    List<String> includeStatus = new ArrayList<>();

    @Option(names = "--exclude-status", paramLabel = "STATUS", description = "Not rules of these statuses (e.g. deprecated); repeatable.")
    List<String> excludeStatus = new ArrayList<>();

    @Option(names = "--no-color", description = "No colors in the table (also when NO_COLOR is set).")
    boolean noColor;

    @Option(names = "--no-summary", description = "Do not print the closing summary.")
    boolean noSummary;

    @Option(names = "--benchmark", paramLabel = "ROUNDS",
            description = "Measure instead of report: rule load time, then ROUNDS warm-up and ROUNDS measured rounds of "
                    + "alternating decode-only and hunt passes; prints medians, their ratio and events/s on stderr (bench/hunt.sh).")
    Integer benchmark;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        String fmt = format.toLowerCase(Locale.ROOT);
        if (!fmt.equals("table") && !fmt.equals("jsonl") && !fmt.equals("csv")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--format must be table, jsonl or csv, not '" + format + "'");
        }
        Level level = Level.parseOrNull(minLevel);
        if (level == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--min-level must be informational, low, medium, high or critical, not '" + minLevel + "'");
        }
        List<Path> rulePaths = rulePaths();
        for (Path p : rulePaths) {
            if (!Files.exists(p)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "no such rule file or directory: " + p);
            }
        }
        RuleSelection selection = new RuleSelection(level, includeIds, excludeIds, includeTags, excludeTags, includeStatus,
                excludeStatus);
        long t0 = System.nanoTime();
        boolean terminal = System.console() != null;
        RuleSet set = RuleSet.load(rulePaths, mapping.load(), selection, cache.cache(err, read.quiet),
                terminal ? Progress.rules(err) : null);
        long loadMillis = (System.nanoTime() - t0) / 1_000_000;
        LoadReport report = set.report();
        for (RuleProblem p : report.failed()) {
            err.println("tansa: rule skipped: " + p.line());
        }
        if (!report.failed().isEmpty()) {
            err.println("tansa: " + report.failed().size() + " of " + report.total()
                    + " rules failed to load and were skipped; 'tansa rules check' lists them");
        }
        err.flush();

        if (benchmark != null) {
            if (benchmark < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--benchmark needs at least 1 round");
            }
            HuntBenchmark.run(err, set, evidence, read.threads(), benchmark, loadMillis);
            return 0;
        }
        Progress progress = terminal ? new Progress(err, totalBytes(evidence), countFiles(evidence)) : null;
        List<Detection> detections = new ArrayList<>();
        Hunter hunter = new Hunter(set, detections::add);
        ProblemPrinter problems = new ProblemPrinter(err, read.quiet);
        EvidenceReader reader = new EvidenceReader(read.threads(), problems).prepare(hunter::prepare);
        if (progress != null) {
            reader.onFile(f -> progress.fileDone(f.size()));
        }
        long t1 = System.nanoTime();
        ReadSummary summary = reader.read(evidence, hunter::accept);
        hunter.finish();
        long huntMillis = (System.nanoTime() - t1) / 1_000_000;
        if (progress != null) {
            progress.clear();
        }
        detections.sort(ORDER);

        PrintWriter out = output == null ? spec.commandLine().getOut() : open(output);
        boolean color = terminal && output == null && !noColor && System.getenv("NO_COLOR") == null;
        DetectionWriter writer = fmt.equals("jsonl") ? new JsonlWriter(out) : fmt.equals("csv") ? new CsvWriter(out)
                : new TableWriter(out, color);
        writer.write(detections);
        boolean outFailed = out.checkError();
        if (output != null) {
            out.close();
        }
        if (!noSummary) {
            // Machine-readable detections on stdout keep stdout clean: the summary goes to stderr.
            PrintWriter sw = output != null || fmt.equals("table") ? spec.commandLine().getOut() : err;
            HuntSummary.print(sw, detections, hunter.events(), summary.files(), loadMillis, huntMillis,
                    set.detectionRules() + set.correlationRules());
        }
        if (outFailed) {
            err.println("tansa: cannot write the detections" + (output == null ? "" : " to " + output));
        }
        err.flush();
        return summary.problems() > 0 || outFailed ? 1 : 0;
    }

    private List<Path> rulePaths() {
        if (!rules.isEmpty()) {
            return rules;
        }
        String env = System.getenv("TANSA_RULES");
        if (env == null || env.isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "no rules: give --rules PATH (repeatable) or set TANSA_RULES");
        }
        List<Path> out = new ArrayList<>();
        for (String s : env.split(File.pathSeparator)) {
            if (!s.isBlank()) {
                out.add(Path.of(s.trim()));
            }
        }
        return out;
    }

    private static PrintWriter open(Path p) {
        try {
            return new PrintWriter(new OutputStreamWriter(Files.newOutputStream(p), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + p + " for writing: " + e.getMessage(), e);
        }
    }

    private static long totalBytes(List<Path> paths) {
        long n = 0;
        for (Path p : paths) {
            try (Stream<Path> s = Files.walk(p)) {
                n += s.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
            } catch (IOException | UncheckedIOException e) {
                // progress only; the reader reports unreadable paths
            }
        }
        return n;
    }

    private static int countFiles(List<Path> paths) {
        int n = 0;
        for (Path p : paths) {
            try (Stream<Path> s = Files.walk(p)) {
                n += (int) s.filter(Files::isRegularFile).count();
            } catch (IOException | UncheckedIOException e) {
                // progress only
            }
        }
        return n;
    }
}
