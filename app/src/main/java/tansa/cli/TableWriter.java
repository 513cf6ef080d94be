package tansa.cli;

import tansa.sigma.Detection;
import tansa.sigma.Level;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A table for people, one detection a line, laid out to the width it is given: time (UTC, to the
 * second; JSONL and CSV keep the microseconds), level, computer, channel and EventID, record id,
 * rule title and the matched fields. Columns that do not fit are left out (details first, then
 * record, then event), values that do not fit are cut with {@code …}; East Asian wide characters
 * count two columns. Every value is escaped ({@link TerminalText}): evidence never writes to the
 * terminal.
 */
final class TableWriter implements DetectionWriter {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String GAP = "  ";
    private static final int TIME_W = 19;
    private static final int LEVEL_W = 4;
    private static final int RULE_MIN = 24;
    private static final int DETAILS_MIN = 24;

    private final PrintWriter out;
    private final boolean color;
    private final int columns;

    TableWriter(PrintWriter out, boolean color, int columns) {
        this.out = out;
        this.color = color;
        this.columns = columns;
    }

    @Override
    public void write(List<Detection> detections) {
        int n = detections.size();
        String[] computer = new String[n];
        String[] event = new String[n];
        String[] rule = new String[n];
        int computerW = "computer".length();
        int eventW = "event".length();
        int recordW = "record".length();
        int ruleW = "rule".length();
        for (int i = 0; i < n; i++) {
            Detection d = detections.get(i);
            computer[i] = TerminalText.escape(d.computer(), 200);
            event[i] = TerminalText.escape(event(d), 200);
            rule[i] = TerminalText.escape(d.rule().title(), 200);
            computerW = Math.max(computerW, TerminalText.width(computer[i]));
            eventW = Math.max(eventW, TerminalText.width(event[i]));
            recordW = Math.max(recordW, Long.toString(d.recordId()).length());
            ruleW = Math.max(ruleW, TerminalText.width(rule[i]));
        }
        computerW = Math.min(computerW, columns >= 120 ? 24 : 15);
        eventW = Math.min(eventW, 22);
        ruleW = Math.min(ruleW, 72);

        int avail = columns - TIME_W - LEVEL_W - computerW - 3 * GAP.length();
        int ruleMin = Math.min(ruleW, RULE_MIN);
        boolean showEvent = avail - (eventW + GAP.length()) >= ruleMin;
        if (showEvent) {
            avail -= eventW + GAP.length();
        }
        boolean showRecord = showEvent && avail - (recordW + GAP.length()) >= ruleMin;
        if (showRecord) {
            avail -= recordW + GAP.length();
        }
        boolean showDetails = avail - Math.min(ruleW, avail) - GAP.length() >= DETAILS_MIN
                || avail - ruleMin - GAP.length() >= DETAILS_MIN + 16;
        int ruleCols;
        int detailsCols = 0;
        if (showDetails) {
            ruleCols = Math.max(ruleMin, Math.min(ruleW, avail - GAP.length() - DETAILS_MIN - 16));
            detailsCols = avail - ruleCols - GAP.length();
        } else {
            ruleCols = Math.max(1, avail);
        }

        StringBuilder h = new StringBuilder(columns + 8);
        h.append(TerminalText.fit("time (UTC)", TIME_W)).append(GAP).append(TerminalText.fit("lvl", LEVEL_W)).append(GAP)
                .append(TerminalText.fit("computer", computerW));
        if (showEvent) {
            h.append(GAP).append(TerminalText.fit("event", eventW));
        }
        if (showRecord) {
            h.append(GAP).append(pad("record", recordW));
        }
        h.append(GAP).append(showDetails ? TerminalText.fit("rule", ruleCols) : "rule");
        if (showDetails) {
            h.append(GAP).append("details");
        }
        out.println(h.toString().stripTrailing());
        StringBuilder row = new StringBuilder(columns + 32);
        for (int i = 0; i < n; i++) {
            Detection d = detections.get(i);
            row.setLength(0);
            row.append(time(d.timestamp())).append(GAP);
            String level = abbreviation(Level.of(d.rule().level()));
            if (color) {
                out.print(row);
                TerminalSafeWriter.raw(out, colour(Level.of(d.rule().level())));
                out.print(level);
                TerminalSafeWriter.raw(out, "\u001b[0m");
                row.setLength(0);
            } else {
                row.append(level);
            }
            row.append(GAP).append(TerminalText.fit(computer[i], computerW));
            if (showEvent) {
                row.append(GAP).append(TerminalText.fit(event[i], eventW));
            }
            if (showRecord) {
                row.append(GAP).append(pad(d.recordId() < 0 ? "-" : Long.toString(d.recordId()), recordW));
            }
            row.append(GAP).append(showDetails ? TerminalText.fit(rule[i], ruleCols) : TerminalText.cut(rule[i], ruleCols));
            if (showDetails) {
                row.append(GAP).append(TerminalText.cut(details(d, detailsCols), detailsCols));
            }
            out.println(row.toString().stripTrailing());
        }
        out.flush();
    }

    static String time(Instant t) {
        return t == null ? "-                  " : TIME.format(t);
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s : " ".repeat(w - s.length()) + s;
    }

    private static String event(Detection d) {
        return (d.channel() == null ? "-" : shortChannel(d.channel())) + ":" + (d.eventId() == null ? "-" : d.eventId());
    }

    private static String details(Detection d, int cols) {
        StringBuilder sb = new StringBuilder();
        if (d.correlation() != null) {
            Detection.Correlation c = d.correlation();
            sb.append(c.type()).append(" count=").append(c.count()).append(' ');
        }
        for (Map.Entry<String, String> e : d.fields().entrySet()) {
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ' ') {
                sb.append(' ');
            }
            sb.append(TerminalText.escape(e.getKey(), 64)).append('=').append(TerminalText.escape(e.getValue(), cols + 1));
            if (sb.length() > cols) {
                break;
            }
        }
        return sb.toString();
    }

    /** The channel as people say it: Sysmon, PowerShell, TaskScheduler, not Microsoft-Windows-X/Operational. */
    static String shortChannel(String c) {
        String s = c.startsWith("Microsoft-Windows-") ? c.substring("Microsoft-Windows-".length()) : c;
        return s.endsWith("/Operational") ? s.substring(0, s.length() - "/Operational".length()) : s;
    }

    /** Hayabusa's level abbreviations, four columns. */
    static String abbreviation(Level l) {
        switch (l) {
            case CRITICAL: return "crit";
            case HIGH: return "high";
            case MEDIUM: return "med ";
            case LOW: return "low ";
            default: return "info";
        }
    }

    static String colour(Level l) {
        switch (l) {
            case CRITICAL: return "\u001b[1;31m";
            case HIGH: return "\u001b[31m";
            case MEDIUM: return "\u001b[33m";
            case LOW: return "\u001b[32m";
            default: return "\u001b[2m";
        }
    }
}
