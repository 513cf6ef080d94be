package tansa.exposure.claims;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every entry of a test claim, in every list format, is classified as expected. */
class ClaimVerifierTest {
    @TempDir
    Path tmp;

    private static String sha(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private static String file(String path, long size, String sha) {
        return "{\"kind\":\"file\",\"path\":\"" + path + "\",\"sha256\":\"" + sha + "\",\"size\":" + size
                + ",\"mime\":\"application/octet-stream\",\"status\":\"parsed\",\"error\":null}\n";
    }

    private static String finding(String path, String type) {
        return "{\"kind\":\"finding\",\"path\":\"" + path + "\",\"category\":\"x\",\"type\":\"" + type + "\"}\n";
    }

    @Test
    void classifiesEveryClaimAndSample() throws Exception {
        byte[] plan = "the plan".getBytes(StandardCharsets.UTF_8);
        String scan = file("ev/share/設計/plan.docx", 12345, sha(plan))
                + finding("ev/share/設計/plan.docx", "marking.classification")
                + finding("ev/share/設計/plan.docx", "pii.email")
                + file("ev/hr/payroll.xlsx", 2345678, sha("payroll".getBytes(StandardCharsets.UTF_8)))
                + finding("ev/hr/payroll.xlsx", "pii.jp_my_number")
                + file("ev/backup.zip", 900, sha("zip".getBytes(StandardCharsets.UTF_8)))
                + file("ev/backup.zip!/old/Budget 2024.pdf", 1258291, sha("budget".getBytes(StandardCharsets.UTF_8)))
                + file("ev/a/readme.txt", 100, sha("r1".getBytes(StandardCharsets.UTF_8)))
                + file("ev/b/readme.txt", 200, sha("r2".getBytes(StandardCharsets.UTF_8)))
                // A directory the scan could not go into: it holds no file that a claim can match.
                + "{\"kind\":\"file\",\"path\":\"ev/archive.tar\",\"sha256\":null,\"size\":0,\"mime\":\"inode/directory\",\"status\":\"corrupted\",\"error\":\"cannot list directory\"}\n"
                + "{\"kind\":\"summary\",\"files\":6}\n";
        Path scanFile = tmp.resolve("scan.jsonl");
        Files.writeString(scanFile, scan, StandardCharsets.UTF_8);
        String list = String.join("\n",
                "path\tsize",
                "C:\\Users\\tanaka\\Documents\\設計\\plan.docx\t12345",          // Windows, tab: confirmed
                "\\\\fs01\\hr\\payroll.xlsx,2,345,678",                           // UNC, thousands: confirmed
                "/srv/share/Budget 2024.pdf 1.2 MB",                               // POSIX with spaces, unit: confirmed (member)
                "12000  /home/x/plan.docx",                                        // size first, wrong size: size_mismatch
                "D:\\data\\customers.csv\t5000",                                   // not scanned: not_found
                "/mnt/b/readme.txt\t200",                                          // two candidates, one with that size
                "\"\\\\nas\\projects\\secret-project.pptx\"",                      // no size, unknown: not_found
                "/x/payroll.xlsx",                                                 // no size: name only
                "/x/archive.tar\t0",                                               // only a directory of that name: not_found
                "");
        Path listFile = tmp.resolve("list.txt");
        Files.writeString(listFile, list, StandardCharsets.UTF_8);
        Path samples = tmp.resolve("samples");
        Files.createDirectories(samples.resolve("sub"));
        Files.write(samples.resolve("plan.docx"), plan);
        Files.write(samples.resolve("sub/payroll.xlsx"), "edited payroll".getBytes(StandardCharsets.UTF_8));
        Files.write(samples.resolve("unknown.bin"), new byte[] {1, 2, 3});

        ClaimVerifier v = new ClaimVerifier(ScanIndex.load(scanFile));
        List<String> got = new ArrayList<>();
        List<ClaimVerifier.ClaimResult> results = new ArrayList<>();
        for (Claim c : LeakList.read(listFile).claims()) {
            ClaimVerifier.ClaimResult r = v.verify(c);
            results.add(r);
            got.add(r.outcome() + " " + c.bytes() + " " + r.matchedPath());
        }
        assertEquals(List.of(
                "confirmed 12345 ev/share/設計/plan.docx",
                "confirmed 2345678 ev/hr/payroll.xlsx",
                "confirmed 1258291 ev/backup.zip!/old/Budget 2024.pdf",
                "size_mismatch 12000 ev/share/設計/plan.docx",
                "not_found 5000 null",
                "confirmed 200 ev/b/readme.txt",
                "not_found null null",
                "size_mismatch null ev/hr/payroll.xlsx",
                "not_found 0 null"), got);
        assertEquals(2, results.get(0).findings().size());
        assertEquals("4 of 9 claimed files confirmed; 1 carry classification markings; 3 could not be matched", ClaimReport.verdict(results));

        List<String> s = new ArrayList<>();
        for (ClaimVerifier.SampleResult r : v.samples(samples)) {
            s.add(r.file() + " " + r.outcome() + " " + r.matchedPath());
        }
        assertEquals(List.of("plan.docx identical ev/share/設計/plan.docx", "sub/payroll.xlsx modified ev/hr/payroll.xlsx",
                "unknown.bin not_found null"), s);
    }

    private ClaimVerifier verifier(String scan) throws Exception {
        Path scanFile = tmp.resolve("scan2.jsonl");
        Files.writeString(scanFile, scan, StandardCharsets.UTF_8);
        return new ClaimVerifier(ScanIndex.load(scanFile));
    }

    private List<String> verify(ClaimVerifier v, String list) throws Exception {
        Path listFile = tmp.resolve("list2.txt");
        Files.writeString(listFile, list, StandardCharsets.UTF_8);
        List<String> got = new ArrayList<>();
        for (Claim c : LeakList.read(listFile).claims()) {
            ClaimVerifier.ClaimResult r = v.verify(c);
            got.add(r.outcome() + " " + r.matchedPath() + " " + r.matchedBy() + (r.note() == null ? "" : " (" + r.note() + ")"));
        }
        return got;
    }

    @Test
    void aListedSha256DecidesOverNameAndSize() throws Exception {
        String a = sha("a".getBytes(StandardCharsets.UTF_8));
        ClaimVerifier v = verifier(file("ev/hr/payroll.xlsx", 100, a) + file("ev/hr/other.xlsx", 50, sha("b".getBytes(StandardCharsets.UTF_8))));
        String zeros = "0".repeat(64);
        assertEquals(List.of(
                "confirmed ev/hr/payroll.xlsx sha256",                      // renamed, same content
                "hash_mismatch ev/hr/other.xlsx name",                       // same name and size, other content
                "not_found null null",
                "confirmed ev/hr/payroll.xlsx path+size (the list gives MD5 and the scan records SHA-256 only: matched by path and size)"),
                verify(v, a + "  /x/renamed.xlsx\n"
                        + zeros + "  /x/other.xlsx 50\n"
                        + zeros + "  /x/none.xlsx\n"
                        + "0cc175b9c0f1b6a831c399e269772661  /x/payroll.xlsx  100\n"));
    }

    @Test
    void aSizeWithAUnitMatchesWithinTheRoundingItImplies() throws Exception {
        ClaimVerifier v = verifier(file("ev/a.pdf", 12_500, "x") + file("ev/b.pdf", 1_200_000, "y") + file("ev/c.pdf", 20_000, "z")
                + file("ev/d.pdf", 3_650_000_000L, "w"));
        assertEquals(List.of("confirmed ev/a.pdf path+size", "confirmed ev/b.pdf path+size", "size_mismatch ev/c.pdf name",
                        "confirmed ev/d.pdf path+size", "size_mismatch ev/a.pdf name"),
                verify(v, "/s/a.pdf 12 KB\n/s/b.pdf 1.2 MB\n/s/c.pdf 12 KB\n/s/d.pdf 3,4 Go\n/s/a.pdf 12,499\n"));
    }

    @Test
    void namesMatchWhateverTheUnicodeNormalisation() throws Exception {
        String nfd = java.text.Normalizer.normalize("ガイド.pdf", java.text.Normalizer.Form.NFD);
        ClaimVerifier v = verifier(file("ev/" + nfd, 10, "x"));
        assertEquals(List.of("confirmed ev/" + nfd + " path+size"), verify(v, "10  C:\\docs\\ガイド.pdf\n"));
    }
}
