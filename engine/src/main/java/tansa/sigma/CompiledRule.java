package tansa.sigma;

import tansa.sigma.rule.RuleInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A detection rule ready to run: one {@link Candidate} per log-source entry it applies to.
 * {@code emit} is false when the rule only feeds correlations (generate: false, the default).
 * Immutable once the rule set is built, so matching is thread-safe.
 */
final class CompiledRule {
    final RuleInfo info;
    final Set<String> fields;
    final List<Candidate> candidates = new ArrayList<>();
    final List<CorrelationFeed> feeds = new ArrayList<>();
    /** Placeholders without values; a rule with any is inactive. */
    final List<String> unresolved = new ArrayList<>();
    boolean emit = true;

    CompiledRule(RuleInfo info, Set<String> fields) {
        this.info = info;
        this.fields = fields;
    }
}
