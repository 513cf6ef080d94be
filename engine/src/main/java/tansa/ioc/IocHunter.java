package tansa.ioc;

import tansa.event.Event;
import tansa.event.EventFields;
import tansa.sigma.Detection;
import tansa.sigma.rule.RuleInfo;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns indicator matches into detections, in the shape Sigma detections have: {@code rule_id}
 * is the indicator's id, the title its name (or {@code IOC: value}), the level its own, the tags
 * {@code ioc} and {@code ioc.TYPE} plus the source's; the fields are the event's values that
 * matched. An indicator reports each event once.
 *
 * <p>{@link #prepare} (thread-safe) matches on the decode threads and returns what it found;
 * {@link #accept}, called in evidence order on one thread, reports it. An indicator whose
 * pattern needs several observations ({@code [a] AND [b]}) reports its events at
 * {@link #finish} once each observation was seen (at most {@link #MAX_PENDING} events each).
 */
public final class IocHunter {
    /** Events a multi-observation conjunction reports at the most (the first in evidence order). */
    public static final int MAX_PENDING = 1000;

    private final IocMatcher matcher;
    private final Consumer<Detection> sink;
    private final RuleInfo[] infos;
    /** Per conjunction of several observations: which were seen, and the detections waiting for the rest. */
    private final Map<Integer, BitSet> seen = new LinkedHashMap<>();
    private final Map<Integer, List<Detection>> pending = new LinkedHashMap<>();
    private long hits;
    /** Where multi-observation matches go instead of {@link #pending} (a stream job keeps them in keyed state); null: held here. */
    private Conjunctions conjunctions;

    /**
     * Receives the multi-observation matches of each event instead of this hunter holding them
     * until {@link #finish} (a streaming job keeps them in keyed state and reports them at the end
     * of its input as {@link #finish} would: see {@link #finishing}).
     */
    public interface Conjunctions {
        /**
         * The event {@code d} describes met the observations {@code positions} of conjunction
         * {@code conj} (of {@code size} observations) of the indicator whose rule key is {@code key};
         * {@code d} is null when the event was reported already through a single observation.
         */
        void met(String key, int conj, int size, BitSet positions, Detection d);
    }

    /** Sends multi-observation matches to {@code c} from now on ({@link #finish} then reports nothing of them). */
    public IocHunter conjunctionsTo(Conjunctions c) {
        this.conjunctions = c;
        return this;
    }

    /**
     * What {@link #finish} reports of one conjunction's matches, in the order given: the first
     * {@link #MAX_PENDING} detections (in evidence order) if every observation was seen; once each
     * by (rule key, source, record id) over the calls sharing {@code done}.
     */
    public static void finishing(BitSet seen, int size, List<Detection> inEvidenceOrder, java.util.Set<String> done,
                                 Consumer<Detection> out) {
        if (seen.cardinality() != size) {
            return;
        }
        int n = 0;
        for (Detection d : inEvidenceOrder) {
            if (n++ >= MAX_PENDING) {
                return;
            }
            if (done.add(key(d))) {
                out.accept(d);
            }
        }
    }

    private static String key(Detection d) {
        return d.rule().key() + "\u0000" + d.source() + "\u0000" + d.recordId();
    }

    public IocHunter(IocMatcher matcher, Consumer<Detection> sink) {
        this.matcher = matcher;
        this.sink = sink;
        List<Indicator> list = matcher.indicators();
        this.infos = new RuleInfo[list.size()];
        for (int i = 0; i < infos.length; i++) {
            Indicator ind = list.get(i);
            infos[i] = new RuleInfo(ind.id(), null, ind.title(), null, ind.level(), ind.tags(), ind.description(), ind.file(), 0);
        }
    }

    /** The event's matches, or null; thread-safe. */
    public Object prepare(Event e) {
        return matcher.match(e.fields());
    }

    /** Reports what {@link #prepare} found for {@code e}; call in evidence order from one thread. */
    public void accept(Event e, Object prepared) {
        if (!(prepared instanceof IocMatcher.Match[] matches)) {
            return;
        }
        EventFields f = e.fields();
        // An indicator once per event: merge the fields of every observation of it that matched.
        Map<Integer, Map<String, String>> now = new LinkedHashMap<>();
        Map<Integer, List<Integer>> waiting = new LinkedHashMap<>();
        Map<Integer, Map<String, String>> waitingFields = new LinkedHashMap<>();
        Map<Integer, BitSet> eventSeen = conjunctions == null ? null : new LinkedHashMap<>();
        for (IocMatcher.Match m : matches) {
            int o = m.observation();
            int ind = matcher.obsIndicator[o];
            int conj = matcher.obsConjunction[o];
            int size = matcher.conjunctionSize[conj];
            if (size == 1) {
                now.computeIfAbsent(ind, k -> new LinkedHashMap<>()).putAll(m.fields());
            } else {
                BitSet b = (conjunctions == null ? seen : eventSeen).computeIfAbsent(conj, k -> new BitSet());
                b.set(position(o, conj));
                waiting.computeIfAbsent(conj, k -> new ArrayList<>()).add(o);
                waitingFields.computeIfAbsent(conj, k -> new LinkedHashMap<>()).putAll(m.fields());
            }
        }
        for (Map.Entry<Integer, Map<String, String>> x : now.entrySet()) {
            emit(detection(x.getKey(), e, f, x.getValue()));
        }
        for (Map.Entry<Integer, List<Integer>> w : waiting.entrySet()) {
            int conj = w.getKey();
            int ind = matcher.obsIndicator[w.getValue().get(0)];
            if (conjunctions != null) {
                conjunctions.met(infos[ind].key(), conj, matcher.conjunctionSize[conj], eventSeen.get(conj),
                        now.containsKey(ind) ? null : detection(ind, e, f, waitingFields.get(conj)));
                continue;
            }
            if (now.containsKey(ind)) {
                continue; // already reported for this event through a single-observation branch
            }
            List<Detection> list = pending.computeIfAbsent(conj, k -> new ArrayList<>());
            if (list.size() < MAX_PENDING) {
                list.add(detection(ind, e, f, waitingFields.get(conj)));
            }
        }
    }

    /** The index of observation {@code o} within its conjunction. */
    private int position(int o, int conj) {
        int first = o;
        while (first > 0 && matcher.obsConjunction[first - 1] == conj) {
            first--;
        }
        return o - first;
    }

    /** Reports the events of multi-observation indicators whose every observation was seen. */
    public void finish() {
        java.util.Set<String> done = new java.util.HashSet<>();
        for (Map.Entry<Integer, List<Detection>> p : pending.entrySet()) {
            int conj = p.getKey();
            BitSet b = seen.get(conj);
            if (b != null && b.cardinality() == matcher.conjunctionSize[conj]) {
                for (Detection d : p.getValue()) {
                    if (done.add(key(d))) {
                        emit(d);
                    }
                }
            }
        }
        pending.clear();
    }

    /** Detections reported so far. */
    public long hits() {
        return hits;
    }

    private void emit(Detection d) {
        hits++;
        sink.accept(d);
    }

    private Detection detection(int ind, Event e, EventFields f, Map<String, String> fields) {
        return new Detection(infos[ind], e.timestamp(), f.text("Computer"), f.text("Channel"), f.text("EventID"), e.recordId(),
                e.source(), fields == null ? Map.of() : fields, null);
    }
}
