package tansa.sigma;

import tansa.event.EventFields;

/**
 * Whether an event falls under any loaded rule's log source (its channel and EventID pass the
 * gate of some rule), whether or not a rule then matches: what a hunt that found nothing
 * reports, so that "no rule covers these logs" and "covered, nothing matched" read differently.
 * Thread-safe; allocates, so ask until the first event covered, not for every event.
 */
public final class Coverage {
    private final SourceIndex index;

    public Coverage(RuleSet set) {
        this.index = set.index;
    }

    public boolean covers(EventFields f) {
        SourceIndex.Group[] groups = new SourceIndex.Group[3];
        int n = index.lookup(f, groups);
        for (int i = 0; i < n; i++) {
            if (groups[i].all.length > 0) {
                return true;
            }
        }
        return false;
    }
}
