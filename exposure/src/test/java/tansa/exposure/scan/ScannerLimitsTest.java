package tansa.exposure.scan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Zip bombs, nesting, time limits, symbolic links and read-only evidence. */
class ScannerLimitsTest {
    @TempDir
    Path tmp;

    private final Map<String, FileRecord> records = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final List<String> findings = new ArrayList<>();

    private void scan(Path root, ScanLimits limits) throws Exception {
        new Recorder(records, problems, findings).scan(root, limits);
    }

    private static byte[] zip(String name, byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry(name));
            z.write(data);
            z.closeEntry();
        }
        return out.toByteArray();
    }

    @Test
    void stopsExpandingAZipBombAndGoesOn() throws Exception {
        Files.write(tmp.resolve("bomb.zip"), zip("zeros.txt", new byte[64 << 20]));
        Files.writeString(tmp.resolve("z.txt"), "mail me at someone@example.com\n");
        scan(tmp, ScanLimits.defaults());
        FileRecord m = records.get("ev/bomb.zip!/zeros.txt");
        assertEquals(FileStatus.TOO_LARGE, m.status());
        assertTrue(m.error().contains("--max-ratio"), m.error());
        assertEquals(FileStatus.PARSED, records.get("ev/z.txt").status());
        assertEquals(List.of("ev/z.txt pii.email"), findings);
    }

    @Test
    void refusesNestingDeeperThanTheLimit() throws Exception {
        byte[] b = "SSN 123-45-6789\n".getBytes(StandardCharsets.US_ASCII);
        for (int k = 0; k < 4; k++) {
            b = zip("level" + k + (k == 0 ? ".txt" : ".zip"), b);
        }
        Files.write(tmp.resolve("deep.zip"), b);
        scan(tmp, new ScanLimits(Duration.ofSeconds(60), 1 << 20, 2, 200, 1 << 30));
        FileRecord tooDeep = records.get("ev/deep.zip!/level3.zip!/level2.zip");
        assertEquals(FileStatus.TOO_LARGE, tooDeep.status(), records.toString());
        assertTrue(tooDeep.error().contains("--max-depth 2"));
        assertTrue(findings.isEmpty());
    }

    @Test
    void abandonsAParserPastTheTimeLimitAndScansTheNextFile() throws Exception {
        StringBuilder html = new StringBuilder("<html><body>");
        for (int k = 0; k < 200_000; k++) {
            html.append("<p>row ").append(k).append(" person").append(k).append("@example.com</p>");
        }
        Files.writeString(tmp.resolve("a.html"), html.append("</body></html>"));
        Files.writeString(tmp.resolve("b.txt"), "SSN 123-45-6789\n");
        scan(tmp, new ScanLimits(Duration.ofMillis(200), 256L << 20, 5, 200, 1 << 30));
        FileRecord a = records.get("ev/a.html");
        assertEquals(FileStatus.TIMEOUT, a.status(), String.valueOf(a));
        assertTrue(a.error().contains("--timeout"));
        assertEquals(FileStatus.PARSED, records.get("ev/b.txt").status());
        assertTrue(findings.contains("ev/b.txt pii.us_ssn"));
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("ev/a.html: timeout")), problems.toString());
    }

    @Test
    void neverFollowsSymbolicLinksOutOfTheRoots() throws Exception {
        Path outside = tmp.resolve("outside");
        Path root = tmp.resolve("root");
        Files.createDirectories(outside);
        Files.createDirectories(root);
        Files.writeString(outside.resolve("secret.txt"), "password = hunter2hunter2\n");
        Files.createSymbolicLink(root.resolve("link.txt"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("linkdir"), outside);
        Files.writeString(root.resolve("ok.txt"), "nothing here\n");
        scan(root, ScanLimits.defaults());
        assertEquals(Set.of("ev/ok.txt"), records.keySet());
        assertTrue(findings.isEmpty());
        assertEquals(2, problems.stream().filter(p -> p.contains("outside the scanned roots")).count(), problems.toString());
    }

    @Test
    void leavesEvidenceUntouched() throws Exception {
        Path f = tmp.resolve("doc.txt");
        byte[] content = "CONFIDENTIAL\nsomeone@example.com\n".getBytes(StandardCharsets.UTF_8);
        Files.write(f, content);
        FileTime before = FileTime.fromMillis(1_600_000_000_000L);
        Files.setLastModifiedTime(f, before);
        f.toFile().setReadOnly();
        scan(tmp, ScanLimits.defaults());
        assertArrayEquals(content, Files.readAllBytes(f));
        assertEquals(before, Files.getLastModifiedTime(f));
        assertEquals(2, findings.size());
        assertFalse(Files.exists(tmp.resolve("doc.txt.tmp")));
    }
}
