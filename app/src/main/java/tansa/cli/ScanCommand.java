package tansa.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tansa.exposure.ScanJob;
import tansa.exposure.scan.ScanLimits;

import tansa.exposure.report.Summary;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.ArrayList;
import java.util.Locale;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tansa scan}: sensitive data in file systems, archives and mail. */
@Command(name = "scan", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {"  tansa scan //fileserver/share/HR -o hr-scan.jsonl",
                "  tansa scan /mnt/image/Users -f table --dictionary project-names.txt",
                "  tansa scan /mnt/image -o scan.jsonl --resume   # after an interruption"},
        description = {"Finds classification markings, personal data, secrets and dictionary terms in files, archives and mail.",
                "Writes JSONL: a file record per file and member, a finding record per finding (values masked), a closing summary.",
                "Exit codes: 0 ok, 1 some evidence was corrupted or timed out (reported, the scan went on), 2 usage error."})
public final class ScanCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or directories to scan (read only).")
    List<Path> paths;

    @Option(names = "--dictionary", paramLabel = "FILE", description = "Terms to report as keyword findings, one per line (UTF-8).")
    Path dictionary;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "jsonl", description = "jsonl (default) or table.")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of standard output; a summary goes to stderr.")
    Path output;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar and no closing summary on stderr (problems are still printed).")
    boolean quiet;

    @Option(names = "--reveal", description = "Also print each raw value in a 'value' field (off by default).")
    boolean reveal;

    @Option(names = "--resume", description = "Continue an interrupted scan: keep the files already in --output, scan the rest.")
    boolean resume;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "2m", converter = Units.DurationConverter.class,
            description = "Time limit for one document's text extraction: 90s, 2m, 1h or seconds (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--max-file-size", paramLabel = "SIZE", defaultValue = "256 MiB", converter = Units.SizeConverter.class,
            description = "Largest document handed to a parser: 512 MiB, 2 GiB, 1.5G or bytes (default: ${DEFAULT-VALUE}).")
    long maxFileSize;

    @Option(names = "--max-depth", paramLabel = "N", defaultValue = "5", description = "Deepest archive nesting opened (default: ${DEFAULT-VALUE}).")
    int maxDepth;

    @Option(names = "--max-ratio", paramLabel = "N", defaultValue = "200", description = "Largest expansion ratio of an archive member (default: ${DEFAULT-VALUE}).")
    long maxRatio;

    @Option(names = "--max-expanded", paramLabel = "SIZE", defaultValue = "8 GiB", converter = Units.SizeConverter.class,
            description = "Bytes expanded from one top-level archive (default: ${DEFAULT-VALUE}).")
    long maxExpanded;

    @Option(names = "--threads", paramLabel = "N", description = "Threads to scan with (default: all cores). A file is read, hashed and decoded on one thread and scanned on another, so N threads scan N/2 files at once; 1 does everything on one thread. The output is the same for any N.")
    Integer threads;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean table = Formats.check(spec.commandLine(), format, "jsonl", "table").equals("table");
        if (dictionary != null && !Files.isRegularFile(dictionary)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--dictionary " + dictionary + ": no such file");
        }
        if (output != null && output.toAbsolutePath().getParent() != null && !Files.isDirectory(output.toAbsolutePath().getParent())) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--output " + output + ": directory does not exist");
        }
        // A missing path is reported and skipped, as every command does; the others are scanned.
        List<Path> roots = new ArrayList<>();
        int missing = 0;
        for (Path p : paths) {
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                err.println("tansa: " + TerminalText.escape(p.toString(), TerminalText.MESSAGE_LIMIT) + ": no such file or directory; skipped");
                missing++;
            } else {
                roots.add(p);
            }
        }
        if (roots.isEmpty()) {
            err.println("tansa: scan: nothing to scan");
            return 1;
        }
        ScanJob job;
        try {
            ScanLimits limits = new ScanLimits(timeout, maxFileSize, maxDepth, maxRatio, maxExpanded);
            job = new ScanJob(roots, ScanJob.names(roots), dictionary, table, output, reveal, resume, limits,
                    threads == null ? Runtime.getRuntime().availableProcessors() : threads);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        // A table on the terminal is escaped: file names and members come from the evidence.
        PrintWriter target = table && output == null ? TerminalSafeWriter.text(out) : out;
        Progress progress = !quiet && Terminal.stderrIsTerminal() ? Progress.over(err, roots) : null;
        ScanJob.Outcome o;
        try {
            o = job.run(target, err, f -> {
                if (progress != null) {
                    progress.fileDone(f.size());
                }
            });
        } catch (OutOfMemoryError e) {
            // One line, not a JVM stack trace; the records written so far stay valid for --resume.
            throw new IllegalStateException("scan: out of memory with a " + Runtime.getRuntime().maxMemory() / (1 << 20)
                    + " MB heap; raise it with TANSA_JAVA_OPTS=-Xmx4g" + (output != null ? " and continue with --resume" : ""), e);
        } finally {
            if (progress != null) {
                progress.clear();
            }
        }
        target.flush();
        out.flush();
        if (output != null && !quiet) {
            Summary s = o.summary();
            err.println(String.format(Locale.ROOT, "tansa: scan: %d files (%d checked, %.1f%%), %d findings; written to %s",
                    s.files(), s.checked(), s.coverage() * 100, s.findings(), TerminalText.escape(output.toString(), 400)));
        }
        return o.damaged() || missing > 0 ? 1 : 0;
    }
}
