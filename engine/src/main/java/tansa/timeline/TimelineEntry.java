package tansa.timeline;

import tansa.event.Event;
import tansa.event.EventFields;
import tansa.sigma.Detection;

import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of a timeline: a key event, a Sigma detection or an indicator hit, with where it came
 * from (source file, record id, computer, channel, EventID), a message, and for detections the
 * rule id and level.
 */
public record TimelineEntry(Instant time, String source, long recordId, KeyKind kind, String level, String message,
                            String computer, String channel, String eventId, String ruleId, String user, String address,
                            Map<String, String> fields) {
    /** Time (entries without one first), then source file, record id, kind (key events before detections), rule, message. */
    public static final Comparator<TimelineEntry> ORDER = Comparator
            .comparing(TimelineEntry::time, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(TimelineEntry::source, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingLong(TimelineEntry::recordId)
            .thenComparing(TimelineEntry::kind)
            .thenComparing(TimelineEntry::ruleId, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(TimelineEntry::message, Comparator.nullsFirst(Comparator.naturalOrder()));

    public TimelineEntry {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public static TimelineEntry of(Event e, KeyEvent k) {
        EventFields f = e.fields();
        return new TimelineEntry(e.timestamp(), e.source(), e.recordId(), k.kind(), null, k.message(), f.text("Computer"),
                f.text("Channel"), f.text("EventID"), null, k.user(), k.address(), k.fields());
    }

    /** A detection as an entry of {@code kind} ({@link KeyKind#DETECTION} or {@link KeyKind#IOC}). */
    public static TimelineEntry of(Detection d, KeyKind kind) {
        StringBuilder m = new StringBuilder(kind == KeyKind.IOC && d.rule().title().startsWith("IOC: ") ? "" : kind.label() + ": ");
        m.append(d.rule().title());
        if (!d.fields().isEmpty()) {
            m.append(" (");
            int n = 0;
            for (Map.Entry<String, String> x : d.fields().entrySet()) {
                if (n++ > 0) {
                    m.append(", ");
                }
                m.append(x.getKey()).append('=').append(x.getValue());
            }
            m.append(')');
        }
        return new TimelineEntry(d.timestamp(), d.source(), d.recordId(), kind, d.rule().level(), m.toString(), d.computer(),
                d.channel(), d.eventId(), d.rule().id() != null ? d.rule().id() : d.rule().key(), null, null, d.fields());
    }
}
