package tansa.exposure.scan;

import tansa.exposure.detect.Detectors;
import tansa.exposure.detect.Hit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * For tests: records what a scan reports (file records by path, problem lines, and findings as
 * "path type" or as the given sink takes them).
 */
final class Recorder implements ScanListener {
    private final Map<String, FileRecord> records;
    private final List<String> problems;
    private final BiConsumer<String, Hit> findings;

    Recorder(Map<String, FileRecord> records, List<String> problems, List<String> findings) {
        this(records, problems, (path, hit) -> findings.add(path + " " + hit.type().id()));
    }

    Recorder(Map<String, FileRecord> records, List<String> problems, BiConsumer<String, Hit> findings) {
        this.records = records;
        this.problems = problems;
        this.findings = findings;
    }

    /** Scans one root, shown as "ev", on one thread. */
    void scan(Path root, ScanLimits limits) throws IOException {
        try (Scanner s = new Scanner(Detectors.standard(), limits, this)) {
            s.scan(List.of(root), List.of("ev"), Set.of());
        }
    }

    @Override
    public void finding(String path, Hit hit) {
        findings.accept(path, hit);
    }

    @Override
    public void file(FileRecord f) {
        records.put(f.path(), f);
    }

    @Override
    public void problem(String line) {
        problems.add(line);
    }
}
