package tansa.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tansa.metrics.EventIdDescriptions;
import tansa.metrics.EventMetrics;
import tansa.reader.EvidenceFile;
import tansa.reader.EvidenceReader;
import tansa.reader.ReadSummary;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code tansa metrics}: what the evidence holds, before hunting it. */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = {"Count the events of EVTX / JSON evidence by channel, provider, EventID (with a short description "
                + "of the common ones), computer and UTC day, and give each file's event count and time span "
                + "(Hayabusa's eid-metrics, computer-metrics and log-metrics in one pass)."},
        footerHeading = "%nExamples:%n",
        footer = {"  tansa metrics evidence/",
                "  tansa metrics Security.evtx --from 2020-10-19 --to 2020-10-20 -f json -o metrics.json"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every input read completely",
                "1:some evidence was damaged or unreadable (reported on stderr), or the output could not be written",
                "2:usage error"})
public final class MetricsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "EVIDENCE", description = "Evidence files or directories (read recursively).")
    List<Path> evidence;

    @Mixin
    TimeRangeOptions range;

    @Mixin
    ReadOptions read;

    @Mixin
    SyslogYearOption syslogYear;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default) or json (one object: every count, no limit).")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the metrics to FILE instead of stdout.")
    Path output;

    @Option(names = "--top", paramLabel = "N", defaultValue = "20",
            description = "Rows per table section (default: ${DEFAULT-VALUE}); days and files are always listed in full.")
    int top;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        String fmt = Formats.check(cl, format, "table", "json");
        if (top < 1) {
            throw new CommandLine.ParameterException(cl, "--top must be at least 1, got " + top);
        }
        range.resolve(cl);
        PrintWriter err = cl.getErr();
        EventMetrics metrics = new EventMetrics(EventIdDescriptions.builtIn());
        EvidenceReader reader = new EvidenceReader(read.threads(), new ProblemPrinter(err, read.quiet))
                .prepare(e -> e.fields())
                .onFile(f -> {
                    if (f.format() != EvidenceFile.Format.UNKNOWN) {
                        metrics.fileDone(f.path());
                    }
                });
        syslogYear.apply(reader);
        ReadSummary summary = reader.read(evidence, e -> {
            if (range.accepts(e)) {
                metrics.accept(e);
            }
        });
        PrintWriter out = output == null ? cl.getOut() : open(output);
        if (fmt.equals("json")) {
            json(out, metrics);
        } else {
            // evidence-derived names: escaped on a terminal (cells are escaped and cut too)
            PrintWriter text = output == null ? TerminalSafeWriter.text(out) : out;
            table(text, metrics);
            text.flush();
        }
        out.flush();
        boolean failed = out.checkError();
        if (output != null) {
            out.close();
            err.println("tansa: " + metrics.events() + " events from " + summary.files() + " files; metrics written to " + output);
        }
        if (failed) {
            err.println("tansa: cannot write the metrics" + (output == null ? "" : " to " + output));
        }
        err.flush();
        return summary.problems() > 0 || failed ? 1 : 0;
    }

    private static PrintWriter open(Path p) {
        try {
            return new PrintWriter(new OutputStreamWriter(Files.newOutputStream(p), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + p + " for writing: " + e.getMessage(), e);
        }
    }

    private void table(PrintWriter out, EventMetrics m) {
        long total = m.events();
        out.printf(Locale.ROOT, "%d events%s%n", total, m.withoutTime() > 0 ? " (" + m.withoutTime() + " without a time)" : "");
        out.println();
        out.println("Events by EventID");
        out.printf(Locale.ROOT, "%9s %6s  %-40s %-7s %s%n", "count", "%", "channel", "event", "description");
        List<EventMetrics.EventIdCount> ids = m.eventIds();
        for (int i = 0; i < Math.min(top, ids.size()); i++) {
            EventMetrics.EventIdCount c = ids.get(i);
            out.println(String.format(Locale.ROOT, "%9d %6.2f  %-40s %-7s %s", c.count(), percent(c.count(), total),
                    cut(c.channel(), 40), cut(c.eventId(), 7), c.description() == null ? "" : c.description()).stripTrailing());
        }
        more(out, ids.size());
        section(out, "Events by channel", m.channels(), total, top);
        section(out, "Events by provider", m.providers(), total, top);
        section(out, "Events by computer", m.computers(), total, top);
        section(out, "Events by day (UTC)", m.days(), total, Integer.MAX_VALUE);
        out.println();
        out.println("Files");
        out.printf(Locale.ROOT, "%9s  %-27s  %-27s  %s%n", "events", "first", "last", "file");
        for (EventMetrics.FileSpan f : m.files()) {
            out.printf(Locale.ROOT, "%9d  %-27s  %-27s  %s%n", f.events(), f.first() == null ? "-" : f.first(),
                    f.last() == null ? "-" : f.last(), TerminalText.escape(f.path(), 400));
        }
    }

    private void more(PrintWriter out, int size) {
        if (size > top) {
            out.printf(Locale.ROOT, "%9s  (%d more; --top N or -f json for all)%n", "...", size - top);
        }
    }

    private void section(PrintWriter out, String title, List<EventMetrics.Count> rows, long total, int limit) {
        out.println();
        out.println(title);
        for (int i = 0; i < Math.min(limit, rows.size()); i++) {
            EventMetrics.Count c = rows.get(i);
            out.printf(Locale.ROOT, "%9d %6.2f  %s%n", c.count(), percent(c.count(), total), cut(c.key(), 100));
        }
        if (limit != Integer.MAX_VALUE) {
            more(out, rows.size());
        }
    }

    private static double percent(long n, long total) {
        return total == 0 ? 0 : 100.0 * n / total;
    }

    private static String cut(String s, int max) {
        String v = TerminalText.escape(s, 80);
        return v.length() > max ? v.substring(0, max - 1) + "…" : v;
    }

    private static void json(PrintWriter out, EventMetrics m) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("events", m.events());
        root.put("events_without_time", m.withoutTime());
        ArrayNode ids = root.putArray("event_ids");
        for (EventMetrics.EventIdCount c : m.eventIds()) {
            ObjectNode o = ids.addObject().put("channel", c.channel()).put("event_id", c.eventId()).put("count", c.count());
            if (c.description() != null) {
                o.put("description", c.description());
            }
        }
        counts(root.putArray("channels"), "channel", m.channels());
        counts(root.putArray("providers"), "provider", m.providers());
        counts(root.putArray("computers"), "computer", m.computers());
        counts(root.putArray("days"), "day", m.days());
        ArrayNode files = root.putArray("files");
        for (EventMetrics.FileSpan s : m.files()) {
            files.addObject().put("path", s.path()).put("events", s.events()).put("events_without_time", s.withoutTime())
                    .put("first", s.first() == null ? null : s.first().toString())
                    .put("last", s.last() == null ? null : s.last().toString());
        }
        try {
            out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void counts(ArrayNode arr, String name, List<EventMetrics.Count> rows) {
        for (EventMetrics.Count c : rows) {
            arr.addObject().put(name, c.key()).put("count", c.count());
        }
    }
}
