package tansa.traffic;

import com.google.common.net.InternetDomainName;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The registered domain of a DNS name by the Public Suffix List (Guava's
 * {@link InternetDomainName}, both the ICANN and the private section: {@code x.evil.duckdns.org}
 * is under {@code evil.duckdns.org}). Only the last labels decide it, so they alone are parsed: a
 * tunnel's long encoded labels (with characters a host name may not have) never make a name
 * unreadable. Names under no public suffix ({@code .local}, {@code .lan}, single labels) and
 * reverse lookups ({@code .arpa}) have none. Caches recent answers; not thread-safe.
 */
final class RegisteredDomains {
    /** More labels than any public suffix plus one (the longest PSL rules have four). */
    private static final int TAIL_LABELS = 6;
    private static final int CACHE = 65_536;
    private final Map<String, String> cache = new HashMap<>();
    private static final String NONE = "";

    /** The registered domain of {@code name} (lower case, no trailing dot), or null. */
    String of(String name) {
        int start = tailStart(name);
        String tail = start == 0 ? name : name.substring(start);
        String known = cache.get(tail);
        if (known == null) {
            known = compute(tail);
            if (cache.size() >= CACHE) {
                cache.clear();
            }
            cache.put(tail, known);
        }
        return known == NONE ? null : known;
    }

    private static int tailStart(String name) {
        int labels = 0;
        for (int i = name.length() - 1; i >= 0; i--) {
            if (name.charAt(i) == '.' && ++labels == TAIL_LABELS) {
                return i + 1;
            }
        }
        return 0;
    }

    private static String compute(String tail) {
        if (tail.endsWith(".arpa") || tail.indexOf('.') < 0) {
            return NONE;
        }
        // Labels an encoder produced may hold characters a host name may not: leave them out,
        // keeping the labels to the right of the last bad one.
        int cut = 0;
        for (int i = 0; i < tail.length(); i++) {
            char c = tail.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_')) {
                int dot = tail.indexOf('.', i);
                if (dot < 0) {
                    return NONE;
                }
                cut = dot + 1;
                i = dot;
            }
        }
        String candidate = tail.substring(cut);
        try {
            InternetDomainName d = InternetDomainName.from(candidate);
            if (!d.isUnderPublicSuffix()) {
                return NONE;
            }
            return d.topPrivateDomain().toString();
        } catch (IllegalArgumentException | IllegalStateException e) {
            return NONE;
        }
    }

    /** {@code name} in lower case without a trailing dot; the same instance when already so. */
    static String normalize(String name) {
        int end = name.length();
        while (end > 0 && name.charAt(end - 1) == '.') {
            end--;
        }
        boolean upper = false;
        for (int i = 0; i < end; i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= 'Z' || c > 127) {
                upper = true;
                break;
            }
        }
        String s = end == name.length() ? name : name.substring(0, end);
        return upper ? s.toLowerCase(Locale.ROOT) : s;
    }
}
