package tansa.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import tansa.ioc.IocHunter;
import tansa.sigma.Detection;
import tansa.sigma.DetectionJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Multi-observation indicators ({@code [a] AND [b]}), keyed by the indicator's rule key: each
 * event's matches wait in keyed state until the input ends (the final watermark, as
 * {@code tansa hunt} reports them at the end of its input), then each conjunction whose every
 * observation was seen reports its events as hunt's {@link IocHunter#finish} does (the first
 * {@code MAX_PENDING} in evidence order; an event once per indicator; conjunctions in the order
 * of their first event). State per indicator: the observations seen and the first
 * {@code MAX_PENDING} events of each conjunction, compacted to that every
 * {@value #COMPACT_EVERY} records (so at most about that many more).
 */
final class IndicatorStage extends KeyedProcessFunction<String, ConjunctionRecord, Found> {
    private static final long serialVersionUID = 1L;
    static final int COMPACT_EVERY = 2 * IocHunter.MAX_PENDING;

    private transient ListState<ConjunctionRecord> met;
    private transient ValueState<Integer> added;
    private transient ObjectMapper mapper;

    @Override
    public void open(OpenContext context) {
        met = getRuntimeContext().getListState(new ListStateDescriptor<>("met", TypeInformation.of(ConjunctionRecord.class)));
        added = getRuntimeContext().getState(new ValueStateDescriptor<>("added", Types.INT));
        mapper = new ObjectMapper();
    }

    @Override
    public void processElement(ConjunctionRecord r, Context ctx, Collector<Found> out) throws Exception {
        met.add(r);
        ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
        Integer n = added.value();
        int now = n == null ? 1 : n + 1;
        if (now >= COMPACT_EVERY) {
            compact();
            now = 0;
        }
        added.update(now);
    }

    /**
     * Keeps what the end needs: per conjunction the observations seen (one record without a
     * detection) and its first {@code MAX_PENDING} detections in evidence order.
     */
    private void compact() throws Exception {
        List<ConjunctionRecord> all = new ArrayList<>();
        for (ConjunctionRecord r : met.get()) {
            all.add(r);
        }
        all.sort(Comparator.comparingLong(r -> r.seq));
        Map<Integer, BitSet> seen = new LinkedHashMap<>();
        Map<Integer, ConjunctionRecord> first = new LinkedHashMap<>();
        Map<Integer, Integer> kept = new HashMap<>();
        List<ConjunctionRecord> out = new ArrayList<>();
        for (ConjunctionRecord r : all) {
            seen.computeIfAbsent(r.conjunction, k -> new BitSet()).or(BitSet.valueOf(r.positions));
            first.putIfAbsent(r.conjunction, r);
            if (r.json != null && kept.merge(r.conjunction, 1, Integer::sum) <= IocHunter.MAX_PENDING) {
                out.add(new ConjunctionRecord(r.key, r.conjunction, r.size, new long[0], r.json, r.seq));
            }
        }
        for (Map.Entry<Integer, BitSet> e : seen.entrySet()) {
            ConjunctionRecord f = first.get(e.getKey());
            out.add(new ConjunctionRecord(f.key, f.conjunction, f.size, e.getValue().toLongArray(), null, f.seq));
        }
        met.update(out);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Found> out) throws Exception {
        List<ConjunctionRecord> all = new ArrayList<>();
        for (ConjunctionRecord r : met.get()) {
            all.add(r);
        }
        met.clear();
        added.clear();
        all.sort(Comparator.comparingLong(r -> r.seq));
        Map<Integer, BitSet> seen = new LinkedHashMap<>();
        Map<Integer, Integer> sizes = new LinkedHashMap<>();
        // conjunctions in the order of their first detection (hunt's pending map), events in evidence order
        Map<Integer, List<Detection>> pending = new LinkedHashMap<>();
        Map<Detection, Long> seqs = new java.util.IdentityHashMap<>();
        for (ConjunctionRecord r : all) {
            seen.computeIfAbsent(r.conjunction, k -> new BitSet()).or(BitSet.valueOf(r.positions));
            sizes.put(r.conjunction, r.size);
            if (r.json != null) {
                Detection d = parse(r.json, r.key);
                pending.computeIfAbsent(r.conjunction, k -> new ArrayList<>()).add(d);
                seqs.put(d, r.seq);
            }
        }
        Set<String> done = new HashSet<>();
        for (Map.Entry<Integer, List<Detection>> p : pending.entrySet()) {
            int conj = p.getKey();
            IocHunter.finishing(seen.get(conj), sizes.get(conj), p.getValue(), done,
                    d -> out.collect(Matcher.found(mapper, d, seqs.get(d))));
        }
    }

    private Detection parse(byte[] json, String key) {
        try {
            return DetectionJson.parse(mapper.readTree(json), key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
