package tansa.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tansa.casefile.CaseEvents;
import tansa.casefile.CaseStore;
import tansa.reader.EvidenceFile;
import tansa.reader.EvidenceReader;
import tansa.reader.ReadSummary;
import tansa.traffic.Sign;
import tansa.traffic.TrafficAnalyzer;
import tansa.traffic.TrafficOptions;

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
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code tansa traffic}: command-and-control and exfiltration signs in network logs. */
@Command(name = "traffic", mixinStandardHelpOptions = true,
        description = {"Find command-and-control and exfiltration signs in Zeek conn/dns/ssl/http and Suricata flow/dns logs: "
                + "beacons, long connections, large uploads and DNS tunnels, one scored record each.",
                "Beacons are scored as RITA scores them (regularity of intervals and sizes, connection count, spread over the "
                        + "day); only connections from internal to external addresses count.",
                "With --case DIR or --db URL in place of evidence: from the events ingest stored in the case, no decoding; --store keeps the result there."},
        footerHeading = "%nExamples:%n",
        footer = {"  tansa traffic zeek/2026-03-02/",
                "  tansa traffic conn.log dns.log --internal 203.0.113.0/24 -f jsonl",
                "  tansa traffic eve.json --min-score 0.8 -o signs.jsonl -f jsonl",
                "  tansa traffic --case cases/acme --store"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every input read (with or without signs)",
                "1:some evidence was damaged or unreadable (reported on stderr), or the output could not be written",
                "2:usage error"})
public final class TrafficCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "EVIDENCE", description = "Network logs: files or directories (read recursively), "
            + "gzip too; or none, with --case or --db.")
    List<Path> evidence = new ArrayList<>();

    @Mixin
    CaseInput input;

    @Mixin
    ReadOptions read;

    @Mixin
    TrafficOptionsMixin traffic;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table", description = "table (default) or jsonl.")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the signs to FILE instead of stdout.")
    Path output;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        String fmt = Formats.check(cl, format, "table", "jsonl");
        TrafficOptions options = traffic.options(cl);
        boolean fromCase = input.check(cl, evidence);
        PrintWriter err = cl.getErr();
        TrafficAnalyzer analyzer = new TrafficAnalyzer(options);
        if (fromCase) {
            try (CaseStore store = input.open(cl)) {
                // network records only: an EVTX file holds none (NetworkRecord reads Zeek and Suricata records)
                CaseEvents.Summary s = new CaseEvents(store, read.threads()).skip(EvidenceFile.Format.EVTX)
                        .only(TrafficAnalyzer::reads).read(analyzer::accept);
                CaseInput.noteProblems(err, read.quiet, store, s);
                List<Sign> signs = analyzer.finish();
                if (input.store) {
                    ObjectMapper m = new ObjectMapper();
                    StringBuilder text = new StringBuilder();
                    for (Sign sign : signs) {
                        text.append(json(m, sign).toString()).append('\n');
                    }
                    input.store(store, "traffic", text.toString());
                }
                return write(cl, err, fmt, analyzer, signs, CaseInput.summary(s));
            }
        }
        boolean terminal = !read.quiet && Terminal.stderrIsTerminal();
        Progress progress = terminal ? Progress.over(err, evidence) : null;
        ProblemPrinter problems = new ProblemPrinter(err, read.quiet);
        problems.progress(progress);
        EvidenceReader reader = new EvidenceReader(read.threads(), problems);
        if (progress != null) {
            reader.onFile(f -> progress.fileDone(f.size()));
        }
        ReadSummary summary = reader.read(evidence, analyzer::accept);
        List<Sign> signs = analyzer.finish();
        if (progress != null) {
            progress.clear();
        }
        return write(cl, err, fmt, analyzer, signs, summary);
    }

    private int write(CommandLine cl, PrintWriter err, String fmt, TrafficAnalyzer analyzer, List<Sign> signs, ReadSummary summary) {
        PrintWriter raw = output == null ? cl.getOut() : open(output);
        PrintWriter out = fmt.equals("table") ? TerminalSafeWriter.text(raw) : raw;
        if (fmt.equals("jsonl")) {
            ObjectMapper m = new ObjectMapper();
            for (Sign s : signs) {
                out.println(json(m, s).toString());
            }
        } else {
            table(out, signs);
        }
        out.flush();
        boolean failed = out.checkError() || raw.checkError();
        if (output != null) {
            raw.close();
        }
        if (!read.quiet) {
            err.println("tansa: " + signs.size() + " signs from " + analyzer.connections() + " connections and "
                    + analyzer.queries() + " DNS queries in " + summary.files() + " files"
                    + (output == null ? "" : "; written to " + output));
        }
        if (failed) {
            err.println("tansa: cannot write the signs" + (output == null ? "" : " to " + output));
        }
        err.flush();
        return summary.problems() > 0 || failed ? 1 : 0;
    }

    /** One sign as a JSON object: kind, score, src, dst or domain, first, last, figures. */
    static ObjectNode json(ObjectMapper m, Sign s) {
        ObjectNode o = m.createObjectNode();
        o.put("kind", s.kind());
        o.put("score", s.score());
        o.put("src", s.src());
        if (s.dst() != null) {
            o.put("dst", s.dst());
        } else {
            o.put("domain", s.domain());
        }
        o.put("first", s.first().toString());
        o.put("last", s.last().toString());
        o.set("figures", m.valueToTree(s.figures()));
        return o;
    }

    private static void table(PrintWriter out, List<Sign> signs) {
        out.printf(Locale.ROOT, "%-5s  %-15s  %-39s  %-39s  %-20s  %-20s  %s%n", "score", "kind", "src", "dst / domain", "first",
                "last", "why");
        for (Sign s : signs) {
            out.printf(Locale.ROOT, "%-5.2f  %-15s  %-39s  %-39s  %-20s  %-20s  %s%n", s.score(), s.kind(),
                    TerminalText.cut(TerminalText.escape(s.src(), 80), 39), TerminalText.cut(TerminalText.escape(s.target(), 200), 39),
                    second(s.first()), second(s.last()), TerminalText.escape(why(s), 400));
        }
    }

    private static String second(java.time.Instant t) {
        return t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    /** The figures a person reads first, in one phrase. */
    static String why(Sign s) {
        Map<String, Object> f = s.figures();
        switch (s.kind()) {
            case Sign.BEACON:
                return f.get("connections") + " connections, every " + f.get("interval_median_s") + " s (MAD "
                        + f.get("interval_mad_s") + " s), " + f.get("size_median") + " bytes up (MAD " + f.get("size_mad") + "), "
                        + f.get("hours_active") + " of " + f.get("hours_observed") + " hours" + names(f);
            case Sign.LONG_CONNECTION:
                return "longest " + hours(((Number) f.get("longest_s")).doubleValue())
                        + " from " + f.get("longest_start") + ", " + Units.size(((Number) f.get("bytes_out")).longValue()) + " out"
                        + names(f);
            case Sign.EXFIL:
                return Units.size(((Number) f.get("bytes_out")).longValue()) + " sent, "
                        + Units.size(((Number) f.get("bytes_in")).longValue()) + " received, to " + f.get("destinations")
                        + " external addresses";
            case Sign.DNS_TUNNEL:
                return f.get("unique_subdomains") + " distinct subdomains in " + f.get("queries") + " queries, "
                        + f.get("subdomain_length_avg") + " characters and " + f.get("subdomain_entropy_avg") + " bits/character on average";
            default:
                return "";
        }
    }

    private static String hours(double seconds) {
        return seconds >= 3600 ? String.format(Locale.ROOT, "%.1f h", seconds / 3600) : String.format(Locale.ROOT, "%.0f min", seconds / 60);
    }

    private static String names(Map<String, Object> f) {
        Object n = f.get("dst_names");
        return n instanceof List && !((List<?>) n).isEmpty() ? ", names " + String.join(" ", strings((List<?>) n)) : "";
    }

    private static List<String> strings(List<?> l) {
        List<String> out = new ArrayList<>();
        for (Object o : l) {
            out.add(String.valueOf(o));
        }
        return out;
    }

    static PrintWriter open(Path p) {
        try {
            return new PrintWriter(new OutputStreamWriter(Files.newOutputStream(p), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + p + " for writing: " + e.getMessage(), e);
        }
    }
}
