package tansa.ioc;

import java.util.Locale;

/** What an indicator value is, and so how events are searched for it. */
public enum IocType {
    /** An IPv4 or IPv6 address or CIDR range. */
    IP("ip"),
    /** A domain name; its subdomains match too. */
    DOMAIN("domain"),
    /** A URL, compared normalised ({@link Urls#normalize}). */
    URL("url"),
    MD5("md5"),
    SHA1("sha1"),
    SHA256("sha256"),
    /** A file name (no directory), compared case-insensitively with the last part of a path. */
    FILENAME("filename");

    private final String tag;

    IocType(String tag) {
        this.tag = tag;
    }

    /** The short name used in tags ({@code ioc.sha256}) and messages. */
    public String tag() {
        return tag;
    }

    /** The hash type of a hex digest of this many characters, or null. */
    static IocType hashOfLength(int n) {
        return n == 32 ? MD5 : n == 40 ? SHA1 : n == 64 ? SHA256 : null;
    }

    boolean isHash() {
        return this == MD5 || this == SHA1 || this == SHA256;
    }

    /**
     * A type named in a list or feed: MISP attribute types ({@code ip-dst}, {@code domain},
     * {@code filename|sha256} names its hash), STIX object names ({@code ipv4-addr},
     * {@code domain-name}) and plain words ({@code ip}, {@code hash}). Null when unknown;
     * {@code hash} and {@code file} answer null too and are resolved from the value.
     */
    static IocType named(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        int bar = n.indexOf('|');
        if (bar >= 0) {
            String left = n.substring(0, bar);
            String right = n.substring(bar + 1);
            if (left.equals("filename")) {
                return named(right); // filename|sha256: the hash is the indicator
            }
            if (right.equals("port") || right.equals("ip")) {
                return named(left); // ip-dst|port, hostname|port, domain|ip (the domain part)
            }
            return null;
        }
        switch (n) {
            case "ip": case "ipv4": case "ipv6": case "ip-src": case "ip-dst": case "ipv4-addr": case "ipv6-addr":
            case "cidr": case "ip_address": case "ipaddress": case "address":
                return IP;
            case "domain": case "hostname": case "domain-name": case "fqdn": case "host": case "dns":
                return DOMAIN;
            case "url": case "uri": case "link-url":
                return URL;
            case "md5": case "hash-md5": return MD5;
            case "sha1": case "sha-1": case "hash-sha1": return SHA1;
            case "sha256": case "sha-256": case "hash-sha256": return SHA256;
            case "filename": case "file-name": case "file_name": case "file": return FILENAME;
            default: return null;
        }
    }
}
