package tansa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tansa investigate} over EVTX (DeepBlueCLI's samples) and the shared Zeek logs, with a file
 * share and a leak list of the test's making: each of the four printed answers against the case
 * it built, the report written into the case, and a second run that resumes instead of redoing.
 */
class InvestigateCommandTest {
    private static final Path SHARED = Path.of(System.getProperty("tansa.shared", "../../shared"));

    @TempDir
    static Path tmp;
    private static Path caseDir;
    private static Run first;

    record Run(int code, String out, String err) {
    }

    static Run tansa(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(out, err, args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void investigate() throws Exception {
        Path share = Files.createDirectories(tmp.resolve("share/projects"));
        Files.writeString(share.resolve("design.txt"), "機密性3\nCONFIDENTIAL\nDesign of the guidance computer.\n");
        Files.writeString(share.resolve("staff.csv"), "name,email\nTaro Yamada,taro.yamada@example.jp\nHanako Sato,hanako.sato@example.jp\n");
        Files.writeString(tmp.resolve("leak.txt"), "We have your files:\n"
                + Files.size(share.resolve("design.txt")) + "  " + share.resolve("design.txt") + "\n"
                + "12,345  " + share.resolve("budget.xlsx") + "\n");
        caseDir = tmp.resolve("case");
        first = tansa("investigate", SHARED.resolve("corpus/evtx/DeepBlueCLI").toString(), SHARED.resolve("corpus/zeek").toString(),
                "--case", caseDir.toString(), "--rules", SHARED.resolve("sigma/rules").toString(),
                "--files", tmp.resolve("share").toString(), "--leak-list", tmp.resolve("leak.txt").toString());
    }

    @Test
    void answersTheFourQuestionsFromTheCaseItBuilt() throws Exception {
        assertTrue(first.code() == 0 || first.code() == 1, first.err());
        JsonNode stats = new ObjectMapper().readTree(tansa("case", "stats", "--case", caseDir.toString(), "-f", "json").out());
        long detections = stats.get("detections").asLong();
        assertTrue(detections > 0, "the DeepBlueCLI samples raise detections");
        String out = first.out();
        String what = line(out, "What happened: ");
        assertTrue(what.startsWith(String.format(java.util.Locale.ROOT, "%,d detections from ", detections)), what);
        String data = line(out, "Classified or personal data on the affected systems: ");
        assertTrue(data.startsWith("2 files scanned: classification or export-control markings found"), data);
        assertTrue(data.contains("CONFIDENTIAL") && data.contains("機密性3") && data.contains("e-mail addresses 2"), data);
        assertTrue(line(out, "Exfiltration: ").length() > 0);
        assertEquals("1 of 2 claimed files confirmed; 1 carry classification markings; 1 could not be matched.",
                line(out, "The attacker's leak claim: "));
        assertTrue(out.contains("report: " + caseDir.resolve("report.html")), out);
        assertTrue(Files.size(caseDir.resolve("report.html")) > 10_000);
        assertTrue(Files.exists(caseDir.resolve("containment.nft")), "the containment plan as nftables");
        assertTrue(Files.size(caseDir.resolve("graph.json")) > 1_000, "the movement graph, written with the scope");
        JsonNode report = new ObjectMapper().readTree(caseDir.resolve("report.json").toFile());
        assertEquals(detections, report.get("figures").get("detections").get("value").asLong());
        assertTrue(report.has("containment_plan"), "the scope was stored in the case and read by the report");
        assertEquals(stats.get("scan_files").asLong(), report.get("figures").get("exposure.files").get("value").asLong());
    }

    @Test
    void aSecondRunResumesInsteadOfRedoing() throws Exception {
        JsonNode before = new ObjectMapper().readTree(tansa("case", "stats", "--case", caseDir.toString(), "-f", "json").out());
        Run again = tansa("investigate", SHARED.resolve("corpus/evtx/DeepBlueCLI").toString(), SHARED.resolve("corpus/zeek").toString(),
                "--case", caseDir.toString(), "--rules", SHARED.resolve("sigma/rules").toString(),
                "--files", tmp.resolve("share").toString(), "--leak-list", tmp.resolve("leak.txt").toString());
        assertEquals(first.code(), again.code(), again.err());
        for (String step : List.of("ingest", "scope", "scan", "claims")) { // scope writes the graph in the same read
            assertTrue(again.err().contains("investigate: " + step + " already done"), again.err());
        }
        JsonNode after = new ObjectMapper().readTree(tansa("case", "stats", "--case", caseDir.toString(), "-f", "json").out());
        assertEquals(before, after, "nothing added twice");
        assertEquals(first.out().replaceAll("Generated .*", ""), again.out().replaceAll("Generated .*", ""));
    }

    private static String line(String out, String prefix) {
        for (String l : out.split("\n")) {
            if (l.startsWith(prefix)) {
                return l.substring(prefix.length());
            }
        }
        throw new AssertionError("no line starting '" + prefix + "' in:\n" + out);
    }
}
