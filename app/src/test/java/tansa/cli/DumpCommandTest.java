package tansa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code tansa dump} as a user runs it: output shape, formats, exit codes, one-line errors, read-only evidence. */
class DumpCommandTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path SHARED = Path.of(System.getProperty("tansa.shared", "../../shared"));
    private static final Path REGRESSION_EVTX = SHARED.resolve(
            "sigma/regression_data/rules/windows/process_creation/proc_creation_win_certutil_decode/cc9cbe82-7bc0-4ef5-bc23-bbfb83947be7.evtx");

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
        List<JsonNode> records() throws IOException {
            List<JsonNode> out = new ArrayList<>();
            for (String line : this.out.split("\n")) {
                if (!line.isEmpty()) {
                    out.add(MAPPER.readTree(line));
                }
            }
            return out;
        }
    }

    static Run tansa(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(out, err, args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static List<JsonNode> twin(Path evtx) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        Path json = Path.of(evtx.toString().replaceAll("\\.evtx$", ".json"));
        try (var it = MAPPER.readerFor(ObjectNode.class).readValues(json.toFile())) {
            while (it.hasNext()) {
                out.add((JsonNode) it.next());
            }
        }
        return out;
    }

    @Test
    void printsOneReferenceShapedObjectPerLine() throws IOException {
        Run r = tansa("dump", REGRESSION_EVTX.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        assertEquals(twin(REGRESSION_EVTX), r.records());
        assertTrue(r.out().endsWith("}\n"));
    }

    @Test
    void readsGzipAndDetectsFormatFromContentNotName() throws IOException {
        Path gz = dir.resolve("evidence.bin");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(REGRESSION_EVTX, o);
        }
        Run r = tansa("dump", gz.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(twin(REGRESSION_EVTX), r.records());
    }

    @Test
    void convertsWinlogbeatEcsToTheReferenceShape() throws IOException {
        Path ecs = dir.resolve("winlogbeat.ndjson");
        Files.writeString(ecs, "{\"@timestamp\":\"2024-05-01T10:00:00.123Z\",\"winlog\":{\"channel\":\"Security\","
                + "\"event_id\":\"4688\",\"computer_name\":\"WS1\",\"provider_name\":\"Microsoft-Windows-Security-Auditing\","
                + "\"record_id\":77,\"event_data\":{\"NewProcessName\":\"C:\\\\Windows\\\\System32\\\\cmd.exe\"}}}\n");
        Run r = tansa("dump", ecs.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode e = r.records().get(0).get("Event");
        assertEquals(4688, e.at("/System/EventID").intValue());
        assertEquals("Security", e.at("/System/Channel").textValue());
        assertEquals("WS1", e.at("/System/Computer").textValue());
        assertEquals("Microsoft-Windows-Security-Auditing", e.at("/System/Provider/#attributes/Name").textValue());
        assertEquals("2024-05-01T10:00:00.123Z", e.at("/System/TimeCreated/#attributes/SystemTime").textValue());
        assertEquals("C:\\Windows\\System32\\cmd.exe", e.at("/EventData/NewProcessName").textValue());
    }

    @Test
    void helpAndUsageErrorsHaveTheDocumentedExitCodes() {
        assertEquals(0, tansa("--help").code());
        assertEquals(0, tansa("dump", "--help").code());
        Run none = tansa("dump");
        assertEquals(2, none.code());
        assertTrue(none.err().contains("Missing required parameter"), none.err());
        assertEquals(2, tansa("dump", "--no-such-option", "x").code());
        assertEquals(2, tansa().code());
    }

    @Test
    void badInputsGetOneClearLineEachAndExitOne() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.txt"), "just text");
        Path empty = Files.write(dir.resolve("empty.evtx"), new byte[0]);
        Path emptyDir = Files.createDirectory(dir.resolve("nothing-here"));
        Path missing = dir.resolve("missing.evtx");
        Run r = tansa("dump", text.toString(), empty.toString(), emptyDir.toString(), missing.toString(), REGRESSION_EVTX.toString());
        assertEquals(1, r.code());
        String[] lines = r.err().split("\n");
        assertEquals(4, lines.length, r.err());
        assertEquals("tansa: " + text + ": offset 0: not evidence: expected an EVTX file ('ElfFile' at offset 0), JSON objects, a Zeek log ('#separator') or syslog lines ('<PRI>', 'Mmm dd hh:mm:ss host', an ISO-8601 time and host), plain or gzip", lines[0]);
        assertEquals("tansa: " + empty + ": offset 0: empty file: no evidence to read", lines[1]);
        assertEquals("tansa: " + emptyDir + ": no evidence found in this directory (looked for EVTX, JSON, Zeek and syslog logs, plain or gzip)", lines[2]);
        assertEquals("tansa: " + missing + ": no such file or directory", lines[3]);
        assertEquals(twin(REGRESSION_EVTX), r.records(), "the good file is still read");
        assertTrue(!r.err().contains("Exception") && !r.err().contains("\tat "), r.err());
    }

    @Test
    void neverModifiesEvidenceAndPrintsItsHashes() throws Exception {
        Path evidence = Files.createDirectory(dir.resolve("case"));
        Path a = Files.copy(REGRESSION_EVTX, evidence.resolve("a.evtx"));
        Path b = evidence.resolve("b.json.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(b))) {
            Files.copy(Path.of(REGRESSION_EVTX.toString().replaceAll("\\.evtx$", ".json")), o);
        }
        FileTime old = FileTime.fromMillis(1_600_000_000_000L);
        Files.setLastModifiedTime(a, old);
        Files.setLastModifiedTime(b, old);
        String ha = sha256(a);
        String hb = sha256(b);
        Run r = tansa("dump", "--hashes", evidence.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(ha + "  " + a + "\n" + hb + "  " + b + "\n", r.err());
        assertEquals(ha, sha256(a));
        assertEquals(hb, sha256(b));
        assertEquals(old, Files.getLastModifiedTime(a));
        assertEquals(old, Files.getLastModifiedTime(b));
        assertEquals(2 * twin(REGRESSION_EVTX).size(), r.records().size());
    }

    @Test
    void refusesFifosAndDanglingLinksInsteadOfHanging() throws Exception {
        Path fifo = dir.resolve("pipe.evtx");
        Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo");
        Path dangling = Files.createSymbolicLink(dir.resolve("gone.evtx"), dir.resolve("nowhere.evtx"));
        Run r = tansa("dump", fifo.toString(), dangling.toString());
        assertEquals(1, r.code());
        assertEquals("tansa: " + fifo + ": not a regular file (a FIFO, device or socket); skipped\n"
                + "tansa: " + dangling + ": dangling symbolic link; skipped\n", r.err());
    }

    @Test
    void readsStandardInputForADash() throws IOException {
        java.io.InputStream saved = System.in;
        try (java.io.InputStream in = Files.newInputStream(REGRESSION_EVTX)) {
            System.setIn(in);
            Run r = tansa("dump", "-");
            assertEquals(0, r.code(), r.err());
            assertEquals(twin(REGRESSION_EVTX), r.records());
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void countsRecordsPerFile() {
        Run r = tansa("dump", "--count", REGRESSION_EVTX.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("1\t" + REGRESSION_EVTX + "\n1\ttotal\n", r.out());
    }

    private static String sha256(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }

    @Test
    void dumpsBothFormsOfAZeekLogAsTheSameRecords() throws IOException {
        Path zeek = SHARED.resolve("corpus/zeek");
        Assumptions.assumeTrue(Files.isDirectory(zeek), "no Zeek samples at " + zeek);
        Run tsv = tansa("dump", zeek.resolve("ssh.log.gz").toString());
        Run json = tansa("dump", zeek.resolve("ssh.json.gz").toString());
        assertEquals(0, tsv.code(), tsv.err());
        assertEquals(0, json.code(), json.err());
        List<String> fromTsv = tsv.out().lines().toList();
        // the JSON samples carry _write_ts, a column the TSV form has not (README, Zeek logs)
        List<String> fromJson = json.out().lines().map(l -> l.replaceFirst("\"_write_ts\":\"[^\"]*\",", "")).toList();
        assertEquals(22, fromTsv.size());
        assertEquals(fromTsv, fromJson);
        assertTrue(fromTsv.get(0).startsWith("{\"_path\":\"ssh\",\"ts\":\"2018-03-24T"), fromTsv.get(0));
    }
}
