package tansa.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tansa.reader.EvidenceFile;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** {@code tansa ship}: the events of evidence files into a Kafka topic, for the detection job. */
@Command(name = "ship", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {"  tansa ship evidence/ --kafka kafka1:9092 --topic events",
                "  tansa ship host1/Logs host2/Logs --kafka 10.0.0.5:9092 --topic ir-events"},
        description = {"Send every event of the evidence (EVTX, JSON, Zeek, Suricata, syslog) into a Kafka topic, in evidence "
                + "order, one record each: the value is the event as 'tansa dump' prints it, headers carry the file, the "
                + "position in evidence order, record id and time. The detection job (stream/target/tansa-stream-job.jar, "
                + "or 'tansa stream --embedded') reads them. Records go round-robin over the topic's partitions."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every event was acknowledged by Kafka",
                "1:some evidence was damaged or unreadable, or Kafka could not be reached or refused the events",
                "2:usage error"})
public final class ShipCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "EVIDENCE", description = "Evidence files or directories (read recursively).")
    List<Path> evidence;

    @Option(names = "--kafka", paramLabel = "BOOTSTRAP", required = true,
            description = "Kafka bootstrap servers, host:port[,host:port...].")
    String kafka;

    @Option(names = "--topic", paramLabel = "TOPIC", required = true, description = "The topic (it must exist).")
    String topic;

    @Mixin
    ReadOptions read;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "The closing summary: text (default) or json.")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the summary to FILE instead of stdout.")
    Path output;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (!StreamModule.onClassPath()) {
            try {
                return StreamModule.relaunch(spec.commandLine().getParseResult().originalArgs(), spec.commandLine().getOut(), err);
            } catch (StreamModule.Missing e) {
                err.println("tansa: ship: " + e.getMessage());
                return 1;
            }
        }
        String fmt = Formats.check(spec.commandLine(), format, "text", "json");
        boolean terminal = !read.quiet && Terminal.stderrIsTerminal();
        Progress progress = terminal ? Progress.over(err, evidence) : null;
        ProblemPrinter problems = new ProblemPrinter(err, read.quiet);
        problems.progress(progress);
        Consumer<EvidenceFile> onFile = progress == null ? null : f -> progress.fileDone(f.size());
        long t0 = System.nanoTime();
        long[] r;
        try {
            r = (long[]) StreamModule.call("ship", kafka, topic, evidence, read.threads(), problems, onFile);
        } catch (RuntimeException e) {
            if (progress != null) {
                progress.clear();
            }
            err.println("tansa: ship: " + TerminalText.escape(String.valueOf(e.getMessage()), TerminalText.MESSAGE_LIMIT));
            err.flush();
            return 1;
        }
        if (progress != null) {
            progress.clear();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        String summary = fmt.equals("json")
                ? String.format(Locale.ROOT, "{\"events\": %d, \"files\": %d, \"problems\": %d, \"topic\": \"%s\", \"seconds\": %.2f}",
                        r[0], r[1], r[2], topic.replace("\\", "\\\\").replace("\"", "\\\""), secs)
                : String.format(Locale.ROOT, "shipped %d events from %d files to %s in %.2f s%s", r[0], r[1],
                        TerminalText.escape(topic, TerminalText.MESSAGE_LIMIT), secs,
                        r[2] > 0 ? "; " + r[2] + " problems with the evidence were reported (exit code 1)" : "");
        if (output != null) {
            try {
                java.nio.file.Files.writeString(output, summary + "\n", java.nio.charset.StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                err.println("tansa: ship: cannot write " + output + ": " + e.getMessage());
                return 1;
            }
            if (!read.quiet) {
                err.println(summary);
            }
        } else {
            PrintWriter out = spec.commandLine().getOut();
            out.println(summary);
            out.flush();
        }
        err.flush();
        return r[2] > 0 ? 1 : 0;
    }
}
