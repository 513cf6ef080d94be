package tansa.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import tansa.event.Event;
import tansa.event.EventFields;
import tansa.sigma.correlation.CorrelationMatch;
import tansa.sigma.correlation.Correlator;
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
 * {@link #finish()} evaluates the correlations.
 *
 * <p>Matching can run on the reader's decode threads: {@link #prepare} is thread-safe and
 * attaches the event's matches to it; {@link #accept}, called in order on one thread, turns
 * them into detections and correlation hits (and matches the event itself when it was not
 * prepared).
 */
public final class Hunter {
    private static final Candidate[] NO_MATCH = new Candidate[0];


    private final RuleSet rules;
    private final Consumer<Detection> sink;
    private final HitSink hits;
    private final ThreadLocal<Scratch> scratch;
    private long events;

    /**
     * Where the hits of correlations go: by default each correlation buffers its own until
     * {@link #finish()}; a streaming evaluation routes them by correlation and group instead,
     * evaluates them with {@link Correlator#add} and hands matches back to {@link #correlated}.
     */
    @FunctionalInterface
    public interface HitSink {
        void hit(Correlator target, Hit hit);
    }

    /** Per-thread buffers of the matching path. */
    private static final class Scratch {
        final SourceIndex.Group[] groups = new SourceIndex.Group[3];
        final int[] selected;
        /** The matches of the event being matched, gathered before one array of their number is made. */
        Candidate[] found = new Candidate[8];

        Scratch(int largest) {
            selected = new int[largest];
        }

        /** Puts {@code c} after the first {@code n} matches; returns their new number. */
        int add(int n, Candidate c) {
            if (n == found.length) {
                found = java.util.Arrays.copyOf(found, n * 2);
            }
            found[n] = c;
            return n + 1;
        }
    }

    public Hunter(RuleSet rules, Consumer<Detection> sink) {
        this(rules, sink, Correlator::offer);
    }

    /** A hunter whose correlation hits go to {@code hits} ({@link #finish()} then finds nothing to evaluate). */
    public Hunter(RuleSet rules, Consumer<Detection> sink, HitSink hits) {
        this.rules = rules;
        this.sink = sink;
        this.hits = hits;
        int largest = rules.index.largest();
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(largest));
    }

    public long events() {
        return events;
    }

    /** What {@link #prepare} found for one event: the matching candidates and their detections. */
    private record Prepared(Candidate[] matches, Detection[] detections) {
    }

    /**
     * Matches {@code e} and attaches the result, with the detections already built: this runs
     * on the decode threads, in parallel, while {@link #accept} runs on one; thread-safe (each
     * event on one thread at a time).
     */
    public void prepare(Event e) {
        Candidate[] matches = match(e.fields());
        if (matches.length == 0) {
            e.attach(NO_MATCH);
            return;
        }
        Detection[] built = new Detection[matches.length];
        for (int i = 0; i < matches.length; i++) {
            if (matches[i].rule.emit) {
                built[i] = detection(matches[i], e, e.fields());
            }
        }
        e.attach(new Prepared(matches, built));
    }

    /** Reports the matches of {@code e}; call in evidence order from one thread. */
    public void accept(Event e) {
        accept(e, rules.nextEvent++);
    }

    /**
     * Reports the matches of {@code e}, numbered {@code id} in evidence order (correlations
     * order hits of equal time by it); for a caller that numbers events itself (a stream, where
     * the shipper numbered them). Not thread-safe.
     */
    public void accept(Event e, long id) {
        events++;
        Object a = e.attachment();
        Candidate[] matches;
        Detection[] built = null;
        if (a instanceof Prepared) {
            matches = ((Prepared) a).matches();
            built = ((Prepared) a).detections();
        } else {
            matches = a instanceof Candidate[] ? (Candidate[]) a : match(e.fields());
        }
        e.attach(null);
        for (int i = 0; i < matches.length; i++) {
            matched(matches[i], e, e.fields(), id, built == null ? null : built[i]);
        }
    }

    /** The candidates that match, at most one per rule, in gate order; no allocation when none. */
    private Candidate[] match(EventFields f) {
        Scratch s = scratch.get();
        int n = rules.index.lookup(f, s.groups);
        int found = 0;
        for (int g = 0; g < n; g++) {
            SourceIndex.Group group = s.groups[g].ready();
            Candidate[] all = group.all;
            tansa.sigma.match.Prefilter prefilter = group.prefilter();
            if (prefilter == null) {
                for (Candidate c : all) {
                    if (c.matches(f) && !seen(s.found, found, c.rule)) {
                        found = s.add(found, c);
                    }
                }
                continue;
            }
            int k = prefilter.select(f, s.selected);
            for (int i = 0; i < k; i++) {
                Candidate c = all[s.selected[i]];
                if (c.matches(f) && !seen(s.found, found, c.rule)) {
                    found = s.add(found, c);
                }
            }
        }
        return found == 0 ? NO_MATCH : java.util.Arrays.copyOf(s.found, found);
    }

    private static boolean seen(Candidate[] found, int n, CompiledRule r) {
        for (int i = 0; i < n; i++) {
            if (found[i].rule == r) {
                return true;
            }
        }
        return false;
    }

    private static Detection detection(Candidate c, Event e, EventFields f) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String name : c.fields) {
            String v = text(f.get(name));
            if (v != null) {
                fields.put(name, v);
            }
        }
        return new Detection(c.rule.info, e.timestamp(), f.text("Computer"), f.text("Channel"), f.text("EventID"),
                e.recordId(), e.source(), fields, null);
    }

    private void matched(Candidate c, Event e, EventFields f, long id, Detection built) {
        CompiledRule r = c.rule;
        if (r.emit) {
            sink.accept(built != null ? built : detection(c, e, f));
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
            hits.hit(feed.target().correlator, new Hit(e.timestamp(), id, feed.input(), String.join("\u0000", group), group, value,
                    e.recordId(), e.source(), f.text("Computer"), f.text("Channel"), f.text("EventID"), List.of(e.recordId())));
        }
    }

    /** Evaluates the correlations (inner ones first, feeding outer ones) and emits their detections. */
    public void finish() {
        for (CorrelationNode n : rules.correlations) {
            for (CorrelationMatch m : n.correlator.run()) {
                correlated(n, m);
            }
        }
    }

    /**
     * Reports match {@code m} of correlation {@code c} (one of this rule set's): its detection,
     * unless the correlation only feeds others, and its hits for the correlations it feeds.
     */
    public void correlated(Correlator c, CorrelationMatch m) {
        correlated(rules.node(c), m);
    }

    private void correlated(CorrelationNode n, CorrelationMatch m) {
        Detection d = detection(n, m);
        if (n.emit) {
            sink.accept(d);
        }
        for (CorrelationFeed feed : n.feeds) {
            feedChained(feed, d, m);
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
        hits.hit(feed.target().correlator, new Hit(d.timestamp(), last.event(), feed.input(), String.join("\u0000", group), group,
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
