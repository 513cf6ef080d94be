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
import tansa.casefile.CaseEvents;
import tansa.casefile.CaseStore;
import tansa.sigma.Detection;
import tansa.sigma.Hunter;
import tansa.sigma.RuleSet;
import tansa.timeline.KeyEvent;
import tansa.timeline.KeyEvents;
import tansa.timeline.KeyKind;
import tansa.timeline.TimelineEntry;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code tansa timeline}: key events, detections and indicator hits in one time-ordered view. */
@Command(name = "timeline", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {"  tansa timeline evidence/ -r sigma/rules --ioc iocs.json",
                "  tansa timeline logs/ -f csv -o timeline.csv   # for Timesketch",
                "  tansa timeline Security.evtx --from 2020-10-19 --to 2020-10-20",
                "  tansa timeline --case cases/acme -f jsonl -o timeline.jsonl   # after ingest"},
        description = {"One time-ordered view of key events (logons and failures, explicit credentials, process starts with "
                + "command lines, service installs, scheduled tasks, log clearing, RDP sessions, account changes), "
                + "Sigma detections (--rules) and indicator hits (--ioc).",
                "Ordered by time, then source file, then record id. --format csv has the columns Timesketch imports "
                        + "(message, datetime, timestamp_desc, then fields).",
                "With --case DIR or --db URL in place of evidence: from the events and detections ingest stored in the case, no decoding; --store keeps the result there."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:timeline written",
                "1:some evidence was damaged or unreadable (reported on stderr), or the output could not be written",
                "2:usage error"})
public final class TimelineCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "EVIDENCE", description = "Evidence files or directories (read recursively); "
            + "or none, with --case or --db.")
    List<Path> evidence = new ArrayList<>();

    @Mixin
    CaseInput input;

    @Option(names = {"-r", "--rules"}, paramLabel = "PATH", description = "Sigma rule file or directory whose detections join "
            + "the timeline; repeatable. With --case or --db: hunt the case's events with these rules instead of taking the "
            + "detections ingest stored.")
    List<Path> rules = new ArrayList<>();

    @Option(names = "--ioc", paramLabel = "FILE", description = "Indicators (STIX 2.1, MISP event or feed, CSV, text list) whose hits "
            + "join the timeline; repeatable.")
    List<Path> iocs = new ArrayList<>();

    @Mixin
    MappingOption mapping;

    @Mixin
    CacheOption cache;

    @Mixin
    ReadOptions read;

    @Mixin
    TimeRangeOptions range;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default), jsonl or csv (both in Timesketch's columns).")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the timeline to FILE instead of stdout.")
    Path output;

    /** What a decode thread found for one event. */
    private record Prepared(Object rules, Object ioc, KeyEvent key) {
    }

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        PrintWriter err = cl.getErr();
        String fmt = Formats.check(cl, format, "table", "jsonl", "csv");
        range.resolve(cl);
        boolean fromCase = input.check(cl, evidence);
        RuleSet set = rules.isEmpty() ? null : RuleLoading.load(cl, rules, mapping, cache, r -> true, read.quiet);
        IocMatcher indicators = IocLoading.load(cl, iocs, read.quiet);
        List<TimelineEntry> entries = new ArrayList<>();
        Hunter hunter = set == null ? null : new Hunter(set, d -> entries.add(TimelineEntry.of(d, KeyKind.DETECTION)));
        IocHunter iocHunter = indicators == null ? null : new IocHunter(indicators, d -> entries.add(TimelineEntry.of(d, KeyKind.IOC)));
        long[] keyEvents = new long[1];
        java.util.function.Consumer<tansa.event.Event> prepare = e -> {
            if (!range.accepts(e)) {
                e.attach(NothingFound.OUTSIDE);
                return;
            }
            Object r = null;
            if (hunter != null) {
                hunter.prepare(e);
                r = e.attachment();
            }
            Object i = iocHunter == null ? null : iocHunter.prepare(e);
            e.attach(new Prepared(r, i, KeyEvents.classify(e)));
        };
        java.util.function.Consumer<tansa.event.Event> sink = e -> {
            if (!(e.attachment() instanceof Prepared p)) {
                return;
            }
            if (p.key() != null) {
                entries.add(TimelineEntry.of(e, p.key()));
                keyEvents[0]++;
            }
            if (hunter != null) {
                e.attach(p.rules());
                hunter.accept(e);
            }
            if (iocHunter != null) {
                iocHunter.accept(e, p.ioc());
            }
        };
        ReadSummary summary;
        CaseStore store = null;
        try {
            if (fromCase) {
                store = input.open(cl);
                CaseEvents.Summary s = new CaseEvents(store, read.threads()).prepare(prepare).detections(hunter == null)
                        .read(new CaseEvents.Sink() {
                            @Override
                            public void event(tansa.event.Event e) {
                                sink.accept(e);
                            }

                            @Override
                            public void detection(Detection d, tansa.event.Event e) {
                                if (e == null ? range.accepts(d.timestamp()) : e.attachment() instanceof Prepared) {
                                    entries.add(TimelineEntry.of(d, KeyKind.DETECTION));
                                }
                            }
                        });
                CaseInput.noteProblems(err, read.quiet, store, s);
                summary = CaseInput.summary(s);
            } else {
                boolean terminal = !read.quiet && Terminal.stderrIsTerminal();
                Progress progress = terminal ? Progress.over(err, evidence) : null;
                ProblemPrinter problems = new ProblemPrinter(err, read.quiet);
                problems.progress(progress);
                EvidenceReader reader = new EvidenceReader(read.threads(), problems).prepare(prepare);
                if (progress != null) {
                    reader.onFile(f -> progress.fileDone(f.size()));
                }
                summary = reader.read(evidence, sink);
                if (progress != null) {
                    progress.clear();
                }
            }
            return write(cl, err, fmt, entries, hunter, iocHunter, keyEvents[0], summary, store);
        } finally {
            if (store != null) {
                store.close();
            }
        }
    }

    private int write(CommandLine cl, PrintWriter err, String fmt, List<TimelineEntry> entries, Hunter hunter, IocHunter iocHunter,
                      long keyEventCount, ReadSummary summary, CaseStore store) {
        long[] keyEvents = {keyEventCount};
        if (hunter != null) {
            hunter.finish();
        }
        if (iocHunter != null) {
            iocHunter.finish();
        }
        entries.sort(TimelineEntry.ORDER);

        PrintWriter raw = output == null ? cl.getOut() : open(output);
        PrintWriter out = fmt.equals("table") ? TerminalSafeWriter.text(raw) : raw;
        TimelineWriter writer = new TimelineWriter(out);
        switch (fmt) {
            case "csv": writer.csv(entries); break;
            case "jsonl": writer.jsonl(entries); break;
            default: writer.table(entries, output == null ? Terminal.columns() : Terminal.UNBOUNDED_COLUMNS); break;
        }
        out.flush();
        boolean outFailed = out.checkError() || raw.checkError();
        if (output != null) {
            raw.close();
        }
        if (!read.quiet) {
            long detections = iocHunter == null ? entries.size() - keyEvents[0] : entries.size() - keyEvents[0] - iocHunter.hits();
            err.printf(Locale.ROOT, "tansa: %d timeline entries: %d key events, %d detections, %d IOC hits, from %d events in %d files%n",
                    entries.size(), keyEvents[0], detections, iocHunter == null ? 0 : iocHunter.hits(), summary.events(), summary.files());
        }
        if (outFailed) {
            err.println("tansa: cannot write the timeline" + (output == null ? "" : " to " + output));
        }
        if (store != null && input.store) {
            java.io.StringWriter text = new java.io.StringWriter();
            PrintWriter w = new PrintWriter(text);
            new TimelineWriter(w).jsonl(entries);
            w.flush();
            input.store(store, "timeline", text.toString());
        }
        err.flush();
        return summary.problems() > 0 || outFailed ? 1 : 0;
    }

    private static PrintWriter open(Path p) {
        try {
            return new PrintWriter(new OutputStreamWriter(Files.newOutputStream(p), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + p + " for writing: " + e.getMessage(), e);
        }
    }
}
