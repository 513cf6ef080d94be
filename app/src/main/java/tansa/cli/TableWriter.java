package tansa.cli;

import tansa.sigma.Detection;
import tansa.sigma.Level;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * A table for people: time, level (colored on a terminal), computer, channel and EventID, record
 * id, rule title and the matched fields, cut to the line.
 */
final class TableWriter implements DetectionWriter {
    private static final int TITLE = 60;
    private static final int DETAILS = 160;

    private final PrintWriter out;
    private final boolean color;

    TableWriter(PrintWriter out, boolean color) {
        this.out = out;
        this.color = color;
    }

    @Override
    public void write(List<Detection> detections) {
        out.println(String.format(java.util.Locale.ROOT, "%-24s  %-13s  %-20s  %-28s  %-9s  %-" + TITLE + "s  %s",
                "timestamp", "level", "computer", "channel:event", "record", "rule", "details"));
        for (Detection d : detections) {
            String level = d.rule().level() == null ? "-" : d.rule().level();
            String paddedLevel = String.format(java.util.Locale.ROOT, "%-13s", level);
            if (color) {
                paddedLevel = colour(Level.of(d.rule().level())) + paddedLevel + "\u001b[0m";
            }
            String chan = (d.channel() == null ? "-" : shortChannel(d.channel())) + ":" + (d.eventId() == null ? "-" : d.eventId());
            out.println(String.format(java.util.Locale.ROOT, "%-24s  %s  %-20s  %-28s  %-9s  %-" + TITLE + "s  %s",
                    d.timestamp() == null ? "-" : d.timestamp().toString(), paddedLevel, cut(d.computer(), 20), cut(chan, 28),
                    d.recordId() < 0 ? "-" : Long.toString(d.recordId()), cut(d.rule().title(), TITLE), details(d)));
        }
        out.flush();
    }

    private static String details(Detection d) {
        StringBuilder sb = new StringBuilder();
        if (d.correlation() != null) {
            Detection.Correlation c = d.correlation();
            sb.append(c.type()).append(" count=").append(c.count()).append(" window=").append(c.windowStart()).append("..")
                    .append(c.windowEnd()).append(' ');
        }
        for (Map.Entry<String, String> e : d.fields().entrySet()) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(e.getKey()).append('=').append(e.getValue().replace('\n', ' ').replace('\r', ' '));
            if (sb.length() > DETAILS) {
                break;
            }
        }
        return cut(sb.toString(), DETAILS);
    }

    private static String shortChannel(String c) {
        return c.startsWith("Microsoft-Windows-") ? c.substring("Microsoft-Windows-".length()) : c;
    }

    private static String cut(String s, int n) {
        if (s == null) {
            return "-";
        }
        return s.length() <= n ? s : s.substring(0, n - 1) + "\u2026";
    }

    private static String colour(Level l) {
        switch (l) {
            case CRITICAL: return "\u001b[1;31m";
            case HIGH: return "\u001b[31m";
            case MEDIUM: return "\u001b[33m";
            case LOW: return "\u001b[32m";
            default: return "\u001b[2m";
        }
    }
}
