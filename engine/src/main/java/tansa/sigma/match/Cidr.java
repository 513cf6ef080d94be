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
            long ip = parseV4(s);
            return ip >= 0 && matchesV4(ip);
        }
        byte[] ip = parseV6(s);
        return ip != null && matchesV6(ip);
    }

    boolean isV4() {
        return network.length == 4;
    }

    /** The IPv4 address of a field value (also written IPv4-mapped), or -1. */
    static long parseV4(String s) {
        return Ip.parseV4(s, mappedOffset(s));
    }

    /** The 16 bytes of an IPv6 field value, or null. */
    static byte[] parseV6(String s) {
        if (s.indexOf(':') < 0) {
            return null;
        }
        byte[] ip = Ip.parse(s);
        return ip == null || ip.length != 16 ? null : ip;
    }

    boolean matchesV4(long ip) {
        long net = ((network[0] & 0xFFL) << 24) | ((network[1] & 0xFFL) << 16) | ((network[2] & 0xFFL) << 8) | (network[3] & 0xFFL);
        long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        return (ip & mask) == (net & mask);
    }

    boolean matchesV6(byte[] ip) {
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

    /**
     * {@code values} with its cidr networks, when there are several, merged into one matcher
     * that parses the field's address once ({@code IpAddress|cidr} lists eight private ranges,
     * tested on every failed logon). Only for OR-linked values.
     */
    static java.util.List<ValueMatcher> merge(java.util.List<ValueMatcher> values) {
        java.util.List<Cidr> nets = new java.util.ArrayList<>();
        java.util.List<ValueMatcher> out = new java.util.ArrayList<>();
        for (ValueMatcher v : values) {
            if (v instanceof Cidr) {
                nets.add((Cidr) v);
            } else {
                out.add(v);
            }
        }
        if (nets.size() < 2) {
            return values;
        }
        out.add(0, new Networks(nets));
        return out;
    }

    /** Several networks, OR-linked; the field's address parsed once. */
    private static final class Networks implements ValueMatcher {
        private final Cidr[] v4;
        private final Cidr[] v6;

        Networks(java.util.List<Cidr> nets) {
            v4 = nets.stream().filter(Cidr::isV4).toArray(Cidr[]::new);
            v6 = nets.stream().filter(c -> !c.isV4()).toArray(Cidr[]::new);
        }

        @Override
        public boolean matches(JsonNode v, EventFields event) {
            String s = FieldValues.text(v);
            if (s == null) {
                return false;
            }
            if (v4.length > 0) {
                long ip = parseV4(s);
                if (ip >= 0) {
                    for (Cidr c : v4) {
                        if (c.matchesV4(ip)) {
                            return true;
                        }
                    }
                }
            }
            if (v6.length > 0) {
                byte[] ip = parseV6(s);
                if (ip != null) {
                    for (Cidr c : v6) {
                        if (c.matchesV6(ip)) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }
    }

    private static int mappedOffset(String s) {
        if (s.length() > 7 && s.regionMatches(true, 0, "::ffff:", 0, 7)) {
            return 7;
        }
        return 0;
    }
}
