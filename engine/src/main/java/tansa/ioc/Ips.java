package tansa.ioc;

/**
 * IPv4 and IPv6 addresses as 128-bit numbers in two longs (IPv4 as the IPv4-mapped IPv6 address
 * {@code ::ffff:a.b.c.d}, so that {@code ::ffff:10.1.2.3} in a 4624 event matches a v4
 * indicator). Parsing reads a region of a string and writes into a caller's {@link Scratch}:
 * no allocation, for the per-value path.
 */
final class Ips {
    static final long V4_MAPPED_HI = 0L;
    static final long V4_MAPPED_LO = 0x0000_ffff_0000_0000L;

    private Ips() {
    }

    /** Per-thread parse state. */
    static final class Scratch {
        long hi;
        long lo;
        final int[] groups = new int[8];
    }

    /** Parses {@code s[from, to)} as an address into {@code out}; false when it is not one. */
    static boolean parse(CharSequence s, int from, int to, Scratch out) {
        if (to - from < 2 || to - from > 45) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == ':') {
                return parse6(s, from, to, out);
            }
        }
        long v4 = parse4(s, from, to);
        if (v4 < 0) {
            return false;
        }
        out.hi = V4_MAPPED_HI;
        out.lo = V4_MAPPED_LO | v4;
        return true;
    }

    /** Dotted-quad IPv4 in {@code s[from, to)} as an unsigned int, or -1. Leading zeros up to three digits are accepted. */
    static long parse4(CharSequence s, int from, int to) {
        long out = 0;
        int i = from;
        for (int part = 0; part < 4; part++) {
            int v = 0;
            int digits = 0;
            while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                v = v * 10 + (s.charAt(i) - '0');
                i++;
                if (++digits > 3) {
                    return -1;
                }
            }
            if (digits == 0 || v > 255) {
                return -1;
            }
            out = (out << 8) | v;
            if (part < 3) {
                if (i >= to || s.charAt(i) != '.') {
                    return -1;
                }
                i++;
            }
        }
        return i == to ? out : -1;
    }

    private static boolean parse6(CharSequence s, int from, int to, Scratch out) {
        int end = to;
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == '%') { // zone index: fe80::1%12
                end = i;
                break;
            }
        }
        int[] g = out.groups;
        int count = 0;
        int dbl = -1;
        int i = from;
        if (end - i >= 2 && s.charAt(i) == ':' && s.charAt(i + 1) == ':') {
            dbl = 0;
            i += 2;
        }
        while (i < end) {
            int start = i;
            int v = 0;
            int digits = 0;
            while (i < end && digits <= 4) {
                int d = hex(s.charAt(i));
                if (d < 0) {
                    break;
                }
                v = (v << 4) | d;
                i++;
                digits++;
            }
            if (i < end && s.charAt(i) == '.') { // embedded IPv4 tail: ::ffff:1.2.3.4
                long v4 = parse4(s, start, end);
                if (v4 < 0 || count > 6) {
                    return false;
                }
                g[count++] = (int) (v4 >>> 16);
                g[count++] = (int) (v4 & 0xffff);
                i = end;
                break;
            }
            if (digits == 0 || digits > 4 || count == 8) {
                return false;
            }
            g[count++] = v;
            if (i == end) {
                break;
            }
            if (s.charAt(i) != ':') {
                return false;
            }
            i++;
            if (i < end && s.charAt(i) == ':') {
                if (dbl >= 0) {
                    return false;
                }
                dbl = count;
                i++;
            } else if (i == end) {
                return false; // a trailing single colon
            }
        }
        if (dbl < 0 ? count != 8 : count > 7) {
            return false;
        }
        long hi = 0;
        long lo = 0;
        int tail = dbl < 0 ? 0 : count - dbl;
        int head = count - tail;
        for (int k = 0; k < 8; k++) {
            int v;
            if (k < head) {
                v = g[k];
            } else if (k >= 8 - tail) {
                v = g[head + (k - (8 - tail))];
            } else {
                v = 0;
            }
            if (k < 4) {
                hi = (hi << 16) | v;
            } else {
                lo = (lo << 16) | v;
            }
        }
        out.hi = hi;
        out.lo = lo;
        return true;
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** {@code a <=> b} as unsigned 128-bit numbers. */
    static int compare(long aHi, long aLo, long bHi, long bLo) {
        int c = Long.compareUnsigned(aHi, bHi);
        return c != 0 ? c : Long.compareUnsigned(aLo, bLo);
    }

    /**
     * An address or CIDR range as {@code {loHi, loLo, hiHi, hiLo}}; null when {@code text} is
     * neither. An IPv4 prefix counts within the mapped space (/24 is /120).
     */
    static long[] range(String text) {
        int slash = text.indexOf('/');
        String addr = slash < 0 ? text : text.substring(0, slash);
        Scratch s = new Scratch();
        if (!parse(addr, 0, addr.length(), s)) {
            return null;
        }
        boolean v4 = addr.indexOf(':') < 0;
        int bits = v4 ? 32 : 128;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                return null;
            }
            if (prefix < 0 || prefix > bits) {
                return null;
            }
        }
        int p = v4 ? prefix + 96 : prefix;
        long maskHi = p >= 64 ? -1L : p == 0 ? 0 : -1L << (64 - p);
        long maskLo = p <= 64 ? 0 : p == 128 ? -1L : -1L << (128 - p);
        return new long[] {s.hi & maskHi, s.lo & maskLo, s.hi | ~maskHi, s.lo | ~maskLo};
    }
}
