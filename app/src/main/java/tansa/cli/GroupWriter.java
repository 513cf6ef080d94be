package tansa.cli;

import tansa.sigma.Detection;
import tansa.sigma.Level;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Detections grouped by rule, host or level, one line a group: count, level, first and last time,
 * the hosts (or rules) involved, and the group's name; most severe first, then most frequent.
 * What a responder reads when 3,562 copies of one rule would bury everything else. Laid out to the
 * width it is given, values escaped as in {@link TableWriter}.
 */
final class GroupWriter implements DetectionWriter {
    enum By { RULE, HOST, LEVEL }

    private final PrintWriter out;
    private final boolean color;
    private final int columns;
    private final By by;

    GroupWriter(PrintWriter out, boolean color, int columns, By by) {
        this.out = out;
        this.color = color;
        this.columns = columns;
        this.by = by;
    }

    private static final class Group {
        final String name;
        Level level = Level.INFORMATIONAL;
        long count;
        Instant first;
        Instant last;
        final TreeSet<String> others = new TreeSet<>();

        Group(String name) {
            this.name = name;
        }

        void add(Detection d, String other) {
            count++;
            Level l = Level.of(d.rule().level());
            if (l.compareTo(level) > 0) {
                level = l;
            }
            Instant t = d.timestamp();
            if (t != null) {
                first = first == null || t.isBefore(first) ? t : first;
                last = last == null || t.isAfter(last) ? t : last;
            }
            if (others.size() < 1000) {
                others.add(other);
            }
        }
    }

    @Override
    public void write(List<Detection> detections) {
        Map<String, Group> groups = new TreeMap<>();
        for (Detection d : detections) {
            String host = d.computer() == null ? "-" : d.computer();
            String rule = d.rule().title() == null ? d.rule().id() : d.rule().title();
            String key;
            String other;
            switch (by) {
                case HOST: key = host; other = rule; break;
                case LEVEL: key = Level.of(d.rule().level()).label(); other = host; break;
                default: key = rule; other = host; break;
            }
            groups.computeIfAbsent(key, Group::new).add(d, other);
        }
        List<Group> sorted = new ArrayList<>(groups.values());
        sorted.sort(Comparator.comparing((Group g) -> g.level).reversed()
                .thenComparing(Comparator.comparingLong((Group g) -> g.count).reversed())
                .thenComparing(g -> g.name));

        int countW = 5;
        for (Group g : sorted) {
            countW = Math.max(countW, Long.toString(g.count).length());
        }
        String otherTitle = by == By.HOST ? "rules" : "hosts";
        String nameTitle = by == By.HOST ? "host" : by == By.LEVEL ? "level" : "rule";
        // At 80 columns the name needs the room more than the last time and the time of day.
        boolean showLast = columns >= 110;
        int firstW = columns >= 100 ? 19 : 10;
        int fixed = countW + 2 + 4 + 2 + firstW + 2 + (showLast ? 19 + 2 : 0);
        int rest = Math.max(20, columns - fixed);
        int otherW = Math.min(32, Math.max(12, rest * (columns >= 100 ? 2 : 1) / 5));
        int nameW = Math.max(8, rest - otherW - 2);
        out.println((pad("count", countW) + "  lvl   " + TerminalText.fit(firstW == 19 ? "first (UTC)" : "first", firstW) + "  "
                + (showLast ? TerminalText.fit("last (UTC)", 19) + "  " : "") + TerminalText.fit(otherTitle, otherW) + "  "
                + nameTitle).stripTrailing());
        StringBuilder row = new StringBuilder();
        for (Group g : sorted) {
            row.setLength(0);
            row.append(pad(Long.toString(g.count), countW)).append("  ");
            String lvl = TableWriter.abbreviation(g.level);
            if (color) {
                out.print(row);
                TerminalSafeWriter.raw(out, TableWriter.colour(g.level));
                out.print(lvl);
                TerminalSafeWriter.raw(out, "\u001b[0m");
                row.setLength(0);
            } else {
                row.append(lvl);
            }
            row.append("  ").append(TableWriter.time(g.first), 0, firstW).append("  ");
            if (showLast) {
                row.append(TableWriter.time(g.last)).append("  ");
            }
            row
                    .append(TerminalText.fit(others(g), otherW)).append("  ")
                    .append(TerminalText.cut(TerminalText.escape(g.name, 400), nameW));
            out.println(row.toString().stripTrailing());
        }
        out.printf(Locale.ROOT, "%d detections in %d groups by %s%n", detections.size(), sorted.size(),
                by.name().toLowerCase(Locale.ROOT));
        out.flush();
    }

    private static String others(Group g) {
        StringBuilder sb = new StringBuilder().append(g.others.size()).append(':');
        String sep = " ";
        for (String o : g.others) {
            sb.append(sep).append(TerminalText.escape(o, 64));
            sep = ", ";
            if (sb.length() > 80) {
                break;
            }
        }
        return sb.toString();
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s : " ".repeat(w - s.length()) + s;
    }
}
