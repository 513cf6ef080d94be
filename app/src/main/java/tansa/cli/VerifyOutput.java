package tansa.cli;

import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The output options of the commands that check a case ('audit verify', 'evidence verify'): a
 * mixin with {@code -f table|jsonl}, {@code -o FILE} and {@code -q}, and where each part goes:
 * one line per finding to stdout or FILE; the closing summary after a table on stdout, on stderr
 * otherwise (so that a jsonl stream holds only its objects), none with {@code -q}.
 */
final class VerifyOutput {
    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default) or jsonl: one JSON object per finding, with the fields named above.")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the findings to FILE instead of stdout.")
    Path output;

    @Option(names = {"-q", "--quiet"}, description = "No closing summary.")
    boolean quiet;

    /** Checks {@code -f} (a usage error, exit code 2, unless table or jsonl); true for jsonl. */
    boolean jsonl(CommandLine cl) {
        return Formats.check(cl, format, "table", "jsonl").equals("jsonl");
    }

    /** Writes the findings through {@code lines}, then {@code summary} where it belongs (unless -q). */
    void write(CommandLine cl, Consumer<PrintWriter> lines, String summary) throws IOException {
        PrintWriter out = output == null ? cl.getOut()
                : new PrintWriter(new OutputStreamWriter(Files.newOutputStream(output), StandardCharsets.UTF_8));
        try {
            lines.accept(out);
            out.flush();
        } finally {
            if (output != null) {
                out.close();
            }
        }
        if (!quiet) {
            PrintWriter sw = output == null && !jsonl(cl) ? cl.getOut() : cl.getErr();
            sw.println(summary);
            sw.flush();
        }
    }
}
