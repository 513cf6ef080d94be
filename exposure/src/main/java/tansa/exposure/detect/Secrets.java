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
    private final TokenChecksums checksums = new TokenChecksums();

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

    /**
     * At the underscore of ghp_ / gho_ / ghu_ / ghs_ / ghr_ or npm_ (30 random characters and their
     * CRC32: a placeholder or a look-alike fails the checksum), or of github_pat_ (fine-grained: 22
     * characters, an underscore, 59 characters; no public checksum, so a placeholder is told by its
     * few distinct characters).
     */
    int githubAt(int i) {
        char t = s.at(i - 1);
        if (s.at(i - 3) == 'g' && s.at(i - 2) == 'h' && (t == 'p' || t == 'o' || t == 'u' || t == 's' || t == 'r')
                && !Chars.isWordChar(s.at(i - 4))) {
            return checksummed(i, SECRET_GITHUB_TOKEN);
        }
        if (t == 'm' && s.at(i - 2) == 'p' && s.at(i - 3) == 'n' && !Chars.isWordChar(s.at(i - 4))) {
            return checksummed(i, SECRET_NPM_TOKEN);
        }
        if (t == 'b' && s.startsWith(i - 6, "github_pat_") && !Chars.isWordChar(s.at(i - 7))) {
            int start = i - 6;
            int p1 = i + 5;
            int k = p1;
            while (k < s.len && TokenChecksums.base62(s.buf[k]) >= 0) {
                k++;
            }
            if (k - p1 != 22 || s.at(k) != '_') {
                return k;
            }
            int p2 = k + 1;
            k = p2;
            while (k < s.len && TokenChecksums.base62(s.buf[k]) >= 0) {
                k++;
            }
            if (k - p2 == 59 && !Chars.isWordChar(s.at(k)) && TokenChecksums.looksRandom(s.buf, p2, k, 20)) {
                s.emit(SECRET_GITHUB_TOKEN, null, null, start, k, s.text(start, k), 0.97);
            }
            return k;
        }
        return i + 1;
    }

    /** A four-character prefix ending at the underscore i, then 30 random characters and their CRC32. */
    private int checksummed(int i, FindingType type) {
        int start = i - 3;
        int k = i + 1;
        while (k < s.len && TokenChecksums.base62(s.buf[k]) >= 0) {
            k++;
        }
        if (k - (i + 1) == 36 && !Chars.isWordChar(s.at(k)) && checksums.crc32Base62(s.buf, i + 1)) {
            s.emit(type, null, null, start, k, s.text(start, k), 0.99);
        }
        return k;
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
     * At a hyphen: a command-line password option ({@link #optionAt}), PowerShell's
     * ConvertTo-SecureString, the end of the xox? prefix of a Slack token (the hyphen, rarer than
     * the x, is the trigger), or else a private key header.
     */
    int hyphenAt(int i) {
        char prev = s.at(i - 1);
        if (prev == ' ' || prev == '\t') {
            int r = optionAt(i);
            if (r > i + 1) {
                return r;
            }
        } else if ((prev | 0x20) == 'o' && (s.at(i + 1) | 0x20) == 's' && s.startsWithIgnoreCase(i - 9, "convertto-securestring")) {
            int r = secureStringAt(i);
            if (r > i + 1) {
                return r;
            }
        }
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
        if (g == 4) {
            ve = ampersandsIn(ve);
        }
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

    /**
     * An unquoted value stops at {@code &} for a query string ({@code ?password=x&user=y}); a
     * password holds one when what follows is no {@code name=} ({@code SMTP_PASSWORD=Summer51&6}).
     */
    private int ampersandsIn(int ve) {
        while (s.at(ve) == '&') {
            int k = ve + 1;
            while (Chars.isWordChar(s.at(k)) || s.at(k) == '.' || s.at(k) == '-') {
                k++;
            }
            if (s.at(k) == '=' || k == ve + 1 && !isValueChar(s.at(k))) {
                return ve;
            }
            while (isValueChar(s.at(k))) {
                k++;
            }
            ve = k;
        }
        return ve;
    }

    private static boolean isValueChar(char c) {
        return c > ' ' && c < 0x7F && c != '"' && c != '\'' && c != '<' && c != '>' && c != ';' && c != ',' && c != '&'
                && c != '(' && c != ')' && c != '[' && c != ']' && c != '{' && c != '}';
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

    /** Where a user-info password is itself a token: its own detector reports it, by its type. */
    private static final String[] TOKEN_PREFIXES = {"ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "npm_", "xoxb-", "xoxp-",
        "xoxa-", "xoxo-", "xoxs-", "xoxr-", "eyJ"};

    /**
     * At a colon: scheme://user:password@host (the password of a connection string or URL, any
     * scheme: {@code mysql2}, {@code postgresql+psycopg2}, {@code mongodb+srv}, {@code smb}...),
     * {@code net use ... /user:}, or else a password assignment's separator. The scan goes on
     * just after the {@code ://}, so the other detectors still see the user-info and host; a
     * password that is a token ({@code https://x-access-token:ghp_...@github.com}) is left to the
     * token's detector.
     */
    int colonAt(int i) {
        if (s.at(i + 1) != '/' || s.at(i + 2) != '/') {
            if ((s.at(i - 1) | 0x20) == 'r' && s.startsWithIgnoreCase(i - 5, "/user")) {
                return netUseAt(i);
            }
            return passwordAt(i);
        }
        int k = i;
        while (k > 0 && k > i - 32 && isSchemeChar(s.buf[k - 1])) {
            k--;
        }
        while (k < i && !Chars.isAsciiLetter(s.buf[k])) {
            k++;
        }
        if (k == i) {
            return i + 3;
        }
        int start = i + 3;
        int lim = Math.min(s.len, start + 256);
        int colon = -1;
        int at = -1;
        for (int q = start; q < lim; q++) {
            char c = s.buf[q];
            if (c == '/' || Chars.isSpace(c) || Chars.isLineBreak(c) || c == '"' || c == '\'' || c == '<' || c == '>') {
                break;
            }
            // a query or fragment ends the authority, but people write # and ? in a password unescaped
            if ((c == '?' || c == '#') && colon < 0) {
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
        for (String p : TOKEN_PREFIXES) {
            if (s.startsWith(colon + 1, p)) {
                return i + 3;
            }
        }
        String pw = s.text(colon + 1, at);
        if (!plausiblePassword(pw) && !(pw.length() >= 1 && pw.length() < 4 && !pw.startsWith("$") && !pw.startsWith("*"))) {
            return i + 3;
        }
        s.emit(SECRET_PASSWORD, null, null, colon + 1, at, pw, 0.95);
        return i + 3;
    }

    private static boolean isSchemeChar(char c) {
        return Chars.isAsciiLetter(c) || Chars.isAsciiDigit(c) || c == '+' || c == '-' || c == '.';
    }

    // ---- passwords on command lines ----

    /**
     * At the colon of {@code /user:} on a {@code net use} line: the password is the word after the
     * user name ({@code net use Z: \\srv\share /user:DOM\\user P@ssw0rd}) or the one before
     * {@code /user:} ({@code net use \\srv\ipc$ P@ssw0rd /user:DOM\\user}); {@code *} asks for it.
     */
    private int netUseAt(int i) {
        int ls = s.lineStart(i);
        if (!lineHas(ls, i, "net use") && !lineHas(ls, i, "net.exe use")) {
            return i + 1;
        }
        int k = i + 1;
        int userEnd = valueEnd(k);
        k = userEnd;
        while (Chars.isSpace(s.at(k))) {
            k++;
        }
        char c = s.at(k);
        if (c != '/' && c != 0 && !Chars.isLineBreak(c)) {
            return commandPassword(k, 0.9);
        }
        // the password before /user: the word before it, unless a share, a drive or the verb
        int e = i - 5;
        while (e > ls && Chars.isSpace(s.buf[e - 1])) {
            e--;
        }
        int b = e;
        while (b > ls && !Chars.isSpace(s.buf[b - 1])) {
            b--;
        }
        if (e > b && s.buf[b] != '\\' && s.buf[e - 1] != ':' && !s.startsWithIgnoreCase(b, "use") && s.buf[b] != '/') {
            emitIfPlausible(b, e, 0.9);
        }
        return userEnd;
    }

    /**
     * At a hyphen after a blank: a command-line option that takes a password ({@code sshpass -p P},
     * {@code psexec -u U -p P}, {@code mysql -pP}, {@code curl -u user:P}, {@code plink -pw P},
     * {@code smbclient -U user%P}); or the hyphen of PowerShell's {@code ConvertTo-SecureString 'P'
     * -AsPlainText}. Returns i + 1 when none.
     */
    private int optionAt(int i) {
        char o = s.at(i + 1);
        char after = s.at(i + 2);
        if (o == 'p' && after == 'w' && s.at(i + 3) == ' ') {
            return lineHasAny(i, "plink", "pscp", "psftp") ? commandPassword(i + 4, 0.9) : i + 1;
        }
        if (o == 'p' && after == ' ') {
            int ls = s.lineStart(i);
            boolean sshpass = lineHas(ls, i, "sshpass");
            boolean withUser = lineHas(ls, i, " -u ") && !lineHasAny(i, "mysql", "mariadb");
            return sshpass || withUser ? commandPassword(i + 3, 0.9) : i + 1;
        }
        if (o == 'p' && after > ' ' && after != '-' && after != '=' && lineHasAny(i, "mysql", "mariadb")) {
            return commandPassword(i + 2, 0.9);
        }
        if ((o == 'u' && after == ' ' || o == '-' && s.startsWith(i + 2, "user ")) && lineHasAny(i, "curl")) {
            int k = o == 'u' ? i + 3 : i + 7;
            return userColonPassword(k, ':');
        }
        if (o == 'U' && after == ' ' && lineHasAny(i, "smbclient", "rpcclient")) {
            return userColonPassword(i + 3, '%');
        }
        return i + 1;
    }

    /** {@code user:password} (curl) or {@code user%password} (Samba), quoted or not. */
    private int userColonPassword(int k, char sep) {
        while (Chars.isSpace(s.at(k))) {
            k++;
        }
        int q = s.at(k) == '"' || s.at(k) == '\'' ? 1 : 0;
        int end = valueEnd(k);
        int vs = k + q;
        int ve = end - q;
        for (int c = vs; c < ve; c++) {
            if (s.buf[c] == sep) {
                emitIfPlausible(c + 1, ve, 0.9);
                break;
            }
        }
        return end;
    }

    /** {@code ConvertTo-SecureString 'P' -AsPlainText -Force} (or {@code -String 'P'}), at the hyphen. */
    private int secureStringAt(int i) {
        int k = i + 13;
        while (Chars.isSpace(s.at(k))) {
            k++;
        }
        if (s.startsWithIgnoreCase(k, "-string ")) {
            k += 8;
            while (Chars.isSpace(s.at(k))) {
                k++;
            }
        }
        char q = s.at(k);
        if ((q != '"' && q != '\'') || !lineHasAny(i, "-asplaintext")) {
            return i + 1;
        }
        return commandPassword(k, 0.95);
    }

    /** The password word at k (quoted or not); reported if plausible. Returns its end. */
    private int commandPassword(int k, double confidence) {
        while (Chars.isSpace(s.at(k))) {
            k++;
        }
        int end = valueEnd(k);
        char q = s.at(k);
        if ((q == '"' || q == '\'') && end - k >= 2 && s.at(end - 1) == q) {
            emitIfPlausible(k + 1, end - 1, confidence);
        } else {
            emitIfPlausible(k, end, confidence);
        }
        return Math.max(end, k + 1);
    }

    private void emitIfPlausible(int from, int to, double confidence) {
        if (to - from < 1 || to - from > 128) {
            return;
        }
        String v = s.text(from, to);
        if (plausiblePassword(v) && !v.startsWith("-") && !v.startsWith("/") && !v.startsWith("\\")) {
            s.emit(SECRET_PASSWORD, null, null, from, to, v, confidence);
        }
    }

    /** End of a command-line word at k: a quoted string with its closing quote, or up to a blank. */
    private int valueEnd(int k) {
        int lim = Math.min(s.len, k + 200);
        char q = s.at(k);
        if (q == '"' || q == '\'') {
            for (int e = k + 1; e < lim && !Chars.isLineBreak(s.buf[e]); e++) {
                if (s.buf[e] == q) {
                    return e + 1;
                }
            }
            return k + 1;
        }
        int e = k;
        while (e < lim && !Chars.isSpace(s.buf[e]) && !Chars.isLineBreak(s.buf[e])) {
            e++;
        }
        return e;
    }

    private boolean lineHasAny(int i, String... lowerWords) {
        int ls = s.lineStart(i);
        int le = s.lineEnd(i);
        for (String w : lowerWords) {
            if (lineHas(ls, le, w)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the lower-case word occurs in [from, to). */
    private boolean lineHas(int from, int to, String lowerWord) {
        for (int k = from; k + lowerWord.length() <= to; k++) {
            if (s.startsWithIgnoreCase(k, lowerWord)) {
                return true;
            }
        }
        return false;
    }
}
