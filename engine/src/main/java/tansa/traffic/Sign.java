package tansa.traffic;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One sign of command and control or exfiltration: its {@code kind} ({@code beacon},
 * {@code long_connection}, {@code exfil}, {@code dns_tunnel}), {@code score} in 0..1 (higher is
 * more suspicious), the internal source address, the external destination address ({@code dst})
 * or, for {@code dns_tunnel}, the registered domain ({@code domain}), the first and last time of
 * the activity, and the figures the score was computed from, in a fixed order.
 */
public record Sign(String kind, double score, String src, String dst, String domain, Instant first, Instant last,
                   Map<String, Object> figures) {
    public static final String BEACON = "beacon";
    public static final String LONG_CONNECTION = "long_connection";
    public static final String EXFIL = "exfil";
    public static final String DNS_TUNNEL = "dns_tunnel";

    public Sign {
        figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures));
    }

    /** The destination or the domain: what the sign points at. */
    public String target() {
        return dst != null ? dst : domain;
    }
}
