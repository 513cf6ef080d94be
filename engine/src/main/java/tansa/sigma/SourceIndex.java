package tansa.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import tansa.event.EventFields;
import tansa.sigma.logsource.SourceEntry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The log-source gate: from an event's Channel and EventID to the few candidates that can
 * match it, so that most rules cost nothing per event. Built once; read-only afterwards.
 */
final class SourceIndex {
    private static final Candidate[] NONE = new Candidate[0];
    private static final Group EMPTY = new Group(NONE, -1, null);
    /** Groups smaller than this are evaluated in full: the prefilter would cost more than it saves. */
    static final int PREFILTER_MIN = 16;

    /**
     * Candidates that share a gate key, with their prefilter when the group is large. Built
     * when an event first reaches the group ({@link #ready()}): compiling its rules (when the
     * load came from the rule cache) and their prefilter costs only the groups a hunt meets.
     */
    static final class Group {
        final Candidate[] all;
        private final int eventId;
        private final tansa.sigma.match.Automata automata;
        private volatile boolean ready;
        /** Set before {@link #ready} is; read after it. */
        private tansa.sigma.match.Prefilter prefilter;

        /**
         * {@code eventId}: the EventID of every event the group sees, or -1 when they vary;
         * {@code automata}: those of the other groups of the index, shared.
         */
        Group(Candidate[] all, int eventId, tansa.sigma.match.Automata automata) {
            this.all = all;
            this.eventId = eventId;
            this.automata = automata;
            this.ready = all.length == 0;
        }

        /** This group, its rules compiled and its prefilter built; thread-safe. */
        Group ready() {
            if (!ready) {
                build();
            }
            return this;
        }

        /** The prefilter of a ready group, or null when the group is small enough to evaluate in full. */
        tansa.sigma.match.Prefilter prefilter() {
            return prefilter;
        }

        private synchronized void build() {
            if (ready) {
                return;
            }
            for (Candidate c : all) {
                if (!c.rule.isCompiled()) {
                    try {
                        c.rule.compile();
                    } catch (RuntimeException e) {
                        // the cache said it compiled: a build that disagrees with its own cache
                        throw new IllegalStateException("rule " + c.rule.info.key() + " no longer compiles as the rule cache "
                                + "recorded; run again with --no-cache", e);
                    }
                }
            }
            if (all.length >= PREFILTER_MIN) {
                prefilter = tansa.sigma.match.Prefilter.of(all.length, i -> all[i].detection, eventId, automata);
            }
            ready = true;
        }
    }

    private int largest;
    private final tansa.sigma.match.Automata automata = new tansa.sigma.match.Automata();

    private final Map<String, Bucket> byChannel = new HashMap<>();
    private final Group anyWindows;
    /** Rules whose entries select logs without a Channel by their conditions (Zeek, Suricata, syslog). */
    private final Group nonWindows;
    /**
     * Rules whose logsource has no entry: evaluated on JSON logs of unknown products only, not on
     * logs whose reader knows the product (a Cisco keyword rule has nothing to say about Zeek,
     * Suricata or Linux syslog records).
     */
    private final Group unmapped;

    /** The candidates of one channel: by EventID (sorted keys, binary search) and for any EventID. */
    private static final class Bucket {
        int[] ids = new int[0];
        Group[] byId = new Group[0];
        Group anyId = EMPTY;

        Group forId(int id) {
            int i = java.util.Arrays.binarySearch(ids, id);
            return i < 0 ? EMPTY : byId[i];
        }
    }

    SourceIndex(List<Candidate> all) {
        Map<String, TreeMap<Integer, List<Candidate>>> ids = new HashMap<>();
        Map<String, List<Candidate>> anyId = new HashMap<>();
        List<Candidate> anyWin = new ArrayList<>();
        List<Candidate> nonWin = new ArrayList<>();
        List<Candidate> noEntry = new ArrayList<>();
        for (Candidate c : all) {
            SourceEntry e = c.entry;
            if (e == null) {
                noEntry.add(c);
                continue;
            }
            if (e.channels().isEmpty()) {
                // an entry for logs without a Channel: its conditions select the events
                nonWin.add(c);
                continue;
            }
            // EventIDs: the entry's, else those the rule itself requires (most service rules test
            // EventID), so that e.g. a 4625 event meets only the Security rules about 4625.
            java.util.Set<Integer> eventIds = e.eventIds();
            if (eventIds.isEmpty()) {
                java.util.Set<Integer> own = c.eventIds;
                if (own != null) {
                    eventIds = own;
                }
            }
            for (String ch : e.channels()) {
                if (ch.equals(SourceEntry.ANY_CHANNEL)) {
                    anyWin.add(c);
                } else if (eventIds.isEmpty()) {
                    anyId.computeIfAbsent(ch, k -> new ArrayList<>()).add(c);
                } else {
                    for (int id : eventIds) {
                        ids.computeIfAbsent(ch, k -> new TreeMap<>()).computeIfAbsent(id, k -> new ArrayList<>()).add(c);
                    }
                }
            }
        }
        List<String> channels = union(ids.keySet(), anyId.keySet());
        List<List<Candidate>> lists = new ArrayList<>();
        List<Integer> listIds = new ArrayList<>();
        for (String ch : channels) {
            TreeMap<Integer, List<Candidate>> m = ids.getOrDefault(ch, new TreeMap<>());
            lists.addAll(m.values());
            listIds.addAll(m.keySet());
            lists.add(anyId.getOrDefault(ch, List.of()));
            listIds.add(-1);
        }
        lists.add(anyWin);
        lists.add(nonWin);
        lists.add(noEntry);
        listIds.add(-1);
        listIds.add(-1);
        listIds.add(-1);
        Group[] built = groups(lists, listIds);
        int k = 0;
        for (String ch : channels) {
            Bucket b = new Bucket();
            TreeMap<Integer, List<Candidate>> m = ids.getOrDefault(ch, new TreeMap<>());
            b.ids = new int[m.size()];
            b.byId = new Group[m.size()];
            int i = 0;
            for (Integer id : m.keySet()) {
                b.ids[i] = id;
                b.byId[i++] = built[k++];
            }
            b.anyId = built[k++];
            byChannel.put(ch, b);
        }
        anyWindows = built[k++];
        nonWindows = built[k++];
        unmapped = built[k];
    }

    private Group[] groups(List<List<Candidate>> lists, List<Integer> eventIds) {
        Group[] out = new Group[lists.size()];
        for (int i = 0; i < out.length; i++) {
            List<Candidate> cs = lists.get(i);
            largest = Math.max(largest, cs.size());
            out[i] = cs.isEmpty() ? EMPTY : new Group(cs.toArray(NONE), eventIds.get(i), automata);
        }
        return out;
    }

    /** The size of the largest group: how long a selection buffer must be. */
    int largest() {
        return largest;
    }

    private static List<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        java.util.TreeSet<String> s = new java.util.TreeSet<>(a);
        s.addAll(b);
        return new ArrayList<>(s);
    }

    /** Fills {@code out} with the candidate groups for this event; returns how many. */
    int lookup(EventFields f, Group[] out) {
        JsonNode ch = f.get("Channel");
        if (ch == null || ch.isNull()) {
            out[0] = nonWindows;
            if (f.knownProduct()) {
                return 1;
            }
            out[1] = unmapped;
            return 2;
        }
        int n = 0;
        Bucket b = byChannel.get(ch.isTextual() ? ch.textValue() : ch.asText());
        if (b != null) {
            out[n++] = b.forId(eventId(f));
            out[n++] = b.anyId;
        }
        out[n++] = anyWindows;
        return n;
    }

    static int eventId(EventFields f) {
        JsonNode id = f.get("EventID");
        if (id == null) {
            return -1;
        }
        if (id.isNumber()) {
            return id.intValue();
        }
        if (id.isTextual()) {
            String s = id.textValue();
            int v = 0;
            if (s.isEmpty() || s.length() > 9) {
                return -1;
            }
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    return -1;
                }
                v = v * 10 + (c - '0');
            }
            return v;
        }
        return -1;
    }
}
