package tansa.cli;

import picocli.CommandLine;
import picocli.CommandLine.Option;
import tansa.traffic.Networks;
import tansa.traffic.TrafficOptions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The traffic-analysis options shared by {@code traffic} and {@code scope}. */
final class TrafficOptionsMixin {
    @Option(names = "--internal", paramLabel = "CIDR",
            description = "Also internal (never a beacon or exfiltration destination): an address range; repeatable. "
                    + "Always internal unless --no-default-internal: RFC 1918, IPv6 ULA, loopback, link-local.")
    List<String> internal = new ArrayList<>();

    @Option(names = "--no-default-internal", description = "Only the --internal ranges are internal.")
    boolean noDefaultInternal;

    @Option(names = "--min-score", paramLabel = "SCORE", defaultValue = "0.6",
            description = "Report signs scoring at least this, 0 to 1 (default: ${DEFAULT-VALUE}).")
    double minScore;

    @Option(names = "--beacon-min-connections", paramLabel = "N", defaultValue = "20",
            description = "Connections (distinct seconds) a pair needs to be scored as a beacon (default: ${DEFAULT-VALUE}).")
    int beaconMin;

    @Option(names = "--long-connection", paramLabel = "DURATION", defaultValue = "1h", converter = Units.DurationConverter.class,
            description = "A connection at least this long is a long connection (default: 1h).")
    Duration longMin;

    @Option(names = "--exfil-min", paramLabel = "SIZE", defaultValue = "100MiB", converter = Units.SizeConverter.class,
            description = "Bytes a host must send to external addresses to be scored for exfiltration (default: 100 MiB).")
    long exfilMin;

    @Option(names = "--dns-min-unique", paramLabel = "N", defaultValue = "50",
            description = "Distinct subdomains a registered domain needs to be scored as a DNS tunnel (default: ${DEFAULT-VALUE}).")
    int dnsMinUnique;

    TrafficOptions options(CommandLine cl) {
        if (minScore < 0 || minScore > 1) {
            throw new CommandLine.ParameterException(cl, "--min-score must be between 0 and 1, not " + minScore);
        }
        if (beaconMin < 3 || dnsMinUnique < 1 || longMin.isZero() || longMin.isNegative() || exfilMin < 1) {
            throw new CommandLine.ParameterException(cl,
                    "--beacon-min-connections must be at least 3, --dns-min-unique, --long-connection and --exfil-min above 0");
        }
        List<String> ranges = new ArrayList<>(noDefaultInternal ? List.of() : Networks.PRIVATE);
        for (String r : internal) {
            if (!Networks.valid(r)) {
                throw new CommandLine.ParameterException(cl, "--internal '" + r + "' is not an address range: write 10.0.0.0/8 or fd00::/8");
            }
            ranges.add(r);
        }
        return new TrafficOptions(Networks.of(ranges), minScore, beaconMin, longMin.toMillis(), exfilMin, dnsMinUnique);
    }
}
