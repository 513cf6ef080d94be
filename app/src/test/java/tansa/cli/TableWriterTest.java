package tansa.cli;

import org.junit.jupiter.api.Test;
import tansa.sigma.Detection;
import tansa.sigma.rule.RuleInfo;

import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The terminal table fits the width it is given, with CJK text aligned. */
class TableWriterTest {
    private static Detection detection(String title, String level, String computer, String commandLine, long record, String micros) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("CommandLine", commandLine);
        fields.put("Image", "C:\\Windows\\System32\\cmd.exe");
        RuleInfo rule = new RuleInfo("id-" + title.hashCode(), null, title, "test", level, List.of("attack.t1059"), null, "r.yml", 0);
        return new Detection(rule, Instant.parse("2024-03-01T10:20:30." + micros + "Z"), computer,
                "Microsoft-Windows-Sysmon/Operational", "1", record, "e.evtx", fields, null);
    }

    static List<Detection> sample() {
        List<Detection> ds = new ArrayList<>();
        ds.add(detection("Suspicious Eventlog Clearing or Configuration Change Activity", "high", "fs02.offsec.lan",
                "wevtutil.exe cl Security", 1145216, "123456"));
        ds.add(detection("極秘ファイルへの不審なアクセス", "critical", "経理部-端末01",
                "copy \\\\srv\\極秘\\計画書.docx C:\\Users\\Public\\", 7, "000001"));
        ds.add(detection("Short", "low", "WS1", "x", 3, "5"));
        ds.add(detection("A very long rule title that keeps going and going well beyond any reasonable column width at all",
                "medium", "a-very-long-computer-name.with.a.long.domain.example.internal", "y".repeat(500), 99999999, "999999"));
        return ds;
    }

    private static List<String> render(int columns, List<Detection> ds) {
        StringWriter sw = new StringWriter();
        TerminalSafeWriter.Printer p = new TerminalSafeWriter.Printer(sw, false, Integer.MAX_VALUE - 8);
        new TableWriter(p, false, columns).write(ds);
        return sw.toString().lines().toList();
    }

    /** The display column where {@code needle} starts in {@code line}. */
    private static int column(String line, String needle) {
        int i = line.indexOf(needle);
        assertTrue(i >= 0, needle + " not in " + line);
        return TerminalText.width(line.substring(0, i));
    }

    @Test
    void fitsEightyColumnsWithCjkAligned() {
        List<String> lines = render(80, sample());
        assertEquals(5, lines.size(), String.join("\n", lines));
        for (String l : lines) {
            assertTrue(TerminalText.width(l) <= 80, "wider than 80 (" + TerminalText.width(l) + "): " + l);
        }
        // Every row's rule title starts at the header's "rule" column, CJK computer names included.
        int rule = column(lines.get(0), "rule");
        assertEquals(rule, column(lines.get(1), "Suspicious"));
        assertEquals(rule, column(lines.get(2), "極秘"));
        assertEquals(rule, column(lines.get(3), "Short"));
        assertEquals(rule, column(lines.get(4), "A very"));
        // Timestamps are fixed-width (to the second, UTC), whatever the fraction.
        assertTrue(lines.get(1).startsWith("2024-03-01 10:20:30  high  "), lines.get(1));
        assertTrue(lines.get(3).startsWith("2024-03-01 10:20:30  low   "), lines.get(3));
        assertTrue(lines.get(4).contains("\u2026"), "long values are cut with an ellipsis: " + lines.get(4));
    }

    @Test
    void twoHundredColumnsShowEventRecordAndDetails() {
        List<String> lines = render(200, sample());
        for (String l : lines) {
            assertTrue(TerminalText.width(l) <= 200, "wider than 200 (" + TerminalText.width(l) + "): " + l);
        }
        assertTrue(lines.get(0).contains("event") && lines.get(0).contains("record") && lines.get(0).contains("details"), lines.get(0));
        int details = column(lines.get(0), "details");
        assertEquals(details, column(lines.get(1), "CommandLine="));
        assertEquals(details, column(lines.get(2), "CommandLine="));
        int event = column(lines.get(0), "event");
        assertEquals(event, column(lines.get(2), "Sysmon:1"));
        assertTrue(lines.get(2).contains("計画書.docx"), lines.get(2));
    }

    @Test
    void groupedViewHasOneLinePerRuleWithCountsAndHosts() {
        List<Detection> ds = new ArrayList<>();
        for (int i = 0; i < 3562; i++) {
            ds.add(detection("Noisy rule", "low", "HOST" + (i % 3), "n", i, "000000"));
        }
        ds.add(detection("Rare but critical", "critical", "DC01", "mimikatz", 5, "000000"));
        StringWriter wide = new StringWriter();
        new GroupWriter(new TerminalSafeWriter.Printer(wide, false, 1 << 20), false, 120, GroupWriter.By.RULE).write(ds);
        assertTrue(wide.toString().contains("3: HOST0, HOST1, HOST2"), wide.toString());
        StringWriter sw = new StringWriter();
        new GroupWriter(new TerminalSafeWriter.Printer(sw, false, 1 << 20), false, 80, GroupWriter.By.RULE).write(ds);
        List<String> lines = sw.toString().lines().toList();
        assertEquals(4, lines.size(), sw.toString());
        assertTrue(lines.get(1).contains("crit") && lines.get(1).contains("Rare but critical"), "most severe first: " + lines.get(1));
        assertTrue(lines.get(2).trim().startsWith("3562") && lines.get(2).contains("3: HOST0"), lines.get(2));
        assertEquals("3563 detections in 2 groups by rule", lines.get(3));
        for (String l : lines) {
            assertTrue(TerminalText.width(l) <= 80, l);
        }
        assertFalse(sw.toString().contains("\u001b"));
    }
}
