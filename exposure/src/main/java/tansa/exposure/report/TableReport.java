package tansa.exposure.report;

import tansa.exposure.detect.FindingType;
import tansa.exposure.detect.Hit;
import tansa.exposure.scan.FileRecord;
import tansa.exposure.scan.FileStatus;
import tansa.exposure.scan.ScanListener;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A scan for people: one line per file that has findings or could not be checked, then the
 * counts, distinct values and coverage. Values are never shown here.
 */
public final class TableReport implements ScanListener {
    private final PrintWriter out;
    private final PrintWriter err;
    private final Summary summary;
    private final ValueHasher hasher = new ValueHasher();
    private final Map<String, Map<String, Integer>> pending = new TreeMap<>();

    public TableReport(PrintWriter out, PrintWriter err, Summary summary) {
        this.out = out;
        this.err = err;
        this.summary = summary;
        out.printf(Locale.ROOT, "%-18s %8s  %s%n", "STATUS", "FINDINGS", "PATH");
    }

    @Override
    public void finding(String path, Hit hit) {
        ValueHasher.Value v = hasher.of(hit.normalized());
        summary.finding(hit.type(), hit.label(), v.hi(), v.lo());
        String key = hit.label() != null ? hit.type().id() + "(" + hit.label() + ")" : hit.term() != null ? "keyword(" + hit.term() + ")" : hit.type().id();
        pending.computeIfAbsent(path, p -> new TreeMap<>()).merge(key, 1, Integer::sum);
    }

    @Override
    public void file(FileRecord f) {
        summary.file(f.status(), f.topLevel());
        Map<String, Integer> found = pending.remove(f.path());
        if (found == null && f.status().checked()) {
            return;
        }
        int n = found == null ? 0 : found.values().stream().mapToInt(Integer::intValue).sum();
        StringBuilder types = new StringBuilder();
        if (found != null) {
            found.forEach((k, v) -> types.append(types.length() == 0 ? "" : ", ").append(k).append(" ").append(v));
        }
        String note = f.error() != null ? f.error() : types.toString();
        // println, not printf: a text-mode writer keeps one println to one line (file names can hold line breaks)
        out.println(String.format(Locale.ROOT, "%-18s %8d  %s%s", f.status().id(), n, f.path(), note.isEmpty() ? "" : "  [" + note + "]"));
    }

    @Override
    public void problem(String line) {
        err.println("tansa: scan: " + line);
        err.flush();
    }

    public void finish() throws IOException {
        out.println();
        out.printf(Locale.ROOT, "%-28s %10s %10s%n", "TYPE", "FINDINGS", "DISTINCT");
        for (FindingType t : FindingType.values()) {
            if (summary.count(t) > 0) {
                out.printf(Locale.ROOT, "%-28s %10d %10d%n", t.id(), summary.count(t), summary.distinct(t));
            }
        }
        if (!summary.labels().isEmpty()) {
            out.println();
            summary.labels().forEach((k, v) -> out.printf(Locale.ROOT, "marking %-20s %10d%n", k, v));
        }
        out.println();
        StringBuilder cov = new StringBuilder();
        for (FileStatus s : FileStatus.values()) {
            if (summary.status(s) > 0) {
                cov.append(cov.length() == 0 ? "" : ", ").append(s.id()).append(' ').append(summary.status(s));
            }
        }
        out.printf(Locale.ROOT, "coverage: %d of %d files checked (%.1f%%): %s%n", summary.checked(), summary.files(),
                summary.coverage() * 100, cov);
        out.flush();
    }
}
