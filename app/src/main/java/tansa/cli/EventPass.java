package tansa.cli;

import tansa.casefile.CaseEvents;
import tansa.casefile.CaseStore;
import tansa.event.Event;
import tansa.reader.EvidenceReader;
import tansa.reader.ReadSummary;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * One pass over the evidence for a command that aggregates events on the main thread (logons,
 * graph): the field index is built on the decode threads, {@code --from/--to} applied, a progress
 * bar drawn when stderr is a terminal, damage reported through {@link ProblemPrinter}.
 */
final class EventPass {
    private EventPass() {
    }

    static ReadSummary read(PrintWriter err, List<Path> evidence, TimeRangeOptions range, ReadOptions read, Consumer<Event> sink) {
        Progress progress = !read.quiet && Terminal.stderrIsTerminal() ? Progress.over(err, evidence) : null;
        ProblemPrinter problems = new ProblemPrinter(err, read.quiet);
        problems.progress(progress);
        EvidenceReader reader = new EvidenceReader(read.threads(), problems).prepare(Event::fields);
        if (progress != null) {
            reader.onFile(f -> progress.fileDone(f.size()));
        }
        ReadSummary summary = reader.read(evidence, e -> {
            if (range.accepts(e)) {
                sink.accept(e);
            }
        });
        if (progress != null) {
            progress.clear();
        }
        return summary;
    }

    /**
     * The same pass over the events a case holds (ingested from the evidence): no decoding;
     * {@code interest} (or null: all) names the records the sink can use.
     */
    static CaseEvents.Summary read(CaseStore store, TimeRangeOptions range, ReadOptions read, CaseEvents.Interest interest,
                                   Consumer<Event> sink) {
        return new CaseEvents(store, read.threads()).prepare(Event::fields).only(interest).read(e -> {
            if (range.accepts(e)) {
                sink.accept(e);
            }
        });
    }

    static OutputStream openFile(Path p) {
        try {
            return new java.io.BufferedOutputStream(Files.newOutputStream(p), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + p + " for writing: " + e.getMessage(), e);
        }
    }

    static PrintWriter writer(OutputStream out) {
        return new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    }
}
