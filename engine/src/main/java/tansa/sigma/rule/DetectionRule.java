package tansa.sigma.rule;

import java.util.List;
import java.util.Map;

/**
 * A Sigma detection rule: its log source, named searches and the condition over them.
 * {@code conditions} are linked with OR (a list-valued {@code condition}).
 */
public record DetectionRule(RuleInfo info, LogSource logsource, Map<String, Search> searches,
                            List<Condition> conditions, List<String> fields) implements SigmaRule {
    public DetectionRule {
        searches = Map.copyOf(searches);
        conditions = List.copyOf(conditions);
        fields = List.copyOf(fields);
    }
}
