package tansa.cli;

import tansa.reader.Problems;

import java.io.PrintWriter;

/**
 * Prints reader problems as one line each on stderr: {@code tansa: FILE: offset N: what}. Notes
 * (damage worked around without loss) are prefixed {@code note:} and can be silenced.
 * Thread-safe.
 */
final class ProblemPrinter implements Problems {
    private final PrintWriter err;
    private final boolean quietNotes;

    ProblemPrinter(PrintWriter err, boolean quietNotes) {
        this.err = err;
        this.quietNotes = quietNotes;
    }

    /** A progress bar on the same terminal: cleared before each message, so the two never share a line. */
    void progress(Progress p) {
        this.progress = p;
    }

    private volatile Progress progress;

    private void clearProgress() {
        Progress p = progress;
        if (p != null) {
            p.clear();
        }
    }

    @Override
    public synchronized void report(String resource, long offset, String message) {
        clearProgress();
        err.println("tansa: " + line(resource, offset, message));
    }

    /** {@code FILE: offset N: what}, each part escaped and cut: names and messages can come from evidence. */
    static String line(String resource, long offset, String message) {
        return TerminalText.escape(resource, TerminalText.MESSAGE_LIMIT) + (offset >= 0 ? ": offset " + offset : "") + ": "
                + TerminalText.escape(message, TerminalText.MESSAGE_LIMIT);
    }

    @Override
    public synchronized void note(String resource, long offset, String message) {
        if (!quietNotes) {
            clearProgress();
            err.println("tansa: note: " + line(resource, offset, message));
        }
    }
}
