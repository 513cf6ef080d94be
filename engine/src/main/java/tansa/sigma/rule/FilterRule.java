package tansa.sigma.rule;

import java.util.List;
import java.util.Map;

/**
 * A Sigma global filter (filters specification): the searches and condition that, when they
 * match, suppress the listed rules' detections.
 */
public record FilterRule(RuleInfo info, LogSource logsource, List<String> rules, Map<String, Search> searches,
                         List<Condition> conditions) implements SigmaRule {
    public FilterRule {
        rules = List.copyOf(rules);
        searches = Map.copyOf(searches);
        conditions = List.copyOf(conditions);
    }
}
