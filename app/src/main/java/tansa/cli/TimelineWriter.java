package tansa.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import tansa.sigma.DetectionJson;
import tansa.sigma.Level;
import tansa.timeline.TimelineEntry;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * A timeline in Timesketch's columns (CSV and JSONL: {@code message}, {@code datetime} ISO-8601
 * with microseconds and offset, {@code timestamp_desc}, then {@code timestamp} in microseconds and
 * tansa's fields) or as a table for people.
 */
final class TimelineWriter {
    static final String HEADER = "message,datetime,timestamp_desc,timestamp,kind,level,computer,channel,event_id,record_id,source,"
            + "rule_id,user,address,fields";
    /** What every entry's time is: when the event was recorded (the record's TimeCreated, Zeek's ts). */
    static final String TIMESTAMP_DESC = "Event Recorded";
    private static final DateTimeFormatter DATETIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'+00:00'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final PrintWriter out;
    private final ObjectMapper mapper = new ObjectMapper();

    TimelineWriter(PrintWriter out) {
        this.out = out;
    }

    static String datetime(Instant t) {
        return t == null ? "" : DATETIME.format(t);
    }

    static String micros(Instant t) {
        return t == null ? "" : Long.toString(Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000));
    }

    void csv(List<TimelineEntry> entries) {
        out.print(HEADER + "\r\n");
        StringBuilder sb = new StringBuilder();
        for (TimelineEntry e : entries) {
            sb.setLength(0);
            String[] cols = {e.message(), datetime(e.time()), TIMESTAMP_DESC, micros(e.time()), e.kind().id(), e.level(), e.computer(),
                    e.channel(), e.eventId(), e.recordId() < 0 ? "" : Long.toString(e.recordId()), e.source(), e.ruleId(), e.user(),
                    e.address(), DetectionJson.fields(mapper, e.fields()).toString()};
            for (int i = 0; i < cols.length; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(CsvWriter.quote(cols[i]));
            }
            out.print(sb.append("\r\n"));
        }
        out.flush();
    }

    void jsonl(List<TimelineEntry> entries) {
        for (TimelineEntry e : entries) {
            ObjectNode o = mapper.createObjectNode();
            o.put("message", e.message());
            o.put("datetime", e.time() == null ? null : datetime(e.time()));
            o.put("timestamp_desc", TIMESTAMP_DESC);
            if (e.time() != null) {
                o.put("timestamp", Long.parseLong(micros(e.time())));
            }
            o.put("kind", e.kind().id());
            o.put("level", e.level());
            o.put("computer", e.computer());
            o.put("channel", e.channel());
            o.put("event_id", e.eventId());
            o.put("record_id", e.recordId());
            o.put("source", e.source());
            o.put("rule_id", e.ruleId());
            o.put("user", e.user());
            o.put("address", e.address());
            o.set("fields", DetectionJson.fields(mapper, e.fields()));
            out.println(o.toString());
        }
        out.flush();
    }

    /** Time (UTC, seconds), kind, computer, channel:EventID, record, message: cut to {@code columns}, every value escaped. */
    void table(List<TimelineEntry> entries, int columns) {
        int kindW = 0;
        int computerW = "computer".length();
        for (TimelineEntry e : entries) {
            kindW = Math.max(kindW, e.kind().id().length());
            computerW = Math.max(computerW, TerminalText.width(TerminalText.escape(e.computer(), 64)));
        }
        kindW = Math.max(kindW, "kind".length());
        computerW = Math.min(computerW, columns >= 160 ? 24 : 15);
        int eventW = 16;
        int recordW = 8;
        boolean showEvent = columns >= 120;
        int fixed = 19 + 2 + 4 + 2 + kindW + 2 + computerW + 2 + (showEvent ? eventW + 2 + recordW + 2 : 0);
        int messageW = Math.max(20, columns - fixed);
        StringBuilder h = new StringBuilder();
        h.append(TerminalText.fit("time (UTC)", 19)).append("  ").append(TerminalText.fit("lvl", 4)).append("  ")
                .append(TerminalText.fit("kind", kindW)).append("  ").append(TerminalText.fit("computer", computerW)).append("  ");
        if (showEvent) {
            h.append(TerminalText.fit("event", eventW)).append("  ").append(pad("record", recordW)).append("  ");
        }
        out.println(h.append("message").toString().stripTrailing());
        StringBuilder row = new StringBuilder();
        for (TimelineEntry e : entries) {
            row.setLength(0);
            row.append(TableWriter.time(e.time())).append("  ")
                    .append(e.level() == null ? "    " : TableWriter.abbreviation(Level.of(e.level()))).append("  ")
                    .append(TerminalText.fit(e.kind().id(), kindW)).append("  ")
                    .append(TerminalText.fit(TerminalText.escape(e.computer() == null ? "-" : e.computer(), 200), computerW)).append("  ");
            if (showEvent) {
                String event = (e.channel() == null ? "-" : TableWriter.shortChannel(e.channel())) + ":"
                        + (e.eventId() == null ? "-" : e.eventId());
                row.append(TerminalText.fit(TerminalText.escape(event, 200), eventW)).append("  ")
                        .append(pad(e.recordId() < 0 ? "-" : Long.toString(e.recordId()), recordW)).append("  ");
            }
            row.append(TerminalText.cut(TerminalText.escape(e.message(), messageW + 1), messageW));
            out.println(row.toString().stripTrailing());
        }
        out.flush();
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s : " ".repeat(w - s.length()) + s;
    }
}
