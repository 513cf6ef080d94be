package tansa.exposure;

import tansa.exposure.detect.Detectors;
import tansa.exposure.detect.KeywordDictionary;
import tansa.exposure.report.JsonlReport;
import tansa.exposure.report.ResumeState;
import tansa.exposure.report.Summary;
import tansa.exposure.report.TableReport;
import tansa.exposure.scan.FileRecord;
import tansa.exposure.scan.FileStatus;
import tansa.exposure.scan.ParallelScan;
import tansa.exposure.scan.ScanLimits;
import tansa.exposure.scan.ScanListener;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One {@code tansa scan}: what the command line asked for, and running it.
 *
 * @param output  the JSONL or table destination, or null for the given writer
 * @param resume  continue an interrupted scan into {@code output}
 * @param threads threads the scan uses: a file is read on one and scanned on another, so N / 2 files
 *                are scanned at once, and 1 does everything on one thread (the output is the same
 *                for any number)
 */
public record ScanJob(List<Path> roots, List<String> displayNames, Path dictionary, boolean table, Path output,
                      boolean reveal, boolean resume, ScanLimits limits, int threads) {
    public ScanJob {
        roots = List.copyOf(roots);
        displayNames = List.copyOf(displayNames);
        if (resume && (output == null || table)) {
            throw new IllegalArgumentException("--resume needs --output FILE with --format jsonl");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        }
    }

    /** What the scan found and could not check, for the exit code. */
    public record Outcome(Summary summary, boolean damaged) {
    }

    public Outcome run(PrintWriter out, PrintWriter err) throws IOException {
        return run(out, err, f -> { });
    }

    /**
     * Runs the scan; {@code onTopLevelFile} sees each top-level file's record as the report gets it
     * (on the report's thread), for a progress display.
     */
    public Outcome run(PrintWriter out, PrintWriter err, java.util.function.Consumer<FileRecord> onTopLevelFile) throws IOException {
        Detectors detectors = new Detectors(dictionary == null ? KeywordDictionary.empty() : KeywordDictionary.load(dictionary));
        Summary summary;
        Set<String> done = Set.of();
        if (resume) {
            ResumeState st = ResumeState.load(output);
            summary = st.summary();
            done = st.done();
        } else {
            summary = new Summary();
        }
        Writer target = out;
        Writer file = null;
        if (output != null) {
            file = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(output, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, resume ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING), StandardCharsets.UTF_8), 1 << 16);
            target = file;
        }
        try {
            if (table) {
                PrintWriter pw = target instanceof PrintWriter p ? p : new PrintWriter(target);
                TableReport report = new TableReport(pw, err, summary);
                scan(detectors, observed(report, onTopLevelFile), done);
                report.finish();
            } else {
                JsonlReport report = new JsonlReport(target, err, reveal, summary);
                scan(detectors, observed(report, onTopLevelFile), done);
                report.finish();
            }
        } finally {
            if (file != null) {
                file.close();
            }
        }
        boolean damaged = summary.status(FileStatus.CORRUPTED) + summary.status(FileStatus.TIMEOUT)
                + summary.status(FileStatus.UNREADABLE) > 0;
        return new Outcome(summary, damaged);
    }

    private void scan(Detectors detectors, ScanListener report, Set<String> done) throws IOException {
        try (ParallelScan s = new ParallelScan(detectors, limits, report, threads)) {
            s.scan(roots, displayNames, done);
        }
    }

    private static ScanListener observed(ScanListener report, java.util.function.Consumer<FileRecord> onTopLevelFile) {
        return new ScanListener() {
            @Override
            public void finding(String path, tansa.exposure.detect.Hit hit) {
                report.finding(path, hit);
            }

            @Override
            public void file(FileRecord file) {
                report.file(file);
                if (file.topLevel()) {
                    onTopLevelFile.accept(file);
                }
            }

            @Override
            public void problem(String line) {
                report.problem(line);
            }
        };
    }

    /** Roots as given on the command line, shown the same way in the output. */
    public static List<String> names(List<Path> roots) {
        List<String> out = new ArrayList<>();
        for (Path p : roots) {
            out.add(p.toString().replace('\\', '/'));
        }
        return out;
    }
}
