package tansa.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar with ETA on stderr, by bytes of evidence read; redrawn at most five
 * times a second. Only used when stderr is a terminal.
 */
final class Progress {
    private final PrintWriter err;
    private final long totalBytes;
    private final int totalFiles;
    private final String unit;
    private final long start = System.nanoTime();
    private long doneBytes;
    private int doneFiles;
    private long lastDraw;
    private boolean drawn;

    Progress(PrintWriter err, long totalBytes, int totalFiles) {
        this(err, totalBytes, totalFiles, "files");
    }

    /** {@code unit} names what is counted ("rule files"). */
    Progress(PrintWriter err, long totalBytes, int totalFiles, String unit) {
        this.err = err;
        this.unit = unit;
        this.totalBytes = Math.max(1, totalBytes);
        this.totalFiles = totalFiles;
    }

    synchronized void fileDone(long bytes) {
        doneBytes += bytes;
        doneFiles++;
        long now = System.nanoTime();
        if (now - lastDraw < 200_000_000L && doneFiles < totalFiles) {
            return;
        }
        lastDraw = now;
        drawn = true;
        double frac = Math.min(1.0, (double) doneBytes / totalBytes);
        int width = 30;
        int fill = (int) Math.round(frac * width);
        double elapsed = (now - start) / 1e9;
        double eta = frac > 0 ? elapsed * (1 - frac) / frac : 0;
        TerminalSafeWriter.raw(err, String.format(Locale.ROOT, "\r[%s%s] %3d%%  %d/%d %s  ETA %d:%02d ", "=".repeat(fill),
                " ".repeat(width - fill), (int) (frac * 100), doneFiles, totalFiles, unit, (int) eta / 60, (int) eta % 60));
        err.flush();
    }

    /** Progress of rule loading, as {@link tansa.sigma.RuleSet#load} reports it: one step per parsed file. */
    static tansa.sigma.RuleSet.Progress rules(PrintWriter err) {
        Progress[] p = new Progress[1];
        return (done, total) -> {
            synchronized (p) {
                if (p[0] == null) {
                    p[0] = new Progress(err, total, total, "rule files");
                }
                p[0].fileDone(1);
                if (done == total) {
                    p[0].clear();
                }
            }
        };
    }

    synchronized void clear() {
        if (!drawn) {
            return;
        }
        drawn = false;
        TerminalSafeWriter.raw(err, "\r" + " ".repeat(79) + "\r");
        err.flush();
    }

    /**
     * A bar for reading {@code paths}: one walk counts their regular files and bytes (what cannot
     * be listed counts nothing; the reader reports it).
     */
    static Progress over(PrintWriter err, java.util.List<java.nio.file.Path> paths) {
        long[] bytesAndFiles = new long[2];
        for (java.nio.file.Path p : paths) {
            try (java.util.stream.Stream<java.nio.file.Path> s = java.nio.file.Files.walk(p)) {
                s.forEach(f -> {
                    java.io.File file = f.toFile();
                    if (file.isFile()) {
                        bytesAndFiles[0] += file.length();
                        bytesAndFiles[1]++;
                    }
                });
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                // progress only
            }
        }
        return new Progress(err, bytesAndFiles[0], (int) bytesAndFiles[1]);
    }
}
