package tansa.exposure.report;

import tansa.exposure.detect.FindingType;
import tansa.exposure.scan.FileStatus;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of a scan: findings and distinct values per type, marking labels, and coverage (files by
 * status). Fed while scanning, or replayed from an earlier output for {@code --resume}.
 */
public final class Summary {
    private final Map<FindingType, Long> counts = new EnumMap<>(FindingType.class);
    private final Map<FindingType, DistinctSet> distinct = new EnumMap<>(FindingType.class);
    private final Map<String, Long> labels = new TreeMap<>();
    private final Map<FileStatus, Long> statuses = new EnumMap<>(FileStatus.class);
    private long files;
    private long topLevel;
    private long findings;

    public void finding(FindingType type, String label, String valueSha256) {
        findings++;
        counts.merge(type, 1L, Long::sum);
        distinct.computeIfAbsent(type, t -> new DistinctSet()).add(valueSha256);
        if (label != null) {
            labels.merge(label, 1L, Long::sum);
        }
    }

    public void file(FileStatus status, boolean isTopLevel) {
        files++;
        if (isTopLevel) {
            topLevel++;
        }
        statuses.merge(status, 1L, Long::sum);
    }

    public long files() {
        return files;
    }

    public long findings() {
        return findings;
    }

    public long count(FindingType t) {
        return counts.getOrDefault(t, 0L);
    }

    public long distinct(FindingType t) {
        DistinctSet s = distinct.get(t);
        return s == null ? 0 : s.size();
    }

    public long status(FileStatus s) {
        return statuses.getOrDefault(s, 0L);
    }

    public long topLevelFiles() {
        return topLevel;
    }

    public Map<String, Long> labels() {
        return labels;
    }

    public long checked() {
        long n = 0;
        for (FileStatus s : FileStatus.values()) {
            if (s.checked()) {
                n += status(s);
            }
        }
        return n;
    }

    /** Share of files whose content could be examined, 1.0 for an empty scan. */
    public double coverage() {
        return files == 0 ? 1.0 : (double) checked() / files;
    }
}
