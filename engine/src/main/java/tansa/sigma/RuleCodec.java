package tansa.sigma;

import tansa.sigma.logsource.LogSourceMapping;
import tansa.sigma.logsource.SourceEntry;
import tansa.sigma.rule.Condition;
import tansa.sigma.rule.CorrelationRule;
import tansa.sigma.rule.CorrelationType;
import tansa.sigma.rule.DetectionRule;
import tansa.sigma.rule.FieldTest;
import tansa.sigma.rule.FilterRule;
import tansa.sigma.rule.LogSource;
import tansa.sigma.rule.Modifier;
import tansa.sigma.rule.RuleInfo;
import tansa.sigma.rule.Search;
import tansa.sigma.rule.SigmaRule;
import tansa.sigma.rule.SigmaValue;
import tansa.sigma.rule.Threshold;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rule cache's payload: a {@link CachedLoad} written field by field, one tag byte per
 * sealed alternative, so that decoding rebuilds the same immutable AST records (their
 * constructors run again) without YAML or validation. No Java serialization: the format is
 * this class, versioned by {@link #FORMAT}. Stateless; thread-safe.
 */
final class RuleCodec {
    /** Bump on any change to what is written here or to what the AST records hold. */
    static final int FORMAT = 3;

    private static final Modifier[] MODIFIERS = Modifier.values();
    private static final CorrelationType[] TYPES = CorrelationType.values();
    private static final Threshold.Op[] OPS = Threshold.Op.values();

    private RuleCodec() {
    }

    static byte[] encode(CachedLoad load) {
        CacheWriter w = new CacheWriter();
        report(w, load.report());
        mapping(w, load.mapping());
        w.varint(load.files());
        w.varint(load.documents().size());
        for (LoadedDocument d : load.documents()) {
            w.string(d.file());
            rule(w, d.rule());
        }
        problems(w, load.problems());
        w.varint(load.outcomes().size());
        for (RuleOutcome o : load.outcomes()) {
            w.bool(o.problem() != null);
            if (o.problem() != null) {
                problem(w, o.problem());
                continue;
            }
            strings(w, o.unresolved());
            w.varint(o.variantEventIds().size());
            for (Set<Integer> ids : o.variantEventIds()) {
                if (ids == null) {
                    w.varint(0);
                    continue;
                }
                w.varint(ids.size() + 1);
                for (int id : ids) {
                    w.int32(id);
                }
            }
        }
        return w.toByteArray();
    }

    static CachedLoad decode(byte[] buf, int offset, int end) {
        CacheReader r = new CacheReader(buf, offset, end);
        LoadReport report = report(r);
        LogSourceMapping.Parsed mapping = mapping(r);
        int files = r.varint();
        int n = r.count();
        List<LoadedDocument> docs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String file = r.string();
            docs.add(new LoadedDocument(rule(r), file));
        }
        List<RuleProblem> problems = problems(r);
        int k = r.count();
        List<RuleOutcome> outcomes = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            if (r.bool()) {
                outcomes.add(RuleOutcome.failed(problem(r)));
                continue;
            }
            List<String> unresolved = strings(r);
            int v = r.count();
            List<Set<Integer>> ids = new ArrayList<>(v);
            for (int j = 0; j < v; j++) {
                int m = r.count();
                if (m == 0) {
                    ids.add(null);
                    continue;
                }
                Set<Integer> s = new LinkedHashSet<>();
                for (int x = 1; x < m; x++) {
                    s.add(r.int32());
                }
                ids.add(Set.copyOf(s));
            }
            outcomes.add(new RuleOutcome(null, unresolved, ids));
        }
        if (!r.atEnd()) {
            throw new CorruptCacheException("bytes left over after the payload");
        }
        return new CachedLoad(report, mapping, files, docs, problems, outcomes);
    }

    /** Only the load report at the start of a payload. */
    static LoadReport decodeReport(byte[] buf, int offset, int end) {
        return report(new CacheReader(buf, offset, end));
    }

    private static void report(CacheWriter w, LoadReport r) {
        w.varint(r.files());
        w.varint(r.loaded());
        problems(w, r.failed());
        problems(w, r.inactive());
    }

    private static LoadReport report(CacheReader r) {
        return new LoadReport(r.varint(), r.varint(), problems(r), problems(r));
    }

    // --- mapping

    private static void mapping(CacheWriter w, LogSourceMapping.Parsed m) {
        w.varint(m.entries().size());
        for (SourceEntry e : m.entries()) {
            logsource(w, e.selector());
            strings(w, new ArrayList<>(e.channels()));
            w.varint(e.eventIds().size());
            for (int id : e.eventIds()) {
                w.int32(id);
            }
            strings(w, new ArrayList<>(e.providers()));
            stringMap(w, e.conditions());
            stringMap(w, e.fields());
        }
        w.varint(m.placeholders().size());
        for (Map.Entry<String, List<String>> e : m.placeholders().entrySet()) {
            w.string(e.getKey());
            strings(w, e.getValue());
        }
    }

    private static LogSourceMapping.Parsed mapping(CacheReader r) {
        int n = r.count();
        List<SourceEntry> entries = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            LogSource sel = logsource(r);
            List<String> channels = strings(r);
            int k = r.count();
            Set<Integer> ids = new LinkedHashSet<>();
            for (int j = 0; j < k; j++) {
                ids.add(r.int32());
            }
            List<String> providers = strings(r);
            entries.add(new SourceEntry(sel, new LinkedHashSet<>(channels), ids, new LinkedHashSet<>(providers), stringMap(r),
                    stringMap(r)));
        }
        int p = r.count();
        Map<String, List<String>> placeholders = new LinkedHashMap<>();
        for (int i = 0; i < p; i++) {
            placeholders.put(r.string(), strings(r));
        }
        return new LogSourceMapping.Parsed(entries, placeholders);
    }

    private static void stringMap(CacheWriter w, Map<String, String> m) {
        w.varint(m.size());
        for (Map.Entry<String, String> e : m.entrySet()) {
            w.string(e.getKey());
            w.string(e.getValue());
        }
    }

    private static Map<String, String> stringMap(CacheReader r) {
        int n = r.count();
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            out.put(r.string(), r.string());
        }
        return out;
    }

    // --- rules

    private static void rule(CacheWriter w, SigmaRule rule) {
        if (rule instanceof DetectionRule) {
            DetectionRule d = (DetectionRule) rule;
            w.varint(0);
            info(w, d.info());
            logsource(w, d.logsource());
            searches(w, d.searches());
            conditions(w, d.conditions());
            strings(w, d.fields());
        } else if (rule instanceof CorrelationRule) {
            CorrelationRule c = (CorrelationRule) rule;
            w.varint(1);
            info(w, c.info());
            w.varint(c.type().ordinal());
            strings(w, c.rules());
            strings(w, c.groupBy());
            w.bool(c.timespan() != null);
            if (c.timespan() != null) {
                w.int64(c.timespan().getSeconds());
                w.int32(c.timespan().getNano());
            }
            w.varint(c.condition().size());
            for (Threshold t : c.condition()) {
                w.varint(t.op().ordinal());
                w.float64(t.value());
            }
            w.string(c.field());
            w.varint(c.aliases().size());
            for (Map.Entry<String, Map<String, String>> e : c.aliases().entrySet()) {
                w.string(e.getKey());
                w.varint(e.getValue().size());
                for (Map.Entry<String, String> a : e.getValue().entrySet()) {
                    w.string(a.getKey());
                    w.string(a.getValue());
                }
            }
            w.bool(c.generate());
        } else {
            FilterRule f = (FilterRule) rule;
            w.varint(2);
            info(w, f.info());
            logsource(w, f.logsource());
            strings(w, f.rules());
            searches(w, f.searches());
            conditions(w, f.conditions());
        }
    }

    private static SigmaRule rule(CacheReader r) {
        int tag = r.varint();
        switch (tag) {
            case 0:
                return new DetectionRule(info(r), logsource(r), searches(r), conditions(r), strings(r));
            case 1: {
                RuleInfo info = info(r);
                CorrelationType type = r.constant(TYPES);
                List<String> rules = strings(r);
                List<String> groupBy = strings(r);
                Duration span = r.bool() ? Duration.ofSeconds(r.int64(), r.int32()) : null;
                int n = r.count();
                List<Threshold> cond = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    cond.add(new Threshold(r.constant(OPS), r.float64()));
                }
                String field = r.string();
                int a = r.count();
                Map<String, Map<String, String>> aliases = new LinkedHashMap<>();
                for (int i = 0; i < a; i++) {
                    String alias = r.string();
                    int m = r.count();
                    Map<String, String> per = new LinkedHashMap<>();
                    for (int j = 0; j < m; j++) {
                        per.put(r.string(), r.string());
                    }
                    aliases.put(alias, per);
                }
                return new CorrelationRule(info, type, rules, groupBy, span, cond, field, aliases, r.bool());
            }
            case 2:
                return new FilterRule(info(r), logsource(r), strings(r), searches(r), conditions(r));
            default:
                throw new CorruptCacheException("unknown rule kind " + tag);
        }
    }

    private static void info(CacheWriter w, RuleInfo i) {
        w.string(i.id());
        w.string(i.name());
        w.string(i.title());
        w.string(i.status());
        w.string(i.level());
        strings(w, i.tags());
        w.string(i.description());
        w.string(i.file());
        w.varint(i.document());
    }

    private static RuleInfo info(CacheReader r) {
        return new RuleInfo(r.string(), r.string(), r.string(), r.string(), r.string(), strings(r), r.string(), r.string(),
                r.varint());
    }

    private static void logsource(CacheWriter w, LogSource ls) {
        w.string(ls.product());
        w.string(ls.category());
        w.string(ls.service());
    }

    private static LogSource logsource(CacheReader r) {
        return new LogSource(r.string(), r.string(), r.string());
    }

    // --- detection

    private static void searches(CacheWriter w, Map<String, Search> searches) {
        w.varint(searches.size());
        for (Map.Entry<String, Search> e : searches.entrySet()) {
            w.string(e.getKey());
            search(w, e.getValue());
        }
    }

    private static Map<String, Search> searches(CacheReader r) {
        int n = r.count();
        Map<String, Search> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            out.put(r.string(), search(r));
        }
        return out;
    }

    private static void search(CacheWriter w, Search s) {
        if (s instanceof Search.FieldTests) {
            List<FieldTest> tests = ((Search.FieldTests) s).tests();
            w.varint(0);
            w.varint(tests.size());
            for (FieldTest t : tests) {
                test(w, t);
            }
        } else if (s instanceof Search.AnyOf) {
            List<Search> alts = ((Search.AnyOf) s).alternatives();
            w.varint(1);
            w.varint(alts.size());
            for (Search a : alts) {
                search(w, a);
            }
        } else {
            w.varint(2);
            test(w, ((Search.Keywords) s).test());
        }
    }

    private static Search search(CacheReader r) {
        int tag = r.varint();
        switch (tag) {
            case 0: {
                int n = r.count();
                List<FieldTest> tests = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    tests.add(test(r));
                }
                return new Search.FieldTests(tests);
            }
            case 1: {
                int n = r.count();
                List<Search> alts = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    alts.add(search(r));
                }
                return new Search.AnyOf(alts);
            }
            case 2:
                return new Search.Keywords(test(r));
            default:
                throw new CorruptCacheException("unknown search kind " + tag);
        }
    }

    private static void test(CacheWriter w, FieldTest t) {
        w.string(t.field());
        w.varint(t.modifiers().size());
        for (Modifier m : t.modifiers()) {
            w.varint(m.ordinal());
        }
        w.varint(t.values().size());
        for (SigmaValue v : t.values()) {
            value(w, v);
        }
        w.string(t.path());
    }

    private static FieldTest test(CacheReader r) {
        String field = r.string();
        int n = r.count();
        List<Modifier> mods = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            mods.add(r.constant(MODIFIERS));
        }
        int k = r.count();
        List<SigmaValue> values = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            values.add(value(r));
        }
        return new FieldTest(field, mods, values, r.string());
    }

    private static void value(CacheWriter w, SigmaValue v) {
        if (v instanceof SigmaValue.Str) {
            w.varint(0);
            w.string(((SigmaValue.Str) v).raw());
        } else if (v instanceof SigmaValue.Num) {
            SigmaValue.Num n = (SigmaValue.Num) v;
            w.varint(1);
            w.string(n.raw());
            w.float64(n.value());
            w.bool(n.integral());
        } else if (v instanceof SigmaValue.Bool) {
            w.varint(((SigmaValue.Bool) v).value() ? 3 : 2);
        } else {
            w.varint(4);
        }
    }

    private static SigmaValue value(CacheReader r) {
        int tag = r.varint();
        switch (tag) {
            case 0:
                return new SigmaValue.Str(r.string());
            case 1:
                return new SigmaValue.Num(r.string(), r.float64(), r.bool());
            case 2:
                return new SigmaValue.Bool(false);
            case 3:
                return new SigmaValue.Bool(true);
            case 4:
                return new SigmaValue.Null();
            default:
                throw new CorruptCacheException("unknown value kind " + tag);
        }
    }

    private static void conditions(CacheWriter w, List<Condition> cs) {
        w.varint(cs.size());
        for (Condition c : cs) {
            condition(w, c);
        }
    }

    private static List<Condition> conditions(CacheReader r) {
        int n = r.count();
        List<Condition> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(condition(r, 0));
        }
        return out;
    }

    private static void condition(CacheWriter w, Condition c) {
        if (c instanceof Condition.And) {
            w.varint(0);
            condition(w, ((Condition.And) c).left());
            condition(w, ((Condition.And) c).right());
        } else if (c instanceof Condition.Or) {
            w.varint(1);
            condition(w, ((Condition.Or) c).left());
            condition(w, ((Condition.Or) c).right());
        } else if (c instanceof Condition.Not) {
            w.varint(2);
            condition(w, ((Condition.Not) c).inner());
        } else if (c instanceof Condition.Ref) {
            w.varint(3);
            w.string(((Condition.Ref) c).name());
        } else {
            Condition.Of of = (Condition.Of) c;
            w.varint(4);
            w.bool(of.all());
            w.string(of.pattern());
        }
    }

    /** {@code depth} bounds recursion on a damaged file (a valid condition is far shallower). */
    private static Condition condition(CacheReader r, int depth) {
        if (depth > 10_000) {
            throw new CorruptCacheException("condition nested deeper than 10000");
        }
        int tag = r.varint();
        switch (tag) {
            case 0:
                return new Condition.And(condition(r, depth + 1), condition(r, depth + 1));
            case 1:
                return new Condition.Or(condition(r, depth + 1), condition(r, depth + 1));
            case 2:
                return new Condition.Not(condition(r, depth + 1));
            case 3:
                return new Condition.Ref(r.string());
            case 4:
                return new Condition.Of(r.bool(), r.string());
            default:
                throw new CorruptCacheException("unknown condition kind " + tag);
        }
    }

    // --- shared

    private static void strings(CacheWriter w, List<String> ss) {
        w.varint(ss.size());
        for (String s : ss) {
            w.string(s);
        }
    }

    private static List<String> strings(CacheReader r) {
        int n = r.count();
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(r.string());
        }
        return out;
    }

    private static void problems(CacheWriter w, List<RuleProblem> ps) {
        w.varint(ps.size());
        for (RuleProblem p : ps) {
            problem(w, p);
        }
    }

    private static List<RuleProblem> problems(CacheReader r) {
        int n = r.count();
        List<RuleProblem> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(problem(r));
        }
        return out;
    }

    private static void problem(CacheWriter w, RuleProblem p) {
        w.string(p.file());
        w.string(p.id());
        w.string(p.path());
        w.string(p.reason());
    }

    private static RuleProblem problem(CacheReader r) {
        return new RuleProblem(r.string(), r.string(), r.string(), r.string());
    }
}
