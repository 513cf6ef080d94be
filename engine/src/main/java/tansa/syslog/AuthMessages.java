package tansa.syslog;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Named fields from the messages of Linux authentication and firewall logs, added beside
 * {@code message} (which stays as written):
 *
 * <ul>
 *   <li>sshd ({@code sshd}, and {@code sshd-session} of OpenSSH 9.8 and later):
 *       {@code Accepted|Failed METHOD for [invalid user] USER from IP port N ssh2[: KEYTYPE FINGERPRINT]},
 *       {@code Invalid user USER from IP port N}, {@code Disconnected from [invalid|authenticating] [user USER] IP port N}
 *       give {@code action} ({@code accepted}, {@code failed}, {@code invalid_user}, {@code disconnected}),
 *       {@code auth_method}, {@code user}, {@code invalid_user}, {@code src_ip}, {@code src_port},
 *       {@code key_type}, {@code key_fingerprint};</li>
 *   <li>sudo: {@code USER : [REASON ; ]TTY=... ; PWD=... ; USER=... ; COMMAND=...} gives {@code user},
 *       {@code reason}, {@code tty}, {@code pwd}, {@code target_user}, {@code command};</li>
 *   <li>kernel netfilter lines (iptables {@code LOG}, UFW): {@code [UFW BLOCK] IN=... SRC=... DST=... PROTO=... SPT=... DPT=...}
 *       give {@code src_ip}, {@code dst_ip}, {@code proto}, {@code src_port}, {@code dst_port}, {@code in},
 *       {@code out}, and for UFW {@code action} ({@code block}, {@code allow}, {@code audit}) and {@code blocked}.</li>
 * </ul>
 */
final class AuthMessages {
    private AuthMessages() {
    }

    static void parse(String program, String message, ObjectNode out) {
        if (program == null || message == null) {
            return;
        }
        if (program.equals("sshd") || program.equals("sshd-session")) {
            sshd(message, out);
        } else if (program.equals("sudo")) {
            sudo(message, out);
        } else if (program.equals("kernel") && message.contains(" SRC=") && message.contains(" DST=")) {
            netfilter(message, out);
        }
    }

    private static void sshd(String m, ObjectNode out) {
        String[] t = m.split(" ", 16);
        if ((t[0].equals("Accepted") || t[0].equals("Failed")) && t.length >= 7 && t[2].equals("for")) {
            int k = 3;
            boolean invalid = t[k].equals("invalid") && k + 1 < t.length && t[k + 1].equals("user");
            if (invalid) {
                k += 2;
            }
            if (k + 3 >= t.length || !t[k + 1].equals("from") || !t[k + 3].equals("port")) {
                return;
            }
            out.put("action", t[0].equals("Accepted") ? "accepted" : "failed");
            out.put("auth_method", t[1]);
            out.put("user", t[k]);
            out.put("invalid_user", invalid);
            out.put("src_ip", t[k + 2]);
            port(out, "src_port", k + 4 < t.length ? t[k + 4] : "");
            // "ssh2: RSA SHA256:..." after a public-key login
            if (k + 7 < t.length && t[k + 5].equals("ssh2:")) {
                out.put("key_type", t[k + 6]);
                out.put("key_fingerprint", t[k + 7]);
            }
        } else if (t[0].equals("Invalid") && t.length >= 6 && t[1].equals("user")) {
            // "Invalid user bob from 203.0.113.9 port 4242"; an empty user name leaves two spaces
            int from = indexOf(t, "from", 2);
            if (from < 0 || from + 3 >= t.length || !t[from + 2].equals("port")) {
                return;
            }
            out.put("action", "invalid_user");
            out.put("user", join(t, 2, from));
            out.put("invalid_user", true);
            out.put("src_ip", t[from + 1]);
            port(out, "src_port", t[from + 3]);
        } else if (t[0].equals("Disconnected") && t.length >= 5 && t[1].equals("from")) {
            int k = 2;
            boolean invalid = false;
            String user = null;
            if (t[k].equals("invalid") || t[k].equals("authenticating")) {
                invalid = t[k].equals("invalid");
                k++;
            }
            if (t[k].equals("user") && k + 1 < t.length) {
                user = t[k + 1];
                k += 2;
            }
            if (k + 2 >= t.length || !t[k + 1].equals("port")) {
                return;
            }
            out.put("action", "disconnected");
            if (user != null) {
                out.put("user", user);
                out.put("invalid_user", invalid);
            }
            out.put("src_ip", t[k]);
            port(out, "src_port", t[k + 2]);
        }
    }

    private static void sudo(String m, ObjectNode out) {
        int colon = m.indexOf(" : ");
        if (colon <= 0) {
            return;
        }
        String user = m.substring(0, colon).trim();
        if (user.isEmpty() || user.indexOf(' ') >= 0) {
            return;
        }
        out.put("user", user);
        String rest = m.substring(colon + 3);
        int at = 0;
        while (at <= rest.length()) {
            // COMMAND= is last and may itself hold " ; "
            int sep = rest.startsWith("COMMAND=", at) ? -1 : rest.indexOf(" ; ", at);
            String part = sep < 0 ? rest.substring(at) : rest.substring(at, sep);
            int eq = part.indexOf('=');
            String key = eq > 0 ? part.substring(0, eq) : null;
            if (key != null && isUpperWord(key)) {
                String name = key.equals("USER") ? "target_user" : key.toLowerCase(java.util.Locale.ROOT);
                out.put(name, part.substring(eq + 1));
            } else if (!part.isBlank()) {
                out.put("reason", part.trim());
            }
            if (sep < 0) {
                break;
            }
            at = sep + 3;
        }
    }

    private static void netfilter(String m, ObjectNode out) {
        String action = null;
        int ufw = m.indexOf("[UFW ");
        if (ufw >= 0) {
            int close = m.indexOf(']', ufw);
            if (close > ufw) {
                String word = m.substring(ufw + 5, close).toLowerCase(java.util.Locale.ROOT);
                action = word.endsWith("block") ? "block" : word.endsWith("allow") ? "allow" : word;
            }
        }
        for (String token : m.split(" ")) {
            int eq = token.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = token.substring(0, eq);
            String v = token.substring(eq + 1);
            switch (key) {
                case "SRC": out.put("src_ip", v); break;
                case "DST": out.put("dst_ip", v); break;
                case "PROTO": out.put("proto", v); break;
                case "SPT": port(out, "src_port", v); break;
                case "DPT": port(out, "dst_port", v); break;
                case "IN": out.put("in", v); break;
                case "OUT": out.put("out", v); break;
                default: break;
            }
        }
        if (action != null) {
            out.put("action", action);
            if (action.equals("block") || action.equals("allow")) {
                out.put("blocked", action.equals("block"));
            }
        }
    }

    private static void port(ObjectNode out, String name, String v) {
        int p = SyslogHeader.number(v, 0, v.length());
        if (p >= 0 && p <= 65535) {
            out.put(name, p);
        }
    }

    private static boolean isUpperWord(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(String[] t, String word, int from) {
        for (int i = from; i < t.length; i++) {
            if (t[i].equals(word)) {
                return i;
            }
        }
        return -1;
    }

    private static String join(String[] t, int from, int to) {
        return String.join(" ", java.util.Arrays.asList(t).subList(from, to));
    }
}
