package tansa.reader;

import tansa.event.Event;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads evidence files and directories into events: EVTX, reference-shaped JSON, Winlogbeat/ECS
 * JSON, each optionally gzip-compressed; the format is detected from the content.
 *
 * <p>Files are visited in sorted path order (directories recursively); events reach the sink in
 * file order, then record order, on the calling thread. Bad input is reported to {@link Problems}
 * and skipped.
 */
public final class EvidenceReader {
    private final int threads;
    private final Problems problems;

    public EvidenceReader(int threads, Problems problems) {
        this.threads = Math.max(1, threads);
        this.problems = problems;
    }

    public ReadSummary read(List<Path> paths, Consumer<Event> sink) {
        throw new UnsupportedOperationException("not yet");
    }
}
