package tansa.sigma.correlation;

import tansa.sigma.rule.CorrelationRule;
import tansa.sigma.rule.CorrelationType;
import tansa.sigma.rule.Threshold;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
        hits.sort(Comparator.comparing(Hit::time).thenComparingLong(Hit::event).thenComparingInt(Hit::input));
        List<CorrelationMatch> out = new ArrayList<>();
        if (rule.type() == CorrelationType.TEMPORAL_ORDERED) {
            Map<String, Chain> chains = new HashMap<>();
            for (Hit h : hits) {
                chains.computeIfAbsent(h.group(), k -> new Chain(inputs)).add(h, out);
            }
            return out;
        }
        Map<String, Window> windows = new LinkedHashMap<>();
        for (Hit h : hits) {
            Window w = windows.computeIfAbsent(h.group(), k -> new Window(inputs));
            long now = h.time().toEpochMilli();
            if (monotone) {
                w.evict(now, spanMillis);
                w.add(h);
                double v = measure(w);
                if (rule.accepts(v)) {
                    out.add(match(w, v));
                    w.clear();
                }
            } else {
                while (!w.isEmpty() && now - w.hits.peekFirst().time().toEpochMilli() > spanMillis) {
                    if (w.leftMaximal(spanMillis) && judge(w, out)) {
                        break;
                    }
                    w.removeFirst();
                }
                w.add(h);
            }
        }
        if (!monotone) {
            for (Window w : windows.values()) {
                while (!w.isEmpty()) {
                    if (w.leftMaximal(spanMillis) && judge(w, out)) {
                        break;
                    }
                    w.removeFirst();
                }
            }
            out.sort(Comparator.comparing((CorrelationMatch m) -> m.last().time()).thenComparingLong(m -> m.last().event()));
        }
        return out;
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
        private final List<List<Hit>> best;

        Chain(int n) {
            best = new ArrayList<>(java.util.Collections.nCopies(n, (List<Hit>) null));
        }

        void add(Hit h, List<CorrelationMatch> out) {
            long now = h.time().toEpochMilli();
            for (int k = 0; k < best.size(); k++) {
                List<Hit> b = best.get(k);
                if (b != null && now - b.get(0).time().toEpochMilli() > spanMillis) {
                    best.set(k, null);
                }
            }
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
