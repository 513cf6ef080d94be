package tansa.exposure.scan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The status a file gets from its content: binaries, encrypted data, archives of encrypted members (issue 16). */
class FileStatusTest {
    @TempDir
    Path tmp;

    private final Map<String, FileRecord> records = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final List<String> findings = new ArrayList<>();

    private static byte[] random(long seed, int n) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /**
     * A zip of stored members, each marked encrypted (general purpose bit 0, as ZipCrypto sets it)
     * or not; an encrypted member's bytes are random, as a cipher's output is.
     */
    private static byte[] zip(Map<String, byte[]> members, List<String> encrypted) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> m : members.entrySet()) {
                ZipEntry e = new ZipEntry(m.getKey());
                e.setMethod(ZipEntry.STORED);
                e.setSize(m.getValue().length);
                CRC32 crc = new CRC32();
                crc.update(m.getValue());
                e.setCrc(crc.getValue());
                z.putNextEntry(e);
                z.write(m.getValue());
                z.closeEntry();
            }
        }
        byte[] b = out.toByteArray();
        // Set the flag at each header naming an encrypted member: local (flag at +6, name at +30)
        // and central (flag at +8, name at +46).
        for (int k = 0; k + 46 < b.length; k++) {
            boolean local = b[k] == 'P' && b[k + 1] == 'K' && b[k + 2] == 3 && b[k + 3] == 4;
            boolean central = b[k] == 'P' && b[k + 1] == 'K' && b[k + 2] == 1 && b[k + 3] == 2;
            if (!local && !central) {
                continue;
            }
            int nameAt = local ? k + 30 : k + 46;
            int nameLen = (b[k + (local ? 26 : 28)] & 0xFF) | (b[k + (local ? 27 : 29)] & 0xFF) << 8;
            String name = new String(b, nameAt, nameLen, StandardCharsets.UTF_8);
            if (encrypted.contains(name)) {
                b[k + (local ? 6 : 8)] |= 1;
            }
        }
        return b;
    }

    @Test
    void mzWithoutAPeHeaderIsABinaryNotEncryptedData() throws Exception {
        byte[] b = random(1, 200_000);
        b[0] = 'M';
        b[1] = 'Z';
        b[0x3C] = 0x10; // e_lfanew points at bytes that are not "PE\0\0"
        b[0x3D] = 0;
        b[0x3E] = 0;
        b[0x3F] = 0;
        Files.write(tmp.resolve("tool.exe"), b);
        Files.write(tmp.resolve("blob.bin"), b);
        new Recorder(records, problems, findings).scan(tmp, ScanLimits.defaults());
        assertEquals(FileStatus.NO_TEXT, records.get("ev/tool.exe").status(), records.toString());
        assertEquals(FileStatus.NO_TEXT, records.get("ev/blob.bin").status(), records.toString());
    }

    @Test
    void textThatStartsWithMzIsStillText() throws Exception {
        Files.writeString(tmp.resolve("memo.txt"), "MZ Holdings memo\ncontact: ops@example.com\n");
        new Recorder(records, problems, findings).scan(tmp, ScanLimits.defaults());
        assertEquals(FileStatus.PARSED, records.get("ev/memo.txt").status());
        assertEquals(List.of("ev/memo.txt pii.email"), findings);
    }

    @Test
    void anArchiveWhoseMembersAreAllEncryptedIsPasswordProtected() throws Exception {
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put("payroll.xlsx", random(2, 5000));
        members.put("hr/staff.csv", random(3, 3000));
        Files.write(tmp.resolve("all.zip"), zip(members, List.of("payroll.xlsx", "hr/staff.csv")));
        Map<String, byte[]> mixed = new LinkedHashMap<>(members);
        mixed.put("readme.txt", "contact: ops@example.com\n".getBytes(StandardCharsets.UTF_8));
        Files.write(tmp.resolve("mixed.zip"), zip(mixed, List.of("payroll.xlsx", "hr/staff.csv")));
        new Recorder(records, problems, findings).scan(tmp, ScanLimits.defaults());
        FileRecord all = records.get("ev/all.zip");
        assertEquals(FileStatus.PASSWORD_PROTECTED, all.status());
        assertEquals("archive is password-protected: all 2 members are encrypted", all.error());
        assertEquals(FileStatus.PASSWORD_PROTECTED, records.get("ev/all.zip!/payroll.xlsx").status());
        assertEquals(FileStatus.PARSED, records.get("ev/mixed.zip").status());
        assertEquals(FileStatus.PASSWORD_PROTECTED, records.get("ev/mixed.zip!/hr/staff.csv").status());
        assertTrue(problems.contains("ev/all.zip: password_protected: archive is password-protected: all 2 members are encrypted"), problems.toString());
    }
}
