package tansa.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tansa.exposure.ScanJob;
import tansa.exposure.scan.ScanLimits;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tansa scan}: sensitive data in file systems, archives and mail. */
@Command(name = "scan", mixinStandardHelpOptions = true,
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

    @Option(names = "--format", paramLabel = "jsonl|table", defaultValue = "jsonl", description = "Output format (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
    Path output;

    @Option(names = "--reveal", description = "Also print each raw value in a 'value' field (off by default).")
    boolean reveal;

    @Option(names = "--resume", description = "Continue an interrupted scan: keep the files already in --output, scan the rest.")
    boolean resume;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120", description = "Time limit for one document's text extraction (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--max-file-size", paramLabel = "BYTES", defaultValue = "268435456", description = "Largest document handed to a parser (default: ${DEFAULT-VALUE}).")
    long maxFileSize;

    @Option(names = "--max-depth", paramLabel = "N", defaultValue = "5", description = "Deepest archive nesting opened (default: ${DEFAULT-VALUE}).")
    int maxDepth;

    @Option(names = "--max-ratio", paramLabel = "N", defaultValue = "200", description = "Largest expansion ratio of an archive member (default: ${DEFAULT-VALUE}).")
    long maxRatio;

    @Option(names = "--max-expanded", paramLabel = "BYTES", defaultValue = "8589934592", description = "Bytes expanded from one top-level archive (default: ${DEFAULT-VALUE}).")
    long maxExpanded;

    @Option(names = "--threads", paramLabel = "N", description = "Threads to scan with (default: all cores). A file is read, hashed and decoded on one thread and scanned on another, so N threads scan N/2 files at once; 1 does everything on one thread. The output is the same for any N.")
    Integer threads;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!format.equals("jsonl") && !format.equals("table")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--format must be jsonl or table, not '" + format + "'");
        }
        for (Path p : paths) {
            if (!java.nio.file.Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new CommandLine.ParameterException(spec.commandLine(), p + ": no such file or directory");
            }
        }
        if (dictionary != null && !java.nio.file.Files.isRegularFile(dictionary)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--dictionary " + dictionary + ": no such file");
        }
        if (output != null && output.toAbsolutePath().getParent() != null && !java.nio.file.Files.isDirectory(output.toAbsolutePath().getParent())) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--output " + output + ": directory does not exist");
        }
        ScanJob job;
        try {
            ScanLimits limits = new ScanLimits(Duration.ofSeconds(timeoutSeconds), maxFileSize, maxDepth, maxRatio, maxExpanded);
            job = new ScanJob(paths, ScanJob.names(paths), dictionary, format.equals("table"), output, reveal, resume, limits,
                    threads == null ? Runtime.getRuntime().availableProcessors() : threads);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        ScanJob.Outcome o;
        try {
            o = job.run(out, err);
        } catch (OutOfMemoryError e) {
            // One line, not a JVM stack trace; the records written so far stay valid for --resume.
            throw new IllegalStateException("scan: out of memory with a " + Runtime.getRuntime().maxMemory() / (1 << 20)
                    + " MB heap; raise it with TANSA_JAVA_OPTS=-Xmx4g" + (output != null ? " and continue with --resume" : ""), e);
        }
        out.flush();
        return o.damaged() ? 1 : 0;
    }
}
