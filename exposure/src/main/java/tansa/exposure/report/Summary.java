package tansa.exposure.report;

import tansa.exposure.detect.FindingType;
import tansa.exposure.scan.FileStatus;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of a scan: findings and distinct values per type, marking labels, and coverage (files by
 * status). Fed while scanning, or replayed from an earlier output for {@code --resume}.
 */
public final class Summary {
    // Bumped once per finding: arrays by ordinal and counters in place, no boxing.
    private final long[] counts = new long[FindingType.values().length];
    private final DistinctSet[] distinct = new DistinctSet[FindingType.values().length];
    /** Counts by label, sorted only when read. */
    private final Map<String, long[]> labels = new HashMap<>();
    private final Map<FileStatus, Long> statuses = new EnumMap<>(FileStatus.class);
    private long files;
    private long topLevel;
    private long findings;

    /** A finding, with the SHA-256 (hex) of its normalised value; as replayed by --resume. */
    public void finding(FindingType type, String label, String valueSha256) {
        distinctSet(type).add(valueSha256);
        count(type, label);
    }

    /** A finding, with the first 128 bits of its value's SHA-256 as two big-endian longs. */
    void finding(FindingType type, String label, long sha256Hi, long sha256Lo) {
        distinctSet(type).add(sha256Hi, sha256Lo);
        count(type, label);
    }

    private DistinctSet distinctSet(FindingType type) {
        DistinctSet d = distinct[type.ordinal()];
        if (d == null) {
            d = distinct[type.ordinal()] = new DistinctSet();
        }
        return d;
    }

    private void count(FindingType type, String label) {
        findings++;
        counts[type.ordinal()]++;
        if (label != null) {
            long[] n = labels.get(label);
            if (n == null) {
                n = new long[1];
                labels.put(label, n);
            }
            n[0]++;
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
        return counts[t.ordinal()];
    }

    public long distinct(FindingType t) {
        DistinctSet s = distinct[t.ordinal()];
        return s == null ? 0 : s.size();
    }

    public long status(FileStatus s) {
        return statuses.getOrDefault(s, 0L);
    }

    public long topLevelFiles() {
        return topLevel;
    }

    /** Counts by marking label, sorted by label. */
    public Map<String, Long> labels() {
        Map<String, Long> sorted = new TreeMap<>();
        labels.forEach((k, v) -> sorted.put(k, v[0]));
        return sorted;
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
