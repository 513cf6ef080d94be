package tansa.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.ParentCommand;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.OutputStream;
import picocli.CommandLine.Model.CommandSpec;
import tansa.reader.EvidenceReader;
import tansa.reader.ReadSummary;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tansa dump}: every record of the evidence as one JSON object per line. */
@Command(name = "dump", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {"  tansa dump Security.evtx | head",
                "  tansa dump --count logs/                      # records per file",
                "  tansa dump --hashes evidence/ > events.jsonl  # SHA-256 of each input on stderr"},
        description = {"Print every record of EVTX / JSON / Winlogbeat / Zeek evidence (plain or gzip) as one JSON object per line.",
                "An event log record is in the reference shape {\"Event\": {\"#attributes\": ..., \"System\": ..., \"EventData\": ...}};",
                "a Zeek record (TSV or JSON log) as Zeek's JSON writer prints it, with its log name in _path.",
                "Damaged chunks and records are reported on stderr (file, chunk, offset) and skipped."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every input read completely", "1:some input was damaged, unreadable or not evidence (reported on stderr)", "2:usage error"})
public final class DumpCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Main parent;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Evidence files or directories (read recursively); - reads standard input.")
    List<Path> paths;

    @Mixin
    ReadOptions read;

    @Mixin
    SyslogYearOption syslogYear;

    @Mixin
    TimeRangeOptions range;

    @Option(names = "--hashes", description = "Also print the SHA-256 of each input file on stderr, in sha256sum format.")
    boolean hashes;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the records to FILE instead of stdout; a summary goes to stderr.")
    Path output;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "jsonl",
            description = "jsonl (the only format: one JSON object per record, the reference shape).")
    String format;

    @Option(names = "--count", description = "Print only the number of records of each file (tab-separated: count, path) and the total.")
    boolean count;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        range.resolve(spec.commandLine());
        ObjectMapper mapper = new ObjectMapper()
                .disable(SerializationFeature.INDENT_OUTPUT)
                .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false)
                .configure(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM, false);
        Formats.check(spec.commandLine(), format, "jsonl");
        ProblemPrinter problems = new ProblemPrinter(err, read.quiet);
        EvidenceReader reader = new EvidenceReader(read.threads(), problems).hashing(hashes);
        syslogYear.apply(reader);
        Progress progress = !read.quiet && Terminal.stderrIsTerminal()
                ? Progress.over(err, paths) : null;
        problems.progress(progress);
        PrintWriter text = out;
        // With --from/--to, counts are of the events in the window, counted as they are delivered.
        long[] inWindow = new long[2];
        if (hashes || count || progress != null) {
            reader.onFile(f -> {
                if (progress != null) {
                    progress.fileDone(f.size());
                }
                if (hashes) {
                    err.println(f.sha256() + "  " + f.path());
                }
                if (count) {
                    // names come from the evidence
                    text.println((range.active() ? inWindow[0] : f.events()) + "\t" + TerminalText.escape(f.path()));
                    inWindow[0] = 0;
                }
            });
        }
        if (count) {
            ReadSummary summary = reader.read(paths, event -> {
                if (range.active() && range.accepts(event)) {
                    inWindow[0]++;
                    inWindow[1]++;
                }
            });
            if (progress != null) {
                progress.clear();
            }
            out.println((range.active() ? inWindow[1] : summary.events()) + "\ttotal");
            out.flush();
            return summary.problems() > 0 ? 1 : 0;
        }
        out.flush();
        OutputStream raw;
        try {
            raw = output == null ? parent.stdout()
                    : new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(output), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + output + " for writing: " + e.getMessage(), e);
        }
        // Serialise on the decode threads; the calling thread only writes bytes in order.
        ThreadLocal<LineWriter> lines = ThreadLocal.withInitial(() -> new LineWriter(mapper));
        reader.prepare(event -> {
            if (range.accepts(event)) {
                event.attach(lines.get().write(event.tree()));
            }
        });
        ReadSummary summary;
        try {
            summary = reader.read(paths, event -> {
                if (event.attachment() == null) {
                    return; // outside --from/--to
                }
                try {
                    raw.write((byte[]) event.attachment());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            raw.flush();
            if (output != null) {
                raw.close();
            }
        } catch (IOException | UncheckedIOException e) {
            if (output != null) {
                throw new UncheckedIOException("cannot write " + output + ": " + e.getMessage(), e instanceof IOException
                        ? (IOException) e : ((UncheckedIOException) e).getCause());
            }
            // The reader of our output went away (`tansa dump ... | head`): not an error of ours.
            return 0;
        } finally {
            if (progress != null) {
                progress.clear();
            }
        }
        if (output != null && !read.quiet) {
            err.println("tansa: dump: " + summary.events() + " records from " + summary.files() + " files"
                    + (summary.problems() > 0 ? ", " + summary.problems() + " problems reported" : "") + "; written to " + output);
        }
        err.flush();
        return summary.problems() > 0 ? 1 : 0;
    }
}
