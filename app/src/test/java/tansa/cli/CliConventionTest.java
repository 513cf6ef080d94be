package tansa.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One convention for every command: usage errors, help, missing and non-regular paths, exit codes. */
class CliConventionTest {
    private static final Path SHARED = Path.of(System.getProperty("tansa.shared", "../../shared"));
    private static final List<List<String>> COMMANDS = List.of(List.of("dump"), List.of("hunt"), List.of("timeline"), List.of("search"), List.of("metrics"), List.of("logons"), List.of("graph"), List.of("traffic"), List.of("scope"), List.of("rules", "check"),
            List.of("rules", "mapping"), List.of("scan"), List.of("claims", "verify"), List.of("case", "init"), List.of("case", "stats"),
            List.of("ingest"), List.of("evidence", "verify"), List.of("case", "list"), List.of("audit", "verify"), List.of("serve"), List.of("user", "add"), List.of("token", "create"),
            List.of("case", "set"), List.of("report"), List.of("investigate"),
            List.of("stream"), List.of("ship"));

    @TempDir
    Path dir;

    private static RulesCheckCommandTest.Run tansa(List<String> command, String... more) {
        String[] args = new String[command.size() + more.length];
        for (int i = 0; i < command.size(); i++) {
            args[i] = command.get(i);
        }
        System.arraycopy(more, 0, args, command.size(), more.length);
        return RulesCheckCommandTest.tansa(args);
    }

    @Test
    void aUsageErrorIsOneLinePointingToTheCommandsHelp() {
        for (List<String> c : COMMANDS) {
            RulesCheckCommandTest.Run r = tansa(c, "--no-such-option");
            String name = "tansa " + String.join(" ", c);
            assertEquals(2, r.code(), name + ": " + r.err());
            assertEquals("", r.out(), name);
            assertEquals(1, r.err().lines().count(), name + " printed more than one line:\n" + r.err());
            assertTrue(r.err().startsWith("tansa: " + String.join(" ", c) + ": "), r.err());
            assertTrue(r.err().strip().endsWith("see '" + name + " --help'"), r.err());
        }
        RulesCheckCommandTest.Run r = RulesCheckCommandTest.tansa("hunt", "x", "--rule", "y");
        assertTrue(r.err().contains("(did you mean --rules?)"), r.err());
        RulesCheckCommandTest.Run none = RulesCheckCommandTest.tansa();
        assertEquals(2, none.code());
        assertEquals("tansa: missing a command; see 'tansa --help'\n", none.err());
    }

    @Test
    void everyHelpEndsWithRealExamples() {
        for (List<String> c : COMMANDS) {
            RulesCheckCommandTest.Run r = tansa(c, "--help");
            assertEquals(0, r.code(), r.err());
            String help = r.out();
            int ex = help.indexOf("\nExamples:\n");
            assertTrue(ex > 0, "no examples in 'tansa " + String.join(" ", c) + " --help'");
            List<String> examples = help.substring(ex).lines().filter(l -> l.startsWith("  tansa ")).toList();
            assertTrue(examples.size() >= 2, help);
            for (String e : examples) {
                assertTrue(TerminalText.width(e) <= 80, "example wider than 80 columns: " + e);
            }
        }
        String scan = RulesCheckCommandTest.tansa("scan", "--help").out();
        assertTrue(scan.contains("(default: 8 GiB)") && scan.contains("(default: 256 MiB)") && scan.contains("(default: 2m)"), scan);
        assertFalse(scan.contains("8589934592"), scan);
    }

    /**
     * Every -f/--format (but ship's, which needs the stream module first) is checked by
     * Formats.check: one usage line naming the formats, exit code 2, before the command reads anything.
     */
    @Test
    void aBadFormatIsOneUsageLineNamingTheFormats() throws IOException {
        String d = dir.toString();
        Path scan = Files.writeString(dir.resolve("scan.jsonl"), "");
        Path leaks = Files.writeString(dir.resolve("leaks.txt"), "");
        String[][] commands = {
                {"table or jsonl", "audit verify", "--case", d}, {"table or jsonl", "case list", "--db", "postgresql://u@h/d"},
                {"table or json", "case stats", "--case", d},
                {"table or jsonl", "claims verify", "--scan", scan.toString(), "--leak-list", leaks.toString()},
                {"jsonl", "dump", d}, {"table or jsonl", "evidence verify", "--case", d}, {"json, graphml or html", "graph", d},
                {"table, jsonl or csv", "hunt", "-r", d, d}, {"text or json", "ingest", "--case", d, d},
                {"table, jsonl or csv", "logons", d}, {"table or json", "metrics", d}, {"html, pdf, json or md", "report", "--case", d},
                {"text or json", "rules check", d}, {"jsonl or table", "scan", d}, {"md or json", "scope", d},
                {"table or jsonl", "search", "-e", "x", d}, {"table or jsonl", "stream", d}, {"table, jsonl or csv", "timeline", d},
                {"table or jsonl", "traffic", d}};
        for (String[] c : commands) {
            List<String> args = new java.util.ArrayList<>(List.of(c[1].split(" ")));
            args.addAll(List.of(c).subList(2, c.length));
            args.addAll(List.of("-f", "xml"));
            RulesCheckCommandTest.Run r = RulesCheckCommandTest.tansa(args.toArray(String[]::new));
            assertEquals(2, r.code(), c[1] + ": " + r.err());
            assertEquals("tansa: " + c[1] + ": --format must be " + c[0] + ", not 'xml'; see 'tansa " + c[1] + " --help'\n", r.err());
            assertEquals("", r.out(), c[1]);
        }
    }

    @Test
    void aMissingPathIsReportedAndSkippedByEveryEvidenceCommand() throws IOException {
        Path evtx = SHARED.resolve("sigma/regression_data/rules/windows/process_creation/proc_creation_win_certutil_decode/"
                + "cc9cbe82-7bc0-4ef5-bc23-bbfb83947be7.evtx");
        Path rule = SHARED.resolve("sigma/rules/windows/process_creation/proc_creation_win_certutil_decode.yml");
        Path text = dir.resolve("memo.txt");
        Files.writeString(text, "極秘\n");
        Path missing = dir.resolve("missing.evtx");
        RulesCheckCommandTest.Run dump = RulesCheckCommandTest.tansa("dump", "--count", missing.toString(), evtx.toString());
        RulesCheckCommandTest.Run hunt = RulesCheckCommandTest.tansa("hunt", missing.toString(), evtx.toString(), "-r", rule.toString(),
                "-f", "jsonl");
        RulesCheckCommandTest.Run scan = RulesCheckCommandTest.tansa("scan", missing.toString(), text.toString());
        for (RulesCheckCommandTest.Run r : List.of(dump, hunt, scan)) {
            assertEquals(1, r.code(), r.err());
            assertTrue(r.err().contains("missing.evtx: no such file or directory"), r.err());
            assertFalse(r.out().isEmpty(), "the other path was still read");
        }
        assertEquals(1, hunt.out().lines().count(), "the certutil detection from the other file: " + hunt.out());
        assertTrue(scan.out().contains("marking.classification"), scan.out());
    }

    @Test
    void aFifoInADirectoryIsReportedNotRead() throws Exception {
        Path ev = dir.resolve("ev");
        Files.createDirectories(ev);
        Files.writeString(ev.resolve("a.txt"), "極秘\n");
        Path fifo = ev.resolve("pipe.evtx");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, p.waitFor());
        RulesCheckCommandTest.Run dump = RulesCheckCommandTest.tansa("dump", "--count", ev.toString());
        assertTrue(dump.err().contains("pipe.evtx: not a regular file (a FIFO, device or socket); skipped"), dump.err());
        assertEquals(1, dump.code());
        RulesCheckCommandTest.Run scan = RulesCheckCommandTest.tansa("scan", ev.toString());
        assertTrue(scan.err().contains("pipe.evtx: not a regular file (a FIFO, device or socket); skipped"), scan.err());
        assertTrue(scan.out().contains("marking.classification"), scan.out());
    }

    @Test
    void aFileNamedAsEvidenceThatIsNotIsAnErrorInsideADirectory() throws IOException {
        Path ev = dir.resolve("logs");
        Files.createDirectories(ev);
        Files.write(ev.resolve("Security.evtx"), new byte[4096]); // zeroed: the header is gone
        Files.writeString(ev.resolve("README.txt"), "collected by the IR team\n");
        RulesCheckCommandTest.Run r = RulesCheckCommandTest.tansa("dump", "--count", ev.toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("Security.evtx: offset 0: not evidence"), r.err());
        assertTrue(r.err().contains("note: ") && r.err().contains("README.txt"), "a README beside the logs is only a note: " + r.err());
    }
}
