package tansa.exposure.scan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Legacy Word 97-2003 (.doc), the binary format most older ministry and supplier documents are
 * in. POI cannot write one, so LibreOffice (Debian's libreoffice-writer-nogui, which scripts/setup
 * installs) converts a text to .doc as Word's "MS Word 97" filter; the test fails, not skips,
 * without it. The text must come out of the .doc, alone, inside a zip, and not out of a damaged one.
 */
class LegacyWordTest {
    @TempDir
    Path tmp;

    private static final String MEMO = String.join("\n",
            "【秘】 調達計画について（社外秘）",
            "担当：山田 (yamada.taro@example.co.jp) 電話 03-1234-5678",
            "マイナンバー：123456789018",
            "秘書室と守秘義務について確認した。",
            "CONFIDENTIAL",
            "The secret to a good launch is preparation.",
            "");

    /** MEMO as a .doc written by LibreOffice's MS Word 97 filter. */
    private Path doc() throws Exception {
        Path in = tmp.resolve("memo.txt");
        Files.writeString(in, MEMO, StandardCharsets.UTF_8);
        Path out = tmp.resolve("converted");
        List<String> cmd = List.of("soffice", "--headless", "--norestore",
                "-env:UserInstallation=" + tmp.resolve("profile").toUri(),
                "--convert-to", "doc:MS Word 97", "--outdir", out.toString(), in.toString());
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            fail("this test needs LibreOffice (soffice) to write a legacy .doc: run scripts/setup --tests, which installs "
                    + "Debian's libreoffice-writer-nogui (" + e.getMessage() + ")");
            return null;
        }
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "soffice did not finish");
        assertEquals(0, p.exitValue(), "soffice exit code for " + cmd);
        Path doc = out.resolve("memo.doc");
        byte[] head = Files.readAllBytes(doc);
        // an OLE2 compound file, as Word 97-2003 writes
        assertEquals((byte) 0xD0, head[0]);
        assertEquals((byte) 0xCF, head[1]);
        return doc;
    }

    @Test
    void aLegacyWordDocumentIsParsedAloneInsideAZipAndReportedWhenDamaged() throws Exception {
        Path doc = doc();
        Path ev = tmp.resolve("ev");
        Files.createDirectories(ev);
        byte[] bytes = Files.readAllBytes(doc);
        Files.write(ev.resolve("memo.doc"), bytes);
        try (OutputStream o = Files.newOutputStream(ev.resolve("bundle.zip")); ZipOutputStream z = new ZipOutputStream(o)) {
            z.putNextEntry(new ZipEntry("minutes/memo.doc"));
            z.write(bytes);
            z.closeEntry();
        }
        // The same document cut in half: its sectors point past the end.
        Files.write(ev.resolve("torn.doc"), Arrays.copyOf(bytes, bytes.length / 2));

        Map<String, FileRecord> records = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        List<String> findings = new ArrayList<>();
        new Recorder(records, problems, findings).scan(ev, ScanLimits.defaults());

        List<String> expected = List.of("marking.classification", "marking.classification", "pii.email", "pii.phone",
                "pii.jp_my_number", "marking.classification");
        for (String path : List.of("ev/memo.doc", "ev/bundle.zip!/minutes/memo.doc")) {
            FileRecord f = records.get(path);
            assertTrue(f != null, path + " reported: " + records.keySet());
            assertEquals(FileStatus.PARSED, f.status(), path + ": " + f.error());
            assertEquals("application/msword", f.mime(), path);
            List<String> types = new ArrayList<>();
            for (String s : findings) {
                if (s.startsWith(path + " ")) {
                    types.add(s.substring(path.length() + 1));
                }
            }
            // 【秘】, 社外秘, the e-mail address, the phone number, My Number, CONFIDENTIAL; not 秘書, 守秘義務, "the secret to"
            assertEquals(expected, types, path + ": " + findings);
        }
        FileRecord torn = records.get("ev/torn.doc");
        assertTrue(torn != null, records.keySet().toString());
        assertEquals(FileStatus.CORRUPTED, torn.status(), String.valueOf(torn.error()));
        assertTrue(problems.stream().anyMatch(l -> l.startsWith("ev/torn.doc: corrupted")), problems.toString());
    }
}
