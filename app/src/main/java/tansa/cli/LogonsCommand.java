package tansa.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tansa.casefile.CaseEvents;
import tansa.casefile.CaseStore;
import tansa.reader.ReadSummary;
import tansa.scope.LogonRow;
import tansa.scope.LogonSummary;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code tansa logons}: who logged on where, from where, how, and how often it failed. */
@Command(name = "logons", mixinStandardHelpOptions = true,
        description = {"Summarise logons per target account, host, logon type and source: successes, failures with the reason "
                + "in words, logoffs, privileged logons (4672), first and last time.",
                "From Security 4624 4625 4634 4647 4648 4672 4768 4769 4771 4776 4778 4779, TerminalServices 1149 and "
                        + "21/22/24/25, and Zeek rdp, ntlm, kerberos and smb_mapping logs.",
                "With --case DIR or --db URL in place of evidence: from the events ingest stored in the case, no decoding; --store keeps the result there."},
        footerHeading = "%nExamples:%n",
        footer = {"  tansa logons evidence/",
                "  tansa logons Security.evtx --from 2021-04-21 -f csv -o logons.csv",
                "  tansa logons dc01/ zeek/ -f jsonl | jq 'select(.failures > 10)'",
                "  tansa logons --case cases/acme --store -f csv -o logons.csv"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every input read completely",
                "1:some evidence was damaged or unreadable (reported on stderr), or the output could not be written",
                "2:usage error"})
public final class LogonsCommand implements Callable<Integer> {
    static final String CSV_HEADER = "account,domain,host,logon_type,logon_type_name,source,source_names,successes,failures,logoffs,"
            + "privileged,failure_reasons,events,first,last";

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "EVIDENCE", description = "Evidence files or directories (read recursively); "
            + "or none, with --case or --db.")
    List<Path> evidence = new java.util.ArrayList<>();

    @Mixin
    CaseInput input;

    @Mixin
    TimeRangeOptions range;

    @Mixin
    ReadOptions read;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default), jsonl (one object per row) or csv.")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the summary to FILE instead of stdout.")
    Path output;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        String fmt = Formats.check(cl, format, "table", "jsonl", "csv");
        range.resolve(cl);
        boolean fromCase = input.check(cl, evidence);
        PrintWriter err = cl.getErr();
        LogonSummary logons = new LogonSummary();
        if (!fromCase) {
            ReadSummary summary = EventPass.read(err, evidence, range, read, logons::accept);
            return write(cl, err, fmt, logons.rows(), summary);
        }
        try (CaseStore store = input.open(cl)) {
            CaseEvents.Summary s = EventPass.read(store, range, read, null, logons::accept);
            CaseInput.noteProblems(err, read.quiet, store, s);
            List<LogonRow> rows = logons.rows();
            if (input.store) {
                java.io.StringWriter text = new java.io.StringWriter();
                PrintWriter w = new PrintWriter(text);
                jsonl(w, rows);
                w.flush();
                input.store(store, "logons", text.toString());
            }
            return write(cl, err, fmt, rows, CaseInput.summary(s));
        }
    }

    private int write(CommandLine cl, PrintWriter err, String fmt, List<LogonRow> rows, ReadSummary summary) {
        OutputStream file = output == null ? null : EventPass.openFile(output);
        PrintWriter raw = file == null ? cl.getOut() : EventPass.writer(file);
        boolean table = fmt.equals("table");
        PrintWriter out = table ? TerminalSafeWriter.text(raw) : raw;
        if (fmt.equals("jsonl")) {
            jsonl(out, rows);
        } else if (fmt.equals("csv")) {
            csv(out, rows);
        } else {
            table(out, rows, output == null ? Terminal.columns() : Terminal.UNBOUNDED_COLUMNS);
        }
        out.flush();
        boolean failed = out.checkError() || raw.checkError();
        if (file != null) {
            raw.close();
        }
        if (!read.quiet && (file != null || !table)) {
            err.println("tansa: " + totals(rows) + (file != null ? "; written to " + output : ""));
        }
        if (failed) {
            err.println("tansa: cannot write the logon summary" + (output == null ? "" : " to " + output));
        }
        err.flush();
        return summary.problems() > 0 || failed ? 1 : 0;
    }

    static String totals(List<LogonRow> rows) {
        long ok = 0;
        long failed = 0;
        Set<String> accounts = new HashSet<>();
        Set<String> hosts = new HashSet<>();
        for (LogonRow r : rows) {
            ok += r.successes();
            failed += r.failures();
            accounts.add(r.account().toLowerCase(Locale.ROOT));
            hosts.add(r.host().toLowerCase(Locale.ROOT));
        }
        return rows.size() + " rows: " + ok + " successful and " + failed + " failed logons, " + accounts.size() + " accounts, "
                + hosts.size() + " hosts";
    }

    private static void table(PrintWriter out, List<LogonRow> rows, int columns) {
        // account 20, host 24, type 20, source 18, four counts, two times, then the reasons in what is left
        int reasons = Math.max(10, columns - (20 + 24 + 20 + 18 + 7 + 7 + 5 + 5 + 21 + 21 + 10));
        out.println(line("ACCOUNT", "HOST", "TYPE", "SOURCE", "OK", "FAILED", "OFF", "ADM", "FIRST", "LAST", "FAILURE REASONS", reasons));
        for (LogonRow r : rows) {
            String type = r.logonTypeName() == null ? r.logonType() : r.logonType().equals(r.logonTypeName()) ? r.logonType()
                    : Character.isDigit(r.logonType().charAt(0)) ? r.logonType() + " " + r.logonTypeName() : r.logonType();
            StringBuilder why = new StringBuilder();
            for (Map.Entry<String, Long> en : r.failureReasons().entrySet()) {
                if (why.length() > 0) {
                    why.append("; ");
                }
                why.append(en.getValue()).append(" ").append(en.getKey());
            }
            out.println(line(r.account(), r.host(), type, r.source(), Long.toString(r.successes()), Long.toString(r.failures()),
                    Long.toString(r.logoffs()), Long.toString(r.privileged()), time(r.first()), time(r.last()), why.toString(), reasons));
        }
        out.println();
        out.println(totals(rows));
    }

    private static String line(String account, String host, String type, String source, String ok, String failed, String off,
                               String adm, String first, String last, String why, int reasons) {
        StringBuilder b = new StringBuilder(200);
        b.append(cell(account, 20)).append(' ').append(cell(host, 24)).append(' ').append(cell(type, 20)).append(' ')
                .append(cell(source, 18)).append(' ')
                .append(right(ok, 6)).append(' ').append(right(failed, 6)).append(' ').append(right(off, 4)).append(' ')
                .append(right(adm, 4)).append("  ").append(cell(first, 20)).append(' ').append(cell(last, 20)).append(' ')
                .append(TerminalText.cut(TerminalText.escape(why, 1000), reasons));
        return b.toString().stripTrailing();
    }

    private static String cell(String s, int w) {
        return TerminalText.fit(TerminalText.escape(s, 400), w);
    }

    private static String right(String s, int w) {
        return s.length() >= w ? s : " ".repeat(w - s.length()) + s;
    }

    private static String time(Instant t) {
        return t == null ? "-" : t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    private static void jsonl(PrintWriter out, List<LogonRow> rows) {
        JsonFactory factory = new JsonFactory();
        ByteArrayOutputStream buf = new ByteArrayOutputStream(512);
        for (LogonRow r : rows) {
            buf.reset();
            try (JsonGenerator j = factory.createGenerator(buf, JsonEncoding.UTF8)) {
                j.writeStartObject();
                j.writeStringField("account", r.account());
                j.writeStringField("domain", r.domain());
                j.writeStringField("host", r.host());
                j.writeStringField("logon_type", r.logonType());
                j.writeStringField("logon_type_name", r.logonTypeName());
                j.writeStringField("source", r.source());
                j.writeArrayFieldStart("source_names");
                for (String s : r.sourceNames()) {
                    j.writeString(s);
                }
                j.writeEndArray();
                j.writeNumberField("successes", r.successes());
                j.writeNumberField("failures", r.failures());
                j.writeNumberField("logoffs", r.logoffs());
                j.writeNumberField("privileged", r.privileged());
                j.writeObjectFieldStart("failure_reasons");
                for (Map.Entry<String, Long> en : r.failureReasons().entrySet()) {
                    j.writeNumberField(en.getKey(), en.getValue());
                }
                j.writeEndObject();
                j.writeObjectFieldStart("events");
                for (Map.Entry<String, Long> en : r.events().entrySet()) {
                    j.writeNumberField(en.getKey(), en.getValue());
                }
                j.writeEndObject();
                j.writeStringField("first", r.first() == null ? null : r.first().toString());
                j.writeStringField("last", r.last() == null ? null : r.last().toString());
                j.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.print(buf.toString(StandardCharsets.UTF_8));
            out.print('\n');
        }
    }

    private static void csv(PrintWriter out, List<LogonRow> rows) {
        out.print(CSV_HEADER + "\r\n");
        for (LogonRow r : rows) {
            String[] cols = {r.account(), r.domain(), r.host(), r.logonType(), r.logonTypeName(), r.source(), String.join(";", r.sourceNames()),
                    Long.toString(r.successes()), Long.toString(r.failures()), Long.toString(r.logoffs()), Long.toString(r.privileged()),
                    joined(r.failureReasons()), joined(r.events()), r.first() == null ? "" : r.first().toString(),
                    r.last() == null ? "" : r.last().toString()};
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < cols.length; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(CsvWriter.quote(cols[i]));
            }
            out.print(sb.append("\r\n"));
        }
    }

    private static String joined(Map<String, Long> m) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Long> en : m.entrySet()) {
            if (b.length() > 0) {
                b.append("; ");
            }
            b.append(en.getKey()).append('=').append(en.getValue());
        }
        return b.toString();
    }
}
