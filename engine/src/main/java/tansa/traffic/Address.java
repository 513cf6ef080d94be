package tansa.traffic;

/**
 * IP address text to bytes: IPv4 dotted quads (4 bytes) and IPv6 in any RFC 4291 form (16
 * bytes, {@code ::}, embedded IPv4, a {@code %zone} suffix ignored); an IPv4-mapped IPv6 address
 * ({@code ::ffff:10.0.0.1}) is its IPv4 address. Null for anything else, never an exception:
 * address fields in logs hold hostnames, {@code -} and garbage too.
 */
public final class Address {
    private Address() {
    }

    public static byte[] parse(String s) {
        if (s == null || s.isEmpty() || s.length() > 64) {
            return null;
        }
        if (s.indexOf(':') < 0) {
            return v4(s, 0, s.length());
        }
        int end = s.indexOf('%');
        if (end < 0) {
            end = s.length();
        }
        int start = 0;
        if (s.charAt(0) == '[' && end > 1 && s.charAt(end - 1) == ']') {
            start = 1;
            end--;
        }
        byte[] v6 = v6(s, start, end);
        if (v6 == null) {
            return null;
        }
        for (int i = 0; i < 10; i++) {
            if (v6[i] != 0) {
                return v6;
            }
        }
        if ((v6[10] & 0xff) == 0xff && (v6[11] & 0xff) == 0xff) {
            return new byte[]{v6[12], v6[13], v6[14], v6[15]};
        }
        return v6;
    }

    private static byte[] v4(String s, int from, int to) {
        byte[] out = new byte[4];
        int part = 0;
        int value = -1;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                value = value < 0 ? c - '0' : value * 10 + (c - '0');
                if (value > 255) {
                    return null;
                }
            } else if (c == '.' && value >= 0 && part < 3) {
                out[part++] = (byte) value;
                value = -1;
            } else {
                return null;
            }
        }
        if (part != 3 || value < 0) {
            return null;
        }
        out[3] = (byte) value;
        return out;
    }

    private static byte[] v6(String s, int from, int to) {
        int[] groups = new int[8];
        int n = 0;
        int gap = -1;
        int i = from;
        if (to - from >= 2 && s.charAt(from) == ':' && s.charAt(from + 1) == ':') {
            gap = 0;
            i = from + 2;
        }
        while (i < to) {
            int j = i;
            int v = 0;
            while (j < to && j - i < 5 && Character.digit(s.charAt(j), 16) >= 0) {
                v = v * 16 + Character.digit(s.charAt(j), 16);
                j++;
            }
            if (j < to && s.charAt(j) == '.') { // embedded IPv4 as the last two groups
                byte[] four = v4(s, i, to);
                if (four == null || n > 6) {
                    return null;
                }
                groups[n++] = (four[0] & 0xff) << 8 | four[1] & 0xff;
                groups[n++] = (four[2] & 0xff) << 8 | four[3] & 0xff;
                i = to;
                break;
            }
            if (j == i || j - i > 4 || n == 8) {
                return null;
            }
            groups[n++] = v;
            if (j == to) {
                i = to;
                break;
            }
            if (s.charAt(j) != ':') {
                return null;
            }
            if (j + 1 < to && s.charAt(j + 1) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = n;
                i = j + 2;
            } else {
                i = j + 1;
                if (i == to) {
                    return null;
                }
            }
        }
        if (gap < 0 && n != 8 || gap >= 0 && n > 7) {
            return null;
        }
        byte[] out = new byte[16];
        int tail = gap < 0 ? 0 : n - gap;
        for (int k = 0; k < n; k++) {
            int slot = gap >= 0 && k >= gap ? 8 - tail + (k - gap) : k;
            out[slot * 2] = (byte) (groups[k] >> 8);
            out[slot * 2 + 1] = (byte) groups[k];
        }
        return out;
    }
}
