package tansa.exposure.report;

import tansa.exposure.detect.FindingType;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** What of a sensitive value may be printed: enough to recognise it, not enough to use it. */
public final class Masking {
    private Masking() {
    }

    public static String mask(FindingType type, String value) {
        switch (type) {
            case MARKING_CLASSIFICATION:
            case MARKING_EXPORT_CONTROL:
            case KEYWORD:
                return value;
            case PII_EMAIL: {
                int at = value.indexOf('@');
                return at <= 0 ? stars(value.length()) : value.charAt(0) + "***" + value.substring(at);
            }
            case SECRET_PRIVATE_KEY:
                return value; // the -----BEGIN ... PRIVATE KEY----- header only; the key material is not in the value
            case SECRET_PASSWORD:
                return "********";
            case SECRET_AWS_ACCESS_KEY:
            case SECRET_GITHUB_TOKEN:
            case SECRET_NPM_TOKEN:
            case SECRET_SLACK_TOKEN:
            case SECRET_JWT:
                return value.substring(0, Math.min(4, value.length())) + "****";
            case PII_PERSON_NAME:
            case PII_ADDRESS:
                return keepHead(value, type == FindingType.PII_ADDRESS ? 4 : 1);
            default:
                return keepLastFour(value);
        }
    }

    /** Replaces every letter and digit but the last four with *, keeping separators. */
    static String keepLastFour(String v) {
        // Over a char[]: String.charAt in a loop gets C2's code thrown away whenever the strings
        // seen switch between Latin-1 and UTF-16 (a profiled loop predicate on the coder).
        char[] cs = v.toCharArray();
        int alnum = 0;
        for (char c : cs) {
            if (Character.isLetterOrDigit(c)) {
                alnum++;
            }
        }
        int seen = 0;
        for (int k = 0; k < cs.length; k++) {
            if (Character.isLetterOrDigit(cs[k])) {
                seen++;
                if (seen <= alnum - 4) {
                    cs[k] = '*';
                }
            }
        }
        return new String(cs);
    }

    private static String keepHead(String v, int n) {
        int cps = v.codePointCount(0, v.length());
        if (cps <= n) {
            return stars(cps);
        }
        int end = v.offsetByCodePoints(0, n);
        return v.substring(0, end) + stars(cps - n);
    }

    private static String stars(int n) {
        return "*".repeat(Math.max(1, Math.min(n, 12)));
    }

    /** SHA-256 (hex) of the normalised value: equal values in different files hash alike. */
    public static String sha256(String normalized) {
        return HexFormat.of().formatHex(newSha256().digest(normalized.getBytes(StandardCharsets.UTF_8)));
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
