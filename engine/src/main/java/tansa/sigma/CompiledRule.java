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
    final int index;
    final RuleInfo info;
    final Set<String> fields;
    final List<Candidate> candidates = new ArrayList<>();
    final List<CorrelationFeed> feeds = new ArrayList<>();
    boolean emit = true;

    CompiledRule(int index, RuleInfo info, Set<String> fields) {
        this.index = index;
        this.info = info;
        this.fields = fields;
    }
}
