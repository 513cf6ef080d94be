package tansa.sigma;

import tansa.sigma.logsource.LogSourceMapping;
import tansa.sigma.logsource.SourceEntry;
import tansa.sigma.match.DetectionCompiler;
import tansa.sigma.match.Node;
import tansa.sigma.match.Nodes;
import tansa.sigma.rule.DetectionRule;
import tansa.sigma.rule.FilterRule;
import tansa.sigma.rule.InvalidRuleException;
import tansa.sigma.rule.RuleInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * A detection rule ready to run: one {@link Candidate} per log-source entry it applies to.
 * {@code emit} is false when the rule only feeds correlations (generate: false, the default).
 *
 * <p>The candidates' detections are compiled by {@link #compile()}: at once on a cold load
 * (whose report needs to know which rules fail), or, on a load from the rule cache (which
 * already knows), when the log-source gate first hands one of the rule's candidates an event;
 * most rules never meet an event of their log source. {@link #compile()} is synchronized and
 * publishes the candidates' detections before it returns; the rule set is otherwise immutable
 * once built, so matching is thread-safe.
 */
final class CompiledRule {
    final RuleInfo info;
    final List<Candidate> candidates = new ArrayList<>();
    final List<CorrelationFeed> feeds = new ArrayList<>();
    /** Placeholders without values; a rule with any is inactive. */
    final List<String> unresolved = new ArrayList<>();
    boolean emit = true;
    /** What {@link #compile()} needs; dropped once it has run. */
    private DetectionRule source;
    private List<FilterRule> filters;
    private LogSourceMapping mapping;
    private volatile boolean compiled;

    /** The rule with one uncompiled candidate per variant: {@code null} stands for events without a Channel. */
    CompiledRule(DetectionRule source, List<FilterRule> filters, LogSourceMapping mapping, List<SourceEntry> variants) {
        this.info = source.info();
        this.source = source;
        this.filters = filters;
        this.mapping = mapping;
        for (SourceEntry e : variants) {
            candidates.add(new Candidate(this, e));
        }
    }

    /** Compiles the detection (with its global filters) for every variant, once. */
    synchronized void compile() {
        if (compiled) {
            return;
        }
        Set<String> unresolvedNow = new TreeSet<>();
        for (Candidate c : candidates) {
            SourceEntry e = c.entry;
            UnaryOperator<String> rename = e == null ? UnaryOperator.identity() : e::rename;
            DetectionCompiler dc = new DetectionCompiler(mapping.placeholders());
            Node node = dc.compile(source.searches(), source.conditions(), rename, "detection.condition");
            for (FilterRule f : filters) {
                DetectionCompiler fc = new DetectionCompiler(mapping.placeholders());
                Node fn;
                try {
                    fn = fc.compile(f.searches(), f.conditions(), rename, "filter.condition");
                } catch (InvalidRuleException ex) {
                    throw new InvalidRuleException("(filter " + f.info().key() + ") " + ex.path(), ex.getMessage(), ex);
                }
                node = Nodes.and(List.of(node, Nodes.not(fn)));
                unresolvedNow.addAll(fc.unresolvedPlaceholders());
            }
            unresolvedNow.addAll(dc.unresolvedPlaceholders());
            c.compiled(node, new TreeSet<>(dc.fields()));
        }
        if (unresolved.isEmpty()) {
            unresolved.addAll(unresolvedNow);
        }
        source = null;
        filters = null;
        mapping = null;
        compiled = true;
    }

    /** Whether {@link #compile()} has run (a volatile read: cheap once true). */
    boolean isCompiled() {
        return compiled;
    }
}
