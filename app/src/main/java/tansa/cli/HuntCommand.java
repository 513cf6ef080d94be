package tansa.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tansa.ioc.IocHunter;
import tansa.ioc.IocMatcher;
import tansa.reader.EvidenceReader;
import tansa.reader.ReadSummary;
import tansa.sigma.Coverage;
import tansa.sigma.Detection;
import tansa.sigma.Hunter;
import tansa.sigma.Level;
import tansa.sigma.LevelTuning;
import tansa.sigma.RuleIdList;
import tansa.sigma.RuleSelection;
import tansa.sigma.RuleSet;

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
import java.util.concurrent.Callable;

/** {@code tansa hunt}: Sigma detections over evidence, time-ordered. */
@Command(name = "hunt", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {"  tansa hunt C:/cases/host1/Logs --rules sigma/rules --min-level high",
                "  tansa hunt evidence/ -r sigma/rules -f jsonl -o detections.jsonl",
                "  tansa hunt Security.evtx -r sigma/rules --group host   # one line per computer",
                "  tansa hunt evidence/ --ioc misp-event.json --ioc blocklist.txt"},
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

    @Option(names = "--ioc", paramLabel = "FILE",
            description = "Indicators to match in every event: a STIX 2.1 bundle, a MISP event or feed directory, CSV or a text "
                    + "list; repeatable. IOC hits are reported as detections (rule_id = the indicator's id). Without --rules "
                    + "(and TANSA_RULES) only the indicators run.")
    List<Path> iocs = new ArrayList<>();

    @Mixin
    MappingOption mapping;

    @Mixin
    ReadOptions read;

    @Mixin
    SyslogYearOption syslogYear;

    @Mixin
    CacheOption cache;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default), jsonl or csv.")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write detections to FILE instead of stdout.")
    Path output;

    @Option(names = "--min-level", paramLabel = "LEVEL", defaultValue = "informational",
            description = "Report rules of this level and above: informational, low, medium, high, critical. "
                    + "Default: ${DEFAULT-VALUE} (every rule). Levels as tuned by --level-tuning.")
    String minLevel;

    @Mixin
    TimeRangeOptions range;

    @Option(names = "--level-tuning", paramLabel = "FILE",
            description = "Rule id to new level, for this site: YAML (rules: {ID: low}) or Hayabusa's level_tuning.txt "
                    + "CSV (id,new_level). The tuned level is reported and compared with --min-level.")
    Path levelTuning;

    @Option(names = "--exclude-rules", paramLabel = "FILE",
            description = "Rule ids not to report, one per line, # comments (Hayabusa's exclude_rules.txt form); "
                    + "like --exclude-id for each.")
    List<Path> excludeRuleFiles = new ArrayList<>();

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

    @Option(names = "--group", paramLabel = "BY",
            description = "Table only: one line per rule, host or level (count, level, first and last time, hosts or rules), "
                    + "or none for one line per detection. Default: rule on a terminal when the detections would not fit "
                    + "on one screen, else none.")
    String group;

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
        String fmt = Formats.check(spec.commandLine(), format, "table", "jsonl", "csv");
        DetectionOutput.groupBy(spec.commandLine(), group, 0, 0); // a wrong --group is a usage error before any work
        Level level = Level.parseOrNull(minLevel);
        if (level == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--min-level must be informational, low, medium, high or critical, not '" + minLevel + "'");
        }
        List<Path> rulePaths = RuleLoading.paths(spec.commandLine(), rules, !iocs.isEmpty());
        range.resolve(spec.commandLine());
        LevelTuning tuning = loadTuning();
        List<String> excluded = new ArrayList<>(excludeIds);
        excluded.addAll(loadExcluded());
        RuleSelection selection = new RuleSelection(level, includeIds, excluded, includeTags, excludeTags, includeStatus,
                excludeStatus);
        long t0 = System.nanoTime();
        RuleSet set = RuleLoading.load(spec.commandLine(), rulePaths, mapping, cache, tuning.selecting(selection), read.quiet);
        IocMatcher indicators = IocLoading.load(spec.commandLine(), iocs, read.quiet);
        long loadMillis = (System.nanoTime() - t0) / 1_000_000;
        boolean terminal = !read.quiet && Terminal.stderrIsTerminal();

        if (benchmark != null) {
            if (benchmark < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--benchmark needs at least 1 round");
            }
            HuntBenchmark.run(err, set, evidence, read.threads(), benchmark, loadMillis);
            return 0;
        }
        Progress progress = terminal ? Progress.over(err, evidence) : null;
        List<Detection> detections = new ArrayList<>();
        Hunter hunter = new Hunter(set, detections::add);
        IocHunter iocHunter = indicators == null ? null : new IocHunter(indicators, d -> {
            if (Level.of(d.rule().level()).compareTo(level) >= 0) {
                detections.add(d);
            }
        });
        ProblemPrinter problems = new ProblemPrinter(err, read.quiet);
        problems.progress(progress);
        NothingFound why = new NothingFound(new Coverage(set));
        EvidenceReader reader = new EvidenceReader(read.threads(), problems).prepare(e -> {
            if (!range.accepts(e)) {
                e.attach(NothingFound.OUTSIDE);
                return;
            }
            hunter.prepare(e);
            why.prepared(e);
            Object hits = iocHunter == null ? null : iocHunter.prepare(e);
            if (hits != null) {
                e.attach(new IocLoading.Both(e.attachment(), hits));
            }
        });
        syslogYear.apply(reader);
        if (progress != null) {
            reader.onFile(f -> progress.fileDone(f.size()));
        }
        long t1 = System.nanoTime();
        ReadSummary summary = reader.read(evidence, e -> {
            if (e.attachment() != NothingFound.OUTSIDE) {
                why.accepted(e);
                Object a = e.attachment();
                if (a instanceof IocLoading.Both both) {
                    e.attach(both.rules());
                    hunter.accept(e);
                    iocHunter.accept(e, both.ioc());
                } else {
                    hunter.accept(e);
                }
            }
        });
        hunter.finish();
        if (iocHunter != null) {
            iocHunter.finish();
        }
        long huntMillis = (System.nanoTime() - t1) / 1_000_000;
        if (progress != null) {
            progress.clear();
        }
        detections.replaceAll(tuning::apply);
        detections.sort(ORDER);

        PrintWriter raw = output == null ? spec.commandLine().getOut() : open(output);
        DetectionOutput.Done done = DetectionOutput.write(spec.commandLine(), raw, output != null, fmt, noColor, group, detections, err);
        boolean outFailed = done.failed();
        PrintWriter sw = done.summary();
        if (!noSummary && !(read.quiet && sw == err)) {
            HuntSummary.print(sw, detections, hunter.events(), summary.files(), loadMillis, huntMillis,
                    set.detectionRules() + set.correlationRules(), summary.problems());
        }
        if (detections.isEmpty()) {
            int ruleCount = set.detectionRules() + set.correlationRules();
            err.println("tansa: no detections: " + (ruleCount == 0 && indicators != null
                    ? "no event matched any of " + indicators.indicators().size() + " indicators (" + hunter.events() + " events read)"
                    : why.because(level, range.active(), ruleCount)));
        }
        if (outFailed) {
            err.println("tansa: cannot write the detections" + (output == null ? "" : " to " + output));
        }
        err.flush();
        return summary.problems() > 0 || outFailed ? 1 : 0;
    }

    private LevelTuning loadTuning() {
        if (levelTuning == null) {
            return LevelTuning.NONE;
        }
        try {
            return LevelTuning.load(levelTuning);
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "cannot read --level-tuning " + levelTuning + ": "
                    + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--level-tuning " + e.getMessage());
        }
    }

    private List<String> loadExcluded() {
        List<String> out = new ArrayList<>();
        for (Path f : excludeRuleFiles) {
            try {
                out.addAll(RuleIdList.load(f));
            } catch (IOException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "cannot read --exclude-rules " + f + ": "
                        + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()));
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
}
