package tansa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real CLI end to end: scan a small evidence tree, then verify a leak claim against the scan. */
class ExposureCommandsTest {
    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private static List<JsonNode> jsonl(String text) throws Exception {
        ObjectMapper om = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        for (String l : text.split("\n")) {
            if (!l.isBlank()) {
                out.add(om.readTree(l));
            }
        }
        return out;
    }

    private Path evidence() throws Exception {
        Path ev = tmp.resolve("ev");
        Files.createDirectories(ev.resolve("share"));
        try (XWPFDocument d = new XWPFDocument(); OutputStream o = Files.newOutputStream(ev.resolve("share/plan.docx"))) {
            d.createParagraph().createRun().setText("【極秘】");
            d.createParagraph().createRun().setText("担当：yamada@example.co.jp");
            d.write(o);
        }
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zip)) {
            z.putNextEntry(new ZipEntry("hr/list.csv"));
            z.write("氏名,メール\n山田 太郎,taro@example.jp\n".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        Files.write(ev.resolve("backup.zip"), zip.toByteArray());
        Files.writeString(ev.resolve("notes.txt"), "CONFIDENTIAL\naws_access_key_id=AKIAZ7QWERTYUIOP1234\n");
        return ev;
    }

    @Test
    void scansThenVerifiesALeakClaim() throws Exception {
        Path ev = evidence();
        Path scan = tmp.resolve("scan.jsonl");
        assertEquals(0, run("scan", ev.toString(), "--output", scan.toString()), err.toString());
        List<JsonNode> records = jsonl(Files.readString(scan));
        JsonNode summary = records.get(records.size() - 1);
        assertEquals("summary", summary.get("kind").asText());
        assertEquals(4, summary.get("files").asInt());
        assertEquals(2, summary.get("counts").get("marking.classification").asInt());
        assertEquals(2, summary.get("distinct").get("pii.email").asInt());
        assertEquals(1, summary.get("counts").get("secret.aws_access_key").asInt());
        assertFalse(Files.readString(scan).contains("AKIAZ7QWERTYUIOP1234"), "raw secret printed without --reveal");
        assertTrue(records.stream().anyMatch(r -> r.get("path").asText().equals(ev + "/backup.zip!/hr/list.csv")));

        long planSize = Files.size(ev.resolve("share/plan.docx"));
        Path list = tmp.resolve("leak.txt");
        Files.writeString(list, "C:\\Share\\plan.docx\t" + planSize + "\n\\\\fs\\hr\\list.csv 99\nD:\\other.pdf 5\n");
        out.getBuffer().setLength(0);
        assertEquals(0, run("claims", "verify", "--scan", scan.toString(), "--leak-list", list.toString(), "--format", "jsonl"), err.toString());
        List<JsonNode> claims = jsonl(out.toString());
        assertEquals("confirmed", claims.get(0).get("outcome").asText());
        assertEquals(1, claims.get(0).get("findings").get("marking.classification").asInt());
        assertEquals("size_mismatch", claims.get(1).get("outcome").asText());
        assertEquals("not_found", claims.get(2).get("outcome").asText());
        assertEquals("1 of 3 claimed files confirmed; 1 carry classification markings; 1 could not be matched",
                claims.get(3).get("verdict").asText());

        out.getBuffer().setLength(0);
        assertEquals(0, run("claims", "verify", "--scan", scan.toString(), "--leak-list", list.toString()));
        assertTrue(out.toString().contains("1 of 3 claimed files confirmed"), out.toString());
    }

    @Test
    void verifiesARightAlignedSizePathListEchoingWhatItParsed() throws Exception {
        Path ev = evidence();
        Path scan = tmp.resolve("scan.jsonl");
        assertEquals(0, run("scan", ev.toString(), "--output", scan.toString()), err.toString());
        long planSize = Files.size(ev.resolve("share/plan.docx"));
        String shown = String.format(java.util.Locale.ROOT, "%,d", planSize);
        Path list = tmp.resolve("acme.txt");
        Files.writeString(list, "ACME Corp — data leak\nRevenue: $4.2B\n\n        SIZE  PATH\n------------  ----\n"
                + String.format(java.util.Locale.ROOT, "%12s", shown) + "  E:\\shares\\設計\\plan.docx\n"
                + "   1,048,576  E:\\shares\\HR\\list.csv\n"
                + "         512  \\\\fs01\\legal\\NDA draft v2.docx\n", StandardCharsets.UTF_8);
        out.getBuffer().setLength(0);
        assertEquals(0, run("claims", "verify", "--scan", scan.toString(), "--leak-list", list.toString(), "--format", "jsonl"), err.toString());
        List<JsonNode> claims = jsonl(out.toString());
        assertEquals("E:\\shares\\設計\\plan.docx", claims.get(0).get("claimed_path").asText());
        assertEquals(planSize, claims.get(0).get("claimed_size").asLong());
        assertEquals(shown, claims.get(0).get("size_text").asText());
        assertEquals(6, claims.get(0).get("line").asInt());
        assertEquals("confirmed", claims.get(0).get("outcome").asText());
        assertEquals("path+size", claims.get(0).get("matched_by").asText());
        assertEquals("size_mismatch", claims.get(1).get("outcome").asText());
        assertEquals("\\\\fs01\\legal\\NDA draft v2.docx", claims.get(2).get("claimed_path").asText());
        assertEquals("not_found", claims.get(2).get("outcome").asText());
        JsonNode summary = claims.get(3);
        assertEquals(4, summary.get("ignored").asInt());
        assertEquals("columns", summary.get("layout").asText());
        assertEquals("1 of 3 claimed files confirmed; 1 carry classification markings; 1 could not be matched", summary.get("verdict").asText());

        out.getBuffer().setLength(0);
        assertEquals(0, run("claims", "verify", "--scan", scan.toString(), "--leak-list", list.toString()));
        assertTrue(out.toString().contains("4 lines of the list named no file and were ignored (layout: columns)"), out.toString());
    }

    @Test
    void aBinaryOrBrokenListIsOneLineAndTheRunGoesOn() throws Exception {
        Path ev = evidence();
        Path scan = tmp.resolve("scan.jsonl");
        assertEquals(0, run("scan", ev.toString(), "--output", scan.toString()), err.toString());
        Path bin = tmp.resolve("leak.7z");
        Files.write(bin, new byte[] {'7', 'z', (byte) 0xbc, (byte) 0xaf, 0x27, 0x1c, 0, 4});
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        assertEquals(1, run("claims", "verify", "--scan", scan.toString(), "--leak-list", bin.toString(), "--format", "jsonl"));
        assertEquals(bin + ":1: binary data (a NUL byte at offset 6), not a file list; no claims taken from it", err.toString().strip());
        assertTrue(out.toString().contains("\"verdict\":\"0 of 0 claimed files confirmed"), out.toString());

        Path json = tmp.resolve("leak.json");
        Files.writeString(json, "[\"C:\\\\Share\\\\plan.docx\",\n  oops]\n");
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        assertEquals(1, run("claims", "verify", "--scan", scan.toString(), "--leak-list", json.toString(), "--format", "jsonl"));
        assertTrue(err.toString().startsWith(json + ":2: not valid JSON at column 3"), err.toString());
        assertEquals("size_mismatch", jsonl(out.toString()).get(0).get("outcome").asText());
    }

    @Test
    void usageErrorsExitTwoWithOneLine() throws Exception {
        // A missing path is reported in one line and skipped; with nothing left to scan the exit code is 1.
        assertEquals(1, run("scan", tmp.resolve("missing").toString()));
        assertTrue(err.toString().contains("missing: no such file or directory; skipped"), err.toString());
        assertEquals(2, run("scan", tmp.toString(), "--format", "xml"));
        assertEquals(2, run("claims", "verify", "--leak-list", "x"));
        assertEquals(2, run("scan", tmp.toString(), "--resume"));
        assertEquals(2, run("scan", tmp.toString(), "--dictionary", tmp.resolve("none.txt").toString()));
        assertTrue(err.toString().contains("--dictionary"), err.toString());
    }

    @Test
    void damagedEvidenceIsReportedAndExitsOne() throws Exception {
        Path ev = tmp.resolve("bad");
        Files.createDirectories(ev);
        Files.write(ev.resolve("broken.zip"), new byte[] {'P', 'K', 3, 4, 1, 2, 3});
        Files.writeString(ev.resolve("ok.txt"), "SECRET//NOFORN\n");
        assertEquals(1, run("scan", ev.toString(), "--format", "table"));
        assertTrue(err.toString().contains("broken.zip: corrupted"), err.toString());
        assertFalse(err.toString().contains("Exception"), err.toString());
        assertTrue(out.toString().contains("coverage: 1 of 2 files checked"), out.toString());
    }

    @Test
    void theConsolesExposurePageShowsTheAttachedScanAndLeakClaimResult() throws Exception {
        Path ev = evidence();
        Path scan = tmp.resolve("scan.jsonl");
        assertEquals(0, run("scan", ev.toString(), "--output", scan.toString()), err.toString());
        Path list = tmp.resolve("leak.txt");
        Files.writeString(list, "C:\\Share\\plan.docx\t" + Files.size(ev.resolve("share/plan.docx")) + "\n\\\\fs\\hr\\list.csv 99\nD:\\other.pdf 5\n");
        Path claims = tmp.resolve("claims.jsonl");
        assertEquals(0, run("claims", "verify", "--scan", scan.toString(), "--leak-list", list.toString(), "-f", "jsonl", "-o",
                claims.toString()), err.toString());
        Path c = tmp.resolve("acme");
        assertEquals(0, run("case", "init", c.toString(), "-q"));
        assertEquals(0, run("ingest", "--case", c.toString(), "--scan", scan.toString(), "--claims", claims.toString(), "-q"), err.toString());
        tansa.console.CaseDatabase db = tansa.console.CaseDatabase.open(c, 2);
        String token;
        try {
            tansa.console.Members m = new tansa.console.Members(db);
            m.put("vic", tansa.console.Role.VIEWER, "correct horse battery", java.time.Instant.now());
            token = m.createToken("vic", java.time.Instant.now());
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        try (tansa.console.ConsoleServer server = tansa.console.ConsoleServer.start(List.of(db),
                new tansa.console.ConsoleServer.Options("127.0.0.1", 0, false), new tansa.console.ChainAuditSink(),
                java.time.Clock.systemUTC(), System.err::println)) {
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.port();
            java.net.http.HttpResponse<String> api = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/cases/acme/exposure"))
                    .header("Authorization", "Bearer " + token).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, api.statusCode(), api.body());
            JsonNode e = new ObjectMapper().readTree(api.body());
            assertEquals(4, e.path("exposure").path("files").asInt(), api.body());
            assertEquals(2, e.path("exposure").path("distinct").path("pii.email").asInt(), api.body());
            assertEquals(3, e.path("claims").path("claimed").asInt(), api.body());
            assertEquals(1, e.path("claims").path("confirmed").asInt(), api.body());
            assertEquals(1, e.path("claims").path("confirmedWithMarkings").asInt(), api.body());
            java.net.http.HttpResponse<String> page = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base
                    + "/cases/acme/exposure?lang=en")).header("Authorization", "Bearer " + token).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("1 of 3 claimed files confirmed; 1 carry classification markings."), page.body());
            assertTrue(page.body().contains("of 4 files ("), "the unread share: " + page.body());
            assertTrue(page.body().contains("<td>pii.email</td>"), page.body());
            assertFalse(page.body().contains("taro@example.jp") || page.body().contains("AKIAZ7QWERTYUIOP1234"), "no values shown");
        }
    }
}
