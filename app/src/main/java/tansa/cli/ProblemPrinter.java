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

    @Override
    public synchronized void report(String resource, long offset, String message) {
        err.println("tansa: " + resource + (offset >= 0 ? ": offset " + offset : "") + ": " + message);
    }

    @Override
    public synchronized void note(String resource, long offset, String message) {
        if (!quietNotes) {
            err.println("tansa: note: " + resource + (offset >= 0 ? ": offset " + offset : "") + ": " + message);
        }
    }
}
