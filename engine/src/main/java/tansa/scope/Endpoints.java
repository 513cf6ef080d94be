package tansa.scope;

import java.util.Locale;

/**
 * Host names, addresses and accounts as Windows and Zeek logs write them, reduced to the keys
 * that identify the same machine or account across events: {@code FS01}, {@code fs01.corp.local}
 * and {@code \\FS01} are one host; {@code ::ffff:10.0.0.5} is {@code 10.0.0.5}.
 */
public final class Endpoints {
    private Endpoints() {
    }

    /** True for the placeholders logs write when a value is absent. */
    public static boolean absent(String s) {
        return s == null || s.isEmpty() || s.equals("-") || s.equals("?") || s.equals("::") || s.equals("0.0.0.0");
    }

    /**
     * The address in canonical text, or null when absent, loopback or unspecified (those are the
     * machine itself, not a place a movement came from). IPv4-mapped IPv6 is written as IPv4.
     */
    public static String address(String s) {
        if (absent(s)) {
            return null;
        }
        String a = s.trim();
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        if (a.regionMatches(true, 0, "::ffff:", 0, 7) && a.indexOf('.') > 0) {
            a = a.substring(7);
        }
        a = a.toLowerCase(Locale.ROOT);
        if (!isAddress(a) || a.startsWith("127.") || a.equals("::1") || a.equals("0.0.0.0") || a.equals("::")) {
            return null;
        }
        return a;
    }

    /** True when the text is an IPv4 dotted quad or an IPv6 address (by its characters). */
    public static boolean isAddress(String s) {
        if (s == null || s.isEmpty() || s.length() > 45) {
            return false;
        }
        int dots = 0;
        int colons = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.') {
                dots++;
            } else if (c == ':') {
                colons++;
            } else if (!(c >= '0' && c <= '9') && !(colons > 0 && (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == '%'))) {
                return false;
            }
        }
        return colons >= 2 || (dots == 3 && colons == 0);
    }

    /** True for RFC 1918, carrier-grade NAT, link-local and unique-local addresses. */
    public static boolean isInternal(String a) {
        if (a == null) {
            return false;
        }
        if (a.indexOf(':') >= 0) {
            return a.startsWith("fe80:") || a.startsWith("fc") || a.startsWith("fd");
        }
        if (a.startsWith("10.") || a.startsWith("192.168.") || a.startsWith("169.254.")) {
            return true;
        }
        int second = secondOctet(a);
        return a.startsWith("172.") && second >= 16 && second <= 31 || a.startsWith("100.") && second >= 64 && second <= 127;
    }

    private static int secondOctet(String a) {
        int i = a.indexOf('.');
        int j = a.indexOf('.', i + 1);
        try {
            return i < 0 || j < 0 ? -1 : Integer.parseInt(a.substring(i + 1, j));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The key of a host name: its first DNS label, lower-cased, without leading backslashes; null
     * when absent or {@code localhost}. An address is not a host name (see {@link #address}).
     */
    public static String hostKey(String name) {
        if (absent(name)) {
            return null;
        }
        String n = name.trim();
        int start = 0;
        while (start < n.length() && n.charAt(start) == '\\') {
            start++;
        }
        n = n.substring(start);
        if (n.isEmpty() || isAddress(n)) {
            return null;
        }
        int dot = n.indexOf('.');
        String key = (dot > 0 ? n.substring(0, dot) : n).toLowerCase(Locale.ROOT);
        return key.equals("localhost") ? null : key;
    }

    /**
     * The key of an account name: the user part (after {@code DOMAIN\}, before {@code @REALM}),
     * lower-cased; null when absent.
     */
    public static String accountKey(String name) {
        String u = user(name);
        return u == null ? null : u.toLowerCase(Locale.ROOT);
    }

    /** The user part of an account name as written; null when absent. */
    public static String user(String name) {
        if (absent(name)) {
            return null;
        }
        String n = name.trim();
        int bs = n.lastIndexOf('\\');
        if (bs >= 0) {
            n = n.substring(bs + 1);
        }
        int at = n.indexOf('@');
        if (at > 0) {
            n = n.substring(0, at);
        }
        return absent(n) ? null : n;
    }

    /** The domain part of {@code DOMAIN\\user} or {@code user@REALM}; null when there is none. */
    public static String domain(String name) {
        if (absent(name)) {
            return null;
        }
        int bs = name.indexOf('\\');
        if (bs > 0) {
            return name.substring(0, bs);
        }
        int at = name.indexOf('@');
        return at > 0 && at < name.length() - 1 ? name.substring(at + 1) : null;
    }
}
