package tansa.ioc;

import java.util.Locale;

/**
 * URL normalisation, so that an indicator and an event's URL compare alike: scheme and host in
 * lower case, a trailing dot of the host removed, the scheme's default port removed (http 80,
 * https 443, ftp 21), user info and fragment dropped, an empty path as {@code /}, a trailing
 * {@code /} of a longer path removed, and percent-escapes with upper-case hex. A URL without a
 * scheme is taken as {@code http://}. Query strings are kept as they are.
 */
public final class Urls {
    private Urls() {
    }

    /** The normalised URL, or null when {@code url} has no host. */
    public static String normalize(String url) {
        String u = url.trim();
        int sep = u.indexOf("://");
        String scheme;
        if (sep > 0 && isScheme(u, sep)) {
            scheme = u.substring(0, sep).toLowerCase(Locale.ROOT);
            u = u.substring(sep + 3);
        } else {
            scheme = "http";
        }
        int hash = u.indexOf('#');
        if (hash >= 0) {
            u = u.substring(0, hash);
        }
        int pathStart = u.length();
        for (int i = 0; i < u.length(); i++) {
            char c = u.charAt(i);
            if (c == '/' || c == '?') {
                pathStart = i;
                break;
            }
        }
        String authority = u.substring(0, pathStart);
        String rest = u.substring(pathStart);
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            authority = authority.substring(at + 1);
        }
        String host = authority;
        String port = null;
        int colon = authority.lastIndexOf(':');
        if (colon >= 0 && authority.indexOf(']') < colon) {
            host = authority.substring(0, colon);
            port = authority.substring(colon + 1);
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.isEmpty()) {
            return null;
        }
        if (port != null && (port.isEmpty() || port.equals(defaultPort(scheme)))) {
            port = null;
        }
        String path = rest;
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            path = rest.substring(0, q);
            query = rest.substring(q);
        }
        if (path.isEmpty()) {
            path = "/";
        } else if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        StringBuilder sb = new StringBuilder(scheme.length() + host.length() + path.length() + query.length() + 10);
        sb.append(scheme).append("://").append(host);
        if (port != null) {
            sb.append(':').append(port);
        }
        appendEscapesUpper(sb, path);
        appendEscapesUpper(sb, query);
        return sb.toString();
    }

    /** The host of a URL as {@link #normalize} writes it: between {@code ://} and the next {@code / ? : #}. */
    static String host(String normalized) {
        int start = normalized.indexOf("://") + 3;
        int end = start;
        while (end < normalized.length() && "/?:#".indexOf(normalized.charAt(end)) < 0) {
            end++;
        }
        return normalized.substring(start, end);
    }

    private static boolean isScheme(String u, int sep) {
        for (int i = 0; i < sep; i++) {
            char c = u.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static String defaultPort(String scheme) {
        switch (scheme) {
            case "http": return "80";
            case "https": return "443";
            case "ftp": return "21";
            default: return "";
        }
    }

    private static void appendEscapesUpper(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() + 0 && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
                sb.append('%').append(Character.toUpperCase(s.charAt(i + 1))).append(Character.toUpperCase(s.charAt(i + 2)));
                i += 2;
            } else {
                sb.append(c);
            }
        }
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}
