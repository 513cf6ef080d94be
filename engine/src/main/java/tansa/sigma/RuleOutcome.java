package tansa.sigma;

import java.util.List;
import java.util.Set;

/**
 * What compiling one detection rule (with the global filters that name it) gave: the problem
 * when it failed; otherwise the placeholders without values and, per log-source variant in
 * {@code RuleSet} order, the EventIDs its detection requires (null: any). Enough to build the
 * log-source gate and the load report without compiling the rule.
 */
record RuleOutcome(RuleProblem problem, List<String> unresolved, List<Set<Integer>> variantEventIds) {
    RuleOutcome {
        unresolved = List.copyOf(unresolved);
        // null entries are meaningful (any EventID), so no List.copyOf here
        variantEventIds = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(variantEventIds));
    }

    static RuleOutcome failed(RuleProblem p) {
        return new RuleOutcome(p, List.of(), List.of());
    }
}
