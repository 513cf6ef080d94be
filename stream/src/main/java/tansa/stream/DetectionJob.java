package tansa.stream;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import tansa.sigma.RuleSet;
import tansa.sigma.correlation.Correlator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The detection job: events from a Kafka topic, the Sigma rule set as {@code tansa hunt} runs it,
 * detections to a Kafka topic in {@code hunt --format jsonl}'s JSON, exactly once.
 *
 * <pre>
 * events (KafkaSource, per-partition watermarks)
 *   -> match (stateless: Hunter per event; detections, and correlation hits keyed by correlation+group)
 *   -> correlate-0 .. correlate-D (keyed state, event-time timers; one stage per chaining depth)
 *   -> detections (KafkaSink, transactional, committed on checkpoints)
 *   -> case (optional: a PostgreSQL case, written on checkpoints, idempotent; {@link CaseSink})
 * </pre>
 *
 * Submitted to a cluster, {@link #main} takes its arguments ({@code --help}).
 */
public final class DetectionJob {
    private DetectionJob() {
    }

    /**
     * What the job reads, runs and writes. {@code outOfOrder} null: correlations wait for the end
     * of the input (a bounded run, like hunt); else the source's out-of-order tolerance.
     */
    public record Options(String bootstrap, String inputTopic, String outputTopic, String groupId, RuleSpec rules,
                          Duration outOfOrder, boolean bounded, Duration checkpointInterval, String transactionalIdPrefix,
                          int parallelism, String rulesTopic, IocSpec iocs, String caseDb, String caseRef) {
        /** Without a case database. */
        public Options(String bootstrap, String inputTopic, String outputTopic, String groupId, RuleSpec rules,
                       Duration outOfOrder, boolean bounded, Duration checkpointInterval, String transactionalIdPrefix,
                       int parallelism, String rulesTopic, IocSpec iocs) {
            this(bootstrap, inputTopic, outputTopic, groupId, rules, outOfOrder, bounded, checkpointInterval,
                    transactionalIdPrefix, parallelism, rulesTopic, iocs, null, null);
        }

        /** The same job, its detections also written into a case of the PostgreSQL database {@code db} ({@code ref}: id or name). */
        public Options withCase(String db, String ref) {
            return new Options(bootstrap, inputTopic, outputTopic, groupId, rules, outOfOrder, bounded, checkpointInterval,
                    transactionalIdPrefix, parallelism, rulesTopic, iocs, db, ref);
        }

        /** Without a rules topic and indicators. */
        public Options(String bootstrap, String inputTopic, String outputTopic, String groupId, RuleSpec rules,
                       Duration outOfOrder, boolean bounded, Duration checkpointInterval, String transactionalIdPrefix,
                       int parallelism) {
            this(bootstrap, inputTopic, outputTopic, groupId, rules, outOfOrder, bounded, checkpointInterval,
                    transactionalIdPrefix, parallelism, null, null, null, null);
        }

        /** Without indicators. */
        public Options(String bootstrap, String inputTopic, String outputTopic, String groupId, RuleSpec rules,
                       Duration outOfOrder, boolean bounded, Duration checkpointInterval, String transactionalIdPrefix,
                       int parallelism, String rulesTopic) {
            this(bootstrap, inputTopic, outputTopic, groupId, rules, outOfOrder, bounded, checkpointInterval,
                    transactionalIdPrefix, parallelism, rulesTopic, null, null, null);
        }
    }

    /** Adds the job to {@code env}; {@code rules} (the same as {@code o.rules()} names) decides the correlation stages. */
    public static void build(StreamExecutionEnvironment env, Options o, RuleSet rules) {
        env.setParallelism(o.parallelism());
        env.getConfig().enableObjectReuse();
        env.enableCheckpointing(o.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
        KafkaSourceBuilder<EventRecord> sb = KafkaSource.<EventRecord>builder()
                .setBootstrapServers(o.bootstrap())
                .setTopics(o.inputTopic())
                .setGroupId(o.groupId())
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new EventDeserializer())
                .setProperty("isolation.level", "read_committed")
                .setProperty("max.partition.fetch.bytes", Integer.toString(8 << 20))
                .setProperty("commit.offsets.on.checkpoint", "true");
        if (o.bounded()) {
            sb.setBounded(OffsetsInitializer.latest());
        }
        WatermarkStrategy<EventRecord> wm = o.outOfOrder() == null ? WatermarkStrategy.noWatermarks()
                : WatermarkStrategy.<EventRecord>forBoundedOutOfOrderness(o.outOfOrder())
                        .withTimestampAssigner((r, ts) -> r.millis == Long.MIN_VALUE ? ts : r.millis)
                        .withIdleness(Duration.ofMinutes(1));
        DataStream<EventRecord> events = env.fromSource(sb.build(), wm, "events").uid("events");
        SingleOutputStreamOperator<Found> matched;
        if (o.rulesTopic() == null) {
            matched = events.process(new Matcher(o.rules(), o.iocs())).uid("match").name("match");
        } else {
            // published rules: an unbounded source (read from the start, so a new job sees every rule), broadcast
            KafkaSource<RuleUpdate> updates = KafkaSource.<RuleUpdate>builder()
                    .setBootstrapServers(o.bootstrap())
                    .setTopics(o.rulesTopic())
                    .setGroupId(o.groupId() + "-rules")
                    .setStartingOffsets(OffsetsInitializer.earliest())
                    .setDeserializer(new RuleUpdateDeserializer())
                    .build();
            matched = events.connect(env.fromSource(updates, WatermarkStrategy.noWatermarks(), "rules").uid("rules")
                            .setParallelism(1).broadcast(UpdatableMatcher.RULES))
                    .process(new UpdatableMatcher(o.rules(), o.iocs())).uid("match-updatable").name("match");
        }
        DataStream<Found> all = matched;
        if (o.iocs() != null) {
            all = all.union(matched.getSideOutput(Matcher.CONJUNCTIONS).keyBy(c -> c.key, Types.STRING)
                    .process(new IndicatorStage()).uid("indicators").name("indicators"));
        }
        DataStream<HitRecord> hits = matched.getSideOutput(Matcher.HITS);
        long[] delays = delays(rules);
        for (int d = 0; d < delays.length; d++) {
            SingleOutputStreamOperator<Found> stage = hits.keyBy(h -> h.key, Types.STRING)
                    .process(new CorrelationStage(o.rules(), d, delays[d])).uid("correlate-" + d).name("correlate-" + d);
            all = all.union(stage);
            hits = stage.getSideOutput(CorrelationStage.CHAINED);
        }
        KafkaSink<Found> sink = KafkaSink.<Found>builder()
                .setBootstrapServers(o.bootstrap())
                .setRecordSerializer(new FoundSerializer(o.outputTopic()))
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(o.transactionalIdPrefix())
                // under the broker's transaction.max.timeout.ms (15 minutes by default)
                .setProperty("transaction.timeout.ms", Long.toString(Duration.ofMinutes(10).toMillis()))
                .build();
        all.sinkTo(sink).uid("detections").name("detections");
        if (o.caseDb() != null) {
            // detections are few beside events: one writer (one transaction per checkpoint) suffices
            all.sinkTo(new CaseSink(o.caseDb(), o.caseRef(), "kafka:" + o.inputTopic(), System.getProperty("user.name", "tansa")))
                    .uid("case").name("case").setParallelism(1);
        }
    }

    /**
     * The watermark delay of each correlation stage: stage d evaluates a hit once the watermark
     * is past its time by the longest timespans of the stages before (plus 1 ms each), the
     * longest an inner correlation can hold back a match that feeds it. Empty without
     * correlations.
     */
    static long[] delays(RuleSet rules) {
        List<Long> spans = new ArrayList<>();
        for (Correlator c : rules.correlators()) {
            int d = rules.depth(c);
            while (spans.size() <= d) {
                spans.add(0L);
            }
            spans.set(d, Math.max(spans.get(d), c.spanMillis()));
        }
        long[] out = new long[spans.size()];
        for (int d = 1; d < out.length; d++) {
            out[d] = out[d - 1] + spans.get(d - 1) + 1;
        }
        return out;
    }

    /** Entry point on a Flink cluster: {@code flink run tansa-stream-job.jar --bootstrap B --input T --output T --rules PATH...}. */
    public static void main(String[] args) throws Exception {
        String bootstrap = null;
        String input = null;
        String output = null;
        String group = "tansa-stream";
        String mapping = null;
        Duration outOfOrder = Duration.ofMinutes(5);
        Duration checkpoint = Duration.ofSeconds(10);
        int parallelism = -1;
        List<String> rules = new ArrayList<>();
        String rulesTopic = null;
        List<String> iocs = new ArrayList<>();
        String caseDb = null;
        String caseRef = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                System.out.println(USAGE);
                return;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("tansa-stream-job: " + a + " needs a value\n" + USAGE);
            }
            String v = args[++i];
            switch (a) {
                case "--bootstrap": bootstrap = v; break;
                case "--input": input = v; break;
                case "--output": output = v; break;
                case "--group-id": group = v; break;
                case "--rules": rules.add(v); break;
                case "--mapping": mapping = v; break;
                case "--rules-topic": rulesTopic = v; break;
                case "--ioc": iocs.add(v); break;
                case "--case-db": caseDb = v; break;
                case "--case-id": caseRef = v; break;
                case "--out-of-order": outOfOrder = v.equalsIgnoreCase("end") ? null : duration(v); break;
                case "--checkpoint-interval": checkpoint = duration(v); break;
                case "--parallelism": parallelism = Integer.parseInt(v); break;
                default: throw new IllegalArgumentException("tansa-stream-job: unknown option " + a + "\n" + USAGE);
            }
        }
        if (bootstrap == null || input == null || output == null || rules.isEmpty()) {
            throw new IllegalArgumentException("tansa-stream-job: --bootstrap, --input, --output and --rules are needed\n" + USAGE);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        RuleSpec spec = new RuleSpec("rules", rules, mapping);
        RuleSet set = spec.rules();
        build(env, new Options(bootstrap, input, output, group, spec, outOfOrder, false, checkpoint, group + "-detections",
                parallelism > 0 ? parallelism : env.getParallelism(), rulesTopic,
                iocs.isEmpty() ? null : new IocSpec("iocs", iocs), caseDb, caseRef), set);
        env.execute("tansa detections " + input + " -> " + output);
    }

    static Duration duration(String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        long n = Long.parseLong(s.replaceAll("[a-z]+$", ""));
        String unit = s.replaceAll("^[0-9]+", "");
        switch (unit) {
            case "ms": return Duration.ofMillis(n);
            case "s": case "": return Duration.ofSeconds(n);
            case "m": return Duration.ofMinutes(n);
            case "h": return Duration.ofHours(n);
            case "d": return Duration.ofDays(n);
            default: throw new IllegalArgumentException("not a duration: '" + v + "' (e.g. 500ms, 30s, 5m, 2h, 1d)");
        }
    }

    static final String USAGE = String.join("\n",
            "usage: flink run tansa-stream-job.jar --bootstrap HOST:PORT --input TOPIC --output TOPIC --rules PATH [--rules PATH...]",
            "  [--mapping FILE] [--group-id ID] [--out-of-order 5m|end] [--checkpoint-interval 10s] [--parallelism N]",
            "  [--rules-topic TOPIC] [--ioc FILE...] [--case-db postgresql://... [--case-id ID|NAME]]",
            "  --case-db      also write each detection into a case of this PostgreSQL database (at least once, idempotent:",
            "                 a detection the case holds is skipped); --case-id picks the case (default: the database's only one)",
            "  --ioc          indicators (STIX 2.1, MISP, CSV, text) on every TaskManager, as hunt --ioc",
            "  --rules-topic  rules published while the job runs (key: name, value: Sigma YAML; empty value withdraws)",
            "  --rules        Sigma rule files or directories, present on every TaskManager (repeatable)",
            "  --out-of-order how late an event may arrive behind the latest event time of its partition (default 5m);",
            "                 'end': hold correlations until the job is stopped with --drain (hunt's semantics)",
            "  --group-id     consumer group, also the sink's transactional id prefix (default tansa-stream)");
}
