package tansa.sigma;

import tansa.event.EventFields;

/**
 * Whether an event falls under any loaded rule's log source (its channel and EventID pass the
 * gate of some rule, or, for logs without a Channel, some rule's mapping conditions), whether or not a rule then matches: what a hunt that found nothing
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
        boolean windows = f.get("Channel") != null;
        for (int i = 0; i < n; i++) {
            if (windows) {
                if (groups[i].all.length > 0) {
                    return true;
                }
                continue;
            }
            // logs without a Channel share one group: covered when some entry's conditions select
            // the event (a Zeek rule's _path), not merely because the group has rules
            for (Candidate c : groups[i].all) {
                if (c.selects(f)) {
                    return true;
                }
            }
        }
        return false;
    }
}
