package tansa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code tansa scan} over many tiny files in a child JVM with a small heap: what the scan keeps
 * must not grow with the number of files, only with the largest directory (issue 4). A leak of a
 * hundred bytes a file fails the first test. bench/many-files.sh runs the same check on a
 * million files and measures it.
 */
class ManyFilesScanTest {
    private static final int FILES = 200_000;
    private static final int PER_DIR = 1000;

    @TempDir
    Path tmp;
    /** Where the many files go: tmpfs when there is one (creating 200,000 files on this disk took a minute, on tmpfs 4 s). */
    private Path scratch;

    @BeforeEach
    void scratch() throws IOException {
        Path shm = Path.of("/dev/shm");
        scratch = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "tansa-many-files-") : tmp.resolve("files");
    }

    @AfterEach
    void removeScratch() throws IOException {
        if (scratch.startsWith("/dev/shm")) {
            try (Stream<Path> s = Files.walk(scratch)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private record Run(int exit, String stderr) {
    }

    /** The CLI in its own JVM (test classpath), so that its heap can be limited. */
    private Run tansa(String heap, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        Path err = tmp.resolve("stderr.txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "tansa scan did not finish in 120 s");
        return new Run(p.exitValue(), Files.readString(err));
    }

    /** Counts the file records and returns the closing summary. */
    private static JsonNode read(Path jsonl, long[] fileRecords) throws IOException {
        ObjectMapper om = new ObjectMapper();
        String last = null;
        try (BufferedReader r = Files.newBufferedReader(jsonl, StandardCharsets.UTF_8)) {
            for (String l; (l = r.readLine()) != null; last = l) {
                if (l.startsWith("{\"kind\":\"file\"")) {
                    fileRecords[0]++;
                }
            }
        }
        JsonNode s = om.readTree(last);
        assertEquals("summary", s.get("kind").asText());
        return s;
    }

    @Test
    void scansTwoHundredThousandFilesInA32MegabyteHeapAndReportsEveryOne() throws Exception {
        Path ev = scratch.resolve("ev");
        long emails = 0;
        long empty = 0;
        for (int i = 0; i < FILES; i++) {
            Path dir = ev.resolve(String.format(Locale.ROOT, "d%03d", i / PER_DIR));
            if (i % PER_DIR == 0) {
                Files.createDirectories(dir);
            }
            String text;
            if (i % 100 == 99) {
                text = "";
                empty++;
            } else if (i % 10 == 0) {
                text = "contact user" + i + "@example.com\n";
                emails++;
            } else {
                text = "line " + i + "\n";
            }
            Files.writeString(dir.resolve(String.format(Locale.ROOT, "f%06d.txt", i)), text);
        }
        Path out = tmp.resolve("scan.jsonl");
        Run r = tansa("32m", "scan", ev.toString(), "--output", out.toString());
        assertEquals(0, r.exit(), r.stderr());
        // With --output the only line on stderr is the closing summary.
        assertEquals("tansa: scan: " + FILES + " files (" + FILES + " checked, 100.0%), " + emails + " findings; written to " + out + "\n",
                r.stderr());
        long[] records = new long[1];
        JsonNode s = read(out, records);
        assertEquals(FILES, records[0]);
        assertEquals(FILES, s.get("files").asLong());
        assertEquals(emails, s.get("counts").get("pii.email").asLong());
        assertEquals(emails, s.get("distinct").get("pii.email").asLong());
        assertEquals(FILES - empty, s.get("coverage").get("parsed").asLong());
        assertEquals(empty, s.get("coverage").get("empty").asLong());
        assertEquals(1.0, s.get("coverage").get("ratio").asDouble());
    }

    @Test
    void aDirectoryTooLargeForTheHeapIsOneLineAndTheScanGoesOn() throws Exception {
        Path ev = scratch.resolve("ev");
        Path big = ev.resolve("big");
        Files.createDirectories(big);
        Files.writeString(ev.resolve("a.txt"), "a@example.com\n");
        Files.writeString(ev.resolve("z.txt"), "z@example.com\n");
        // Names near the 255-byte limit, so that a few tens of thousands fill a small heap.
        String pad = "n".repeat(240);
        for (int i = 0; i < 60_000; i++) {
            Files.createFile(big.resolve(pad + String.format(Locale.ROOT, "%06d", i)));
        }
        Path out = tmp.resolve("scan.jsonl");
        Run r = tansa("12m", "scan", ev.toString(), "--output", out.toString());
        assertEquals(0, r.exit(), r.stderr());
        String[] lines = r.stderr().split("\n");
        assertEquals(2, lines.length, r.stderr());
        assertTrue(lines[1].startsWith("tansa: scan: "), "the closing summary: " + lines[1]);
        assertTrue(lines[0].startsWith("tansa: scan: " + ev + "/big: too_large: directory not scanned: its listing ("), lines[0]);
        assertTrue(lines[0].endsWith("MB heap; scan it again with a larger -Xmx (TANSA_JAVA_OPTS)"), lines[0]);
        assertFalse(r.stderr().contains("Exception"), r.stderr());
        long[] records = new long[1];
        JsonNode s = read(out, records);
        // The directory has a record of its own, in walk order, so the coverage says it was not checked.
        assertEquals(3, records[0]);
        assertEquals(2, s.get("counts").get("pii.email").asLong());
        assertEquals(1, s.get("coverage").get("too_large").asLong());
        assertEquals(1, s.get("coverage").get("not_checked").asLong());
        ObjectMapper om = new ObjectMapper();
        List<String> files = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            JsonNode n = om.readTree(line);
            if (n.get("kind").asText().equals("file")) {
                files.add(n.get("path").asText() + " " + n.get("mime").asText() + " " + n.get("status").asText());
            }
        }
        assertEquals(List.of(ev + "/a.txt text/plain parsed", ev + "/big inode/directory too_large", ev + "/z.txt text/plain parsed"), files);
    }
}
