package tansa.sigma;

import tansa.event.EventFields;
import tansa.sigma.logsource.SourceEntry;
import tansa.sigma.match.Node;

import java.util.Set;

/**
 * A rule compiled for one log-source entry: the entry's extra conditions (provider, field
 * equalities) and the rule's detection with the entry's field names. The detection, its fields
 * and its EventIDs are set once by {@link CompiledRule#compile()} (or the EventIDs from the rule
 * cache), before the candidate is handed any event.
 */
final class Candidate {
    final CompiledRule rule;
    final SourceEntry entry;
    Node detection;
    Set<String> fields;
    /** The EventIDs the detection requires (null: any); what the gate files the candidate under. */
    Set<Integer> eventIds;
    private final String[] providers;
    private final String[] condFields;
    private final String[] condValues;

    Candidate(CompiledRule rule, SourceEntry entry) {
        this.rule = rule;
        this.entry = entry;
        this.providers = entry == null ? new String[0] : entry.providers().toArray(new String[0]);
        this.condFields = entry == null ? new String[0] : entry.conditions().keySet().toArray(new String[0]);
        this.condValues = new String[condFields.length];
        for (int i = 0; i < condFields.length; i++) {
            condValues[i] = entry.conditions().get(condFields[i]);
        }
    }

    void compiled(Node detection, Set<String> fields) {
        this.detection = detection;
        this.fields = fields;
        this.eventIds = detection.eventIds();
    }

    boolean matches(EventFields f) {
        return selects(f) && detection.matches(f);
    }

    /** Whether the entry's provider and field conditions hold for the event (the detection aside). */
    boolean selects(EventFields f) {
        if (providers.length > 0) {
            String p = f.text("Provider_Name");
            boolean ok = false;
            for (String want : providers) {
                if (want.equalsIgnoreCase(p)) {
                    ok = true;
                    break;
                }
            }
            if (!ok) {
                return false;
            }
        }
        for (int i = 0; i < condFields.length; i++) {
            if (!condValues[i].equalsIgnoreCase(f.text(condFields[i]))) {
                return false;
            }
        }
        return true;
    }
}
