package tansa.sigma.correlation;

import tansa.sigma.rule.CorrelationRule;
import tansa.sigma.rule.CorrelationType;
import tansa.sigma.rule.Threshold;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Evaluates one correlation rule over its hits. Hits are buffered as they arrive (evidence is
 * read file by file, so times arrive out of order) and evaluated in time order at
 * {@link #run()}; during evaluation each group keeps only the hits inside the timespan.
 *
 * <p>Windows (correlation specification 2.1, Time Selection): a window is at most
 * {@code timespan} long, edges included. For conditions that only grow true ({@code gt},
 * {@code gte} on event_count, value_count, value_sum, temporal) the correlation fires as soon
 * as the window satisfies it, then the group starts afresh. For the others ({@code lt},
 * {@code lte}, {@code eq}, {@code neq}, ranges, value_avg, value_percentile) only maximal
 * windows are judged, ones that can grow neither later (the next hit of the group falls outside
 * the timespan, or input ended) nor earlier; so a sub-window never fires on its own (an average
 * over an hour is the average of all the hour's events).
 * temporal_ordered needs the rules' events in the listed order, each from a distinct event.
 * Events without a timestamp or without a group-by field are not correlated.
 *
 * <p>Not thread-safe.
 */
public final class Correlator {
    private final CorrelationRule rule;
    private final int inputs;
    private final long spanMillis;
    private final List<Hit> pending = new ArrayList<>();
    private final boolean monotone;

    public Correlator(CorrelationRule rule, int inputs) {
        this.rule = rule;
        this.inputs = inputs;
        this.spanMillis = rule.timespan().toMillis();
        boolean mono = rule.type() != CorrelationType.VALUE_AVG && rule.type() != CorrelationType.VALUE_PERCENTILE;
        for (Threshold t : rule.condition()) {
            mono &= t.monotone();
        }
        this.monotone = mono;
    }

    public CorrelationRule rule() {
        return rule;
    }

    public void offer(Hit h) {
        if (h.time() != null) {
            pending.add(h);
        }
    }

    public int pending() {
        return pending.size();
    }

    /** Evaluates every buffered hit in time order and returns the matches, in time order. */
    public List<CorrelationMatch> run() {
        List<Hit> hits = new ArrayList<>(pending);
        pending.clear();
        hits.sort(ORDER);
        List<CorrelationMatch> out = new ArrayList<>();
        Map<String, Group> groups = new LinkedHashMap<>();
        for (Hit h : hits) {
            add(groups.computeIfAbsent(h.group(), k -> newGroup()), h, out);
        }
        if (rule.type() != CorrelationType.TEMPORAL_ORDERED && !monotone) {
            for (Group g : groups.values()) {
                expire(g, Long.MAX_VALUE, out);
            }
            out.sort(Comparator.comparing((CorrelationMatch m) -> m.last().time()).thenComparingLong(m -> m.last().event()));
        }
        return out;
    }

    /** The order in which one group's hits must be {@link #add}ed: time, then event, then input. */
    public static final Comparator<Hit> ORDER = Comparator.comparing(Hit::time).thenComparingLong(Hit::event)
            .thenComparingInt(Hit::input);

    /**
     * The evaluation state of one group (one combination of group-by values): a window, or for
     * temporal_ordered the chains. {@link #run()} is built from it, and so is a streaming
     * evaluation, which keeps one group per key and feeds it hits in {@link #ORDER} as event time
     * advances: the same hits in the same order give the same matches.
     */
    public final class Group {
        final Window window;
        final Chain chain;

        private Group() {
            if (rule.type() == CorrelationType.TEMPORAL_ORDERED) {
                chain = new Chain(inputs);
                window = null;
            } else {
                window = new Window(inputs);
                chain = null;
            }
        }

        /** The hits the group still holds, oldest first (for temporal_ordered: every chain's, in chain order). */
        public List<Hit> hits() {
            if (window != null) {
                return new ArrayList<>(window.hits);
            }
            List<Hit> out = new ArrayList<>();
            for (List<Hit> b : chain.best) {
                if (b != null) {
                    out.addAll(b);
                }
            }
            return out;
        }

        /** For temporal_ordered: the length of each chain prefix held (0 for none), to rebuild it with {@link #restore}. */
        public int[] chainLengths() {
            int[] n = new int[inputs];
            if (chain != null) {
                for (int k = 0; k < inputs; k++) {
                    n[k] = chain.best.get(k) == null ? 0 : chain.best.get(k).size();
                }
            }
            return n;
        }

        /** Time of the last hit dropped from the window's front since it was last cleared, or Long.MIN_VALUE. */
        public long lastRemoved() {
            return window == null ? Long.MIN_VALUE : window.lastRemoved;
        }

        public boolean isEmpty() {
            if (window != null) {
                return window.isEmpty();
            }
            for (List<Hit> b : chain.best) {
                if (b != null) {
                    return false;
                }
            }
            return true;
        }

        /** Time of the oldest hit held, or Long.MAX_VALUE when empty: the group changes once time passes it by the timespan. */
        public long oldestMillis() {
            long min = Long.MAX_VALUE;
            if (window != null) {
                return window.isEmpty() ? min : window.hits.peekFirst().time().toEpochMilli();
            }
            for (List<Hit> b : chain.best) {
                if (b != null) {
                    min = Math.min(min, b.get(0).time().toEpochMilli());
                }
            }
            return min;
        }
    }

    public Group newGroup() {
        return new Group();
    }

    /**
     * Rebuilds a group from what {@link Group#hits()}, {@link Group#chainLengths()} and
     * {@link Group#lastRemoved()} gave (for a checkpoint); the aggregates are recomputed.
     */
    public Group restore(List<Hit> hits, int[] chainLengths, long lastRemoved) {
        Group g = new Group();
        if (g.window != null) {
            for (Hit h : hits) {
                g.window.add(h);
            }
            g.window.lastRemoved = lastRemoved;
        } else {
            int at = 0;
            for (int k = 0; k < inputs; k++) {
                int n = chainLengths[k];
                g.chain.best.set(k, n == 0 ? null : new ArrayList<>(hits.subList(at, at + n)));
                at += n;
            }
        }
        return g;
    }

    /** Whether matches are found as hits arrive (gt/gte, temporal) or only on maximal windows, judged by {@link #expire}. */
    public boolean monotone() {
        return monotone || rule.type() == CorrelationType.TEMPORAL_ORDERED;
    }

    public long spanMillis() {
        return spanMillis;
    }

    /**
     * Adds hit {@code h} (with a time) to its group {@code g}; matches go to {@code out}. Hits of
     * one group must come in {@link #ORDER}.
     */
    public void add(Group g, Hit h, List<CorrelationMatch> out) {
        long now = h.time().toEpochMilli();
        if (g.chain != null) {
            g.chain.add(h, out);
            return;
        }
        Window w = g.window;
        if (monotone) {
            w.evict(now, spanMillis);
            w.add(h);
            double v = measure(w);
            if (rule.accepts(v)) {
                out.add(match(w, v));
                w.clear();
            }
        } else {
            slide(w, now, out);
            w.add(h);
        }
    }

    /**
     * Judges what the group can no longer change once no hit before {@code nowMillis} can
     * arrive: the windows of a non-monotone condition that can grow no later (Long.MAX_VALUE:
     * input ended), and drops hits that left the timespan. The same steps the next hit at or
     * after {@code nowMillis} would cause, taken early; so calling it never changes the matches.
     */
    public void expire(Group g, long nowMillis, List<CorrelationMatch> out) {
        if (g.chain != null) {
            if (nowMillis == Long.MAX_VALUE) {
                java.util.Collections.fill(g.chain.best, null);
            } else {
                g.chain.evict(nowMillis);
            }
            return;
        }
        if (monotone) {
            if (nowMillis == Long.MAX_VALUE) {
                g.window.clear();
            } else {
                g.window.evict(nowMillis, spanMillis);
            }
        } else {
            slide(g.window, nowMillis, out);
        }
    }

    /** Non-monotone: judges and drops the front of the window while it is more than the timespan before {@code now}. */
    private void slide(Window w, long now, List<CorrelationMatch> out) {
        while (!w.isEmpty() && (now == Long.MAX_VALUE || now - w.hits.peekFirst().time().toEpochMilli() > spanMillis)) {
            if (w.leftMaximal(spanMillis) && judge(w, out)) {
                break;
            }
            w.removeFirst();
        }
    }

    /** Emits and clears {@code w} when it satisfies the condition. */
    private boolean judge(Window w, List<CorrelationMatch> out) {
        if (rule.type() == CorrelationType.VALUE_PERCENTILE) {
            // Share of the window's events that carry each value, in percent; rare values fire.
            int n = w.size();
            for (Map.Entry<String, Integer> e : new TreeMap<>(w.valueCounts()).entrySet()) {
                double pct = 100.0 * e.getValue() / n;
                if (rule.accepts(pct)) {
                    List<Hit> hs = new ArrayList<>();
                    for (Hit h : w.hits) {
                        if (e.getKey().equals(h.value())) {
                            hs.add(h);
                        }
                    }
                    out.add(new CorrelationMatch(this, hs.get(0).groupValues(), hs, pct));
                    w.clear();
                    return true;
                }
            }
            return false;
        }
        double v = measure(w);
        if (!Double.isNaN(v) && rule.accepts(v)) {
            out.add(match(w, v));
            w.clear();
            return true;
        }
        return false;
    }

    private double measure(Window w) {
        switch (rule.type()) {
            case EVENT_COUNT: return w.size();
            case VALUE_COUNT: return w.distinctValues();
            case VALUE_SUM: return w.sum();
            case VALUE_AVG: return w.average();
            default: return w.distinctInputs();
        }
    }

    private CorrelationMatch match(Window w, double v) {
        List<Hit> hs = new ArrayList<>(w.hits);
        return new CorrelationMatch(this, hs.get(0).groupValues(), hs, v);
    }

    /**
     * temporal_ordered state of one group: for each prefix r0..rk of the rule list, the chain
     * with the latest start that is still inside the timespan.
     */
    private final class Chain {
        final List<List<Hit>> best;

        Chain(int n) {
            best = new ArrayList<>(java.util.Collections.nCopies(n, (List<Hit>) null));
        }

        void evict(long now) {
            for (int k = 0; k < best.size(); k++) {
                List<Hit> b = best.get(k);
                if (b != null && now - b.get(0).time().toEpochMilli() > spanMillis) {
                    best.set(k, null);
                }
            }
        }

        void add(Hit h, List<CorrelationMatch> out) {
            long now = h.time().toEpochMilli();
            evict(now);
            int k = h.input();
            List<Hit> prev = k == 0 ? null : best.get(k - 1);
            List<Hit> cand = null;
            if (k == 0) {
                cand = List.of(h);
            } else if (prev != null && prev.get(prev.size() - 1).event() != h.event()) {
                cand = new ArrayList<>(prev);
                cand.add(h);
            }
            if (cand == null) {
                return;
            }
            List<Hit> cur = best.get(k);
            if (cur == null || !cand.get(0).time().isBefore(cur.get(0).time())) {
                best.set(k, cand);
            }
            if (rule.accepts(k + 1)) {
                List<Hit> done = best.get(k);
                out.add(new CorrelationMatch(Correlator.this, done.get(0).groupValues(), done, k + 1));
                java.util.Collections.fill(best, null);
            }
        }
    }
}
