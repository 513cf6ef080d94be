package tansa.sigma.logsource;

import tansa.sigma.rule.LogSource;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One entry of the log-source mapping: which events a logsource selects and how its field
 * names read on them. {@code channels} containing {@code "*"} means any Windows event; empty
 * {@code channels} means the events without a Channel (Zeek and other non-Windows logs), selected
 * by {@code conditions}; empty {@code eventIds} or {@code providers} mean any.
 */
public record SourceEntry(LogSource selector, Set<String> channels, Set<Integer> eventIds, Set<String> providers,
                          Map<String, String> conditions, Map<String, String> fields) {
    public static final String ANY_CHANNEL = "*";

    public SourceEntry {
        channels = Set.copyOf(channels);
        eventIds = Set.copyOf(eventIds);
        providers = Set.copyOf(providers);
        conditions = Map.copyOf(conditions);
        fields = Map.copyOf(fields);
    }

    /** Whether this entry applies to a rule with logsource {@code rule}. */
    public boolean appliesTo(LogSource rule) {
        return same(selector.category(), rule.category()) && same(selector.service(), rule.service())
                && (selector.product() == null || rule.product() == null || selector.product().equalsIgnoreCase(rule.product()));
    }

    private static boolean same(String a, String b) {
        return a == null ? b == null : b != null && a.equalsIgnoreCase(b);
    }

    /** The event field a rule's field name reads on this source. */
    public String rename(String ruleField) {
        return fields.getOrDefault(ruleField, ruleField);
    }

    public List<String> channelList() {
        return List.copyOf(channels);
    }
}
