package tansa.sigma.match;

import com.fasterxml.jackson.databind.JsonNode;
import tansa.event.EventFields;

/**
 * The {@code cidr} modifier: network and mask precomputed as bytes; IPv4 field values are
 * parsed without allocation. IPv4-mapped IPv6 addresses ({@code ::ffff:10.0.0.1}) match IPv4
 * networks.
 */
final class Cidr implements ValueMatcher {
    private final byte[] network;
    private final int prefix;

    private Cidr(byte[] network, int prefix) {
        this.network = network;
        this.prefix = prefix;
    }

    /** Parses {@code 10.0.0.0/8} or {@code fe80::/10}; null when malformed. */
    static Cidr parse(String spec) {
        int slash = spec.indexOf('/');
        String addr = slash < 0 ? spec : spec.substring(0, slash);
        byte[] net = Ip.parse(addr);
        if (net == null) {
            return null;
        }
        int bits = net.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(spec.substring(slash + 1));
            } catch (NumberFormatException e) {
                return null;
            }
            if (prefix < 0 || prefix > bits) {
                return null;
            }
        }
        return new Cidr(net, prefix);
    }

    @Override
    public boolean matches(JsonNode v, EventFields event) {
        String s = FieldValues.text(v);
        if (s == null) {
            return false;
        }
        if (network.length == 4) {
            long ip = Ip.parseV4(s, mappedOffset(s));
            if (ip < 0) {
                return false;
            }
            long net = ((network[0] & 0xFFL) << 24) | ((network[1] & 0xFFL) << 16) | ((network[2] & 0xFFL) << 8) | (network[3] & 0xFFL);
            long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
            return (ip & mask) == (net & mask);
        }
        if (s.indexOf(':') < 0) {
            return false;
        }
        byte[] ip = Ip.parse(s);
        if (ip == null || ip.length != 16) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (ip[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (ip[full] & mask) == (network[full] & mask);
    }

    private static int mappedOffset(String s) {
        if (s.length() > 7 && s.regionMatches(true, 0, "::ffff:", 0, 7)) {
            return 7;
        }
        return 0;
    }
}
