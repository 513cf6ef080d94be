package tansa.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import tansa.event.Event;
import tansa.event.EventFields;
import tansa.sigma.correlation.CorrelationMatch;
import tansa.sigma.correlation.Hit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs a {@link RuleSet} over events: the log-source gate picks the candidates of each event,
 * matches become {@link Detection}s (or hits of the correlations that use the rule), and
 * {@link #finish()} evaluates the correlations. Single-threaded: call from one thread.
 */
public final class Hunter {
    private final RuleSet rules;
    private final Consumer<Detection> sink;
    private final Candidate[][] scratch = new Candidate[3][];
    private long events;

    public Hunter(RuleSet rules, Consumer<Detection> sink) {
        this.rules = rules;
        this.sink = sink;
    }

    public long events() {
        return events;
    }

    public void accept(Event e) {
        events++;
        long id = rules.nextEvent++;
        EventFields f = e.fields();
        int n = rules.index.lookup(f, scratch);
        for (int i = 0; i < n; i++) {
            for (Candidate c : scratch[i]) {
                CompiledRule r = c.rule;
                if (r.lastEvent == id || !c.matches(f)) {
                    continue;
                }
                r.lastEvent = id;
                matched(c, e, f, id);
            }
        }
    }

    private void matched(Candidate c, Event e, EventFields f, long id) {
        CompiledRule r = c.rule;
        if (r.emit) {
            Map<String, String> fields = new LinkedHashMap<>();
            for (String name : c.fields) {
                String v = text(f.get(name));
                if (v != null) {
                    fields.put(name, v);
                }
            }
            sink.accept(new Detection(r.info, e.timestamp(), f.text("Computer"), f.text("Channel"), f.text("EventID"),
                    e.recordId(), e.source(), fields, null));
        }
        for (CorrelationFeed feed : r.feeds) {
            List<String> group = new ArrayList<>(feed.groupFields().length);
            boolean complete = true;
            for (String g : feed.groupFields()) {
                String v = text(f.get(c.entry == null ? g : c.entry.rename(g)));
                if (v == null) {
                    complete = false;
                    break;
                }
                group.add(v);
            }
            if (!complete) {
                continue;
            }
            String value = null;
            if (feed.valueField() != null) {
                value = text(f.get(c.entry == null ? feed.valueField() : c.entry.rename(feed.valueField())));
                if (value == null) {
                    continue;
                }
            }
            feed.target().correlator.offer(new Hit(e.timestamp(), id, feed.input(), String.join("\u0000", group), group, value,
                    e.recordId(), e.source(), f.text("Computer"), f.text("Channel"), f.text("EventID"), List.of(e.recordId())));
        }
    }

    /** Evaluates the correlations (inner ones first, feeding outer ones) and emits their detections. */
    public void finish() {
        for (CorrelationNode n : rules.correlations) {
            for (CorrelationMatch m : n.correlator.run()) {
                Detection d = detection(n, m);
                if (n.emit) {
                    sink.accept(d);
                }
                for (CorrelationFeed feed : n.feeds) {
                    feedChained(feed, d, m);
                }
            }
        }
    }

    private void feedChained(CorrelationFeed feed, Detection d, CorrelationMatch m) {
        List<String> group = new ArrayList<>();
        for (String g : feed.groupFields()) {
            String v = d.correlation().groupBy().get(g);
            if (v == null) {
                return;
            }
            group.add(v);
        }
        String value = feed.valueField() == null ? null : d.correlation().groupBy().get(feed.valueField());
        if (feed.valueField() != null && value == null) {
            return;
        }
        Hit last = m.last();
        feed.target().correlator.offer(new Hit(d.timestamp(), last.event(), feed.input(), String.join("\u0000", group), group,
                value, d.recordId(), d.source(), d.computer(), d.channel(), d.eventId(), d.correlation().recordIds()));
    }

    private static Detection detection(CorrelationNode n, CorrelationMatch m) {
        Map<String, String> group = new LinkedHashMap<>();
        List<String> names = n.rule.groupBy();
        for (int i = 0; i < names.size(); i++) {
            group.put(names.get(i), m.groupValues().get(i));
        }
        List<Long> ids = new ArrayList<>();
        java.util.Set<String> contributing = new java.util.TreeSet<>();
        for (Hit h : m.hits()) {
            for (Long id : h.recordIds()) {
                if (ids.size() < Detection.Correlation.MAX_RECORD_IDS) {
                    ids.add(id);
                }
            }
            contributing.add(n.inputNames.get(h.input()));
        }
        Hit first = m.hits().get(0);
        Hit last = m.last();
        Instant start = first.time();
        Detection.Correlation c = new Detection.Correlation(n.rule.type().yamlName(), group, start, last.time(),
                m.hits().size(), m.value(), ids, new ArrayList<>(contributing));
        return new Detection(n.rule.info(), last.time(), last.computer(), last.channel(), last.eventId(), last.recordId(),
                last.source(), group, c);
    }

    static String text(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }
}
