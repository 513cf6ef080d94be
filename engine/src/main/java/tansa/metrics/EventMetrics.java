package tansa.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import tansa.event.Event;
import tansa.event.EventFields;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of events by channel, provider, (channel, EventID), computer and UTC day, and each
 * file's event count and time span: what Hayabusa's eid-metrics, computer-metrics and
 * log-metrics show. Fed in delivery order from one thread ({@link #accept}, {@link #fileDone});
 * memory grows with the number of distinct keys, not events.
 */
public final class EventMetrics {
    /** A key and its count. */
    public record Count(String key, long count) {
    }

    /** One (channel, EventID) pair with its description when it is a common one. */
    public record EventIdCount(String channel, String eventId, String description, long count) {
    }

    /** A file's events and its first and last event time (null when no event has a time). */
    public record FileSpan(String path, long events, long withoutTime, Instant first, Instant last) {
    }

    private static final String NONE = "-";

    private final EventIdDescriptions descriptions;
    private final Map<String, long[]> channels = new HashMap<>();
    private final Map<String, long[]> providers = new HashMap<>();
    private final Map<String, long[]> computers = new HashMap<>();
    private final Map<String, Map<String, long[]>> eventIds = new HashMap<>();
    private final TreeMap<Long, long[]> days = new TreeMap<>();
    private final List<FileSpan> files = new ArrayList<>();
    private long events;
    private long withoutTime;
    private long fileEvents;
    private long fileWithoutTime;
    private Instant fileFirst;
    private Instant fileLast;
    private long lastDay = Long.MIN_VALUE;
    private long[] lastDayCount;

    public EventMetrics(EventIdDescriptions descriptions) {
        this.descriptions = descriptions;
    }

    public void accept(Event e) {
        EventFields f = e.fields();
        events++;
        fileEvents++;
        String channel = text(f.get("Channel"));
        count(channels, channel);
        count(providers, text(f.get("Provider_Name")));
        count(computers, text(f.get("Computer")));
        count(eventIds.computeIfAbsent(channel, k -> new HashMap<>()), text(f.get("EventID")));
        Instant t = e.timestamp();
        if (t == null) {
            withoutTime++;
            fileWithoutTime++;
            return;
        }
        if (fileFirst == null || t.isBefore(fileFirst)) {
            fileFirst = t;
        }
        if (fileLast == null || t.isAfter(fileLast)) {
            fileLast = t;
        }
        long day = Math.floorDiv(t.getEpochSecond(), 86_400L);
        if (day != lastDay) {
            lastDay = day;
            lastDayCount = days.computeIfAbsent(day, k -> new long[1]);
        }
        lastDayCount[0]++;
    }

    /** Closes the current file's span (call after its events, in order). */
    public void fileDone(String path) {
        files.add(new FileSpan(path, fileEvents, fileWithoutTime, fileFirst, fileLast));
        fileEvents = 0;
        fileWithoutTime = 0;
        fileFirst = null;
        fileLast = null;
    }

    private static String text(JsonNode v) {
        if (v == null || v.isNull()) {
            return NONE;
        }
        String s = v.isTextual() ? v.textValue() : v.isValueNode() ? v.asText() : v.toString();
        return s.isEmpty() ? NONE : s;
    }

    private static void count(Map<String, long[]> m, String key) {
        long[] c = m.get(key);
        if (c == null) {
            c = new long[1];
            m.put(key, c);
        }
        c[0]++;
    }

    public long events() {
        return events;
    }

    /** Events that carry no time (not in any day). */
    public long withoutTime() {
        return withoutTime;
    }

    public List<Count> channels() {
        return sorted(channels);
    }

    public List<Count> providers() {
        return sorted(providers);
    }

    public List<Count> computers() {
        return sorted(computers);
    }

    /** UTC days in order, with their events. */
    public List<Count> days() {
        List<Count> out = new ArrayList<>(days.size());
        days.forEach((d, c) -> out.add(new Count(LocalDate.ofEpochDay(d).toString(), c[0])));
        return out;
    }

    /** (channel, EventID) pairs, most frequent first. */
    public List<EventIdCount> eventIds() {
        List<EventIdCount> out = new ArrayList<>();
        eventIds.forEach((ch, ids) -> ids.forEach((id, c) -> out.add(new EventIdCount(ch, id, descriptions.describe(ch, id), c[0]))));
        out.sort(Comparator.comparingLong(EventIdCount::count).reversed()
                .thenComparing(EventIdCount::channel).thenComparing(EventIdCount::eventId));
        return out;
    }

    public List<FileSpan> files() {
        return List.copyOf(files);
    }

    private static List<Count> sorted(Map<String, long[]> m) {
        List<Count> out = new ArrayList<>(m.size());
        m.forEach((k, c) -> out.add(new Count(k, c[0])));
        out.sort(Comparator.comparingLong(Count::count).reversed().thenComparing(Count::key));
        return out;
    }
}
