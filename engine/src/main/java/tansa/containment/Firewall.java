package tansa.containment;

import tansa.traffic.Address;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Ready-to-apply firewall rules for a containment {@link Scope.Plan}: an nftables script (one
 * table, {@code inet tansa_containment}, replaced as a whole each time it is applied) and
 * Suricata drop rules. Every address is re-rendered from its parsed bytes (host bits of a range
 * cleared) and every comment or message is reduced to safe characters, so nothing from the
 * evidence reaches the rule syntax.
 */
public final class Firewall {
    public static final String TABLE = "tansa_containment";
    /** First Suricata sid; 1,000,000-1,999,999 is the range set aside for local rules. */
    public static final int FIRST_SID = 1_970_001;

    private Firewall() {
    }

    /** An address or range as nftables and Suricata read it, or null when it is neither. */
    static String element(String text) {
        String s = text.trim();
        int slash = s.indexOf('/');
        byte[] b = Address.parse(slash < 0 ? s : s.substring(0, slash));
        if (b == null) {
            return null;
        }
        int prefix = b.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(s.substring(slash + 1));
            } catch (NumberFormatException e) {
                return null;
            }
            if (prefix < 0 || prefix > b.length * 8) {
                return null;
            }
            for (int i = 0; i < b.length; i++) {
                int keep = Math.max(0, Math.min(8, prefix - i * 8));
                b[i] = (byte) (b[i] & (0xff << (8 - keep)));
            }
        }
        String a = b.length == 4 ? (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff) : v6Text(b);
        return prefix == b.length * 8 ? a : a + "/" + prefix;
    }

    /** RFC 5952 text: lower-case hex, no leading zeros, the longest run of two or more zero groups as {@code ::}. */
    static String v6Text(byte[] b) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = (b[2 * i] & 0xff) << 8 | b[2 * i + 1] & 0xff;
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    static boolean v6(String element) {
        return element.indexOf(':') >= 0;
    }

    /** Text that is safe inside a quoted nft comment or Suricata msg: letters, digits and a few signs, at most 120 characters. */
    static String safe(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 120; i++) {
            char c = s.charAt(i);
            b.append(c < 128 && (Character.isLetterOrDigit(c) || " .,:/()_-+=@[]".indexOf(c) >= 0) ? c : '_');
        }
        return b.toString();
    }

    /**
     * The nftables script: sets of blocked addresses (indicators) and isolated ones (hosts and
     * segments), and filter chains on input, forward and output that drop traffic to or from
     * them. Applying it again replaces the previous plan.
     */
    public static String nftables(Scope.Plan plan, String generated) {
        Set<String> block4 = new TreeSet<>();
        Set<String> block6 = new TreeSet<>();
        Set<String> iso4 = new TreeSet<>();
        Set<String> iso6 = new TreeSet<>();
        List<String> notes = new ArrayList<>();
        for (Scope.Action a : plan.block()) {
            if (a.type().equals("domain")) {
                notes.add("domain " + safe(a.target()) + " (not blockable by address here: see the Suricata rules or your DNS resolver)");
                continue;
            }
            for (String x : a.addresses()) {
                String e = element(x);
                if (e != null) {
                    (v6(e) ? block6 : block4).add(e);
                }
            }
        }
        for (Scope.Action a : plan.isolate()) {
            if (a.addresses().isEmpty()) {
                notes.add(a.type() + " " + safe(a.target()) + " has no known address: isolate it at the switch or with EDR");
            }
            for (String x : a.addresses()) {
                String e = element(x);
                if (e != null) {
                    (v6(e) ? iso6 : iso4).add(e);
                }
            }
        }
        StringBuilder b = new StringBuilder();
        b.append("#!/usr/sbin/nft -f\n");
        b.append("# tansa containment plan, ").append(safe(generated)).append('\n');
        b.append("# Apply: nft -f FILE (replaces an earlier plan). Undo: nft delete table inet ").append(TABLE).append('\n');
        b.append("# Isolated addresses may only talk to each other's responders through an allow rule you add first in each chain.\n");
        for (String n : notes) {
            b.append("# ").append(n).append('\n');
        }
        b.append("table inet ").append(TABLE).append(" {\n}\n");
        b.append("delete table inet ").append(TABLE).append('\n');
        b.append("table inet ").append(TABLE).append(" {\n");
        set(b, "blocked_v4", "ipv4_addr", block4);
        set(b, "blocked_v6", "ipv6_addr", block6);
        set(b, "isolated_v4", "ipv4_addr", iso4);
        set(b, "isolated_v6", "ipv6_addr", iso6);
        for (String hook : List.of("input", "forward", "output")) {
            b.append("\n\tchain ").append(hook).append(" {\n");
            b.append("\t\ttype filter hook ").append(hook).append(" priority filter - 10; policy accept;\n");
            for (String family : List.of("ip", "ip6")) {
                String suffix = family.equals("ip") ? "v4" : "v6";
                b.append("\t\t").append(family).append(" saddr @blocked_").append(suffix).append(" counter drop comment \"indicator\"\n");
                b.append("\t\t").append(family).append(" daddr @blocked_").append(suffix).append(" counter drop comment \"indicator\"\n");
                b.append("\t\t").append(family).append(" saddr @isolated_").append(suffix).append(" counter drop comment \"isolated\"\n");
                b.append("\t\t").append(family).append(" daddr @isolated_").append(suffix).append(" counter drop comment \"isolated\"\n");
            }
            b.append("\t}\n");
        }
        b.append("}\n");
        return b.toString();
    }

    private static void set(StringBuilder b, String name, String type, Set<String> elements) {
        b.append("\tset ").append(name).append(" {\n\t\ttype ").append(type).append("\n\t\tflags interval\n\t\tauto-merge\n");
        if (!elements.isEmpty()) {
            b.append("\t\telements = { ").append(String.join(",\n\t\t\t     ", elements)).append(" }\n");
        }
        b.append("\t}\n");
    }

    /**
     * Suricata drop rules (IPS mode): traffic to and from each blocked address, DNS queries, TLS
     * server names and HTTP hosts under each blocked domain, and traffic from isolated addresses.
     */
    public static String suricata(Scope.Plan plan, String generated) {
        StringBuilder b = new StringBuilder();
        b.append("# tansa containment plan, ").append(safe(generated)).append('\n');
        b.append("# Suricata drop rules (IPS mode); sids from ").append(FIRST_SID).append(" (local range).\n");
        int sid = FIRST_SID;
        for (Scope.Action a : plan.block()) {
            String why = safe(a.why().isEmpty() ? "" : a.why().get(0));
            if (a.type().equals("domain")) {
                String d = a.target().toLowerCase(Locale.ROOT);
                if (!d.matches("[a-z0-9_.-]+")) {
                    continue;
                }
                for (String[] k : new String[][]{{"dns", "dns.query"}, {"tls", "tls.sni"}, {"http", "http.host"}}) {
                    b.append("drop ").append(k[0]).append(" any any -> any any (msg:\"tansa containment: ").append(k[0]).append(' ')
                            .append(d).append(" - ").append(why).append("\"; ").append(k[1]).append("; dotprefix; content:\".").append(d)
                            .append("\"; endswith; nocase; sid:").append(sid++).append("; rev:1;)\n");
                }
                continue;
            }
            for (String x : a.addresses()) {
                String e = element(x);
                if (e == null) {
                    continue;
                }
                b.append("drop ip any any -> ").append(e).append(" any (msg:\"tansa containment: to ").append(e).append(" - ").append(why)
                        .append("\"; sid:").append(sid++).append("; rev:1;)\n");
                b.append("drop ip ").append(e).append(" any -> any any (msg:\"tansa containment: from ").append(e).append(" - ").append(why)
                        .append("\"; sid:").append(sid++).append("; rev:1;)\n");
            }
        }
        for (Scope.Action a : plan.isolate()) {
            for (String x : a.addresses()) {
                String e = element(x);
                if (e == null) {
                    continue;
                }
                b.append("drop ip ").append(e).append(" any -> any any (msg:\"tansa containment: isolated ").append(safe(a.type())).append(' ')
                        .append(safe(a.target())).append("\"; sid:").append(sid++).append("; rev:1;)\n");
            }
        }
        return b.toString();
    }
}
