package tansa.exposure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tansa.exposure.corpus.Corpus;
import tansa.exposure.scan.ScanLimits;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs whole scans into JSONL: distinct counts, masking, --reveal and --resume. */
class ScanJobTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static Path tables;

    /** Customer tables overlapping across a CSV, an XLSX-free CSV variant and a zipped CSV. */
    @BeforeAll
    static void customerTables() throws Exception {
        tables = tmp.resolve("tables");
        Files.createDirectories(tables);
        Corpus helper = Corpus.build(tmp.resolve("unused"), 99);
        Files.write(tables.resolve("a.csv"), helper.customersCsvBytes(0, 600, false));
        Files.write(tables.resolve("b.csv"), helper.customersCsvBytes(400, 1000, false));
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zip)) {
            z.putNextEntry(new ZipEntry("export/c.csv"));
            // Upper-case addresses and full-width phone numbers: equal after normalisation.
            z.write(helper.customersCsvBytes(900, 1200, true));
            z.closeEntry();
        }
        Files.write(tables.resolve("c.zip"), zip.toByteArray());
    }

    static List<JsonNode> run(Path root, Path output, boolean reveal, boolean resume) throws Exception {
        return run(root, output, reveal, resume, 1);
    }

    static List<JsonNode> run(Path root, Path output, boolean reveal, boolean resume, int threads) throws Exception {
        ScanJob job = new ScanJob(List.of(root), List.of("ev"), null, false, output, reveal, resume, ScanLimits.defaults(), threads);
        StringWriter out = new StringWriter();
        job.run(new PrintWriter(out), new PrintWriter(new StringWriter()));
        String text = output == null ? out.toString() : Files.readString(output, StandardCharsets.UTF_8);
        List<JsonNode> records = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                records.add(JSON.readTree(line));
            }
        }
        return records;
    }

    static JsonNode summary(List<JsonNode> records) {
        JsonNode last = records.get(records.size() - 1);
        assertEquals("summary", last.get("kind").asText());
        return last;
    }

    @Test
    void distinctCountsAreExactAcrossOverlappingTables() throws Exception {
        JsonNode s = summary(run(tables, null, false, false));
        System.out.println("distinct " + s.get("distinct") + " counts " + s.get("counts"));
        assertEquals(1500, s.get("counts").get("pii.email").asInt());
        assertEquals(1200, s.get("distinct").get("pii.email").asInt());
        assertEquals(1500, s.get("counts").get("pii.phone").asInt());
        assertEquals(1200, s.get("distinct").get("pii.phone").asInt());
        assertEquals(1200, s.get("distinct").get("pii.jp_my_number").asInt());
        assertEquals(4, s.get("files").asInt());
        assertEquals(1.0, s.get("coverage").get("ratio").asDouble());
    }

    @Test
    void masksValuesUnlessRevealed() throws Exception {
        List<JsonNode> masked = run(tables, null, false, false);
        JsonNode f = masked.stream().filter(n -> n.get("type") != null && n.get("type").asText().equals("pii.email")).findFirst().orElseThrow();
        assertFalse(f.has("value"));
        assertTrue(f.get("masked").asText().matches("c\\*\\*\\*@shop\\.example\\.jp"), f.toString());
        assertEquals(64, f.get("value_sha256").asText().length());
        assertEquals("ev/a.csv", f.get("path").asText());
        List<JsonNode> revealed = run(tables, null, true, false);
        JsonNode g = revealed.stream().filter(n -> n.get("type") != null && n.get("type").asText().equals("pii.email")).findFirst().orElseThrow();
        assertTrue(g.get("value").asText().startsWith("customer"), g.toString());
        JsonNode member = revealed.stream().filter(n -> n.get("kind").asText().equals("file") && n.get("path").asText().contains("!/")).findFirst().orElseThrow();
        assertEquals("ev/c.zip!/export/c.csv", member.get("path").asText());
    }

    @Test
    void resumeAfterAnInterruptionGivesTheSameSummary() throws Exception {
        Path full = tmp.resolve("full.jsonl");
        JsonNode expected = summary(run(tables, full, false, false));
        // An interrupted run: the output ends part-way through a file, with a cut line.
        List<String> lines = Files.readAllLines(full, StandardCharsets.UTF_8);
        int cut = lines.size() / 2;
        Path partial = tmp.resolve("partial.jsonl");
        String head = String.join("\n", lines.subList(0, cut)) + "\n" + lines.get(cut).substring(0, lines.get(cut).length() / 2);
        Files.writeString(partial, head, StandardCharsets.UTF_8);
        // Resumed on four threads (two lanes): the files left are scanned side by side, written in order.
        List<JsonNode> resumed = run(tables, partial, false, true, 4);
        JsonNode got = summary(resumed);
        assertEquals(expected.get("counts"), got.get("counts"));
        assertEquals(expected.get("distinct"), got.get("distinct"));
        assertEquals(expected.get("coverage"), got.get("coverage"));
        Map<String, Integer> fileRecords = new HashMap<>();
        for (JsonNode n : resumed) {
            if (n.get("kind").asText().equals("file")) {
                fileRecords.merge(n.get("path").asText(), 1, Integer::sum);
            }
        }
        assertEquals(Map.of("ev/a.csv", 1, "ev/b.csv", 1, "ev/c.zip", 1, "ev/c.zip!/export/c.csv", 1), fileRecords);
    }
}
