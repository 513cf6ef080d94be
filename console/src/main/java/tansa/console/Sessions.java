package tansa.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Browser sessions, in memory (a restart signs everyone out). A session starts anonymous when
 * the login page is shown, holding only its CSRF token; signing in replaces it with a new id (no
 * fixation). Idle sessions expire after {@link #IDLE}; at most {@link #MAX} are held, the least
 * recently used dropped first, so anonymous visitors cannot grow memory. Thread-safe.
 */
public final class Sessions {
    static final Duration IDLE = Duration.ofHours(8);
    static final int MAX = 10_000;

    /** One session: who (null while anonymous), the cases they are a member of, and the CSRF token. */
    public static final class Session {
        final String id;
        final String user;
        final Map<String, Role> roles;
        final String csrf;
        volatile Instant seen;

        Session(String id, String user, Map<String, Role> roles, String csrf, Instant seen) {
            this.id = id;
            this.user = user;
            this.roles = roles == null ? Map.of() : Map.copyOf(roles);
            this.csrf = csrf;
            this.seen = seen;
        }

        public String user() {
            return user;
        }

        public String csrf() {
            return csrf;
        }
    }

    private final Clock clock;
    private final LinkedHashMap<String, Session> byId = new LinkedHashMap<>(64, 0.75f, true);

    public Sessions(Clock clock) {
        this.clock = clock;
    }

    public synchronized Session anonymous() {
        return put(new Session(Tokens.random(), null, null, Tokens.random(), clock.instant()));
    }

    public synchronized Session signIn(String previousId, String user, Map<String, Role> roles) {
        if (previousId != null) {
            byId.remove(previousId);
        }
        return put(new Session(Tokens.random(), user, roles, Tokens.random(), clock.instant()));
    }

    public synchronized void end(String id) {
        if (id != null) {
            byId.remove(id);
        }
    }

    /** The live session with this id, or null. */
    public synchronized Session get(String id) {
        if (id == null) {
            return null;
        }
        Session s = byId.get(id);
        Instant now = clock.instant();
        if (s == null) {
            return null;
        }
        if (s.seen.plus(IDLE).isBefore(now)) {
            byId.remove(id);
            return null;
        }
        s.seen = now;
        return s;
    }

    private Session put(Session s) {
        byId.put(s.id, s);
        Iterator<Session> oldest = byId.values().iterator();
        while (byId.size() > MAX && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
        return s;
    }
}
