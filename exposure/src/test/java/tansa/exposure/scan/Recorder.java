package tansa.exposure.scan;

import tansa.exposure.detect.Detectors;
import tansa.exposure.detect.Hit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** For tests: records what a scan reports (findings as "path type", file records by path, problem lines). */
final class Recorder implements ScanListener {
    private final Map<String, FileRecord> records;
    private final List<String> problems;
    private final List<String> findings;

    Recorder(Map<String, FileRecord> records, List<String> problems, List<String> findings) {
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
        findings.add(path + " " + hit.type().id());
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
