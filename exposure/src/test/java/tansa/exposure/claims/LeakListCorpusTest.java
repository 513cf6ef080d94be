package tansa.exposure.claims;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tansa.exposure.ScanJob;
import tansa.exposure.scan.ScanLimits;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Acceptance for issue 16's leak lists: a generated share is scanned by the real scan path, the
 * lists {@link LeakListCorpus} writes of it in every layout are verified, and every claim (path,
 * size, outcome), every ignored line and every sample must come out right. Prints a table per
 * layout.
 */
class LeakListCorpusTest {
    private static Path dir;
    private static LeakListCorpus corpus;
    private static ClaimVerifier verifier;

    @BeforeAll
    static void scanTheShare() throws Exception {
        dir = Files.createTempDirectory("tansa-leaklists-");
        long seed = System.getenv("TANSA_SEED") != null ? Long.parseLong(System.getenv("TANSA_SEED")) : Long.getLong("tansa.seed", 20240716L);
        System.out.println("leak-list corpus seed " + seed + " (rerun with TANSA_SEED=" + seed + ")");
        corpus = LeakListCorpus.build(dir, seed);
        Path scan = dir.resolve("scan.jsonl");
        StringWriter err = new StringWriter();
        new ScanJob(List.of(corpus.share), List.of("ev"), null, false, scan, false, false, ScanLimits.defaults(), 1)
                .run(new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals("", err.toString());
        verifier = new ClaimVerifier(ScanIndex.load(scan));
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (Boolean.getBoolean("tansa.keepCorpus")) {
            System.out.println("leak-list corpus kept in " + dir);
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void everyClaimInEveryLayoutIsReadAndClassifiedRight() {
        List<String> failures = new ArrayList<>();
        System.out.printf(Locale.ROOT, "%-40s %-14s %6s %7s %8s %8s%n", "layout", "detected", "claims", "correct", "ignored", "expected");
        int total = 0;
        int right = 0;
        for (LeakListCorpus.ListFile f : corpus.lists) {
            LeakList l = LeakList.read(f.file());
            int correct = 0;
            for (Claim c : l.claims()) {
                LeakListCorpus.Row truth = f.truth().get(c.path());
                ClaimVerifier.ClaimResult r = verifier.verify(c);
                if (truth == null) {
                    failures.add(f.layout() + ": line " + c.line() + " claims " + c.path() + ", which the list does not name");
                } else if (!r.outcome().equals(truth.expect())) {
                    failures.add(f.layout() + ": " + c.path() + " is " + r.outcome() + ", expected " + truth.expect());
                } else if (f.sizes() && (c.size() == null || c.size().min() > truth.size() || c.size().max() < truth.size())) {
                    failures.add(f.layout() + ": " + c.path() + " claims " + (c.size() == null ? "no size" : c.size()) + ", expected " + truth.size());
                } else if (f.sizes() && c.size().exact() && c.size().bytes() != truth.size()) {
                    failures.add(f.layout() + ": " + c.path() + " claims " + c.size().bytes() + " bytes, expected " + truth.size());
                } else {
                    correct++;
                }
            }
            if (l.claims().size() != f.truth().size()) {
                failures.add(f.layout() + ": " + l.claims().size() + " claims read, the list names " + f.truth().size());
            }
            if (l.ignored() != f.ignored()) {
                failures.add(f.layout() + ": " + l.ignored() + " lines ignored, expected " + f.ignored());
            }
            if (!l.problems().isEmpty()) {
                failures.add(f.layout() + ": " + l.problems());
            }
            System.out.printf(Locale.ROOT, "%-40s %-14s %6d %7d %8d %8d%n", f.layout(), l.layout().id(), l.claims().size(), correct,
                    l.ignored(), f.ignored());
            total += f.truth().size();
            right += correct;
        }
        System.out.printf(Locale.ROOT, "%-40s %-14s %6d %7d%n", "all layouts", "", total, right);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertEquals(16, corpus.lists.size());
    }

    @Test
    void everySampleIsClassifiedRight() throws Exception {
        List<String> got = new ArrayList<>();
        for (ClaimVerifier.SampleResult s : verifier.samples(corpus.samples)) {
            got.add(s.file() + " " + s.outcome());
        }
        List<String> expected = new ArrayList<>();
        for (Map.Entry<String, String> e : corpus.sampleTruth.entrySet()) {
            expected.add(e.getKey() + " " + e.getValue());
        }
        got.sort(null);
        expected.sort(null);
        System.out.println("samples: " + got.size() + ", correct: " + expected.stream().filter(got::contains).count());
        assertEquals(expected, got);
    }
}
