package tansa.sigma;

import tansa.event.EventFields;
import tansa.sigma.logsource.SourceEntry;
import tansa.sigma.match.Node;

/**
 * A rule compiled for one log-source entry: the entry's extra conditions (provider, field
 * equalities) and the rule's detection with the entry's field names.
 */
final class Candidate {
    final CompiledRule rule;
    final SourceEntry entry;
    final Node detection;
    final java.util.Set<String> fields;
    private final String[] providers;
    private final String[] condFields;
    private final String[] condValues;

    Candidate(CompiledRule rule, SourceEntry entry, Node detection, java.util.Set<String> fields) {
        this.rule = rule;
        this.fields = fields;
        this.entry = entry;
        this.detection = detection;
        this.providers = entry == null ? new String[0] : entry.providers().toArray(new String[0]);
        this.condFields = entry == null ? new String[0] : entry.conditions().keySet().toArray(new String[0]);
        this.condValues = new String[condFields.length];
        for (int i = 0; i < condFields.length; i++) {
            condValues[i] = entry.conditions().get(condFields[i]);
        }
    }

    boolean matches(EventFields f) {
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
        return detection.matches(f);
    }
}
