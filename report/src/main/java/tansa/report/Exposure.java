package tansa.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The exposure scans attached to a case, summed from their summary records: files, findings by
 * type, distinct values by type, classification labels and coverage (how many files could be
 * read, and why the others could not). With one scan the distinct counts are exact; with several
 * they are summed per scan, which {@link #scans} makes visible.
 */
public record Exposure(int scans, long files, long findings, SortedMap<String, Long> counts,
                       SortedMap<String, Long> distinct, SortedMap<String, Long> labels,
                       SortedMap<String, Long> coverage) {
    /** Coverage outcomes that mean a file's text was not read, in the scan's order. */
    public static final List<String> UNREAD = List.of("encrypted", "password_protected", "corrupted", "no_text", "too_large",
            "timeout", "unreadable");

    /** Sums the summary lines; null when there are none. Lines that do not parse are skipped. */
    public static Exposure of(List<String> summaries, ObjectMapper mapper) {
        int scans = 0;
        long files = 0;
        long findings = 0;
        SortedMap<String, Long> counts = new TreeMap<>();
        SortedMap<String, Long> distinct = new TreeMap<>();
        SortedMap<String, Long> labels = new TreeMap<>();
        SortedMap<String, Long> coverage = new TreeMap<>();
        for (String line : summaries) {
            JsonNode s;
            try {
                s = mapper.readTree(line);
            } catch (IOException e) {
                continue;
            }
            scans++;
            files += s.path("files").asLong();
            findings += s.path("findings").asLong();
            add(counts, s.path("counts"));
            add(distinct, s.path("distinct"));
            add(labels, s.path("labels"));
            for (Map.Entry<String, JsonNode> e : s.path("coverage").properties()) {
                if (e.getValue().isIntegralNumber()) {
                    coverage.merge(e.getKey(), e.getValue().asLong(), Long::sum);
                }
            }
        }
        return scans == 0 ? null : new Exposure(scans, files, findings, counts, distinct, labels, coverage);
    }

    private static void add(SortedMap<String, Long> into, JsonNode obj) {
        for (Map.Entry<String, JsonNode> e : obj.properties()) {
            into.merge(e.getKey(), e.getValue().asLong(), Long::sum);
        }
    }

    /** Files whose text could not be read. */
    public long unread() {
        long n = 0;
        for (String k : UNREAD) {
            n += coverage.getOrDefault(k, 0L);
        }
        return n;
    }

    /** Classification and export-control markings found (findings, not distinct values). */
    public long classified() {
        return counts.getOrDefault("marking.classification", 0L) + counts.getOrDefault("marking.export_control", 0L);
    }
}
