package tansa.traffic;

import java.util.ArrayList;
import java.util.List;

/**
 * A set of CIDR ranges (IPv4 and IPv6) that answers "is this address inside?". Immutable and
 * thread-safe.
 */
public final class Networks {
    /** RFC 1918, loopback, link-local (IPv4 and IPv6), IPv6 unique local (ULA). */
    public static final List<String> PRIVATE = List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8",
            "169.254.0.0/16", "fc00::/7", "::1/128", "fe80::/10");
    /**
     * Addresses that are never a host on the internet: unspecified, multicast, broadcast. A
     * connection to one is neither command and control nor exfiltration, whatever --internal says.
     */
    static final Networks NOT_HOSTS = of(List.of("0.0.0.0/8", "224.0.0.0/4", "255.255.255.255/32", "::/128", "ff00::/8"));

    private final List<Range> ranges;

    private record Range(byte[] network, int prefix, String text) {
    }

    private Networks(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /** Parses each {@code ADDRESS/PREFIX} (or a bare address); throws IllegalArgumentException naming a bad one. */
    public static Networks of(List<String> cidrs) {
        List<Range> out = new ArrayList<>();
        for (String c : cidrs) {
            Range r = range(c);
            if (r == null) {
                throw new IllegalArgumentException("'" + c + "' is not an address range: write 10.0.0.0/8 or fd00::/8");
            }
            out.add(r);
        }
        return new Networks(out);
    }

    /** Whether {@code text} is a valid address or CIDR range. */
    public static boolean valid(String text) {
        return range(text) != null;
    }

    private static Range range(String c) {
        String s = c.trim();
        int slash = s.indexOf('/');
        byte[] net = Address.parse(slash < 0 ? s : s.substring(0, slash));
        if (net == null) {
            return null;
        }
        int prefix = net.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(s.substring(slash + 1));
            } catch (NumberFormatException e) {
                return null;
            }
            if (prefix < 0 || prefix > net.length * 8) {
                return null;
            }
        }
        return new Range(net, prefix, s);
    }

    public boolean contains(byte[] address) {
        if (address == null) {
            return false;
        }
        for (Range r : ranges) {
            if (r.network.length == address.length && inside(r.network, r.prefix, address)) {
                return true;
            }
        }
        return false;
    }

    public boolean contains(String address) {
        return contains(Address.parse(address));
    }

    /** The ranges as given, in order. */
    public List<String> texts() {
        List<String> out = new ArrayList<>();
        for (Range r : ranges) {
            out.add(r.text);
        }
        return out;
    }

    public Networks plus(Networks other) {
        List<Range> all = new ArrayList<>(ranges);
        all.addAll(other.ranges);
        return new Networks(all);
    }

    static boolean inside(byte[] network, int prefix, byte[] a) {
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (network[i] != a[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest) & 0xff;
        return (network[full] & mask) == (a[full] & mask);
    }
}
