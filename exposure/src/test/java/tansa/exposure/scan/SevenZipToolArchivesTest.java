package tansa.exposure.scan;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Password-protected 7z archives as 7-Zip itself writes them (the corpus's encrypted 7z comes
 * from commons-compress, which writes one folder a member and never encrypts the header): a solid
 * archive, whose members share one encrypted stream, and one with encrypted headers ({@code -mhe=on}),
 * whose member names cannot be listed either. Needs Debian's {@code 7z}, which scripts/setup
 * installs; the test fails, not skips, without it.
 */
class SevenZipToolArchivesTest {
    @TempDir
    Path tmp;

    private final Map<String, FileRecord> records = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final List<String> findings = new ArrayList<>();
    private Path evidence;

    @BeforeEach
    void evidence() throws IOException {
        Path in = tmp.resolve("in");
        Files.createDirectories(in.resolve("hr"));
        Files.writeString(in.resolve("hr/staff.csv"), "name,email\nSato,sato@example.co.jp\n");
        Files.writeString(in.resolve("keys.txt"), "aws_access_key_id = AKIA2E0A8F3B244C9986\n");
        Files.writeString(in.resolve("notes.txt"), "nothing to see\n".repeat(50));
        evidence = tmp.resolve("ev");
        Files.createDirectories(evidence);
        // after the archives in walking order: the scan must go on past them
        Files.writeString(evidence.resolve("z.txt"), "mail me at someone@example.com\n");
    }

    private void sevenZip(String archive, String... options) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("7z", "a", "-bd", "-y", "-pS3cret-7z"));
        cmd.addAll(List.of(options));
        cmd.addAll(List.of(evidence.resolve(archive).toString(), "."));
        Process p;
        try {
            p = new ProcessBuilder(cmd).directory(tmp.resolve("in").toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            fail("this test needs the 7z command (7-Zip) to write password-protected 7z archives: run scripts/setup --tests, "
                    + "which installs Debian's p7zip-full (" + e.getMessage() + ")");
            return;
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "7z did not finish");
        assertEquals(0, p.exitValue(), "7z exit code for " + cmd);
    }

    private void scan() throws Exception {
        new Recorder(records, problems, findings).scan(evidence, ScanLimits.defaults());
    }

    @Test
    void everyMemberOfASolidEncryptedArchiveIsPasswordProtectedAndTheScanGoesOn() throws Exception {
        sevenZip("backup.7z", "-mhe=off", "-ms=on");
        scan();
        for (String m : List.of("hr/staff.csv", "keys.txt", "notes.txt")) {
            FileRecord f = records.get("ev/backup.7z!/" + m);
            assertTrue(f != null, m + " reported: " + records.keySet());
            assertEquals(FileStatus.PASSWORD_PROTECTED, f.status(), m);
            assertTrue(problems.contains("ev/backup.7z!/" + m + ": password_protected: 7z member is encrypted (password-protected)"),
                    problems.toString());
        }
        assertEquals(FileStatus.PASSWORD_PROTECTED, records.get("ev/backup.7z").status(), "every member is encrypted (issue 16)");
        assertEquals(FileStatus.PARSED, records.get("ev/z.txt").status());
        assertEquals(List.of("ev/z.txt pii.email"), findings);
    }

    @Test
    void anArchiveWithEncryptedHeadersIsPasswordProtectedAsAWhole() throws Exception {
        sevenZip("backup.7z", "-mhe=on");
        scan();
        FileRecord f = records.get("ev/backup.7z");
        assertEquals(FileStatus.PASSWORD_PROTECTED, f.status());
        assertEquals("archive is password-protected", f.error());
        assertEquals(List.of("ev/backup.7z", "ev/z.txt"), new ArrayList<>(records.keySet()));
        assertEquals(List.of("ev/z.txt pii.email"), findings);
    }
}
