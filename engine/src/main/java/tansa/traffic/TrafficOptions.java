package tansa.traffic;

/**
 * What counts as internal and the thresholds below which a pair, host or domain is not scored.
 *
 * @param internal          internal address ranges: connections to them are never C2 or exfiltration
 * @param minScore          signs scoring below this are not reported
 * @param beaconMinConnections a pair needs this many connections (distinct seconds) to be scored as a beacon
 * @param longMinMillis     a connection at least this long is a long connection
 * @param exfilMinBytes     a host must send at least this much to external addresses to be scored for exfiltration
 * @param dnsMinUnique      a registered domain needs this many distinct subdomains to be scored as a tunnel
 */
public record TrafficOptions(Networks internal, double minScore, int beaconMinConnections, long longMinMillis,
                             long exfilMinBytes, int dnsMinUnique) {
    public static final double DEFAULT_MIN_SCORE = 0.6;

    public static TrafficOptions defaults() {
        return new TrafficOptions(Networks.of(Networks.PRIVATE), DEFAULT_MIN_SCORE, 20, 3_600_000L, 100L << 20, 50);
    }

    public TrafficOptions withInternal(Networks n) {
        return new TrafficOptions(n, minScore, beaconMinConnections, longMinMillis, exfilMinBytes, dnsMinUnique);
    }

    public TrafficOptions withMinScore(double s) {
        return new TrafficOptions(internal, s, beaconMinConnections, longMinMillis, exfilMinBytes, dnsMinUnique);
    }
}
