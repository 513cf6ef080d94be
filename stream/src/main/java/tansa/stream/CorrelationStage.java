package tansa.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import tansa.sigma.Detection;
import tansa.sigma.Hunter;
import tansa.sigma.RuleSet;
import tansa.sigma.correlation.CorrelationMatch;
import tansa.sigma.correlation.Correlator;
import tansa.sigma.correlation.Hit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Evaluates the correlations of one chaining depth, keyed by correlation and group, in event
 * time. A hit waits in keyed state until the watermark passes its time (plus {@code delay}, the
 * longest time an inner correlation of the stages before can hold a match back); then the due
 * hits are fed to the group's {@link Correlator.Group} in hunt's order (time, event, input), so
 * the matches are hunt's. Once no earlier hit can arrive, windows that can no longer grow are
 * judged and hits older than the timespan dropped (a timer per group at its oldest hit plus the
 * timespan): a group's state never holds more than a timespan of hits. Hits of deeper
 * correlations pass through to {@link #CHAINED}, with the hits this stage's matches feed to them.
 *
 * <p>A hit that arrives after the watermark passed it (later than the source's out-of-order
 * tolerance) cannot be placed in order any more: it is counted ({@code tansa_late_hits}) and
 * dropped. With no tolerance given the job holds every hit until the input ends, like hunt.
 */
final class CorrelationStage extends KeyedProcessFunction<String, HitRecord, Found> {
    private static final long serialVersionUID = 1L;
    static final OutputTag<HitRecord> CHAINED = new OutputTag<>("chained", TypeInformation.of(HitRecord.class));

    private final RuleSpec spec;
    private final int depth;
    private final long delay;
    private transient RuleSet rules;
    private transient List<Correlator> correlators;
    private transient Map<Correlator, Integer> index;
    private transient Hunter hunter;
    private transient List<Detection> found;
    private transient List<HitRecord> chained;
    private transient ObjectMapper mapper;
    private transient ValueState<byte[]> group;
    private transient ListState<HitRecord> pending;
    private transient Counter late;
    private transient Counter matches;

    CorrelationStage(RuleSpec spec, int depth, long delay) {
        this.spec = spec;
        this.depth = depth;
        this.delay = delay;
    }

    @Override
    public void open(OpenContext context) {
        rules = spec.rules();
        correlators = rules.correlators();
        index = Matcher.indexOf(rules);
        found = new ArrayList<>();
        chained = new ArrayList<>();
        mapper = new ObjectMapper();
        hunter = new Hunter(rules, found::add, (c, h) -> {
            if (h.time() != null) {
                chained.add(new HitRecord(index.get(c), rules.depth(c), h.group(), h.time().toEpochMilli(), HitCodec.hit(h)));
            }
        });
        group = getRuntimeContext().getState(new ValueStateDescriptor<>("group", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        pending = getRuntimeContext().getListState(new ListStateDescriptor<>("pending", TypeInformation.of(HitRecord.class)));
        late = getRuntimeContext().getMetricGroup().counter("tansa_late_hits");
        matches = getRuntimeContext().getMetricGroup().counter("tansa_correlation_matches");
    }

    @Override
    public void processElement(HitRecord h, Context ctx, Collector<Found> out) throws Exception {
        if (h.depth != depth) {
            ctx.output(CHAINED, h);
            return;
        }
        long wm = ctx.timerService().currentWatermark();
        long due = due(h.millis);
        if (wm != Long.MIN_VALUE && due <= wm) {
            late.inc();
            return;
        }
        pending.add(h);
        ctx.timerService().registerEventTimeTimer(due);
    }

    /** When a hit at {@code millis} can be evaluated: the watermark is past it by the delay. */
    private long due(long millis) {
        return millis > Long.MAX_VALUE - delay ? Long.MAX_VALUE : millis + delay;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Found> out) throws Exception {
        long wm = ctx.timerService().currentWatermark();
        long limit = wm == Long.MAX_VALUE ? Long.MAX_VALUE : wm - delay;
        List<Hit> now = new ArrayList<>();
        List<HitRecord> later = new ArrayList<>();
        Correlator c = null;
        for (HitRecord r : pending.get()) {
            c = correlators.get(r.correlation);
            if (r.millis <= limit) {
                now.add(HitCodec.hit(r.hit));
            } else {
                later.add(r);
            }
        }
        if (c == null) {
            c = correlators.get(Integer.parseInt(ctx.getCurrentKey().substring(0, ctx.getCurrentKey().indexOf('\u0001'))));
        }
        pending.update(later);
        now.sort(Correlator.ORDER);
        Correlator.Group g = HitCodec.group(c, group.value());
        List<CorrelationMatch> ms = new ArrayList<>();
        for (Hit h : now) {
            c.add(g, h, ms);
        }
        c.expire(g, limit == Long.MAX_VALUE ? Long.MAX_VALUE : limit + 1, ms);
        for (CorrelationMatch m : ms) {
            hunter.correlated(c, m);
        }
        matches.inc(ms.size());
        for (Detection d : found) {
            Hit last = lastOf(ms, d);
            out.collect(Matcher.found(mapper, d, last == null ? Long.MAX_VALUE : last.event()));
        }
        found.clear();
        for (HitRecord r : chained) {
            ctx.output(CHAINED, r);
        }
        chained.clear();
        if (g.isEmpty()) {
            group.clear();
        } else {
            group.update(HitCodec.group(g));
            long oldest = g.oldestMillis();
            long span = c.spanMillis();
            if (limit != Long.MAX_VALUE && oldest < Long.MAX_VALUE - span - 1) {
                ctx.timerService().registerEventTimeTimer(due(oldest + span + 1));
            }
        }
    }

    /** The last hit of the match that made {@code d} (its event number orders ties as hunt does). */
    private static Hit lastOf(List<CorrelationMatch> ms, Detection d) {
        for (CorrelationMatch m : ms) {
            Hit last = m.last();
            if (last.recordId() == d.recordId() && java.util.Objects.equals(last.time(), d.timestamp())
                    && m.correlator().rule().info().key().equals(d.rule().key())) {
                return last;
            }
        }
        return null;
    }
}
