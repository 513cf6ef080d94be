package tansa.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
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
 * of their first event). State: one record per event that met such an observation.
 */
final class IndicatorStage extends KeyedProcessFunction<String, ConjunctionRecord, Found> {
    private static final long serialVersionUID = 1L;

    private transient ListState<ConjunctionRecord> met;
    private transient ObjectMapper mapper;

    @Override
    public void open(OpenContext context) {
        met = getRuntimeContext().getListState(new ListStateDescriptor<>("met", TypeInformation.of(ConjunctionRecord.class)));
        mapper = new ObjectMapper();
    }

    @Override
    public void processElement(ConjunctionRecord r, Context ctx, Collector<Found> out) throws Exception {
        met.add(r);
        ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Found> out) throws Exception {
        List<ConjunctionRecord> all = new ArrayList<>();
        for (ConjunctionRecord r : met.get()) {
            all.add(r);
        }
        met.clear();
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
