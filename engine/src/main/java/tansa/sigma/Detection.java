package tansa.sigma;

import tansa.sigma.rule.RuleInfo;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One detection: a rule that matched one event, or a correlation that matched a group of
 * events ({@code correlation} non-null; then the event columns describe the last event of the
 * window). {@code fields} are the event fields the rule tests, with the event's values.
 */
public record Detection(RuleInfo rule, Instant timestamp, String computer, String channel, String eventId,
                        long recordId, String source, Map<String, String> fields, Correlation correlation) {
    public Detection {
        fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
    }

    /**
     * What a correlation detection covers: its type, the group-by values, the window (first and
     * last event time), the number of events and their record ids (capped, see
     * {@link #MAX_RECORD_IDS}), and the rules that contributed.
     */
    public record Correlation(String type, Map<String, String> groupBy, Instant windowStart, Instant windowEnd,
                              long count, double value, List<Long> recordIds, List<String> rules) {
        public static final int MAX_RECORD_IDS = 1000;

        public Correlation {
            groupBy = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(groupBy));
            recordIds = List.copyOf(recordIds);
            rules = List.copyOf(rules);
        }
    }
}
