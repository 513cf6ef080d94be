package tansa.scope;

import java.util.Locale;
import java.util.Map;

/**
 * Failure codes of Windows logons in words: the NTSTATUS values of 4625 {@code Status} /
 * {@code SubStatus} and 4776, and the Kerberos result codes of 4768, 4769 and 4771 (RFC 4120
 * section 7.5.9), as Microsoft documents them for these events.
 */
public final class FailureReasons {
    private static final Map<String, String> NT = Map.ofEntries(
            Map.entry("0xc000005e", "no logon servers available"),
            Map.entry("0xc0000064", "user name does not exist"),
            Map.entry("0xc000006a", "wrong password"),
            Map.entry("0xc000006c", "password policy not met"),
            Map.entry("0xc000006d", "bad user name or password"),
            Map.entry("0xc000006e", "account restriction"),
            Map.entry("0xc000006f", "outside allowed logon hours"),
            Map.entry("0xc0000070", "workstation not allowed"),
            Map.entry("0xc0000071", "password expired"),
            Map.entry("0xc0000072", "account disabled"),
            Map.entry("0xc000009a", "insufficient system resources"),
            Map.entry("0xc00000dc", "server in the wrong state"),
            Map.entry("0xc0000133", "clocks out of sync with the domain controller"),
            Map.entry("0xc000015b", "logon type not granted"),
            Map.entry("0xc000018c", "trust relationship failed"),
            Map.entry("0xc0000192", "Netlogon service not started"),
            Map.entry("0xc0000193", "account expired"),
            Map.entry("0xc0000224", "password must change at next logon"),
            Map.entry("0xc0000225", "Windows error (not a logon problem)"),
            Map.entry("0xc0000234", "account locked out"),
            Map.entry("0xc00002ee", "an error occurred during logon"),
            Map.entry("0xc000035b", "authentication firewall"),
            Map.entry("0xc0000371", "local account store lacks the secret"),
            Map.entry("0xc0000413", "authentication firewall: machine not allowed"),
            Map.entry("0xc00000bb", "request not supported"),
            Map.entry("0xc0000022", "access denied"));

    private static final Map<String, String> KERBEROS = Map.ofEntries(
            Map.entry("0x1", "client's entry in the database has expired"),
            Map.entry("0x3", "bad protocol version"),
            Map.entry("0x6", "user name does not exist (client not found in Kerberos database)"),
            Map.entry("0x7", "service not found in Kerberos database"),
            Map.entry("0x8", "multiple principal entries"),
            Map.entry("0x9", "no key for the account"),
            Map.entry("0xc", "policy rejects the request (logon hours or workstation)"),
            Map.entry("0xd", "KDC cannot accommodate the requested option"),
            Map.entry("0xe", "encryption type not supported"),
            Map.entry("0xf", "checksum type not supported"),
            Map.entry("0x10", "pre-authentication type not supported (smart card)"),
            Map.entry("0x12", "account disabled, expired or locked out"),
            Map.entry("0x17", "password expired"),
            Map.entry("0x18", "wrong password (pre-authentication failed)"),
            Map.entry("0x1b", "server principal valid for user-to-user only"),
            Map.entry("0x1f", "integrity check on decrypted field failed"),
            Map.entry("0x20", "ticket expired"),
            Map.entry("0x22", "request is a replay"),
            Map.entry("0x25", "clock skew too great"),
            Map.entry("0x29", "message stream modified"),
            Map.entry("0x3c", "generic error"));

    private FailureReasons() {
    }

    /**
     * A 4625/4776 failure in words with its code: the sub-status when the status is the generic
     * "bad user name or password" or "account restriction" and a sub-status is given
     * ({@code wrong password (0xC000006A)}); an unknown code is given as the code.
     */
    public static String nt(String status, String subStatus) {
        String s = code(status);
        String sub = code(subStatus);
        if (sub != null && !sub.equals("0x0") && (s == null || s.equals("0xc000006d") || s.equals("0xc000006e") || s.equals("0x0"))) {
            s = sub;
        }
        if (s == null) {
            return "unknown";
        }
        String words = NT.get(s);
        String upper = "0x" + s.substring(2).toUpperCase(Locale.ROOT);
        return words == null ? "status " + upper : words + " (" + upper + ")";
    }

    /** A Kerberos result code (4768/4769/4771 {@code Status}) in words with its code. */
    public static String kerberos(String status) {
        String s = code(status);
        if (s == null) {
            return "unknown";
        }
        String words = KERBEROS.get(s);
        String upper = "0x" + s.substring(2).toUpperCase(Locale.ROOT);
        return words == null ? "Kerberos error " + upper : words + " (" + upper + ")";
    }

    /** True for a success status ({@code 0x0}, {@code 0}, absent). */
    public static boolean success(String status) {
        String s = code(status);
        return s == null || s.equals("0x0");
    }

    /** {@code 0xC000006A} as {@code 0xc000006a}, leading zeros dropped ({@code 0x00000018} is {@code 0x18}); null when absent. */
    static String code(String v) {
        if (Endpoints.absent(v)) {
            return null;
        }
        String t = v.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("%%")) {
            return null;
        }
        String hex;
        if (t.startsWith("0x")) {
            hex = t.substring(2);
        } else {
            try {
                hex = Long.toHexString(Long.parseLong(t));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        int i = 0;
        while (i < hex.length() - 1 && hex.charAt(i) == '0') {
            i++;
        }
        return "0x" + hex.substring(i);
    }
}
