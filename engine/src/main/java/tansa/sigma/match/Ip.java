package tansa.sigma.match;

/** IP address parsing for {@link Cidr}; IPv4 without allocation. */
final class Ip {
    private Ip() {
    }

    /** The IPv4 address starting at {@code off} as an unsigned int, or -1. */
    static long parseV4(String s, int off) {
        long out = 0;
        int parts = 0;
        int i = off;
        int n = s.length();
        while (parts < 4) {
            int v = 0;
            int digits = 0;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9' && digits < 4) {
                v = v * 10 + (s.charAt(i) - '0');
                i++;
                digits++;
            }
            if (digits == 0 || digits > 3 || v > 255) {
                return -1;
            }
            out = (out << 8) | v;
            parts++;
            if (parts < 4) {
                if (i >= n || s.charAt(i) != '.') {
                    return -1;
                }
                i++;
            }
        }
        return i == n ? out : -1;
    }

    /** 4 or 16 bytes, or null when {@code s} is not an address. */
    static byte[] parse(String s) {
        if (s.indexOf(':') < 0) {
            long v = parseV4(s, 0);
            if (v < 0) {
                return null;
            }
            return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
        }
        int pct = s.indexOf('%');
        if (pct >= 0) {
            s = s.substring(0, pct);
        }
        byte[] out = new byte[16];
        String head = s;
        String tail = "";
        int dbl = s.indexOf("::");
        if (dbl >= 0) {
            head = s.substring(0, dbl);
            tail = s.substring(dbl + 2);
            if (tail.contains("::")) {
                return null;
            }
        }
        int[] h = groups(head);
        int[] t = groups(tail);
        if (h == null || t == null) {
            return null;
        }
        int total = h.length + t.length;
        if ((dbl < 0 && total != 8) || total > 8 || (dbl >= 0 && total > 7)) {
            return null;
        }
        for (int i = 0; i < h.length; i++) {
            out[2 * i] = (byte) (h[i] >> 8);
            out[2 * i + 1] = (byte) h[i];
        }
        for (int i = 0; i < t.length; i++) {
            int g = 8 - t.length + i;
            out[2 * g] = (byte) (t[i] >> 8);
            out[2 * g + 1] = (byte) t[i];
        }
        return out;
    }

    /** Colon-separated 16-bit groups; a trailing dotted IPv4 counts as two groups. */
    private static int[] groups(String s) {
        if (s.isEmpty()) {
            return new int[0];
        }
        String[] parts = s.split(":", -1);
        int[] out = new int[parts.length + 1];
        int n = 0;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (i == parts.length - 1 && p.indexOf('.') >= 0) {
                long v4 = parseV4(p, 0);
                if (v4 < 0) {
                    return null;
                }
                out[n++] = (int) (v4 >>> 16);
                out[n++] = (int) (v4 & 0xFFFF);
                continue;
            }
            if (p.isEmpty() || p.length() > 4) {
                return null;
            }
            int v = 0;
            for (int j = 0; j < p.length(); j++) {
                int d = Character.digit(p.charAt(j), 16);
                if (d < 0) {
                    return null;
                }
                v = (v << 4) | d;
            }
            out[n++] = v;
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
