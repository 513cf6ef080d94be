package tansa.exposure.scan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tansa.exposure.corpus.Corpus;
import tansa.exposure.detect.Detectors;
import tansa.exposure.detect.Hit;

import org.apache.poi.xwpf.usermodel.XWPFDocument;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Scanning with several threads writes exactly what one thread writes, in the same order. */
class ParallelScanTest {
    @TempDir
    static Path tmp;

    private static List<String> scan(Path root, int threads, int held) throws Exception {
        return scan(root, threads, held, Duration.ofSeconds(60), null);
    }

    /** Scans root; the listener sleeps {@code stall} ms at the first finding of a path {@code slow} (if not null). */
    private static List<String> scan(Path root, int threads, int held, Duration timeout, String slow) throws Exception {
        List<String> events = new ArrayList<>();
        boolean[] stalled = {false};
        ScanListener l = new ScanListener() {
            @Override
            public void finding(String path, Hit hit) {
                if (path.equals(slow) && !stalled[0]) {
                    stalled[0] = true;
                    try {
                        Thread.sleep(2500);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }
                events.add("finding " + path + " " + hit.type().id() + " " + hit.normalized() + " @" + hit.offset() + " line " + hit.line());
            }

            @Override
            public void file(FileRecord f) {
                events.add("file " + f.path() + " " + f.sha256() + " " + f.status().id() + " " + f.error());
            }

            @Override
            public void problem(String line) {
                events.add("problem " + line);
            }
        };
        ScanLimits limits = new ScanLimits(timeout, 256L << 20, 5, 200, 1L << 30);
        try (ParallelScan s = new ParallelScan(Detectors.standard(), limits, l, threads, held)) {
            s.scan(List.of(root), List.of("ev"), Set.of());
        }
        return events;
    }

    @Test
    void waitingForItsTurnDoesNotCountAgainstTheParserTimeout() throws Exception {
        Path root = tmp.resolve("turns");
        Files.createDirectories(root);
        Files.writeString(root.resolve("a.txt"), "first@example.com\n");
        try (XWPFDocument d = new XWPFDocument(); OutputStream out = Files.newOutputStream(root.resolve("b.docx"))) {
            for (int k = 0; k < 20; k++) {
                d.createParagraph().createRun().setText("contact" + k + "@example.com");
            }
            d.write(out);
        }
        // a.txt is written first and its first finding takes 2.5 s to write; b.docx, parsed beside
        // it with a 1.5 s timeout, holds 3 findings and then waits for its turn.
        List<String> events = scan(root, 4, 3, Duration.ofMillis(1500), "ev/a.txt");
        assertTrue(events.contains("file ev/b.docx " + sha(root.resolve("b.docx")) + " parsed null"), events.toString());
        assertEquals(20, events.stream().filter(e -> e.startsWith("finding ev/b.docx pii.email")).count());
        assertEquals(scan(root, 1, ParallelScan.HELD), events);
    }

    private static String sha(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }

    @Test
    void anyNumberOfThreadsGivesTheOutputOfOne() throws Exception {
        Corpus corpus = Corpus.build(tmp.resolve("corpus"), 20240701L);
        Path root = corpus.root;
        // A file with more findings than a file scanned ahead of its turn holds, after a slow one,
        // and a walk problem between files: a link out of the roots.
        StringBuilder many = new StringBuilder();
        for (int k = 0; k < 3000; k++) {
            many.append("customer").append(k).append("@shop.example.jp, 090-1234-").append(String.format("%04d", k)).append('\n');
        }
        Files.writeString(root.resolve("zz-many.csv"), many, StandardCharsets.UTF_8);
        Files.writeString(root.resolve("zy-slow.txt"), "極秘 report\n".repeat(200_000), StandardCharsets.UTF_8);
        Path outside = tmp.resolve("outside.txt");
        Files.writeString(outside, "secret.password = hunter2hunter2\n");
        Files.createSymbolicLink(root.resolve("zx-link.txt"), outside);

        List<String> one = scan(root, 1, ParallelScan.HELD);
        assertTrue(one.stream().anyMatch(e -> e.startsWith("problem ev/zx-link.txt: skipped symbolic link pointing outside")), one.toString());
        assertTrue(one.stream().filter(e -> e.startsWith("finding ev/zz-many.csv ")).count() >= 6000);
        // Six threads (three lanes) that hold at most three results each ahead of their turn: lanes wait often.
        List<String> six = scan(root, 6, 3);
        assertEquals(one.size(), six.size());
        assertEquals(one, six);
        // One lane that reads on a second thread.
        assertEquals(one, scan(root, 2, ParallelScan.HELD));
    }
}
