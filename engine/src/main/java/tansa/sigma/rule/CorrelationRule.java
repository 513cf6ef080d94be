package tansa.sigma.rule;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A Sigma correlation rule (correlation rules specification 2.1). {@code aliases} maps an alias
 * to (rule reference to field name); {@code field} is the aggregated field of value_* types.
 */
public record CorrelationRule(RuleInfo info, CorrelationType type, List<String> rules, List<String> groupBy,
                              Duration timespan, List<Threshold> condition, String field,
                              Map<String, Map<String, String>> aliases, boolean generate) implements SigmaRule {
    public CorrelationRule {
        rules = List.copyOf(rules);
        groupBy = List.copyOf(groupBy);
        condition = List.copyOf(condition);
        aliases = Map.copyOf(aliases);
    }

    /** Whether every threshold holds for {@code value} (thresholds are linked with AND). */
    public boolean accepts(double value) {
        for (Threshold t : condition) {
            if (!t.accepts(value)) {
                return false;
            }
        }
        return true;
    }
}
