package tansa.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Login rate limiting: after {@link #MAX_FAILURES} failed logins within {@link #WINDOW} from one
 * address, or for one user name, further attempts are refused (429) until the oldest failure
 * leaves the window. Counting names as well as addresses slows a guesser spread over many
 * addresses. Bounded: at most {@link #MAX_KEYS} keys are tracked. Thread-safe.
 */
public final class LoginLimiter {
    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final int MAX_KEYS = 100_000;

    private final Clock clock;
    private final Map<String, ArrayDeque<Instant>> failures = new HashMap<>();

    public LoginLimiter(Clock clock) {
        this.clock = clock;
    }

    /** True when a login for {@code user} from {@code address} may be tried now. */
    public synchronized boolean allowed(String address, String user) {
        Instant now = clock.instant();
        return recent("ip:" + address, now) < MAX_FAILURES && recent("user:" + user, now) < MAX_FAILURES;
    }

    public synchronized void failed(String address, String user) {
        Instant now = clock.instant();
        if (failures.size() >= MAX_KEYS) {
            failures.values().removeIf(q -> q.isEmpty() || q.peekLast().plus(WINDOW).isBefore(now));
            if (failures.size() >= MAX_KEYS) {
                failures.clear();
            }
        }
        failures.computeIfAbsent("ip:" + address, k -> new ArrayDeque<>()).addLast(now);
        failures.computeIfAbsent("user:" + user, k -> new ArrayDeque<>()).addLast(now);
    }

    public synchronized void succeeded(String user) {
        failures.remove("user:" + user);
    }

    private int recent(String key, Instant now) {
        ArrayDeque<Instant> q = failures.get(key);
        if (q == null) {
            return 0;
        }
        while (!q.isEmpty() && q.peekFirst().plus(WINDOW).isBefore(now)) {
            q.removeFirst();
        }
        return q.size();
    }
}
