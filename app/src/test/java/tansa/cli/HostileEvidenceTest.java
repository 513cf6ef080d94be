package tansa.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Evidence is written by the attacker: nothing in it may reach the analyst's terminal as a control
 * sequence, through a table, a summary or a message, and a message stays one line. The values are
 * planted in every field the text outputs show.
 */
class HostileEvidenceTest {
    private static final String OSC_TITLE = "\u001b]0;pwned\u0007";
    private static final String CLEAR = "\u001b[2J\u001b[H";
    private static final String RLO = "\u202e";

    @TempDir
    Path dir;

    /** JSON in the reference shape, with control characters as JSON escapes (the way they reach a log). */
    private static String event(String computer, String channel, String commandLine, int record) {
        return "{\"Event\":{\"System\":{\"Provider\":{\"#attributes\":{\"Name\":\"Microsoft-Windows-Sysmon\"}},\"EventID\":1,"
                + "\"Channel\":\"" + channel + "\",\"Computer\":\"" + computer + "\",\"EventRecordID\":" + record + ","
                + "\"TimeCreated\":{\"#attributes\":{\"SystemTime\":\"2024-01-02T03:04:05.123456Z\"}}},"
                + "\"EventData\":{\"CommandLine\":\"" + commandLine + "\",\"Image\":\"C:\\\\x\\u202egpj.exe\\n\\r\"}}}\n";
    }

    private Path plant() throws IOException {
        Path ev = dir.resolve("ev");
        Files.createDirectories(ev);
        Files.writeString(ev.resolve("events.json"),
                event("WS\\u001b]0;pwned\\u0007", "Microsoft-Windows-Sysmon/Operational", "evil \\u001b[2J\\u001b[H cmd", 1)
                        + event("DC\\u009b31m\\u202e01", "Microsoft-Windows-Sysmon/Operational", "evil\\nsecond line\\r\\u0007", 2)
                        + event("HOST", "Sysmon\\u001b[5m/Operational", "evil \\u2066x\\u2069", 3),
                StandardCharsets.UTF_8);
        // A damaged EVTX whose name carries a terminal sequence and a line break.
        byte[] bad = new byte[8192];
        System.arraycopy("ElfFile\0".getBytes(StandardCharsets.US_ASCII), 0, bad, 0, 8);
        for (int i = 8; i < bad.length; i++) {
            bad[i] = (byte) (i * 31);
        }
        Files.write(ev.resolve("bad" + OSC_TITLE + "\nname" + RLO + ".evtx"), bad);
        Files.write(ev.resolve("not-evidence" + CLEAR + ".json"), "\u001b[2J hello".getBytes(StandardCharsets.UTF_8));
        return ev;
    }

    private Path rule() throws IOException {
        Path r = dir.resolve("rule.yml");
        Files.writeString(r, "title: \"Evil \\e[31mtitle\\u202e\"\nid: 5d2b1d3c-0000-4000-8000-000000000001\nlevel: high\n"
                + "logsource: {product: windows, category: process_creation}\n"
                + "detection:\n  sel:\n    CommandLine|contains: evil\n  condition: sel\n", StandardCharsets.UTF_8);
        return r;
    }

    private static void assertSafe(String what, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            assertFalse(c != '\n' && TerminalText.unsafe(c),
                    what + " carries U+" + String.format("%04X", (int) c) + " at " + i + ": " + text);
        }
    }

    private static void assertOneLineMessages(String err) {
        for (String line : err.split("\n")) {
            assertTrue(line.startsWith("tansa: ") || line.isEmpty() || line.startsWith("  ") || line.startsWith("by level")
                    || line.startsWith("top ") || line.matches("\\d+ detections.*"), "a message broken over lines: [" + line + "]");
        }
    }

    @Test
    void huntTableSummaryAndMessagesAreEscaped() throws IOException {
        Path ev = plant();
        for (String group : List.of("none", "rule", "host", "level")) {
            RulesCheckCommandTest.Run r = RulesCheckCommandTest.tansa("hunt", ev.toString(), "--rules", rule().toString(),
                    "--group", group);
            assertEquals(1, r.code(), "damaged evidence in the directory sets exit code 1: " + r.err());
            assertSafe("hunt table (--group " + group + ")", r.out());
            assertSafe("hunt stderr", r.err());
            assertOneLineMessages(r.err());
            assertTrue(r.out().contains("Evil \\x1b[31mtitle\\u202e") || r.out().contains("Evil \\x1b[31mtitle"), r.out());
            if (group.equals("none") || group.equals("rule")) {
                assertTrue(r.out().contains("WS\\x1b]0;pwned\\x07") || r.out().contains("WS\\x1b]0;pwn"), r.out());
            }
        }
        RulesCheckCommandTest.Run none = RulesCheckCommandTest.tansa("hunt", ev.toString(), "--rules", rule().toString(),
                "--group", "none");
        assertTrue(none.out().contains("2 detections"), none.out());
        assertTrue(none.err().contains("bad\\x1b]0;pwned\\x07\\nname\\u202e.evtx"), none.err());
        assertTrue(none.err().contains("not-evidence\\x1b[2J\\x1b[H.json: offset 0: not evidence"), none.err());
        // JSONL stays exact: the raw values are there, escaped only as JSON escapes them.
        RulesCheckCommandTest.Run jsonl = RulesCheckCommandTest.tansa("hunt", ev.toString(), "--rules", rule().toString(),
                "-f", "jsonl", "-q");
        assertTrue(jsonl.out().contains("WS\\u001B]0;pwned\\u0007"), jsonl.out());
        assertTrue(jsonl.out().contains("\u202e"), "JSON keeps the bidi character as it is");
    }

    @Test
    void searchAndMetricsTablesAreEscaped() throws IOException {
        Path ev = plant();
        RulesCheckCommandTest.Run search = RulesCheckCommandTest.tansa("search", ev.toString(), "-k", "evil");
        assertSafe("search table", search.out());
        assertSafe("search stderr", search.err());
        assertTrue(search.out().contains("WS\\x1b]0;pwn"), search.out());
        RulesCheckCommandTest.Run metrics = RulesCheckCommandTest.tansa("metrics", ev.toString());
        assertSafe("metrics table", metrics.out());
        assertSafe("metrics stderr", metrics.err());
        assertOneLineMessages(metrics.err());
    }

    @Test
    void dumpMessagesAreEscapedAndStayOneLine() throws IOException {
        Path ev = plant();
        RulesCheckCommandTest.Run r = RulesCheckCommandTest.tansa("dump", "--count", ev.toString());
        assertEquals(1, r.code());
        assertSafe("dump stderr", r.err());
        assertOneLineMessages(r.err());
    }

    @Test
    void scanTableAndMessagesAreEscaped() throws IOException {
        Path ev = dir.resolve("share");
        Files.createDirectories(ev);
        Files.writeString(ev.resolve("memo" + OSC_TITLE + "\n" + RLO + "txt.exe"), "極秘\nSSN 123-45-6789\n", StandardCharsets.UTF_8);
        RulesCheckCommandTest.Run r = RulesCheckCommandTest.tansa("scan", "-f", "table", ev.toString());
        assertEquals(0, r.code(), r.err());
        assertSafe("scan table", r.out());
        assertSafe("scan stderr", r.err());
        assertTrue(r.out().contains("memo\\x1b]0;pwned\\x07\\n\\u202etxt.exe"), r.out());
    }

    @Test
    void claimsTableIsEscaped() throws IOException {
        Path ev = dir.resolve("share");
        Files.createDirectories(ev);
        Files.writeString(ev.resolve("a.txt"), "極秘\n", StandardCharsets.UTF_8);
        Path scan = dir.resolve("scan.jsonl");
        assertEquals(0, RulesCheckCommandTest.tansa("scan", ev.toString(), "-o", scan.toString(), "-q").code());
        Path list = dir.resolve("list.txt");
        Files.writeString(list, "1024 E:\\share\\" + CLEAR + "payroll" + RLO + "xlsx.exe\n", StandardCharsets.UTF_8);
        RulesCheckCommandTest.Run r = RulesCheckCommandTest.tansa("claims", "verify", "--scan", scan.toString(), "--leak-list",
                list.toString());
        assertSafe("claims table", r.out());
        assertSafe("claims stderr", r.err());
    }

    @Test
    void mutatedEvtxFilesGiveShortSafeOneLineMessages() throws IOException {
        Path shared = Path.of(System.getProperty("tansa.shared", "../../shared"));
        byte[] original = Files.readAllBytes(shared.resolve("sigma/regression_data/rules/windows/process_creation/"
                + "proc_creation_win_certutil_decode/cc9cbe82-7bc0-4ef5-bc23-bbfb83947be7.evtx"));
        long seed = Long.getLong("tansa.seed", 20261207L);
        java.util.Random random = new java.util.Random(seed);
        Path ev = dir.resolve("mutated");
        Files.createDirectories(ev);
        for (int f = 0; f < 64; f++) {
            byte[] b = original.clone();
            int flips = 1 + random.nextInt(64);
            for (int k = 0; k < flips; k++) {
                // past the file header, into the chunk: names, templates, strings
                int at = 4096 + random.nextInt(b.length - 4096);
                b[at] = (byte) (random.nextBoolean() ? random.nextInt(32) : random.nextInt(256)); // control bytes often
            }
            Files.write(ev.resolve(String.format(java.util.Locale.ROOT, "m%02d.evtx", f)), b);
        }
        RulesCheckCommandTest.Run r = RulesCheckCommandTest.tansa("dump", "--count", ev.toString());
        assertSafe("stderr on mutated EVTX (seed " + seed + ")", r.err());
        assertOneLineMessages(r.err());
        for (String line : r.err().split("\n")) {
            assertTrue(line.length() <= 700, "seed " + seed + ": a message of " + line.length() + " characters: " + line);
        }
        assertFalse(r.out().contains("\u001b"), "dump --count on mutated EVTX");
    }
}
