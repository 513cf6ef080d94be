package tansa.ioc;

import java.util.Locale;

/** Indicator values: refanging, checking a value against its type, and the one form each type is compared in. */
final class Values {
    /** Longest piece of an input value quoted in a message. */
    static final int QUOTE = 120;

    private Values() {
    }

    /**
     * The value in the form matching compares: addresses and ranges as written (checked), domains
     * lower-case without a trailing dot or leading {@code *.}, URLs normalised, hashes lower-case
     * hex, file names lower-case without a directory. Throws {@link InvalidIndicatorException}
     * when the value is not of its type.
     */
    static String normalize(IocType type, String raw) {
        String v = refang(raw.trim());
        if (v.isEmpty()) {
            throw new InvalidIndicatorException("empty " + type.tag() + " value");
        }
        switch (type) {
            case IP: {
                if (v.startsWith("[") && v.endsWith("]")) {
                    v = v.substring(1, v.length() - 1);
                }
                if (Ips.range(v) == null) {
                    throw new InvalidIndicatorException("'" + cut(v) + "' is not an IP address or CIDR range");
                }
                return v.toLowerCase(Locale.ROOT);
            }
            case DOMAIN: {
                String d = v.toLowerCase(Locale.ROOT);
                if (d.startsWith("*.")) {
                    d = d.substring(2);
                }
                if (d.endsWith(".")) {
                    d = d.substring(0, d.length() - 1);
                }
                if (!isAscii(d)) {
                    try {
                        d = java.net.IDN.toASCII(d).toLowerCase(Locale.ROOT);
                    } catch (IllegalArgumentException e) {
                        throw new InvalidIndicatorException("'" + cut(v) + "' is not a domain name");
                    }
                }
                if (!isHostname(d, 0, d.length())) {
                    throw new InvalidIndicatorException("'" + cut(v) + "' is not a domain name");
                }
                return d;
            }
            case URL: {
                String u = Urls.normalize(v);
                if (u == null) {
                    throw new InvalidIndicatorException("'" + cut(v) + "' is not a URL");
                }
                return u;
            }
            case MD5:
            case SHA1:
            case SHA256: {
                String h = v.toLowerCase(Locale.ROOT);
                if (IocType.hashOfLength(h.length()) != type || !isHex(h)) {
                    throw new InvalidIndicatorException("'" + cut(v) + "' is not a " + type.tag() + " hash");
                }
                return h;
            }
            case FILENAME: {
                int sep = Math.max(v.lastIndexOf('\\'), v.lastIndexOf('/'));
                String name = v.substring(sep + 1);
                if (name.isEmpty()) {
                    throw new InvalidIndicatorException("'" + cut(v) + "' has no file name");
                }
                return lower(name);
            }
            default:
                throw new AssertionError(type);
        }
    }

    /**
     * The type of a bare value in a text list: an address or range, a hash by its length, a URL
     * (has {@code ://}), a file name (ends in a file extension that is not a common top-level
     * domain: {@code .exe .dll .ps1}...), else a domain name; null when it is none.
     */
    static IocType infer(String raw) {
        String v = refang(raw.trim());
        if (v.isEmpty()) {
            return null;
        }
        if (Ips.range(v) != null) {
            return IocType.IP;
        }
        if (isHex(v) && IocType.hashOfLength(v.length()) != null) {
            return IocType.hashOfLength(v.length());
        }
        if (v.contains("://")) {
            return IocType.URL;
        }
        if (v.indexOf('\\') >= 0 || FILE_EXTENSIONS.contains(extension(v))) {
            return IocType.FILENAME;
        }
        String d = v.toLowerCase(Locale.ROOT);
        if (d.indexOf('/') > 0 && isHostname(d, 0, d.indexOf('/'))) {
            return IocType.URL;
        }
        if (d.indexOf('.') > 0 && isHostname(d, 0, d.length())) {
            return IocType.DOMAIN;
        }
        return null;
    }

    private static final java.util.Set<String> FILE_EXTENSIONS = java.util.Set.of("exe", "dll", "sys", "ps1", "psm1", "bat",
            "cmd", "vbs", "vbe", "js", "jse", "hta", "scr", "lnk", "msi", "jar", "doc", "docx", "docm", "xls", "xlsx", "xlsm",
            "ppt", "pptx", "pdf", "rar", "7z", "iso", "img", "dmp", "tmp", "dat", "bin", "elf", "sh", "py", "cpl", "ocx", "wsf");

    private static String extension(String v) {
        int dot = v.lastIndexOf('.');
        return dot < 0 ? "" : v.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** Undoes the usual defanging: {@code hxxp://}, {@code [.]}, {@code (.)}, {@code [dot]}, {@code [:]}. */
    static String refang(String v) {
        if (v.indexOf('[') < 0 && v.indexOf('(') < 0 && v.indexOf('{') < 0 && !v.regionMatches(true, 0, "hxxp", 0, 4)
                && !v.regionMatches(true, 0, "fxp", 0, 3)) {
            return v;
        }
        String s = v.replace("[.]", ".").replace("(.)", ".").replace("{.}", ".").replace("[dot]", ".").replace("[:]", ":")
                .replace("[://]", "://").replace("[/]", "/");
        if (s.regionMatches(true, 0, "hxxp", 0, 4)) {
            s = "http" + s.substring(4);
        } else if (s.regionMatches(true, 0, "fxp", 0, 3)) {
            s = "ftp" + s.substring(3);
        }
        return s;
    }

    /** Whether {@code s[from, to)} is a host name: labels of letters, digits, {@code -} and {@code _}, with a letter somewhere. */
    static boolean isHostname(CharSequence s, int from, int to) {
        if (to - from < 1 || to - from > 253) {
            return false;
        }
        boolean letter = false;
        int label = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '.') {
                if (label == 0) {
                    return false;
                }
                label = 0;
            } else if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
                letter = true;
                label++;
            } else if (c >= '0' && c <= '9' || c == '-' || c == '_') {
                label++;
            } else {
                return false;
            }
        }
        return letter && label > 0;
    }

    static boolean isHex(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isHexChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean isHexChar(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    static String lower(String s) {
        char[] c = s.toCharArray();
        for (int i = 0; i < c.length; i++) {
            c[i] = tansa.event.CaseFold.lower(c[i]);
        }
        return new String(c);
    }

    /** {@code s} cut for a message (attacker-controlled text never goes whole into one). */
    static String cut(String s) {
        return s.length() <= QUOTE ? s : s.substring(0, QUOTE) + "...";
    }
}
