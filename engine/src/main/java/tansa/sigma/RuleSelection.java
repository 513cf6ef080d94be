package tansa.sigma;

import tansa.sigma.rule.RuleInfo;

import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Which rules a hunt reports: minimum level, and include / exclude lists by rule id, tag
 * ({@code attack.t1059}, case-insensitive) and status. An include list, when given, must match;
 * an exclude list always wins.
 */
public record RuleSelection(Level minLevel, List<String> includeIds, List<String> excludeIds, List<String> includeTags,
                            List<String> excludeTags, List<String> includeStatus, List<String> excludeStatus)
        implements Predicate<RuleInfo> {
    public RuleSelection {
        includeIds = List.copyOf(includeIds);
        excludeIds = List.copyOf(excludeIds);
        includeTags = lower(includeTags);
        excludeTags = lower(excludeTags);
        includeStatus = lower(includeStatus);
        excludeStatus = lower(excludeStatus);
    }

    public static RuleSelection all() {
        return new RuleSelection(Level.INFORMATIONAL, List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    private static List<String> lower(List<String> in) {
        return in.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
    }

    @Override
    public boolean test(RuleInfo r) {
        if (Level.of(r.level()).compareTo(minLevel) < 0) {
            return false;
        }
        String status = r.status() == null ? "" : r.status().toLowerCase(Locale.ROOT);
        if (!includeIds.isEmpty() && !includeIds.contains(r.id())) {
            return false;
        }
        if (excludeIds.contains(r.id())) {
            return false;
        }
        if (!includeStatus.isEmpty() && !includeStatus.contains(status)) {
            return false;
        }
        if (excludeStatus.contains(status)) {
            return false;
        }
        boolean anyIncluded = includeTags.isEmpty();
        for (String t : r.tags()) {
            String lt = t.toLowerCase(Locale.ROOT);
            if (excludeTags.contains(lt)) {
                return false;
            }
            anyIncluded |= includeTags.contains(lt);
        }
        return anyIncluded;
    }
}
