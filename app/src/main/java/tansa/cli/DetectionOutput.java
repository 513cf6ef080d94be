package tansa.cli;

import picocli.CommandLine;
import tansa.sigma.Detection;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * Prints detections as {@code tansa hunt} prints them, for hunt and for {@code tansa stream}
 * (which must print the same bytes): a table (escaped for the terminal, coloured and sized to it
 * on a terminal, grouped when a screen cannot hold the rows or as {@code --group} says), JSONL or
 * CSV exactly. Stateless.
 */
final class DetectionOutput {
    private DetectionOutput() {
    }

    /** Where the closing summary goes (after a table on stdout, else stderr), and whether the detections could not be written. */
    record Done(PrintWriter summary, boolean failed) {
    }

    /**
     * Writes {@code detections} (sorted) to {@code raw}, which is closed when it is a file
     * ({@code toFile}); {@code group}: hunt's {@code --group} or null.
     */
    static Done write(CommandLine cl, PrintWriter raw, boolean toFile, String fmt, boolean noColor, String group,
                      List<Detection> detections, PrintWriter err) {
        boolean table = fmt.equals("table");
        // Text for people is escaped on its way out; JSONL and CSV stay exact.
        PrintWriter out = table ? TerminalSafeWriter.text(raw) : raw;
        boolean stdoutTerminal = !toFile && Terminal.stdoutIsTerminal();
        boolean color = stdoutTerminal && !noColor && System.getenv("NO_COLOR") == null;
        int columns = toFile ? Terminal.UNBOUNDED_COLUMNS : Terminal.columns();
        GroupWriter.By by = groupBy(cl, group, stdoutTerminal ? Terminal.rows() : 0, detections.size());
        DetectionWriter writer = fmt.equals("jsonl") ? new JsonlWriter(out) : fmt.equals("csv") ? new CsvWriter(out)
                : by != null ? new GroupWriter(out, color, columns, by) : new TableWriter(out, color, columns);
        writer.write(detections);
        out.flush();
        boolean failed = out.checkError() || raw.checkError();
        if (toFile) {
            raw.close();
        }
        return new Done(!toFile && table ? out : err, failed);
    }

    /** How the table groups: {@code group}, else by rule when a terminal screen of {@code rows} cannot hold them all. */
    static GroupWriter.By groupBy(CommandLine cl, String group, int rows, int detections) {
        if (group == null) {
            return rows > 0 && detections > Math.max(10, rows - 12) ? GroupWriter.By.RULE : null;
        }
        switch (group.toLowerCase(Locale.ROOT)) {
            case "none": return null;
            case "rule": return GroupWriter.By.RULE;
            case "host": return GroupWriter.By.HOST;
            case "level": return GroupWriter.By.LEVEL;
            default:
                throw new CommandLine.ParameterException(cl, "--group must be rule, host, level or none, not '" + group + "'");
        }
    }
}
