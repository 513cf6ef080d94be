package tansa.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tansa.event.Event;
import tansa.reader.EvidenceReader;
import tansa.reader.ReadSummary;
import tansa.search.EventQuery;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code tansa search}: Chainsaw-style search over events. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = {"Search events of EVTX / JSON evidence (every format dump reads) for keywords, regular expressions "
                + "and field conditions, Chainsaw-style.",
                "Keywords are case-insensitive substrings of any field value; give them with -k (repeatable) or after '--'. "
                        + "An event matches when every --where holds and any keyword or --regex occurs (all of them with --all). "
                        + "Matching events are printed in evidence order (file, then record), as dump prints them (jsonl) "
                        + "or one row each (table); a count goes to stderr."},
        footerHeading = "%nExamples:%n",
        footer = {"  tansa search evidence/ -k mimikatz",
                "  tansa search Security.evtx -w EventID=4625 -w 'TargetUserName~adm' -f jsonl",
                "  tansa search logs/ -e 'invoke-(webrequest|expression)' -- 203.0.113.7"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:search completed (with or without matches)",
                "1:some evidence was damaged or unreadable (reported on stderr), or the output could not be written",
                "2:usage error"})
public final class SearchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Main parent;

    @Parameters(arity = "1..*", paramLabel = "EVIDENCE",
            description = "Evidence files or directories (read recursively); arguments after '--' are keywords.")
    List<String> positional;

    @Option(names = {"-k", "--keyword"}, paramLabel = "TEXT", description = "A keyword: case-insensitive substring of any field value; repeatable.")
    List<String> keywords = new ArrayList<>();

    @Option(names = {"-e", "--regex"}, paramLabel = "RE",
            description = "A regular expression (RE2 syntax, case-insensitive unless --cased) found in any field value; repeatable.")
    List<String> regexes = new ArrayList<>();

    @Option(names = {"-w", "--where"}, paramLabel = "FIELD=VALUE",
            description = "FIELD=VALUE (whole value) or FIELD~TEXT (substring) on a field by its Sigma name "
                    + "(EventID, Channel, Computer, Provider_Name, any EventData name); repeatable, all must hold.")
    List<String> wheres = new ArrayList<>();

    @Option(names = "--all", description = "Every keyword and --regex must occur (each in some field), not just one.")
    boolean all;

    @Option(names = "--cased", description = "Case-sensitive keywords, values and regular expressions.")
    boolean cased;

    @Mixin
    TimeRangeOptions range;

    @Mixin
    ReadOptions read;

    @Mixin
    SyslogYearOption syslogYear;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default: time, computer, channel, EventID, record, the matching field) or jsonl "
                    + "(each event as dump prints it).")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the matches to FILE instead of stdout.")
    Path output;

    /** What a decode thread prepares for a table row: the columns, already cut and escaped. */
    private record Row(String line) {
    }

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        PrintWriter err = cl.getErr();
        String fmt = Formats.check(cl, format, "table", "jsonl");
        range.resolve(cl);
        List<Path> evidence = new ArrayList<>();
        List<String> terms = new ArrayList<>(keywords);
        int afterDash = afterDoubleDash(cl);
        for (int i = 0; i < positional.size(); i++) {
            if (i >= positional.size() - afterDash) {
                terms.add(positional.get(i));
            } else {
                evidence.add(Path.of(positional.get(i)));
            }
        }
        if (evidence.isEmpty()) {
            throw new CommandLine.ParameterException(cl, "no evidence: give files or directories before '--'");
        }
        EventQuery query;
        try {
            query = EventQuery.of(terms, regexes, wheres, all, cased);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
        boolean jsonl = fmt.equals("jsonl");
        int columns = output == null ? Terminal.columns() : Terminal.UNBOUNDED_COLUMNS;
        ObjectMapper mapper = new ObjectMapper()
                .disable(SerializationFeature.INDENT_OUTPUT)
                .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false)
                .configure(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM, false);
        ThreadLocal<LineWriter> lines = ThreadLocal.withInitial(() -> new LineWriter(mapper));
        ProblemPrinter problems = new ProblemPrinter(err, read.quiet);
        // Matching and rendering run on the decode threads; the calling thread only writes, in order.
        EvidenceReader reader = new EvidenceReader(read.threads(), problems).prepare(e -> {
            if (range.accepts(e) && query.matches(e)) {
                e.attach(jsonl ? lines.get().write(e.tree()) : new Row(row(e, query, columns)));
            }
        });
        syslogYear.apply(reader);
        cl.getOut().flush();
        OutputStream out;
        try {
            out = output == null ? parent.stdout() : new BufferedOutputStream(Files.newOutputStream(output), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + output + " for writing: " + e.getMessage(), e);
        }
        long[] matched = new long[1];
        boolean[] failed = new boolean[1];
        if (!jsonl) {
            write(out, header(columns), failed);
        }
        ReadSummary summary = reader.read(evidence, e -> {
            Object a = e.attachment();
            if (a == null) {
                return;
            }
            matched[0]++;
            if (!failed[0]) {
                write(out, a instanceof Row r ? (r.line() + "\n").getBytes(StandardCharsets.UTF_8) : (byte[]) a, failed);
            }
        });
        try {
            out.flush();
            if (output != null) {
                out.close();
            }
        } catch (IOException e) {
            failed[0] = true;
        }
        err.printf(Locale.ROOT, "tansa: %d matching events of %d read from %d files%n", matched[0], summary.events(),
                summary.files());
        if (failed[0] && output != null) {
            err.println("tansa: cannot write the matches to " + output);
        }
        err.flush();
        // Our reader going away (`tansa search ... | head`) is not an error; an output file that cannot be written is.
        return summary.problems() > 0 || failed[0] && output != null ? 1 : 0;
    }

    private static void write(OutputStream out, byte[] bytes, boolean[] failed) {
        try {
            out.write(bytes);
        } catch (IOException e) {
            failed[0] = true;
        }
    }

    private static void write(OutputStream out, String line, boolean[] failed) {
        write(out, (line + "\n").getBytes(StandardCharsets.UTF_8), failed);
    }

    /** How many positional arguments came after a {@code --} (they are keywords). */
    private static int afterDoubleDash(CommandLine cl) {
        List<String> args = cl.getParseResult().originalArgs();
        int dash = args.indexOf("--");
        return dash < 0 ? 0 : args.size() - dash - 1;
    }

    // The table as hunt lays it out: time to the second (UTC; JSONL keeps the microseconds), computer,
    // channel:EventID, record id, then the matched field in what is left of the terminal's width.
    // Under 110 columns the record id gives its room to the match.
    private static final int COMPUTER = 15;
    private static final int EVENT = 16;
    private static final int RECORD = 9;

    private static int fixed(int columns) {
        return 19 + 2 + COMPUTER + 2 + EVENT + 2 + (columns >= 110 ? RECORD + 2 : 0);
    }

    private static String header(int columns) {
        return TerminalText.fit("time (UTC)", 19) + "  " + TerminalText.fit("computer", COMPUTER) + "  "
                + TerminalText.fit("event", EVENT) + "  " + (columns >= 110 ? pad("record", RECORD) + "  " : "") + "match";
    }

    /** One table row, evidence text escaped, cut and aligned (East Asian wide characters count two columns). */
    private static String row(Event e, EventQuery q, int columns) {
        String field = q.matchedField(e);
        String value = field == null ? "" : e.text(field);
        String match = field == null ? "" : field + "=" + (value == null ? "" : value);
        String channel = e.text("Channel");
        String event = (channel == null ? "-" : TableWriter.shortChannel(channel)) + ":" + (e.text("EventID") == null ? "-" : e.text("EventID"));
        String row = TableWriter.time(e.timestamp()) + "  " + TerminalText.fit(TerminalText.escape(e.text("Computer"), 200), COMPUTER) + "  "
                + TerminalText.fit(TerminalText.escape(event, 200), EVENT) + "  "
                + (columns >= 110 ? pad(e.recordId() < 0 ? "-" : Long.toString(e.recordId()), RECORD) + "  " : "")
                + TerminalText.cut(TerminalText.escape(match, Math.max(20, columns - fixed(columns)) + 1),
                        Math.max(20, columns - fixed(columns)));
        return row.stripTrailing();
    }

    /** {@code s} right-aligned in {@code width}. */
    private static String pad(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }
}
