package tansa.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import tansa.event.Event;
import tansa.sigma.Detection;
import tansa.sigma.DetectionJson;
import tansa.sigma.Hunter;
import tansa.sigma.RuleSet;
import tansa.sigma.correlation.Correlator;
import tansa.sigma.correlation.Hit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stateless stage: each event through the rule set's gate and matchers ({@link Hunter}, as
 * hunt runs it). Detections of single-event rules go to the main output as hunt's JSONL line;
 * the hits of correlation rules to {@link #HITS}, keyed by correlation and group for
 * {@link CorrelationStage}.
 */
class Matcher extends ProcessFunction<EventRecord, Found> {
    private static final long serialVersionUID = 1L;
    static final OutputTag<HitRecord> HITS = new OutputTag<>("hits", TypeInformation.of(HitRecord.class));
    /** Matches of multi-observation indicators, for {@link IndicatorStage}. */
    static final OutputTag<ConjunctionRecord> CONJUNCTIONS = new OutputTag<>("conjunctions",
            TypeInformation.of(ConjunctionRecord.class));

    private final RuleSpec spec;
    private final IocSpec iocs;
    private transient Hunter hunter;
    private transient tansa.ioc.IocHunter iocHunter;
    private transient ObjectMapper mapper;
    private transient List<Detection> found;
    private transient List<HitRecord> hits;
    private transient List<ConjunctionRecord> conjunctions;
    /** Evidence position of the event being matched (for the conjunction records it makes). */
    private transient long seq;
    private transient Map<Correlator, Integer> index;
    private transient RuleSet rules;
    private transient Counter events;
    private transient Counter detections;
    private transient Counter unreadable;

    Matcher(RuleSpec spec, IocSpec iocs) {
        this.spec = spec;
        this.iocs = iocs;
    }

    /** A hunter for rules published on the rules topic (detection rules only): its detections join this matcher's. */
    Hunter extra(RuleSet published) {
        return new Hunter(published, found::add, (c, h) -> { });
    }

    @Override
    public void open(OpenContext context) {
        init(getRuntimeContext());
    }

    void init(org.apache.flink.api.common.functions.RuntimeContext rc) {
        rules = spec.rules();
        mapper = new ObjectMapper();
        found = new ArrayList<>();
        hits = new ArrayList<>();
        index = indexOf(rules);
        hunter = new Hunter(rules, found::add, (c, h) -> {
            if (h.time() != null) {
                int i = index.get(c);
                hits.add(new HitRecord(i, rules.depth(c), h.group(), h.time().toEpochMilli(), HitCodec.hit(h)));
            }
        });
        // Indicators of one observation report per event, as in hunt; the matches of those of several
        // ([a] AND [b]) go to IndicatorStage, which reports them at the end of the input as hunt does.
        conjunctions = new ArrayList<>();
        iocHunter = iocs == null ? null : new tansa.ioc.IocHunter(iocs.matcher(), found::add)
                .conjunctionsTo((key, conj, size, positions, d) -> conjunctions.add(new ConjunctionRecord(key, conj, size,
                        positions.toLongArray(), d == null ? null : found(mapper, d, seq).json, seq)));
        events = rc.getMetricGroup().counter("tansa_events");
        detections = rc.getMetricGroup().counter("tansa_detections");
        unreadable = rc.getMetricGroup().counter("tansa_unreadable_events");
    }

    static Map<Correlator, Integer> indexOf(RuleSet rules) {
        Map<Correlator, Integer> m = new IdentityHashMap<>();
        List<Correlator> all = rules.correlators();
        for (int i = 0; i < all.size(); i++) {
            m.put(all.get(i), i);
        }
        return m;
    }

    /**
     * For the fault-tolerance test: the event number at which one task fails once per JVM
     * (-1: never). A volatile read per event.
     */
    static volatile long failAt = -1;
    static final java.util.concurrent.atomic.AtomicBoolean FAILED = new java.util.concurrent.atomic.AtomicBoolean();

    @Override
    public void processElement(EventRecord r, Context ctx, Collector<Found> out) {
        match(r, out, h -> ctx.output(HITS, h), c -> ctx.output(CONJUNCTIONS, c), null);
    }

    /** Matches {@code r} with the rule set and the {@code extra} rules (rules published since the start; may be null). */
    void match(EventRecord r, Collector<Found> out, java.util.function.Consumer<HitRecord> hitOut,
               java.util.function.Consumer<ConjunctionRecord> conjunctionOut, List<Hunter> extra) {
        if (r.seq == failAt && FAILED.compareAndSet(false, true)) {
            throw new IllegalStateException("failure injected at event " + r.seq);
        }
        events.inc();
        Event e;
        try {
            e = r.toEvent(mapper, r.seq);
        } catch (RuntimeException bad) {
            e = null;
        }
        if (e == null) {
            unreadable.inc();
            return;
        }
        hunter.accept(e, r.seq);
        if (iocHunter != null) {
            seq = r.seq;
            iocHunter.accept(e, iocHunter.prepare(e));
        }
        if (extra != null) {
            for (Hunter h : extra) {
                e.attach(null);
                h.accept(e, r.seq);
            }
        }
        String account = found.isEmpty() ? null : tansa.casefile.Accounts.of(e.tree());
        for (Detection d : found) {
            Found f = found(mapper, d, r.seq);
            f.account = account; // raised on this event, as ingest stores it
            out.collect(f);
            detections.inc();
        }
        found.clear();
        for (HitRecord h : hits) {
            hitOut.accept(h);
        }
        hits.clear();
        for (ConjunctionRecord c : conjunctions) {
            conjunctionOut.accept(c);
        }
        conjunctions.clear();
    }

    static Found found(ObjectMapper mapper, Detection d, long seq) {
        byte[] json = DetectionJson.of(mapper, d).toString().getBytes(StandardCharsets.UTF_8);
        return new Found(json, d.rule().key(), seq, d.correlation() != null);
    }

    static Hit hit(HitRecord h) {
        return HitCodec.hit(h.hit);
    }
}
