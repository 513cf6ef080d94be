package tansa.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tansa.casefile.CaseEvents;
import tansa.casefile.CaseStore;
import tansa.containment.Firewall;
import tansa.containment.Indicators;
import tansa.containment.Scope;
import tansa.containment.ScopeBuilder;
import tansa.containment.ScopeJson;
import tansa.containment.ScopeMarkdown;
import tansa.containment.Segments;
import tansa.event.Event;
import tansa.reader.EvidenceReader;
import tansa.reader.ReadSummary;
import tansa.scope.GraphWriter;
import tansa.scope.MovementGraph;
import tansa.sigma.Detection;
import tansa.sigma.Hunter;
import tansa.sigma.RuleSet;
import tansa.traffic.Sign;
import tansa.traffic.TrafficAnalyzer;
import tansa.traffic.TrafficOptions;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** {@code tansa scope}: what the intrusion reached, and the containment plan. */
@Command(name = "scope", mixinStandardHelpOptions = true,
        description = {"Scope an intrusion: the hosts, accounts, addresses and segments that Sigma detections, lateral movements, "
                + "C2/exfiltration signs and indicators put in scope, each with first and last activity and why, and a containment "
                + "plan (segments and hosts to isolate, accounts to disable or reset, krbtgt when tickets were forged, indicators to block).",
                "--nftables and --suricata write the plan as ready-to-apply firewall and IPS rules.",
                "With --case DIR or --db URL in place of evidence: from the events and detections ingest stored in the case, no decoding; --store keeps the result there."},
        footerHeading = "%nExamples:%n",
        footer = {"  tansa scope evidence/ -r sigma/rules --segments segments.yml",
                "  tansa scope logs/ zeek/ -r sigma/rules --ioc block.txt -f json -o scope.json",
                "  tansa scope evidence/ -r rules/ --nftables contain.nft --suricata drop.rules",
                "  tansa scope --case cases/acme --store --graph graph.json -f json"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:scope built (with or without anything in scope)",
                "1:some evidence was damaged or unreadable (reported on stderr), or an output could not be written",
                "2:usage error"})
public final class ScopeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "EVIDENCE", description = "Evidence files or directories (read recursively): "
            + "event logs and network logs; or none, with --case or --db.")
    List<Path> evidence = new ArrayList<>();

    @Mixin
    CaseInput input;

    @Option(names = {"-r", "--rules"}, paramLabel = "PATH",
            description = "Sigma rule file or directory; repeatable. Default: the paths in TANSA_RULES; without either, no rules run. "
                    + "With --case or --db: the detections ingest stored, unless rules are given here (then the case's events "
                    + "are hunted with them).")
    List<Path> rules = new ArrayList<>();

    @Option(names = "--ioc", paramLabel = "FILE",
            description = "Indicators to block: one IP address, range or domain per line (# comments); repeatable. "
                    + "Internal addresses that contacted them are in scope.")
    List<Path> iocs = new ArrayList<>();

    @Option(names = "--segments", paramLabel = "FILE",
            description = "YAML: segments: [{name, cidrs: [...], criticality: low|medium|high|critical}].")
    Path segmentsFile;

    @Option(names = "--nftables", paramLabel = "FILE", description = "Write the plan as an nftables script (nft -f FILE).")
    Path nftables;

    @Option(names = "--suricata", paramLabel = "FILE", description = "Write the plan as Suricata drop rules.")
    Path suricata;

    @Option(names = "--graph", paramLabel = "FILE", description = "Also write the lateral-movement graph of the same events to FILE "
            + "(JSON, as 'tansa graph' writes it; with --store, stored in the case too): one read for both.")
    Path graphFile;

    @Mixin
    MappingOption mapping;

    @Mixin
    ReadOptions read;

    @Mixin
    CacheOption cache;

    @Mixin
    TrafficOptionsMixin traffic;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "md", description = "md (default, Markdown) or json.")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the scope to FILE instead of stdout.")
    Path output;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        String fmt = Formats.check(cl, format, "md", "json");
        TrafficOptions options = traffic.options(cl);
        PrintWriter err = cl.getErr();
        ProblemPrinter problems = new ProblemPrinter(err, read.quiet);
        Segments segments = loadSegments(cl);
        List<Indicators.Indicator> indicators = loadIndicators(cl, problems);
        boolean fromCase = input.check(cl, evidence);
        List<Path> rulePaths = fromCase ? rules : rulePaths();
        RuleSet set = rulePaths.isEmpty() ? null : RuleLoading.load(cl, rulePaths, mapping, cache, r -> true, read.quiet);
        if (set == null && !fromCase && !read.quiet) {
            err.println("tansa: note: no --rules (nor TANSA_RULES): scope from traffic signs and indicators only");
        }

        ScopeBuilder scope = new ScopeBuilder(options.internal(), segments);
        TrafficAnalyzer analyzer = new TrafficAnalyzer(options);
        Event[] current = new Event[1];
        Hunter hunter = set == null ? null : new Hunter(set, d -> scope.detection(d, current[0]));
        MovementGraph graph = graphFile == null ? null : new MovementGraph();
        Consumer<Event> sink = e -> {
            current[0] = e;
            if (hunter != null) {
                hunter.accept(e);
            }
            analyzer.accept(e);
            if (graph != null) {
                graph.accept(e);
            }
        };
        // the field index on the decode threads (the hunter builds it as it prepares; the graph reads it)
        Consumer<Event> prepare = hunter != null ? hunter::prepare : graph != null ? Event::fields : null;
        if (!fromCase) {
            boolean terminal = !read.quiet && Terminal.stderrIsTerminal();
            Progress progress = terminal ? Progress.over(err, evidence) : null;
            problems.progress(progress);
            EvidenceReader reader = new EvidenceReader(read.threads(), problems);
            if (prepare != null) {
                reader.prepare(prepare);
            }
            if (progress != null) {
                reader.onFile(f -> progress.fileDone(f.size()));
            }
            ReadSummary summary = reader.read(evidence, sink);
            if (progress != null) {
                progress.clear();
            }
            return finish(cl, err, fmt, scope, analyzer, hunter, graph, indicators, current, summary, null,
                    "generated by tansa scope from " + evidence.size() + " evidence paths");
        }
        try (CaseStore store = input.open(cl)) {
            CaseEvents events = new CaseEvents(store, read.threads()).detections(hunter == null);
            if (hunter == null) {
                // with the stored detections, only the records the traffic analysis and the graph read are parsed
                events.only(graph == null ? TrafficAnalyzer::reads : (channel, path) -> TrafficAnalyzer.reads(channel, path)
                        || MovementGraph.reads(channel, path));
            }
            if (prepare != null) {
                events.prepare(prepare);
            }
            CaseEvents.Summary s = events.read(new CaseEvents.Sink() {
                @Override
                public void event(Event e) {
                    sink.accept(e);
                }

                @Override
                public void detection(Detection d, Event e) {
                    scope.detection(d, e);
                }
            });
            CaseInput.noteProblems(err, read.quiet, store, s);
            return finish(cl, err, fmt, scope, analyzer, hunter, graph, indicators, current, CaseInput.summary(s), store,
                    "generated by tansa scope from " + store.label());
        }
    }

    private int finish(CommandLine cl, PrintWriter err, String fmt, ScopeBuilder scope, TrafficAnalyzer analyzer, Hunter hunter,
                       MovementGraph graph, List<Indicators.Indicator> indicators, Event[] current, ReadSummary summary, CaseStore store, String generated) {
        current[0] = null; // correlations carry their group-by values instead of an event
        if (hunter != null) {
            hunter.finish();
        }
        List<Sign> signs = analyzer.finish();
        for (Sign s : signs) {
            scope.sign(s);
        }
        for (Indicators.Indicator i : indicators) {
            scope.indicator(i, analyzer);
        }
        Scope result = scope.build();
        String json;
        try {
            json = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(ScopeJson.of(new ObjectMapper(), result));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (store != null) {
            input.store(store, "scope", json + "\n");
        }

        PrintWriter raw = output == null ? cl.getOut() : TrafficCommand.open(output);
        boolean failed;
        if (fmt.equals("json")) {
            raw.println(json);
            raw.flush();
            failed = raw.checkError();
        } else {
            PrintWriter out = output == null ? TerminalSafeWriter.text(raw) : raw;
            ScopeMarkdown.write(out, result);
            out.flush();
            failed = out.checkError() || raw.checkError();
        }
        if (output != null) {
            raw.close();
        }
        if (graph != null) {
            java.io.ByteArrayOutputStream g = new java.io.ByteArrayOutputStream(1 << 16);
            try {
                GraphWriter.json(graph.build(), g);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            g.write('\n');
            String text = g.toString(StandardCharsets.UTF_8);
            if (store != null) {
                input.store(store, "graph", text);
            }
            failed |= write(err, graphFile, text);
        }
        failed |= write(err, nftables, Firewall.nftables(result.plan(), generated));
        failed |= write(err, suricata, Firewall.suricata(result.plan(), generated));
        if (!read.quiet) {
            err.println("tansa: in scope: " + result.hosts().size() + " hosts, " + result.accounts().size() + " accounts, "
                    + result.addresses().size() + " addresses, " + result.segments().size() + " segments; "
                    + (result.plan().isolate().size() + result.plan().accounts().size() + result.plan().block().size())
                    + " containment actions; from " + summary.events() + " events in " + summary.files() + " files ("
                    + signs.size() + " traffic signs)");
        }
        if (failed && output != null) {
            err.println("tansa: cannot write the scope to " + output);
        }
        err.flush();
        return summary.problems() > 0 || failed ? 1 : 0;
    }

    private static boolean write(PrintWriter err, Path file, String text) {
        if (file == null) {
            return false;
        }
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return false;
        } catch (IOException e) {
            err.println("tansa: cannot write " + TerminalText.escape(file.toString(), TerminalText.MESSAGE_LIMIT) + ": " + e.getMessage());
            return true;
        }
    }

    private Segments loadSegments(CommandLine cl) {
        if (segmentsFile == null) {
            return Segments.NONE;
        }
        try {
            return Segments.load(segmentsFile);
        } catch (NoSuchFileException e) {
            throw new CommandLine.ParameterException(cl, "cannot read --segments " + segmentsFile + ": no such file");
        } catch (IOException e) {
            throw new CommandLine.ParameterException(cl, "cannot read --segments " + segmentsFile + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "--segments " + TerminalText.escape(e.getMessage(), TerminalText.MESSAGE_LIMIT));
        }
    }

    /**
     * The addresses, ranges and domains to block, from every indicator file hunt reads (STIX 2.1
     * bundles, MISP events and feeds, CSV and text lists: {@link IocLoader}); hashes, URLs and file
     * names are indicators of compromise, not of what to block at the firewall, and are left out.
     */
    private List<Indicators.Indicator> loadIndicators(CommandLine cl, ProblemPrinter problems) {
        List<Indicators.Indicator> out = new ArrayList<>();
        for (Path f : iocs) {
            if (!java.nio.file.Files.exists(f)) {
                throw new CommandLine.ParameterException(cl, "cannot read --ioc " + f + ": no such file");
            }
            tansa.ioc.IocLoad load = tansa.ioc.IocLoader.load(List.of(f));
            for (tansa.ioc.IocLoad.Problem p : load.problems()) {
                problems.report(p.file(), -1, (p.where() == null ? "" : p.where() + ": ") + p.message());
            }
            for (tansa.ioc.IocLoad.Problem p : load.notes()) {
                problems.note(p.file(), -1, (p.where() == null ? "" : p.where() + ": ") + p.message());
            }
            int before = out.size();
            long other = 0;
            for (tansa.ioc.Indicator i : load.indicators()) {
                int had = out.size();
                for (List<tansa.ioc.Pattern.Expr> all : i.pattern().anyOf()) {
                    for (tansa.ioc.Pattern.Expr e : all) {
                        collect(e, f.getFileName() + ":" + i.id(), out);
                    }
                }
                if (out.size() == had) {
                    other++;
                }
            }
            if (other > 0) {
                problems.note(f.toString(), -1, other + " of " + load.indicators().size() + " indicators name no address or domain"
                        + " (hashes, URLs, file names): 'tansa hunt --ioc' matches them; the plan blocks the "
                        + (out.size() - before) + " addresses and domains");
            }
        }
        return out;
    }

    private static void collect(tansa.ioc.Pattern.Expr e, String source, List<Indicators.Indicator> out) {
        if (e instanceof tansa.ioc.Pattern.Expr.Compare) {
            tansa.ioc.Pattern.Expr.Compare c = (tansa.ioc.Pattern.Expr.Compare) e;
            for (String v : c.values()) {
                if (c.type() == tansa.ioc.IocType.IP) {
                    out.add(new Indicators.Indicator(v, v.indexOf('/') >= 0 ? "cidr" : "ip", source));
                } else if (c.type() == tansa.ioc.IocType.DOMAIN) {
                    out.add(new Indicators.Indicator(v.toLowerCase(java.util.Locale.ROOT), "domain", source));
                }
            }
        } else if (e instanceof tansa.ioc.Pattern.Expr.All) {
            for (tansa.ioc.Pattern.Expr p : ((tansa.ioc.Pattern.Expr.All) e).parts()) {
                collect(p, source, out);
            }
        } else if (e instanceof tansa.ioc.Pattern.Expr.Any) {
            for (tansa.ioc.Pattern.Expr p : ((tansa.ioc.Pattern.Expr.Any) e).parts()) {
                collect(p, source, out);
            }
        }
    }

    private List<Path> rulePaths() {
        if (!rules.isEmpty()) {
            return rules;
        }
        String env = System.getenv("TANSA_RULES");
        List<Path> out = new ArrayList<>();
        if (env != null) {
            for (String s : env.split(File.pathSeparator)) {
                if (!s.isBlank()) {
                    out.add(Path.of(s.trim()));
                }
            }
        }
        return out;
    }
}
