package tansa.exposure.detect;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static tansa.exposure.detect.FindingType.*;

/** Credentials: private keys, cloud and chat tokens, JWTs, password assignments and connection strings. */
final class Secrets {
    /**
     * The keys of a password assignment, in the order the pattern tries them; {@link #keyStart}
     * finds one before its separator (at most one ends at a place).
     */
    private static final String[] KEYS = {"password", "passwd", "passcode", "pwd", "pass", "\u30D1\u30B9\u30EF\u30FC\u30C9", "\u6697\u8A3C\u756A\u53F7"};
    private static final Pattern PASSWORD = Pattern.compile(
            "(?:" + String.join("|", KEYS) + ")[\"']?[ \\t]{0,3}(?::=|=>|[:=\uFF1A])[ \\t\u3000]{0,3}"
                    + "(?:\"([^\"\\r\\n]{1,128})\"|'([^'\\r\\n]{1,128})'|\u300C([^\u300D\\r\\n]{1,128})\u300D|([^\\s\"'<>;,&()\\[\\]{}]{1,128}))",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SLACK = Pattern.compile("xox[abposr]-\\d{6,}-[0-9A-Za-z-]{8,}");
    private static final Pattern WEBHOOK = Pattern.compile("hooks\\.slack\\.com/services/T[A-Z0-9]{6,}/B[A-Z0-9]{6,}/[A-Za-z0-9]{16,}");
    private static final Pattern JWT = Pattern.compile("eyJ([A-Za-z0-9_-]{8,})\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}");
    private static final Pattern PRIVATE_KEY = Pattern.compile("-----BEGIN (?:[A-Z0-9]+ ){0,2}PRIVATE KEY(?: BLOCK)?-----");
    private static final String[] AWS_PREFIXES = {"AKIA", "ASIA", "ABIA", "ACCA", "AGPA", "AIDA", "AROA", "AIPA", "ANPA", "ANVA", "APKA"};
    private static final Set<String> SCHEMES = Set.of("mysql", "postgres", "postgresql", "mongodb", "mongodb+srv", "redis", "rediss",
            "amqp", "amqps", "ftp", "ftps", "sftp", "smtp", "smtps", "mssql", "sqlserver", "oracle", "ldap", "ldaps", "http", "https",
            "mariadb", "jdbc", "imap", "imaps", "pop3", "ssh", "telnet", "smb");
    private static final Set<String> PLACEHOLDERS = Set.of("null", "none", "nil", "true", "false", "required", "optional", "string",
            "password", "passwd", "your_password", "yourpassword", "your-password", "redacted", "hidden", "removed", "masked",
            "example", "undefined", "empty", "blank", "n/a", "na", "tbd", "xxx", "must", "should", "is", "the", "will");

    /** Values that are code reading the password from elsewhere, not the password. */
    private static final String[] CODE_PREFIXES = {"os.", "env(", "env[", "env.", "env:", "process.env", "getenv", "system.",
        "config.", "settings.", "vault:", "secrets."};

    private final TextScanner s;
    private final Matcher password = PASSWORD.matcher("");
    private final Matcher slack = SLACK.matcher("");
    private final Matcher webhook = WEBHOOK.matcher("");
    private final Matcher jwt = JWT.matcher("");
    private final Matcher privateKey = PRIVATE_KEY.matcher("");

    Secrets(TextScanner s) {
        this.s = s;
    }


    int privateKeyAt(int i) {
        if (s.at(i + 1) != '-' || !s.startsWith(i, "-----BEGIN ")) {
            return i + 1;
        }
        int e = s.look(privateKey, i, 64);
        if (e < 0) {
            return i + 5;
        }
        // The header plus the first line of key material identifies the key for distinct counts.
        int k = e;
        while (k < s.len && Chars.isLineBreak(s.buf[k])) {
            k++;
        }
        int bodyEnd = k;
        while (bodyEnd < s.len && bodyEnd < k + 64 && !Chars.isLineBreak(s.buf[bodyEnd])) {
            bodyEnd++;
        }
        s.emit(SECRET_PRIVATE_KEY, null, null, i, e, s.text(i, e) + s.text(k, bodyEnd), 0.99);
        return e;
    }

    int awsAt(int i) {
        if (s.at(i + 1) < 'A' || s.at(i + 1) > 'Z' || Chars.isWordChar(s.at(i - 1))) {
            return i;
        }
        boolean prefix = false;
        for (String p : AWS_PREFIXES) {
            if (s.startsWith(i, p)) {
                prefix = true;
                break;
            }
        }
        if (!prefix) {
            return i;
        }
        for (int k = i + 4; k < i + 20; k++) {
            char c = s.at(k);
            if (!(Chars.isAsciiUpper(c) || Chars.isAsciiDigit(c))) {
                return i;
            }
        }
        if (Chars.isWordChar(s.at(i + 20))) {
            return i;
        }
        // AWS's documentation key (AKIAIOSFODNN7EXAMPLE) is a look-alike, not a leaked key.
        if (s.startsWith(i + 13, "EXAMPLE")) {
            return i + 20;
        }
        s.emit(SECRET_AWS_ACCESS_KEY, null, null, i, i + 20, s.text(i, i + 20), 0.98);
        return i + 20;
    }

    /** At the underscore of ghp_ / gho_ / ghu_ / ghs_ / ghr_ or github_pat_. */
    int githubAt(int i) {
        char t = s.at(i - 1);
        if (s.at(i - 3) == 'g' && s.at(i - 2) == 'h' && (t == 'p' || t == 'o' || t == 'u' || t == 's' || t == 'r')
                && !Chars.isWordChar(s.at(i - 4))) {
            int start = i - 3;
            int k = i + 1;
            while (k < s.len && (Chars.isAsciiLetter(s.buf[k]) || Chars.isAsciiDigit(s.buf[k]))) {
                k++;
            }
            if (k - (i + 1) == 36 && !Chars.isWordChar(s.at(k))) {
                s.emit(SECRET_GITHUB_TOKEN, null, null, start, k, s.text(start, k), 0.99);
            }
            return k;
        }
        if (t == 'b' && s.startsWith(i - 6, "github_pat_") && !Chars.isWordChar(s.at(i - 7))) {
            int start = i - 6;
            int k = i + 5;
            while (k < s.len && Chars.isWordChar(s.buf[k]) && s.buf[k] < 128) {
                k++;
            }
            if (k - (i + 5) >= 60) {
                s.emit(SECRET_GITHUB_TOKEN, null, null, start, k, s.text(start, k), 0.99);
            }
            return k;
        }
        return i + 1;
    }

    int slackTokenAt(int i) {
        if (s.at(i + 1) != 'o' || s.at(i + 2) != 'x' || Chars.isWordChar(s.at(i - 1))) {
            return i + 1;
        }
        int e = s.look(slack, i, 256);
        if (e < 0 || Chars.isWordChar(s.at(e))) {
            return i + 1;
        }
        s.emit(SECRET_SLACK_TOKEN, null, null, i, e, s.text(i, e), 0.98);
        return e;
    }

    /**
     * At a hyphen: the end of the xox? prefix of a Slack token (the hyphen, rarer than the x, is the
     * trigger), or else a private key header.
     */
    int hyphenAt(int i) {
        if (s.at(i - 4) == 'x' && s.at(i - 3) == 'o' && s.at(i - 2) == 'x') {
            int e = slackTokenAt(i - 4);
            if (e > i - 3) {
                return e;
            }
        }
        return privateKeyAt(i);
    }

    /** At the slash after hooks.slack.com. */
    int slackWebhookAt(int i) {
        int start = i - 15;
        if (s.at(i - 1) != 'm' || !s.startsWith(start, "hooks.slack.com/services/")) {
            return i + 1;
        }
        int e = s.look(webhook, start, 256);
        if (e < 0) {
            return i + 1;
        }
        s.emit(SECRET_SLACK_TOKEN, null, null, start, e, s.text(start, e), 0.97);
        return e;
    }

    /** At the J of the eyJ that starts a JWT header. */
    int jwtAt(int i) {
        int start = i - 2;
        if (s.at(i - 1) != 'y' || s.at(start) != 'e' || Chars.isWordChar(s.at(start - 1))) {
            return i + 1;
        }
        int e = s.look(jwt, start, 4096);
        if (e < 0 || Chars.isWordChar(s.at(e))) {
            return i + 1;
        }
        String header;
        try {
            header = new String(Base64.getUrlDecoder().decode(pad("eyJ" + jwt.group(1))), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return i + 1;
        }
        if (!header.contains("\"alg\"") && !header.contains("\"typ\"")) {
            return i + 1;
        }
        s.emit(SECRET_JWT, null, null, start, e, s.text(start, e), 0.98);
        return e;
    }

    private static String pad(String b64) {
        int r = b64.length() % 4;
        return r == 2 ? b64 + "==" : r == 3 ? b64 + "=" : r == 1 ? b64.substring(0, b64.length() - 1) : b64;
    }

    /**
     * password = value, "password": "value", パスワード：value, Pwd=value; in ADO connection strings.
     * At a separator ({@code : = ：}): a password key just before it (password, passwd, passcode,
     * pwd, pass, パスワード, 暗証番号; an optional quote and up to three blanks between) starts
     * the assignment. Triggered by the separator, far rarer in text than the key's first letter.
     */
    int passwordAt(int sep) {
        int k = sep;
        for (int n = 0; n < 3 && (s.at(k - 1) == ' ' || s.at(k - 1) == '\t'); n++) {
            k--;
        }
        if (s.at(k - 1) == '"' || s.at(k - 1) == '\'') {
            k--;
        }
        int i = keyStart(k);
        if (i < 0) {
            return sep + 1;
        }
        int e = s.look(password, i, 200);
        if (e < 0) {
            return sep + 1;
        }
        int g = 1;
        while (password.group(g) == null) {
            g++;
        }
        int vs = password.start(g);
        int ve = password.end(g);
        String value = s.text(vs, ve);
        if (g == 4 && prose(value, ve)) {
            return e;
        }
        if (!plausiblePassword(value)) {
            return e;
        }
        s.emit(SECRET_PASSWORD, null, null, vs, ve, value, 0.9);
        return e;
    }

    /** Start of the password key that ends just before {@code end}, or -1. */
    private int keyStart(int end) {
        // Every key ends in d, e, s (either case), ド or 号: most separators (times, labels, URLs)
        // stop here.
        char last = s.at(end - 1);
        char lower = (char) (last | 0x20);
        if (lower != 'd' && lower != 'e' && lower != 's' && last != '\u30C9' && last != '\u53F7') {
            return -1;
        }
        for (String key : KEYS) {
            int i = end - key.length();
            if (key.charAt(0) < 0x80 ? s.startsWithIgnoreCase(i, key) : s.startsWith(i, key)) {
                return i;
            }
        }
        return -1;
    }

    /** "Password: must be 8 characters": a lower-case word followed by more words is prose. */
    private boolean prose(String value, int end) {
        for (int k = 0; k < value.length(); k++) {
            char c = value.charAt(k);
            if (!(c >= 'a' && c <= 'z')) {
                return false;
            }
        }
        return s.at(end) == ' ' && Chars.isAsciiLetter(s.at(end + 1));
    }

    static boolean plausiblePassword(String v) {
        if (v.length() < 4) {
            return false;
        }
        String lower = v.toLowerCase(Locale.ROOT);
        if (PLACEHOLDERS.contains(lower)) {
            return false;
        }
        char first = v.charAt(0);
        if (first == '$' || first == '%' || first == '{' || first == '<' || first == '#' || first == '@') {
            return false;
        }
        for (String code : CODE_PREFIXES) {
            if (lower.startsWith(code)) {
                return false;
            }
        }
        if (lower.contains("...")) {
            return false;
        }
        boolean same = true;
        for (char c : v.toCharArray()) {
            if (c < 0x21 || c > 0x7E) {
                return false;
            }
            if (c != first) {
                same = false;
            }
        }
        return !same;
    }

    /**
     * At a colon: scheme://user:password@host (the password of a connection string or URL), or
     * else a password assignment's separator.
     */
    int colonAt(int i) {
        if (s.at(i + 1) != '/' || s.at(i + 2) != '/') {
            return passwordAt(i);
        }
        int k = i;
        while (k > 0 && k > i - 20 && (Chars.isAsciiLetter(s.buf[k - 1]) || Chars.isAsciiDigit(s.buf[k - 1]) || s.buf[k - 1] == '+')) {
            k--;
        }
        String scheme = s.text(k, i).toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme)) {
            return i + 3;
        }
        int start = i + 3;
        int lim = Math.min(s.len, start + 256);
        int colon = -1;
        int at = -1;
        for (int q = start; q < lim; q++) {
            char c = s.buf[q];
            if (c == '/' || c == '?' || c == '#' || Chars.isSpace(c) || Chars.isLineBreak(c) || c == '"' || c == '\'') {
                break;
            }
            if (c == ':' && colon < 0) {
                colon = q;
            }
            if (c == '@') {
                at = q;
            }
        }
        if (colon < 0 || at < colon + 2) {
            return i + 3;
        }
        String pw = s.text(colon + 1, at);
        if (!plausiblePassword(pw) && !(pw.length() >= 1 && pw.length() < 4 && !pw.startsWith("$") && !pw.startsWith("*"))) {
            return at;
        }
        s.emit(SECRET_PASSWORD, null, null, colon + 1, at, pw, 0.95);
        return at;
    }
}
