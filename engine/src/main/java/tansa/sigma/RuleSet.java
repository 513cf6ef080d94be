package tansa.sigma;

import tansa.sigma.correlation.Correlator;

import tansa.sigma.logsource.LogSourceMapping;
import tansa.sigma.logsource.SourceEntry;
import tansa.sigma.rule.CorrelationRule;
import tansa.sigma.rule.DetectionRule;
import tansa.sigma.rule.FilterRule;
import tansa.sigma.rule.InvalidRuleException;
import tansa.sigma.rule.LogSource;
import tansa.sigma.rule.RuleInfo;
import tansa.sigma.rule.SigmaRule;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * A loaded and compiled rule set: detection rules compiled per log-source entry, global filters
 * folded into the rules they name, correlations resolved and ordered for chaining, and the
 * {@link LoadReport}. Bad rules are in the report and otherwise skipped.
 *
 * <p>Evaluation state lives in the compiled rules, so one {@link Hunter} at a time uses a set.
 */
public final class RuleSet {
    final List<CompiledRule> rules = new ArrayList<>();
    final List<CorrelationNode> correlations = new ArrayList<>();
    SourceIndex index;
    /** Sequence number of the next event any hunter evaluates; with {@code CompiledRule.lastEvent}, dedupes matches. */
    long nextEvent;
    private LoadReport report;

    private RuleSet() {
    }

    /** Loads every rule under {@code paths} with {@code mapping}; {@code keep} selects rules (null: all). */
    public static RuleSet load(List<Path> paths, LogSourceMapping mapping, Predicate<RuleInfo> keep) {
        return load(paths, mapping, keep, null, null);
    }

    /** Told how many rule files are parsed so far; called from several threads. */
    public interface Progress {
        void parsed(int done, int total);
    }

    /**
     * Loads every rule under {@code paths} with {@code mapping} through {@code cache} (null:
     * none); {@code keep} selects rules (null: all); {@code progress} (may be null) follows the
     * parsing of a cold load. The rule set, its report and what a hunt finds with it are the
     * same with or without the cache.
     */
    public static RuleSet load(List<Path> paths, LogSourceMapping mapping, Predicate<RuleInfo> keep, RuleCache cache,
                               Progress progress) {
        List<RuleLoader.Listed> listed = RuleLoader.list(paths);
        RuleCache.Stat stat = cache == null ? null : cache.stat(mapping, listed);
        byte[] known = stat == null ? null : cache.keyOf(stat);
        if (known != null) {
            CachedLoad hit = cache.read(known);
            if (hit != null) {
                mapping.adopt(hit.mapping());
                try {
                    return build(hit.documents(), hit.problems(), hit.files(), mapping, keep, hit.outcomes()).set;
                } catch (CorruptCacheException e) {
                    cache.damaged(known, e);
                }
            }
        }
        List<RuleLoader.Source> sources = RuleLoader.read(listed);
        byte[] key = cache == null ? null : cache.key(mapping, sources);
        RuleSet set = load(sources, key, known == null || !java.util.Arrays.equals(known, key), mapping, keep, cache, progress);
        if (cache != null) {
            cache.remember(stat, key);
        }
        return set;
    }

    /**
     * {@link #load} of files already read; {@code key} is their cache key (null without a cache),
     * {@code lookUp} false when the caller found no usable entry already.
     */
    private static RuleSet load(List<RuleLoader.Source> sources, byte[] key, boolean lookUp, LogSourceMapping mapping,
                                Predicate<RuleInfo> keep, RuleCache cache, Progress progress) {
        if (cache != null && lookUp) {
            CachedLoad hit = cache.read(key);
            if (hit != null) {
                mapping.adopt(hit.mapping());
                try {
                    return build(hit.documents(), hit.problems(), hit.files(), mapping, keep, hit.outcomes()).set;
                } catch (CorruptCacheException e) {
                    cache.damaged(key, e);
                }
            }
        }
        int total = sources.size();
        AtomicInteger done = new AtomicInteger();
        RuleLoader loader = RuleLoader.parse(sources, () -> {
            int n = done.incrementAndGet();
            if (progress != null) {
                progress.parsed(n, total);
            }
        });
        Built b = build(loader.documents(), loader.problems(), loader.files(), mapping, keep, null);
        if (cache != null) {
            cache.write(key, new CachedLoad(b.set.report(), mapping.parsed(), loader.files(), loader.documents(),
                    loader.problems(), b.outcomes));
        }
        return b.set;
    }

    /**
     * The load report of the rules under {@code paths}, as {@code load(...).report()} gives it;
     * from a warm cache it is read alone, without the rules.
     */
    public static LoadReport report(List<Path> paths, LogSourceMapping mapping, RuleCache cache, Progress progress) {
        List<RuleLoader.Listed> listed = RuleLoader.list(paths);
        RuleCache.Stat stat = cache == null ? null : cache.stat(mapping, listed);
        byte[] known = stat == null ? null : cache.keyOf(stat);
        if (known != null) {
            LoadReport hit = cache.readReport(known);
            if (hit != null) {
                return hit;
            }
        }
        List<RuleLoader.Source> sources = RuleLoader.read(listed);
        byte[] key = cache == null ? null : cache.key(mapping, sources);
        if (cache != null && (known == null || !java.util.Arrays.equals(known, key))) {
            LoadReport hit = cache.readReport(key);
            if (hit != null) {
                cache.remember(stat, key);
                return hit;
            }
        }
        LoadReport report = load(sources, key, false, mapping, null, cache, progress).report();
        if (cache != null) {
            cache.remember(stat, key);
        }
        return report;
    }

    /** A built set and the compile outcome of each detection rule that reached compilation. */
    private record Built(RuleSet set, List<RuleOutcome> outcomes) {
    }

    /** The correlations in evaluation order (inner ones before the ones they feed). */
    public List<Correlator> correlators() {
        List<Correlator> out = new ArrayList<>(correlations.size());
        for (CorrelationNode n : correlations) {
            out.add(n.correlator);
        }
        return out;
    }

    /** How deep {@code c} is chained: 0 when only rules feed it, else one more than the deepest correlation feeding it. */
    public int depth(Correlator c) {
        return node(c).depth;
    }

    CorrelationNode node(Correlator c) {
        for (CorrelationNode n : correlations) {
            if (n.correlator == c) {
                return n;
            }
        }
        throw new IllegalArgumentException("not a correlation of this rule set: " + c.rule().info().key());
    }

    public LoadReport report() {
        return report;
    }

    /** Detection rules that can run (inactive and failed ones excluded). */
    public int detectionRules() {
        return rules.size();
    }

    public int correlationRules() {
        return correlations.size();
    }

    /**
     * Builds the set from parsed documents. {@code known} (from the rule cache) gives each
     * detection rule's compile outcome, so rules are compiled lazily; null compiles every rule
     * now to learn it.
     */
    private static Built build(List<LoadedDocument> docs, List<RuleProblem> loadProblems, int files,
                               LogSourceMapping mapping, Predicate<RuleInfo> keep, List<RuleOutcome> known) {
        List<RuleProblem> failed = new ArrayList<>(loadProblems);
        List<RuleProblem> inactive = new ArrayList<>();
        Map<String, SigmaRule> byRef = new HashMap<>();
        List<DetectionRule> detections = new ArrayList<>();
        List<CorrelationRule> corrs = new ArrayList<>();
        List<FilterRule> filters = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int loaded = 0;
        for (LoadedDocument d : docs) {
            SigmaRule r = d.rule();
            RuleInfo info = r.info();
            if (info.id() != null && !ids.add(info.id())) {
                failed.add(new RuleProblem(d.file(), info.id(), "id", "duplicate rule id: another loaded rule has it"));
                continue;
            }
            if (info.id() != null) {
                byRef.put(info.id(), r);
            }
            if (info.name() != null) {
                byRef.putIfAbsent(info.name(), r);
            }
            if (r instanceof DetectionRule) {
                detections.add((DetectionRule) r);
            } else if (r instanceof CorrelationRule) {
                corrs.add((CorrelationRule) r);
            } else {
                filters.add((FilterRule) r);
            }
        }
        Map<String, List<FilterRule>> filtersByRef = new HashMap<>();
        for (FilterRule f : filters) {
            for (String ref : f.rules()) {
                filtersByRef.computeIfAbsent(ref, k -> new ArrayList<>()).add(f);
            }
            loaded++;
        }
        if (known != null && known.size() != detections.size()) {
            throw new CorruptCacheException(known.size() + " compile outcomes for " + detections.size() + " detection rules");
        }
        List<Candidate> candidates = new ArrayList<>();
        // By identity: a rule record's hashCode walks its whole detection (3,700 of them took 20 ms).
        Map<SigmaRule, CompiledRule> compiledByRule = new IdentityHashMap<>();
        List<CompiledRule> compiled = new ArrayList<>();
        CompiledRule[] rules = new CompiledRule[detections.size()];
        // Rules share a few hundred distinct log sources: each is matched against the mapping once.
        Map<LogSource, List<SourceEntry>> entries = new ConcurrentHashMap<>();
        RuleOutcome[] outcomes = new RuleOutcome[detections.size()];
        if (known == null) {
            // Compiling is independent per rule: done on all cores, merged in load order.
            IntStream.range(0, rules.length).parallel().forEach(i -> {
                CompiledRule cr = prepare(detections.get(i), filtersByRef, mapping, entries);
                rules[i] = cr;
                outcomes[i] = compile(cr);
            });
        } else {
            for (int i = 0; i < rules.length; i++) {
                RuleOutcome o = known.get(i);
                outcomes[i] = o;
                if (o.problem() == null) {
                    rules[i] = prepare(detections.get(i), filtersByRef, mapping, entries);
                    rules[i].unresolved.addAll(o.unresolved());
                    if (o.variantEventIds().size() != rules[i].candidates.size()) {
                        throw new CorruptCacheException("rule " + rules[i].info.key() + ": " + o.variantEventIds().size()
                                + " log-source variants vs " + rules[i].candidates.size() + " expected");
                    }
                    for (int v = 0; v < rules[i].candidates.size(); v++) {
                        rules[i].candidates.get(v).eventIds = o.variantEventIds().get(v);
                    }
                }
            }
        }
        for (int i = 0; i < rules.length; i++) {
            DetectionRule r = detections.get(i);
            RuleInfo info = r.info();
            if (outcomes[i].problem() != null) {
                failed.add(outcomes[i].problem());
                continue;
            }
            loaded++;
            CompiledRule cr = rules[i];
            if (!cr.unresolved.isEmpty()) {
                inactive.add(new RuleProblem(info.file(), info.id(), "", "inactive: placeholder %"
                        + String.join("%, %", cr.unresolved) + "% has no values in " + mapping.origin()
                        + " (placeholders section)"));
                continue;
            }
            // A rule left out by the selection still feeds correlations that are kept.
            cr.emit = keep == null || keep.test(info);
            compiled.add(cr);
            compiledByRule.put(r, cr);
        }
        RuleSet set = new RuleSet();
        int corrLoaded = correlations(set, corrs, byRef, compiledByRule, failed, keep);
        for (CompiledRule cr : compiled) {
            if (cr.emit || !cr.feeds.isEmpty()) {
                set.rules.add(cr);
                candidates.addAll(cr.candidates);
            }
        }
        set.index = new SourceIndex(candidates);
        set.report = new LoadReport(files, loaded + corrLoaded, failed, inactive);
        return new Built(set, Arrays.asList(outcomes));
    }

    /** Resolves references, aliases and chaining; returns how many correlations loaded. */
    private static int correlations(RuleSet set, List<CorrelationRule> corrs, Map<String, SigmaRule> byRef,
                                    Map<SigmaRule, CompiledRule> compiledByRule, List<RuleProblem> failed,
                                    Predicate<RuleInfo> keep) {
        Map<CorrelationRule, CorrelationNode> nodes = new LinkedHashMap<>();
        for (CorrelationRule c : corrs) {
            String missing = null;
            for (String ref : c.rules()) {
                if (!byRef.containsKey(ref)) {
                    missing = ref;
                    break;
                }
            }
            if (missing != null) {
                failed.add(new RuleProblem(c.info().file(), c.info().id(), "correlation.rules",
                        "refers to '" + missing + "', which is no loaded rule's id or name"));
                continue;
            }
            nodes.put(c, new CorrelationNode(c, c.rules()));
        }
        // Depth for chaining order; cycles are rule defects.
        int loaded = 0;
        for (CorrelationNode n : new ArrayList<>(nodes.values())) {
            int d = depth(n.rule, byRef, new HashSet<>());
            if (d < 0) {
                failed.add(new RuleProblem(n.rule.info().file(), n.rule.info().id(), "correlation.rules",
                        "correlation references form a cycle"));
                nodes.remove(n.rule);
                continue;
            }
            n.depth = d;
        }
        // Drop correlations whose inputs failed (recursively).
        boolean changed = true;
        while (changed) {
            changed = false;
            for (CorrelationNode n : new ArrayList<>(nodes.values())) {
                for (String ref : n.rule.rules()) {
                    SigmaRule r = byRef.get(ref);
                    boolean ok = r instanceof CorrelationRule ? nodes.containsKey(r) : compiledByRule.containsKey(r);
                    if (!ok) {
                        failed.add(new RuleProblem(n.rule.info().file(), n.rule.info().id(), "correlation.rules",
                                "its rule '" + ref + "' failed to load or is inactive"));
                        nodes.remove(n.rule);
                        changed = true;
                        break;
                    }
                }
            }
        }
        for (CorrelationNode n : nodes.values()) {
            CorrelationRule c = n.rule;
            for (int i = 0; i < c.rules().size(); i++) {
                String ref = c.rules().get(i);
                SigmaRule r = byRef.get(ref);
                String[] group = new String[c.groupBy().size()];
                for (int g = 0; g < group.length; g++) {
                    group[g] = alias(c, c.groupBy().get(g), ref, r);
                }
                String value = c.field() == null ? null : alias(c, c.field(), ref, r);
                if (r instanceof CorrelationRule) {
                    CorrelationNode inner = nodes.get(r);
                    inner.feeds.add(new CorrelationFeed(n, i, group, value));
                    inner.emit &= c.generate();
                } else {
                    CompiledRule cr = compiledByRule.get(r);
                    cr.feeds.add(new CorrelationFeed(n, i, group, value));
                    cr.emit &= c.generate();
                }
            }
            loaded++;
        }
        List<CorrelationNode> ordered = new ArrayList<>(nodes.values());
        ordered.sort(Comparator.comparingInt(n -> n.depth));
        for (CorrelationNode n : ordered) {
            if (keep != null && !keep.test(n.rule.info())) {
                n.emit = false;
            }
            set.correlations.add(n);
        }
        return loaded;
    }

    /** A detection rule with one uncompiled candidate per log-source entry it applies to, and its filters. */
    private static CompiledRule prepare(DetectionRule r, Map<String, List<FilterRule>> filtersByRef, LogSourceMapping mapping,
                                        Map<LogSource, List<SourceEntry>> entriesByLogSource) {
        RuleInfo info = r.info();
        List<FilterRule> fs = new ArrayList<>();
        if (info.id() != null) {
            fs.addAll(filtersByRef.getOrDefault(info.id(), List.of()));
        }
        if (info.name() != null) {
            fs.addAll(filtersByRef.getOrDefault(info.name(), List.of()));
        }
        List<SourceEntry> entries = entriesByLogSource.computeIfAbsent(r.logsource(), mapping::entriesFor);
        // Unmapped, or without a product (any product): also evaluated on events without a Channel.
        List<SourceEntry> variants = new ArrayList<>(entries);
        if (entries.isEmpty() || r.logsource().product() == null) {
            variants.add(null);
        }
        return new CompiledRule(r, fs, mapping, variants);
    }

    /** Compiles {@code cr} now: its outcome, for the report and the rule cache. */
    private static RuleOutcome compile(CompiledRule cr) {
        try {
            cr.compile();
        } catch (InvalidRuleException e) {
            return RuleOutcome.failed(new RuleProblem(cr.info.file(), cr.info.id(), e.path(), e.getMessage()));
        }
        List<Set<Integer>> ids = new ArrayList<>();
        for (Candidate c : cr.candidates) {
            ids.add(c.eventIds);
        }
        return new RuleOutcome(null, cr.unresolved, ids);
    }

    private static String alias(CorrelationRule c, String field, String ref, SigmaRule target) {
        Map<String, String> per = c.aliases().get(field);
        if (per == null) {
            return field;
        }
        String f = per.get(ref);
        if (f == null && target.info().name() != null) {
            f = per.get(target.info().name());
        }
        if (f == null && target.info().id() != null) {
            f = per.get(target.info().id());
        }
        return f == null ? field : f;
    }

    private static int depth(CorrelationRule c, Map<String, SigmaRule> byRef, Set<CorrelationRule> seen) {
        if (!seen.add(c)) {
            return -1;
        }
        int d = 0;
        for (String ref : c.rules()) {
            SigmaRule r = byRef.get(ref);
            if (r instanceof CorrelationRule) {
                int inner = depth((CorrelationRule) r, byRef, seen);
                if (inner < 0) {
                    return -1;
                }
                d = Math.max(d, inner + 1);
            }
        }
        seen.remove(c);
        return d;
    }
}
