package tansa.stream;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;
import tansa.sigma.Hunter;
import tansa.sigma.RuleProblem;
import tansa.sigma.RuleSet;
import tansa.sigma.logsource.LogSourceMapping;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The match stage with rule updates: rules published to the rules topic (key: name, value:
 * YAML) are broadcast to every matcher and kept in broadcast state (checkpointed, restored after
 * a failure); each is loaded as hunt loads a rule file, and a rule that fails to load is reported
 * ({@code tansa: rule skipped: NAME: ...} on the TaskManager's stderr, {@code tansa_rules_rejected})
 * and skipped; the others match from the next event on. Detection rules only: a correlation
 * needs keyed state laid out for it, so correlations are rejected here and take a restart.
 */
final class UpdatableMatcher extends BroadcastProcessFunction<EventRecord, RuleUpdate, Found> {
    private static final long serialVersionUID = 1L;
    static final MapStateDescriptor<String, String> RULES = new MapStateDescriptor<>("published-rules", Types.STRING, Types.STRING);
    /** Updates applied and rejected in this JVM (tests wait on them: broadcast and events are not ordered). */
    static final AtomicInteger APPLIED = new AtomicInteger();
    static final AtomicInteger REJECTED = new AtomicInteger();

    private final Matcher core;
    private final String mapping;
    private transient Map<String, Hunter> published;
    private transient boolean synced;
    private transient Counter rejected;

    UpdatableMatcher(RuleSpec spec, IocSpec iocs) {
        this.core = new Matcher(spec, iocs);
        this.mapping = spec.mapping();
    }

    @Override
    public void open(OpenContext context) {
        core.init(getRuntimeContext());
        published = new LinkedHashMap<>();
        rejected = getRuntimeContext().getMetricGroup().counter("tansa_rules_rejected");
    }

    @Override
    public void processElement(EventRecord r, ReadOnlyContext ctx, Collector<Found> out) throws Exception {
        if (!synced) {
            // after a restore the broadcast state is back but the hunters are not
            published.clear();
            ReadOnlyBroadcastState<String, String> state = ctx.getBroadcastState(RULES);
            for (Entry<String, String> e : state.immutableEntries()) {
                apply(e.getKey(), e.getValue());
            }
            synced = true;
        }
        core.match(r, out, h -> ctx.output(Matcher.HITS, h), c -> ctx.output(Matcher.CONJUNCTIONS, c), published.isEmpty() ? null : new ArrayList<>(published.values()));
    }

    @Override
    public void processBroadcastElement(RuleUpdate u, Context ctx, Collector<Found> out) throws Exception {
        BroadcastState<String, String> state = ctx.getBroadcastState(RULES);
        if (u.yaml == null) {
            state.remove(u.name);
            published.remove(u.name);
            APPLIED.incrementAndGet();
            return;
        }
        if (apply(u.name, u.yaml)) {
            state.put(u.name, u.yaml);
        }
    }

    /** Loads one published rule document set; true when it runs from now on. */
    private boolean apply(String name, String yaml) {
        RuleSet set;
        Path file = null;
        try {
            file = Files.createTempFile("tansa-rule-", ".yml");
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
            set = RuleSet.load(List.of(file), mapping == null ? LogSourceMapping.defaults() : LogSourceMapping.load(Path.of(mapping)),
                    null);
        } catch (IOException e) {
            return reject(name, "cannot stage the rule: " + e.getMessage());
        } catch (RuntimeException e) {
            return reject(name, e.getMessage());
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        if (!set.report().failed().isEmpty()) {
            for (RuleProblem p : set.report().failed()) {
                reject(name, (p.id() == null ? "" : p.id() + ": ") + (p.path() == null ? "" : p.path() + ": ") + p.reason());
            }
            return false;
        }
        if (set.correlationRules() > 0) {
            return reject(name, "correlation rules cannot be added to a running job; restart it with the rule");
        }
        if (set.detectionRules() == 0) {
            return reject(name, "no detection rule in it");
        }
        published.put(name, core.extra(set));
        APPLIED.incrementAndGet();
        return true;
    }

    private boolean reject(String name, String why) {
        rejected.inc();
        REJECTED.incrementAndGet();
        String line = "tansa: rule skipped: " + name + ": " + why;
        System.err.println(line.length() > 1024 ? line.substring(0, 1024) : line);
        return false;
    }
}
